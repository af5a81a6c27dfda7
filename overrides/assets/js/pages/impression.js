// Printed pages say on which day they were printed (the reader's day, in French), and an aid
// page's printed block (partials/impression.html) gets the QR code of its canonical address,
// drawn here by lib/qr.js: the same markup hooks/aides/qr.py writes, at a few milliseconds a
// page instead of segno's 4-10 ms for every page of every build. Both are done when the page
// opens and again just before printing, so that paper never misses them.

import { frenchDate, isoDate } from "../lib/dates.js";
import { qrSvg } from "../lib/qr.js";

function stamp() {
  const now = new Date();
  for (const holder of document.querySelectorAll("[data-date-impression]")) {
    const time = holder.querySelector("time");
    time.dateTime = isoDate(now);
    time.textContent = frenchDate(now);
    holder.hidden = false;
  }
}

/** The block's code, once (its address never changes); then its wording says to scan it. */
function drawCode(block) {
  const holder = block.querySelector("[data-qr]");
  if (!holder.querySelector("svg")) holder.replaceChildren(qrSvg(block.dataset.qrAdresse, block.dataset.qrTitre));
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
