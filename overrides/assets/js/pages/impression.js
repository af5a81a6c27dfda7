// The printed sheet says on which day it was printed (partials/impression.html): the reader's
// day, written in French, set when the page opens and again just before printing.

import { frenchDate, isoDate } from "../lib/dates.js";

function stamp() {
  const now = new Date();
  for (const holder of document.querySelectorAll("[data-date-impression]")) {
    const time = holder.querySelector("time");
    time.dateTime = isoDate(now);
    time.textContent = frenchDate(now);
    holder.hidden = false;
  }
}

stamp();
window.addEventListener("beforeprint", stamp);
