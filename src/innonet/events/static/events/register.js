// The registration form: "Add more rows" adds a colleague row in place instead of posting
// the form (without JavaScript the button posts and the page comes back with more rows).
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector("[data-add-colleague]");
  const template = document.querySelector("template[data-colleague-template]");
  const rows = document.querySelector("[data-colleague-rows]");
  const total = document.getElementById("id_colleagues-TOTAL_FORMS");
  if (!button || !template || !rows || !total) return;
  const max = parseInt(button.dataset.max, 10) || 20;
  const update = () => { button.disabled = parseInt(total.value, 10) >= max; };
  button.addEventListener("click", (event) => {
    event.preventDefault();
    const index = parseInt(total.value, 10);
    if (index >= max) return;
    const html = template.innerHTML
      .replace(/__prefix__/g, String(index))
      .replace(/__number__/g, String(index + 1));
    const holder = document.createElement("div");
    holder.innerHTML = html;
    const row = holder.firstElementChild;
    rows.appendChild(row);
    total.value = String(index + 1);
    const first = row.querySelector("input");
    if (first) first.focus();
    update();
  });
  update();
});
