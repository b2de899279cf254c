// 导入版面文本: a pasted text of several megabytes is refused here, with a
// message, before the browser sends what the server would turn away.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.import-input");
  if (!form) return;
  const limit = Number(form.dataset.maxBytes);
  const note = document.getElementById("import-too-big");
  form.addEventListener("submit", (event) => {
    const text = form.querySelector("textarea[name=text]").value;
    const size = new Blob([text]).size;
    note.hidden = size <= limit;
    if (size > limit) {
      event.preventDefault();
      note.scrollIntoView({ block: "center" });
    }
  });
});
