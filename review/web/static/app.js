// Keyboard use of the review station: j/k move, Enter opens, a/e/r focus an action, u goes up, ? shows help.
(function () {
  "use strict";
  function typing(target) {
    return target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
  }
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("[data-list] tr[data-row]")); }
  function select(index) {
    var all = rows();
    if (!all.length) { return; }
    index = Math.max(0, Math.min(index, all.length - 1));
    all.forEach(function (row) { row.classList.remove("selected"); });
    all[index].classList.add("selected");
    all[index].scrollIntoView({ block: "nearest" });
  }
  function current() { return rows().findIndex(function (row) { return row.classList.contains("selected"); }); }
  function go(selector) {
    var link = document.querySelector(selector);
    if (link && link.href) { window.location.href = link.href; return true; }
    return false;
  }
  function focus(key) {
    var field = document.querySelector('[data-key="' + key + '"]');
    if (field) { field.focus(); return true; }
    return false;
  }
  document.addEventListener("click", function (event) {
    var row = event.target.closest && event.target.closest("tr[data-row]");
    if (row && !event.target.closest("a, button, input, select, textarea")) { window.location.href = row.dataset.href; }
    if (event.target.closest && event.target.closest("[data-help]")) { document.getElementById("help").showModal(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && typing(event.target)) { event.target.blur(); return; }
    if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var listed = rows().length > 0, handled = true;
    switch (event.key) {
      case "j": if (listed) { select(current() + 1); } else { handled = go('[data-key="next"]'); } break;
      case "k": if (listed) { select(current() - 1); } else { handled = go('[data-key="prev"]'); } break;
      case "Enter": handled = listed && current() >= 0 && !!(window.location.href = rows()[current()].dataset.href); break;
      case "a": handled = focus("accept"); break;
      case "e": handled = focus("correct"); break;
      case "r": handled = focus("return"); break;
      case "u": handled = go("[data-up]"); break;
      case "?": document.getElementById("help").open ? document.getElementById("help").close() : document.getElementById("help").showModal(); break;
      default: handled = false;
    }
    if (handled) { event.preventDefault(); }
  });
}());
