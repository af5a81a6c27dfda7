// Material binds single-key shortcuts (n, p, comma, period…) on window; RGAA 12.10
// asks that single-key shortcuts can be turned off. We turn them off: this capture
// listener runs before Material's and stops these keys outside form fields.
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
