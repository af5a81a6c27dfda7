// The printed sheet says on which day it was printed (partials/impression.html): the reader's
// day, written in French, set when the page opens and again just before printing.

const NBSP = "\u00a0";

/** « 22 novembre 2026 », « 1er décembre 2026 » (the first of a month is « 1er »). */
export function frenchDate(date) {
  const text = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric" }).format(date);
  return (date.getDate() === 1 ? text.replace(/^1(?=\s)/, "1er") : text).replace(" ", NBSP);
}

function isoDate(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

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
