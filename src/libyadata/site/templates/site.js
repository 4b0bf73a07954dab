"use strict";
(function () {
  // Tables: filter by words, facets (status, kind, actor, place, years) and sorting. Without
  // script the table is whole and plain; each control lives in a form that script reveals.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function tools(form) {
    var target = form.getAttribute("data-tools");
    var table = document.getElementById(target);
    if (!table || !table.tBodies.length) { return; }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var order = rows.slice();
    var texts = rows.map(function (row) { return fold(row.textContent); });
    var input = form.querySelector("input[data-filter]");
    var sorter = form.querySelector("select[data-sort-select]");
    var status = document.getElementById("status-" + target);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    function checked(name) {
      var boxes = form.querySelectorAll("input[type=checkbox][data-facet='" + name + "']");
      var values = [];
      boxes.forEach(function (box) { if (box.checked) { values.push(box.value); } });
      return values;
    }
    function year(name) {
      var field = form.querySelector("input[data-date='" + name + "']");
      var value = field ? parseInt(field.value, 10) : NaN;
      return isNaN(value) ? null : value;
    }
    function apply() {
      var words = input ? fold(input.value).split(/\s+/).filter(Boolean) : [];
      var lists = {};
      form.querySelectorAll("input[type=checkbox][data-facet]").forEach(function (box) {
        lists[box.getAttribute("data-facet")] = checked(box.getAttribute("data-facet"));
      });
      var picks = [];
      form.querySelectorAll("select[data-facet]").forEach(function (select) {
        if (select.value) { picks.push([select.getAttribute("data-facet"), "|" + select.value + "|"]); }
      });
      var from = year("from");
      var to = year("to");
      var shown = 0;
      rows.forEach(function (row, index) {
        var keep = words.every(function (word) { return texts[index].indexOf(word) !== -1; });
        Object.keys(lists).forEach(function (name) {
          keep = keep && lists[name].indexOf(row.getAttribute("data-" + name) || "") !== -1;
        });
        picks.forEach(function (pick) {
          keep = keep && (row.getAttribute("data-" + pick[0]) || "").indexOf(pick[1]) !== -1;
        });
        if (keep && (from !== null || to !== null)) {
          // Kept when the years its date can fall in meet the years asked for; an open end
          // reaches as far as it may, and an undated row meets no range.
          var start = row.getAttribute("data-start") || "";
          var end = row.getAttribute("data-end") || "";
          if (!start && !end) { keep = false; }
          if (keep && from !== null && end && parseInt(end.slice(0, 4), 10) < from) { keep = false; }
          if (keep && to !== null && start && parseInt(start.slice(0, 4), 10) > to) { keep = false; }
        }
        row.hidden = !keep;
        if (keep) { shown += 1; }
      });
      if (status) { status.textContent = shown + " of " + rows.length + " shown"; }
    }
    function key(row, column) {
      var cell = row.cells[column];
      if (!cell) { return ""; }
      var sort = cell.getAttribute("data-sort");
      return sort !== null ? sort : cell.textContent.trim();
    }
    function sort(column, direction) {
      var sorted = order.slice();
      if (column !== null) {
        sorted.sort(function (a, b) {
          var result = key(a, column).localeCompare(key(b, column), undefined, { numeric: true, sensitivity: "base" });
          return direction === "desc" ? -result : result;
        });
      }
      sorted.forEach(function (row) { body.appendChild(row); });
      headers.forEach(function (header, index) {
        if (index === column) {
          header.setAttribute("aria-sort", direction === "desc" ? "descending" : "ascending");
        } else {
          header.removeAttribute("aria-sort");
        }
      });
      if (sorter) { sorter.value = column === null ? "" : column + ":" + direction; }
    }
    headers.forEach(function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (header.firstChild) { button.appendChild(header.firstChild); }
      header.appendChild(button);
      button.addEventListener("click", function () {
        var now = header.getAttribute("aria-sort");
        sort(index, now === "ascending" ? "desc" : "asc");
      });
    });
    if (sorter) {
      sorter.addEventListener("change", function () {
        var parts = sorter.value.split(":");
        sort(sorter.value ? parseInt(parts[0], 10) : null, parts[1] || "asc");
      });
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () {
      window.setTimeout(function () { sort(null, "asc"); apply(); }, 0);
    });
    apply();
  }
  document.querySelectorAll("form[data-tools]").forEach(tools);
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
