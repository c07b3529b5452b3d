// The project board: drag a card to another column to move the project. The drop fills in
// and posts the card's own move form (the same one its "Move" button sends), so the server
// applies the same rules; without JavaScript the button works alone.
document.addEventListener("DOMContentLoaded", () => {
  const board = document.querySelector("[data-board-movable]");
  if (!board) return;
  const status = document.querySelector("[data-board-status]");
  let dragged = null;

  const allowedOption = (card, stage) => {
    const select = card.querySelector("[data-move-form] select[name=to_stage]");
    if (!select) return null;
    return Array.from(select.options).find((option) => option.value === stage) || null;
  };
  const say = (text) => {
    if (!status) return;
    status.textContent = text;
    status.className = "alert alert-warning";
  };

  board.querySelectorAll(".board-card[draggable=true]").forEach((card) => {
    card.addEventListener("dragstart", (event) => {
      dragged = card;
      card.classList.add("is-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.dataset.project);
      board.querySelectorAll(".board-column").forEach((column) => {
        if (allowedOption(card, column.dataset.stage)) column.classList.add("can-drop");
      });
    });
    card.addEventListener("dragend", () => {
      card.classList.remove("is-dragging");
      board.querySelectorAll(".board-column").forEach((column) => {
        column.classList.remove("can-drop", "is-over");
      });
      dragged = null;
    });
  });

  board.querySelectorAll(".board-column").forEach((column) => {
    column.addEventListener("dragover", (event) => {
      if (!dragged || !allowedOption(dragged, column.dataset.stage)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      column.classList.add("is-over");
    });
    column.addEventListener("dragleave", () => column.classList.remove("is-over"));
    column.addEventListener("drop", (event) => {
      event.preventDefault();
      const card = dragged;
      if (!card || card.closest(".board-column") === column) return;
      const option = allowedOption(card, column.dataset.stage);
      if (!option) {
        say(
          board.dataset.msgNotAllowed
            .replace("%(from)s", card.dataset.fromLabel || "")
            .replace("%(to)s", column.dataset.stageLabel || "")
        );
        return;
      }
      const form = card.querySelector("[data-move-form]");
      const reasonInput = form.querySelector("input[name=reason]");
      if (option.hasAttribute("data-needs-reason") && !reasonInput.value.trim()) {
        const reason = window.prompt(board.dataset.msgReason);
        if (reason === null || !reason.trim()) return;
        reasonInput.value = reason.trim();
      }
      form.querySelector("select[name=to_stage]").value = option.value;
      form.submit();
    });
  });
});
