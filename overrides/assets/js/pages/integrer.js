// Inside an embeddable view (/integrer/…, partials/integrer-tete.html): tell the host page the
// content's height whenever it changes (lib/embed.js: the height and nothing else), keep the
// page's own anchors in the frame (the <base target="_blank"> opens every other link in a new
// tab), and hide the per-aid checker's questions a partner fixed (?fixe=…).

import { fixedIds, heightMessage } from "../lib/embed.js";

const content = document.querySelector("[data-integre]");
const MARGIN = 32; // the article's padding under the content

// The content's own height: the page's body stretches to the frame, it would never shrink.
function postHeight() {
  const height = content.getBoundingClientRect().bottom + window.scrollY + MARGIN;
  window.parent.postMessage(heightMessage(height), "*"); // only a number: no secret to keep from any origin
}

function keepAnchorsInFrame() {
  document.addEventListener("click", (event) => {
    const link = event.target.closest?.("a[href]");
    if (!link || link.target) return;
    const url = new URL(link.href);
    if (url.origin === location.origin && url.pathname === location.pathname && url.hash) link.target = "_self";
  });
}

function hideFixedQuestions() {
  const fixed = fixedIds(location.search);
  for (const form of document.querySelectorAll("[data-checker-form]")) {
    for (const id of fixed) {
      const fieldset = form.querySelector(`fieldset[data-question="${CSS.escape(id)}"]`);
      if (fieldset && location.hash.includes(`${id}=`)) fieldset.hidden = true;
    }
  }
}

hideFixedQuestions();
keepAnchorsInFrame();
if (content && window.parent !== window) {
  new ResizeObserver(postHeight).observe(content);
  postHeight();
}
