// Park Hub: small behaviours, no inline scripts (the CSP forbids them).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// Tables marked .table-stack: every cell learns its column's heading (data-label), so that below
// 576 px each row shows as a card of "heading: value" lines (app.css). Without this script the
// table keeps its columns and scrolls inside its .table-responsive box.
(function () {
  function headings(table) {
    var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    var labels = [];
    if (!head) { return labels; }
    for (var i = 0; i < head.cells.length; i++) {
      var text = head.cells[i].textContent.replace(/[▲▼↑↓⇅]/g, "").replace(/\s+/g, " ").trim();
      for (var k = 0; k < (head.cells[i].colSpan || 1); k++) { labels.push(text); }
    }
    return labels;
  }
  function stack(table) {
    var labels = headings(table);
    if (!labels.length) { return; }
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll("thead, tbody, tfoot"), function (g) {
      g.setAttribute("role", "rowgroup");
    });
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute("role", "row");
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        var span = cell.colSpan || 1;
        if (cell.tagName === "TH" && row.parentNode.tagName === "THEAD") {
          cell.setAttribute("role", "columnheader");
        } else {
          cell.setAttribute("role", cell.tagName === "TH" ? "rowheader" : "cell");
          if (span >= labels.length) {
            cell.classList.add("stack-whole");
          } else if (labels[column]) {
            cell.setAttribute("data-label", labels[column]);
          }
        }
        column += span;
      });
    });
    table.setAttribute("data-stacked", "");
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.table-stack"), stack);
})();

// Checkbox pickers (_pickers.html): "select all / none", a button per park type or per park that
// ticks all of its group (or clears them when all are ticked), and a count of the ticked ones.
(function () {
  function boxes(picker, group) {
    var selector = "input[type=checkbox]" + (group ? "[data-group=\"" + group + "\"]" : "");
    return Array.prototype.slice.call(picker.querySelectorAll(selector));
  }
  function refresh(picker) {
    Array.prototype.forEach.call(picker.querySelectorAll("[data-pick-group]"), function (button) {
      var members = boxes(picker, button.getAttribute("data-pick-group"));
      var all = members.length > 0 && members.every(function (b) { return b.checked; });
      button.setAttribute("aria-pressed", all ? "true" : "false");
      button.classList.toggle("active", all);
    });
    var count = picker.querySelector(".picker-count");
    if (count) {
      var n = boxes(picker).filter(function (b) { return b.checked; }).length;
      count.textContent = count.getAttribute("data-template").replace("{n}", String(n));
    }
  }
  function tick(list, on) {
    list.forEach(function (b) {
      if (!b.disabled && b.checked !== on) {
        b.checked = on;
        b.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-picker]"), function (picker) {
    Array.prototype.forEach.call(picker.querySelectorAll(".picker-tools, [data-pick-group]"),
      function (el) { el.hidden = false; });
    picker.addEventListener("click", function (event) {
      var button = event.target.closest("[data-pick], [data-pick-group]");
      if (!button || !picker.contains(button)) { return; }
      event.preventDefault();
      var what = button.getAttribute("data-pick");
      if (what) {
        tick(boxes(picker), what === "all");
      } else {
        var members = boxes(picker, button.getAttribute("data-pick-group"));
        tick(members, !members.every(function (b) { return b.checked; }));
      }
      refresh(picker);
    });
    picker.addEventListener("change", function () { refresh(picker); });
    refresh(picker);
  });
})();

// A checkbox with data-disables="ID" (e.g. 发送至全部园区): while it is ticked, the element ID (a
// picker's fieldset) is disabled and greyed out, so its choices can be neither changed nor sent.
// The server ignores them in that case anyway.
(function () {
  Array.prototype.forEach.call(document.querySelectorAll("input[type=checkbox][data-disables]"),
    function (box) {
      var target = document.getElementById(box.getAttribute("data-disables"));
      if (!target) { return; }
      box.setAttribute("aria-controls", target.id);
      function apply() {
        target.disabled = box.checked;
        target.classList.toggle("is-off", box.checked);
      }
      box.addEventListener("change", apply);
      apply();
    });
})();
