/*
 * The body editor's toolbar in Chinese. django-prose-editor 0.28 passes its
 * dialogs through gettext but writes the toolbar's tooltips ("bold",
 * "insert link", "heading 2") and the block menu's names ("Paragraph",
 * "Heading 2") in English. Each of those English words is a msgid in the
 * desk's JavaScript catalog (locale/zh_Hans/LC_MESSAGES/djangojs.po); this
 * swaps them for the Chinese once an editor is ready, and again whenever the
 * toolbar redraws a button (the block menu shows a copy of the current one).
 */
(function () {
  "use strict";

  var gettext = window.gettext || function (text) { return text; };

  function translate(root) {
    root.querySelectorAll(".prose-menubar [title]").forEach(function (el) {
      var zh = gettext(el.title);
      if (zh !== el.title) {
        el.title = zh;
        el.setAttribute("aria-label", zh);
      }
    });
    root.querySelectorAll(".prose-menubar__option > *").forEach(function (el) {
      var zh = gettext(el.textContent);
      if (zh !== el.textContent) { el.textContent = zh; }
    });
  }

  // The toolbar is added to the editor's box just after "ready", and its
  // block menu redraws its current button as the cursor moves: watch the box.
  function watch(box) {
    if (!box || box.dataset.zh) { return; }
    box.dataset.zh = "1";
    translate(box);
    new MutationObserver(function () { translate(box); })
      .observe(box, { childList: true, subtree: true });
  }

  document.addEventListener("prose-editor:ready", function (event) {
    watch(event.detail.editor.view.dom.parentElement);
  });
})();
