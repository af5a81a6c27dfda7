// The theme's keyboard, made conform (every page but the embeds). Material binds single-key
// shortcuts (n, p, comma, period…) on window; RGAA 12.10 asks that single-key shortcuts can be
// turned off. We turn them off: this capture listener runs before Material's and stops these
// keys outside form fields.
"use strict";
window.addEventListener(
  "keydown",
  (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1 || event.key === " ") return;
    const target = event.target;
    const editable = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (!editable) event.stopPropagation();
  },
  true,
);

// The menu of small screens: Material's button is a <label> for a hidden checkbox (it works without
// JavaScript), which the keyboard cannot reach or press. A real button takes its place, with the same
// look: Entrée and Espace press it, and aria-expanded says whether the menu is open.
document.addEventListener("DOMContentLoaded", () => {
  const label = document.querySelector("label[data-menu]");
  const drawer = document.getElementById("__drawer");
  if (!label || !drawer) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = label.className;
  button.setAttribute("aria-expanded", String(drawer.checked));
  button.setAttribute("data-menu", "");
  button.append(...label.childNodes);
  label.replaceWith(button);
  button.addEventListener("click", () => drawer.click());
  drawer.addEventListener("change", () => button.setAttribute("aria-expanded", String(drawer.checked)));
});
