// 安排版面 by drag and drop: a story dragged within a page, to another page,
// from 待上版 onto a page, or back to 待上版. Each drop posts the same form
// fields as the buttons beside each story (which stay, for the keyboard and
// without script), asks for JSON, and redraws the screen from the server's
// page, so counts, 字数 and flags are the server's, never guessed here.
(function () {
  "use strict";
  const root = document.querySelector("[data-plan-url]");
  if (!root) return;
  const url = root.dataset.planUrl;
  let dragged = null;

  function say(text, failed) {
    const box = document.getElementById("plan-status");
    if (!box) return;
    box.textContent = text;
    box.classList.toggle("desk-status-error", Boolean(failed));
  }

  function token() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function target(event) {
    return event.target.closest("tbody[data-drop-page], tbody[data-drop-waiting]");
  }

  // Where the drop lands among the other stories of that page (0 is the top).
  function indexAt(tbody, y) {
    const rows = Array.from(tbody.querySelectorAll("tr[data-article]")).filter(
      (row) => row !== dragged
    );
    for (let i = 0; i < rows.length; i += 1) {
      const box = rows[i].getBoundingClientRect();
      if (y < box.top + box.height / 2) return { index: i, before: rows[i] };
    }
    return { index: rows.length, before: null };
  }

  function clearMarks() {
    root.querySelectorAll(".desk-drop-target, .desk-drop-end").forEach((el) => {
      el.classList.remove("desk-drop-target", "desk-drop-end");
    });
    root.querySelectorAll(".desk-drop-before").forEach((el) => {
      el.classList.remove("desk-drop-before");
    });
  }

  async function redraw() {
    const response = await fetch(url, { credentials: "same-origin" });
    const html = await response.text();
    const fresh = new DOMParser().parseFromString(html, "text/html");
    const main = fresh.querySelector("[data-plan-url]");
    if (main) root.replaceChildren(...Array.from(main.childNodes));
  }

  async function send(fields) {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", token());
    Object.entries(fields).forEach(([key, value]) => data.append(key, value));
    root.classList.add("desk-busy");
    say("正在保存……");
    let message = "保存失败，请刷新页面后重试。";
    let failed = true;
    try {
      const response = await fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      const answer = await response.json();
      message = answer.message || message;
      failed = !response.ok;
    } catch (error) {
      failed = true;
    }
    try {
      await redraw();
    } catch (error) {
      message += "（页面未能刷新，请手动刷新。）";
    }
    root.classList.remove("desk-busy");
    say(message, failed);
  }

  root.addEventListener("dragstart", (event) => {
    const row = event.target.closest("tr[data-article]");
    if (!row) return;
    dragged = row;
    row.classList.add("desk-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", row.dataset.article);
  });

  root.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("desk-dragging");
    dragged = null;
    clearMarks();
  });

  root.addEventListener("dragover", (event) => {
    const tbody = target(event);
    if (!tbody || !dragged) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    clearMarks();
    tbody.classList.add("desk-drop-target");
    if (tbody.dataset.dropPage !== undefined) {
      const spot = indexAt(tbody, event.clientY);
      if (spot.before) spot.before.classList.add("desk-drop-before");
      else tbody.classList.add("desk-drop-end");
    }
  });

  root.addEventListener("drop", (event) => {
    const tbody = target(event);
    if (!tbody || !dragged) return;
    event.preventDefault();
    const article = dragged.dataset.article;
    const from = dragged.dataset.page;
    const to = tbody.dataset.dropPage;
    const { index } = indexAt(tbody, event.clientY);
    clearMarks();
    if (to === undefined) {
      if (from) send({ op: "unplace", article, page: from });
    } else if (!from) {
      send({ op: "place", article, page: to, position: index });
    } else {
      send({ op: "move", article, page: from, to_page: to, position: index });
    }
  });
})();
