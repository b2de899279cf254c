/* Suggest existing tags for the word being typed in a comma-separated tag
   field. Uses a <datalist>, so the browser draws the list and keyboard
   users get it for free. Loaded as a file: no inline script (CSP). */
(function () {
  "use strict";
  var SEPARATOR = /[,，、；;]/;

  function attach(input) {
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    var timer = null;
    var lastTerm = null;

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var value = input.value;
        var parts = value.split(SEPARATOR);
        var term = parts[parts.length - 1].trim();
        if (!term || term === lastTerm) { return; }
        lastTerm = term;
        var prefix = value.slice(0, value.length - parts[parts.length - 1].length);
        var url = input.dataset.tagSuggestions + "?q=" + encodeURIComponent(term);
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            list.replaceChildren();
            data.results.forEach(function (name) {
              var option = document.createElement("option");
              option.value = prefix + (prefix && !/\s$/.test(prefix) ? " " : "") + name;
              list.appendChild(option);
            });
          })
          .catch(function () { list.replaceChildren(); });
      }, 150);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-tag-suggestions]").forEach(attach);
  });
})();
