// The hotspot editor over the form: draw, move and delete regions on the page
// image. The table of rows stays the truth; this only fills it in and redraws
// the rectangles from it, so saving is the form's plain submit.
(function () {
  "use strict";
  const form = document.getElementById("epaper-hotspots");
  const sheet = document.getElementById("epaper-sheet");
  const map = document.getElementById("epaper-map");
  if (!form || !sheet || !map) return;
  document.body.classList.add("epaper-js");
  const SVG = "http://www.w3.org/2000/svg";
  const tbody = document.querySelector("#epaper-rows tbody");
  const count = form.querySelector("input[name=rows]");
  const story = document.getElementById("epaper-story");
  const remove = document.getElementById("epaper-delete");
  const FIELDS = ["x", "y", "w", "h"];
  let selected = null;

  const input = (row, name) => form.querySelector(`[name="h${row}-${name}"]`);
  const round = (v) => Math.round(v * 100) / 100;
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));

  function box(row) {
    if (!input(row, "placement").value || input(row, "delete").checked) return null;
    const values = FIELDS.map((name) => parseFloat(input(row, name).value));
    return values.some(Number.isNaN) ? null : values;
  }

  function rows() {
    return Array.from(tbody.querySelectorAll("tr")).map((tr) => Number(tr.dataset.row));
  }

  function redraw() {
    map.querySelectorAll("rect").forEach((rect) => rect.remove());
    for (const row of rows()) {
      const values = box(row);
      const tr = tbody.querySelector(`tr[data-row="${row}"]`);
      tr.classList.toggle("selected", row === selected);
      if (!values) continue;
      const rect = document.createElementNS(SVG, "rect");
      rect.dataset.row = row;
      ["x", "y", "width", "height"].forEach((attr, i) => rect.setAttribute(attr, values[i]));
      if (row === selected) rect.classList.add("selected");
      map.appendChild(rect);
    }
    remove.disabled = selected === null;
  }

  function point(event) {
    const frame = map.getBoundingClientRect();
    return [
      clamp(((event.clientX - frame.left) / frame.width) * 100, 0, 100),
      clamp(((event.clientY - frame.top) / frame.height) * 100, 0, 100),
    ];
  }

  function freeRow() {
    for (const row of rows()) {
      if (!input(row, "placement").value && !input(row, "x").value) return row;
    }
    // Every row is taken: one more, like the last.
    const last = tbody.lastElementChild;
    const row = Number(count.value);
    const copy = last.cloneNode(true);
    copy.dataset.row = row;
    copy.querySelectorAll("[name]").forEach((field) => {
      field.name = field.name.replace(/^h\d+-/, `h${row}-`);
      if (field.type === "checkbox") field.checked = false;
      else field.value = "";
    });
    tbody.appendChild(copy);
    count.value = row + 1;
    return row;
  }

  function fill(row, values) {
    FIELDS.forEach((name, i) => { input(row, name).value = round(values[i]); });
  }

  let drag = null;
  map.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    map.setPointerCapture(event.pointerId);
    const start = point(event);
    if (event.target.tagName === "rect" && event.target.dataset.row !== undefined
        && !event.target.classList.contains("drawing")) {
      selected = Number(event.target.dataset.row);
      drag = { kind: "move", row: selected, start, from: box(selected) };
    } else {
      selected = null;
      const rect = document.createElementNS(SVG, "rect");
      rect.classList.add("drawing");
      map.appendChild(rect);
      drag = { kind: "draw", start, rect };
    }
    redraw();
    if (drag.kind === "draw") map.appendChild(drag.rect);
  });

  map.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const [x, y] = point(event);
    if (drag.kind === "move") {
      const [x0, y0, w, h] = drag.from;
      fill(drag.row, [
        clamp(x0 + x - drag.start[0], 0, 100 - w),
        clamp(y0 + y - drag.start[1], 0, 100 - h),
        w,
        h,
      ]);
      redraw();
    } else {
      const [sx, sy] = drag.start;
      const values = [Math.min(sx, x), Math.min(sy, y), Math.abs(x - sx), Math.abs(y - sy)];
      ["x", "y", "width", "height"].forEach((attr, i) => drag.rect.setAttribute(attr, values[i]));
    }
  });

  map.addEventListener("pointerup", (event) => {
    if (!drag) return;
    if (drag.kind === "draw") {
      const [x, y] = point(event);
      const [sx, sy] = drag.start;
      drag.rect.remove();
      if (Math.abs(x - sx) > 0.5 && Math.abs(y - sy) > 0.5) {
        const row = freeRow();
        input(row, "placement").value = story.value;
        input(row, "delete").checked = false;
        fill(row, [Math.min(sx, x), Math.min(sy, y), Math.abs(x - sx), Math.abs(y - sy)]);
        selected = row;
      }
    }
    drag = null;
    redraw();
  });

  remove.addEventListener("click", () => {
    if (selected === null) return;
    input(selected, "delete").checked = true;
    selected = null;
    redraw();
  });

  tbody.addEventListener("input", redraw);
  tbody.addEventListener("change", redraw);
  redraw();
})();
