/*
 * Keep unsaved article text in the browser, so a closed tab, a crash or a lost
 * connection loses nothing. As you type, the form is copied to localStorage;
 * when you open the article again and the copy differs, the page offers it
 * back. A successful save (the admin's success message, tagged
 * "autosave-saved" by ArticleAdmin) clears the copy.
 *
 * A plain file loaded through ModelAdmin.Media: no inline script, so it keeps
 * working under a Content-Security-Policy without 'unsafe-inline'.
 */
(function () {
  "use strict";

  var PREFIX = "newsroom:autosave:";
  var PENDING = "newsroom:autosave:pending";
  // The body's rich-text editors announce themselves as they start, possibly
  // before this page's DOMContentLoaded: listen from the moment we load.
  var editors = new Map();
  document.addEventListener("prose-editor:ready", function (event) {
    editors.set(event.detail.textarea, event.detail.editor);
  });

  var SKIP = /^(csrfmiddlewaretoken|expected_version|_save|_continue|_addanother|_submit_for_review)$|-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/;

  function storage() {
    try {
      var probe = PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null; // private mode or storage disabled: nothing to do
    }
  }

  function userName() {
    var tools = document.querySelector("#user-tools strong");
    return tools ? tools.textContent.trim() : "";
  }

  function keyFor(path) {
    return PREFIX + userName() + ":" + path;
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && !SKIP.test(el.name) && el.type !== "file" &&
        el.type !== "submit" && el.type !== "button";
    });
  }

  function snapshot(form) {
    var values = {};
    fields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) { values[el.name] = el.value; }
      } else if (el.multiple) {
        values[el.name] = Array.prototype.filter.call(el.options, function (o) {
          return o.selected;
        }).map(function (o) { return o.value; });
      } else {
        values[el.name] = el.value;
      }
    });
    return values;
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function clearSaved(store) {
    // The page after a save: if the admin says it succeeded, the copy is done with.
    var pending = window.sessionStorage.getItem(PENDING);
    if (!pending) { return; }
    if (document.querySelector(".messagelist .autosave-saved")) {
      store.removeItem(pending);
      window.sessionStorage.removeItem(PENDING);
    } else if (!document.querySelector(".errornote")) {
      window.sessionStorage.removeItem(PENDING);
    }
  }

  function setValue(el, value, editors) {
    if (el.type === "checkbox" || el.type === "radio") {
      el.checked = value === el.value;
    } else if (el.multiple && Array.isArray(value)) {
      Array.prototype.forEach.call(el.options, function (o) {
        o.selected = value.indexOf(o.value) !== -1;
      });
    } else {
      el.value = value;
    }
    var editor = editors.get(el);
    if (editor) { editor.commands.setContent(value || ""); }
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function offer(form, key, saved, store, editors) {
    var box = document.createElement("div");
    box.className = "autosave-offer";
    box.setAttribute("role", "alert");
    var when = new Date(saved.savedAt);
    var text = document.createElement("span");
    text.textContent = "这篇稿件有一份 " + when.toLocaleString("zh-CN") +
      " 自动保存在本机、尚未保存到系统的内容。";
    var restore = document.createElement("button");
    restore.type = "button";
    restore.className = "button autosave-restore";
    restore.textContent = "恢复这些内容";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "button autosave-discard";
    discard.textContent = "丢弃";
    box.appendChild(text);
    box.appendChild(restore);
    box.appendChild(discard);
    form.insertBefore(box, form.firstChild);

    restore.addEventListener("click", function () {
      fields(form).forEach(function (el) {
        if (Object.prototype.hasOwnProperty.call(saved.values, el.name)) {
          setValue(el, saved.values[el.name], editors);
        }
      });
      box.remove();
    });
    discard.addEventListener("click", function () {
      store.removeItem(key);
      box.remove();
    });
  }

  function start() {
    var store = storage();
    if (!store) { return; }
    clearSaved(store);
    var form = document.getElementById("article_form");
    if (!form) { return; }

    var key = keyFor(window.location.pathname);

    var initial = snapshot(form);
    var raw = store.getItem(key);
    var saved = null;
    try { saved = raw ? JSON.parse(raw) : null; } catch (error) { saved = null; }
    if (saved && saved.values && !same(saved.values, initial)) {
      offer(form, key, saved, store, editors);
    }

    var last = JSON.stringify(initial);
    function keep() {
      var values = snapshot(form);
      var serialised = JSON.stringify(values);
      if (serialised === last) { return; }
      last = serialised;
      try {
        store.setItem(key, JSON.stringify({ savedAt: Date.now(), values: values }));
      } catch (error) { /* storage full: keep typing, the server copy is unaffected */ }
    }
    form.addEventListener("input", keep);
    form.addEventListener("change", keep);
    window.setInterval(keep, 2000);
    window.addEventListener("pagehide", keep);
    form.addEventListener("submit", function () {
      keep();
      window.sessionStorage.setItem(PENDING, key);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
