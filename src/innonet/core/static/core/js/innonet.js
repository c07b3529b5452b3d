// Small behaviours without inline scripts (the CSP forbids them).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-autosubmit]").forEach((element) => {
    element.addEventListener("change", () => element.form.submit());
  });
  document.querySelectorAll("[data-copy-target]").forEach((button) => {
    button.addEventListener("click", () => {
      const target = document.getElementById(button.dataset.copyTarget);
      if (target && navigator.clipboard) {
        navigator.clipboard.writeText(target.textContent.trim());
        button.textContent = button.dataset.copiedLabel || button.textContent;
      }
    });
  });
  document.querySelectorAll("[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
});
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector("meta[name=csrf-token]");
  if (token) event.detail.headers["X-CSRFToken"] = token.content;
});

// Multi-selects (core.widgets.MultiSelect): Tom Select, loaded from our static files only on
// pages that have one, turns each into a searchable list with removable chips. Without
// JavaScript, or if the library fails to load, the plain <select multiple> stays.
(() => {
  let loading = null;

  function load(select) {
    if (window.TomSelect) return Promise.resolve();
    if (loading) return loading;
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = select.dataset.multiselectCss;
    document.head.appendChild(style);
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = select.dataset.multiselectJs;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return loading;
  }

  function enhance(select) {
    if (select.tomselect) return;
    const removeLabel = select.dataset.removeLabel || "%s";
    const widget = new window.TomSelect(select, {
      plugins: { remove_button: { title: removeLabel.replace("%s", "").trim() } },
      maxOptions: null,
      // Filter at once (the default waits 300 ms): Enter right after typing takes the match.
      refreshThrottle: 0,
      hidePlaceholder: false,
      placeholder: select.dataset.placeholder,
      closeAfterSelect: false,
      render: {
        no_results: () => {
          const div = document.createElement("div");
          div.className = "no-results";
          div.textContent = select.dataset.noResults;
          return div;
        },
      },
      onItemAdd() {
        this.setTextboxValue("");
        this.refreshOptions(false);
      },
    });
    // The remove buttons' labels in the page's language ("Remove X" by default).
    const relabel = () => {
      widget.control.querySelectorAll(".item").forEach((item) => {
        const button = item.querySelector("button.remove");
        const text = item.firstChild ? item.firstChild.textContent.trim() : "";
        if (button) button.setAttribute("aria-label", removeLabel.replace("%s", text));
      });
    };
    widget.on("item_add", relabel);
    relabel();
    // The hidden original stays only to submit the values: screen readers meet the combobox.
    select.setAttribute("aria-hidden", "true");
  }

  function enhanceAll(root) {
    const selects = root.querySelectorAll("select[data-multiselect]");
    if (!selects.length) return;
    load(selects[0]).then(() => selects.forEach(enhance)).catch(() => {});
  }

  document.addEventListener("DOMContentLoaded", () => enhanceAll(document));
  document.addEventListener("htmx:load", (event) => enhanceAll(event.detail.elt));
})();
