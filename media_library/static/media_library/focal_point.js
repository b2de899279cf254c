"use strict";
// Click the photo to set its focal point; crops for cards and thumbnails keep
// that spot in frame. The two number fields stay editable by hand (and by
// keyboard); the marker follows them.
document.addEventListener("DOMContentLoaded", function () {
  const box = document.querySelector("[data-focal-point]");
  const inputX = document.getElementById("id_focal_x");
  const inputY = document.getElementById("id_focal_y");
  if (!box || !inputX || !inputY) {
    return;
  }
  const image = box.querySelector("img");
  const marker = box.querySelector(".focal-point__marker");

  function clamp(value) {
    return Math.min(1, Math.max(0, value));
  }

  function show() {
    const x = parseFloat(inputX.value);
    const y = parseFloat(inputY.value);
    if (Number.isNaN(x) || Number.isNaN(y)) {
      marker.hidden = true;
      return;
    }
    marker.hidden = false;
    marker.style.left = clamp(x) * 100 + "%";
    marker.style.top = clamp(y) * 100 + "%";
  }

  image.addEventListener("click", function (event) {
    const rect = image.getBoundingClientRect();
    inputX.value = clamp((event.clientX - rect.left) / rect.width).toFixed(3);
    inputY.value = clamp((event.clientY - rect.top) / rect.height).toFixed(3);
    show();
  });
  inputX.addEventListener("input", show);
  inputY.addEventListener("input", show);
  show();
});
