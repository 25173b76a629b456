// Markdown fields (templates/_markdown.html): toolbar, preview rendered by the server
// (POST /writing/preview runs hub.markdown itself, so the preview is the saved page's HTML,
// sanitized the same way) and "导入 Word 文档" (POST /writing/import-docx). Without this script
// the field is a plain textarea.
(function () {
  "use strict";

  function post(url, csrf, body) {
    return fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "X-Requested-With": "fetch" }
    });
  }

  function setup(box) {
    var area = box.querySelector("textarea");
    if (!area) { return; }
    var msg = function (name) { return box.getAttribute("data-msg-" + name) || ""; };
    var csrf = box.getAttribute("data-csrf");
    var preview = box.querySelector(".md-preview");
    var status = box.querySelector(".md-import-status");
    var choice = box.querySelector(".md-import-choice");
    var form = area.form;
    var attachInput = form ? form.querySelector('input[type="file"][name="attachments"]') : null;
    box.querySelector(".md-toolbar").hidden = false;
    box.querySelector(".md-preview-col").hidden = false;
    box.querySelector(".md-input").classList.add("col-md-6");

    // -- preview
    var timer = null, sent = 0;
    function render() {
      var text = area.value;
      if (!text.trim()) {
        preview.innerHTML = "";
        preview.setAttribute("data-empty", msg("empty-preview"));
        return;
      }
      var ticket = ++sent;
      var body = new FormData();
      body.append("text", text);
      post(box.getAttribute("data-preview-url"), csrf, body).then(function (r) {
        if (!r.ok) { throw new Error(String(r.status)); }
        return r.text();
      }).then(function (html) {
        if (ticket === sent) { preview.innerHTML = html; preview.removeAttribute("data-empty"); }
      }).catch(function () {
        if (ticket === sent) { preview.textContent = msg("preview-failed"); }
      });
    }
    area.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(render, 300);
    });
    render();

    // -- toolbar
    function replaceSelection(make) {
      var start = area.selectionStart, end = area.selectionEnd;
      var result = make(area.value.slice(0, start), area.value.slice(start, end),
                        area.value.slice(end));
      area.value = result.before + result.text + result.after;
      area.focus();
      area.selectionStart = result.before.length + (result.selStart || 0);
      area.selectionEnd = result.before.length + (result.selEnd === undefined ? result.text.length : result.selEnd);
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }
    function wrap(mark, sample) {
      replaceSelection(function (before, sel, after) {
        var inner = sel || sample;
        return { before: before, text: mark + inner + mark, after: after,
                 selStart: mark.length, selEnd: mark.length + inner.length };
      });
    }
    function block(before) { // a block starts on its own line, after a blank one
      if (!before || /\n\n$/.test(before)) { return before; }
      return before + (/\n$/.test(before) ? "\n" : "\n\n");
    }
    function prefixLines(prefixFor, sample) {
      replaceSelection(function (before, sel, after) {
        var lines = (sel || sample).split("\n");
        var text = lines.map(function (line, i) { return prefixFor(i) + line; }).join("\n");
        return { before: block(before), text: text, after: after && !/^\n/.test(after) ? "\n" + after : after };
      });
    }
    var actions = {
      bold: function () { wrap("**", msg("sample-bold")); },
      heading: function () { prefixLines(function () { return "## "; }, msg("sample-heading")); },
      list: function () { prefixLines(function () { return "- "; }, msg("sample-item")); },
      numbered: function () { prefixLines(function (i) { return (i + 1) + ". "; }, msg("sample-item")); },
      quote: function () { prefixLines(function () { return "> "; }, msg("sample-quote")); },
      link: function () {
        replaceSelection(function (before, sel, after) {
          var label = sel || msg("sample-link");
          return { before: before, text: "[" + label + "](https://)", after: after,
                   selStart: label.length + 3, selEnd: label.length + 11 };
        });
      },
      table: function () {
        var c = msg("sample-column");
        replaceSelection(function (before, sel, after) {
          var text = "| " + c + " 1 | " + c + " 2 |\n| --- | --- |\n| " + (sel || " ") + " |   |\n";
          return { before: block(before), text: text, after: after };
        });
      }
    };
    box.querySelectorAll("[data-md]").forEach(function (button) {
      button.addEventListener("click", function () { actions[button.getAttribute("data-md")](); });
    });

    // -- Word import
    var pending = null;
    function say(text, kind) {
      status.textContent = text;
      status.className = "md-import-status small mt-1 " + (kind === "error" ? "text-danger" : "text-success");
    }
    function attachImages(images) {
      if (!attachInput || !images.length || typeof DataTransfer === "undefined") { return; }
      var transfer = new DataTransfer();
      Array.prototype.forEach.call(attachInput.files, function (f) { transfer.items.add(f); });
      images.forEach(function (image) {
        var raw = atob(image.data), bytes = new Uint8Array(raw.length);
        for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
        transfer.items.add(new File([bytes], image.name, { type: image.type }));
      });
      attachInput.files = transfer.files;
    }
    function apply(mode) {
      var result = pending;
      pending = null;
      choice.hidden = true;
      if (!result || mode === "cancel") { say(""); return; }
      if (mode === "append" && area.value.trim()) {
        area.value = area.value.replace(/\s+$/, "") + "\n\n" + result.markdown;
      } else {
        area.value = result.markdown;
      }
      attachImages(result.images || []);
      area.dispatchEvent(new Event("input", { bubbles: true }));
      say([msg("imported")].concat(result.notes || []).join(" "));
    }
    choice.querySelectorAll("[data-md-choice]").forEach(function (button) {
      button.addEventListener("click", function () { apply(button.getAttribute("data-md-choice")); });
    });
    var input = box.querySelector("[data-md-import]");
    input.addEventListener("change", function () {
      var file = input.files[0];
      if (!file) { return; }
      var body = new FormData();
      body.append("docx", file);
      body.append("attach", attachInput ? "1" : "0");
      input.value = "";
      say(msg("importing"));
      post(box.getAttribute("data-import-url"), csrf, body).then(function (r) {
        if (r.status === 413) { return { error: msg("too-large") }; }
        return r.json().catch(function () { return { error: msg("import-failed") }; });
      }).then(function (result) {
        if (result.error) { say(result.error, "error"); return; }
        pending = result;
        if (area.value.trim()) { choice.hidden = false; say(""); } else { apply("replace"); }
      }).catch(function () { say(msg("import-failed"), "error"); });
    });
  }

  document.querySelectorAll("[data-md-editor]").forEach(setup);
})();
