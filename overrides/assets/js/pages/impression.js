// Printed pages say on which day they were printed (the reader's day, in French), and every QR
// code of the site is drawn here by lib/qr.js, from the address and accessible name of the block
// that carries it (data-qr-adresse, data-qr-titre, data-qr-taille): an aid page's printed block
// (partials/impression.html), each list of a région's sheet (feuille-region.html). A few
// milliseconds in the browser instead of segno's 4-40 ms a code in every build. Both are done
// when the page opens and again just before printing, so that paper never misses them.

import { frenchDate, isoDate } from "../lib/model/formatting.js";
import { qrSvg } from "../lib/qr.js";

function stamp() {
  const now = new Date();
  for (const holder of document.querySelectorAll("[data-date-impression]")) {
    // The <time> is made here: an empty one in the page is not valid HTML (RGAA 8.2).
    const time = holder.querySelector("time") ?? holder.appendChild(document.createElement("time"));
    time.dateTime = isoDate(now);
    time.textContent = frenchDate(now);
    holder.hidden = false;
  }
}

/** The block's code, once (its address never changes); then its wording says to scan it. */
function drawCode(block) {
  const holder = block.querySelector("[data-qr]");
  const { qrAdresse, qrTitre, qrTaille } = block.dataset;
  if (!holder.querySelector("svg")) holder.replaceChildren(qrSvg(qrAdresse, qrTitre, qrTaille || undefined));
  holder.hidden = false;
  for (const text of block.querySelectorAll("[data-avec-qr]")) text.hidden = false;
  for (const text of block.querySelectorAll("[data-sans-qr]")) text.hidden = true;
}

function prepare() {
  stamp();
  for (const block of document.querySelectorAll("[data-qr-adresse]")) drawCode(block);
}

window.addEventListener("beforeprint", prepare);
prepare();
