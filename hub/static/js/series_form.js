// The series form: one recurrence builder at a time, a live preview of the next dates, and the
// rotating host picked from the parks in order. Without this script every builder shows, the
// preview appears after a submit, and the hosts are typed as a list of short names.
(function () {
  "use strict";
  var form = document.querySelector("form[data-testid=series-form]");
  if (!form) { return; }

  // --- one builder at a time -------------------------------------------------------------------
  var radios = form.querySelectorAll("input[type=radio][name=kind]");
  var panels = form.querySelectorAll("[data-kind-panel]");
  function chosenKind() {
    for (var i = 0; i < radios.length; i++) { if (radios[i].checked) { return radios[i].value; } }
    return "";
  }
  function showKind() {
    var kind = chosenKind();
    panels.forEach(function (panel) {
      panel.hidden = kind !== "" && panel.getAttribute("data-kind-panel") !== kind;
    });
  }
  radios.forEach(function (r) { r.addEventListener("change", showKind); });
  showKind();

  // --- the preview -----------------------------------------------------------------------------
  var box = form.querySelector("[data-series-preview-url]");
  var target = box && box.querySelector("[data-preview-target]");
  var timer = null;
  var latest = 0;
  function refresh() {
    if (!box) { return; }
    var ticket = ++latest;
    box.setAttribute("aria-busy", "true");
    fetch(box.getAttribute("data-series-preview-url"), {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: {"X-Requested-With": "fetch"}
    }).then(function (response) { return response.text(); }).then(function (html) {
      if (ticket !== latest) { return; }
      var doc = new DOMParser().parseFromString(html, "text/html");
      var body = doc.querySelector("[data-testid=series-preview-body]");
      target.replaceChildren();
      if (body) { target.appendChild(document.importNode(body, true)); }
      box.removeAttribute("aria-busy");
    }).catch(function () { box.removeAttribute("aria-busy"); });
  }
  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 300);
  }
  var watched = ["kind", "weekdays", "nth", "nth_weekday", "monthday", "custom_rrule",
                 "interval", "start_date", "end_kind", "until", "count", "holiday_policy",
                 "start_time", "timezone", "hosts"];
  form.addEventListener("input", function (e) {
    if (watched.indexOf(e.target.name) >= 0) { later(); }
  });
  form.addEventListener("change", function (e) {
    if (watched.indexOf(e.target.name) >= 0) { later(); }
  });

  // --- the host picker -------------------------------------------------------------------------
  var picker = form.querySelector("[data-host-picker]");
  var input = picker && picker.querySelector("input[name=hosts]");
  if (picker && input) {
    var parks = JSON.parse(picker.getAttribute("data-parks") || "[]");
    var label = function (key) { return picker.getAttribute("data-label-" + key) || key; };
    var separators = /\s*(?:->|→|,|，|、|;|；|\n|\r)\s*/;
    var order = input.value.split(separators).filter(function (n) { return n.trim() !== ""; });

    var ui = document.createElement("div");
    ui.className = "mb-2";
    ui.setAttribute("data-testid", "host-picker");
    var list = document.createElement("ol");
    list.className = "list-group list-group-numbered mb-2";
    list.setAttribute("data-testid", "host-order");
    var row = document.createElement("div");
    row.className = "input-group input-group-sm";
    var select = document.createElement("select");
    select.className = "form-select";
    select.setAttribute("aria-label", input.labels && input.labels[0] ?
      input.labels[0].textContent : "");
    select.setAttribute("data-testid", "host-choice");
    parks.forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      option.textContent = name;
      select.appendChild(option);
    });
    var add = document.createElement("button");
    add.type = "button";
    add.className = "btn btn-outline-primary";
    add.textContent = label("add");
    add.setAttribute("data-testid", "host-add");
    row.appendChild(select);
    row.appendChild(add);
    ui.appendChild(list);
    ui.appendChild(row);

    var button = function (text, title, onClick, disabled) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "btn btn-sm btn-link py-0";
      b.textContent = text;
      b.title = title;
      b.setAttribute("aria-label", title);
      b.disabled = disabled;
      b.addEventListener("click", onClick);
      return b;
    };
    var draw = function () {
      input.value = order.join(" → ");
      list.replaceChildren();
      if (order.length === 0) {
        var empty = document.createElement("li");
        empty.className = "list-group-item small text-muted";
        empty.style.listStyle = "none";
        empty.textContent = label("empty");
        list.appendChild(empty);
      }
      order.forEach(function (name, i) {
        var item = document.createElement("li");
        item.className = "list-group-item d-flex align-items-center gap-1 py-1";
        item.setAttribute("data-testid", "host-item");
        var text = document.createElement("span");
        text.className = "me-auto ms-1";
        text.textContent = name;
        item.appendChild(text);
        var swap = function (j) {
          return function () {
            var other = order[j];
            order[j] = order[i];
            order[i] = other;
            draw();
            later();
          };
        };
        item.appendChild(button("↑", label("up") + ": " + name, swap(i - 1), i === 0));
        item.appendChild(button("↓", label("down") + ": " + name, swap(i + 1),
                                i === order.length - 1));
        item.appendChild(button("✕", label("remove") + ": " + name, function () {
          order.splice(i, 1);
          draw();
          later();
        }, false));
        list.appendChild(item);
      });
    };
    add.addEventListener("click", function () {
      if (select.value) { order.push(select.value); draw(); later(); }
    });
    input.type = "hidden";
    input.parentNode.insertBefore(ui, input);
    // the field's help told how to type the list; with the picker it tells how to pick
    var help = picker.querySelector(".form-text");
    if (help && picker.getAttribute("data-label-help")) { help.textContent = label("help"); }
    draw();
  }

  refresh();
})();
