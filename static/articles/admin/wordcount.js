/*
 * A live 字数 under the article's body, counted as the desk counts it
 * everywhere (articles.body.word_count): the characters of the text,
 * without markup or whitespace.
 */
(function () {
  "use strict";

  function count(editor) {
    return editor.state.doc.textContent.replace(/\s/g, "").length;
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var editor = event.detail.editor;
    var textarea = event.detail.textarea;
    if (textarea.name !== "body") { return; }
    var box = editor.view.dom.parentElement;
    var line = document.createElement("p");
    line.className = "help desk-wordcount";
    line.setAttribute("aria-live", "polite");
    var number = document.createElement("strong");
    line.append("字数：", number);
    box.append(line);
    var show = function () { number.textContent = String(count(editor)); };
    show();
    editor.on("update", show);
  });
})();
