"use strict";
(function () {
  // Table filter: every word typed must occur in a row (case and accents ignored).
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    var status = document.getElementById(input.id + "-status");
    if (!table || !table.tBodies.length) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) { return fold(row.textContent); });
    input.closest(".filter").hidden = false;
    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, index) {
        var keep = words.every(function (word) { return texts[index].indexOf(word) !== -1; });
        row.hidden = !keep;
        if (keep) { shown += 1; }
      });
      status.textContent = shown + " of " + rows.length + " shown";
    }
    input.addEventListener("input", apply);
    apply();
  });
  // A span split around a crossing one is several <mark>s: light them all when it is the target.
  function target() {
    document.querySelectorAll("mark.target").forEach(function (mark) { mark.classList.remove("target"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) { return; }
    document.querySelectorAll("mark[data-span]").forEach(function (mark) {
      if (mark.getAttribute("data-span") === id) { mark.classList.add("target"); }
    });
  }
  window.addEventListener("hashchange", target);
  target();
})();
