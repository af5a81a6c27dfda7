// Dates in French, for printed pages (pages/impression.js) and summaries (lib/recap.js).

const NBSP = "\u00a0";

/** « 22 novembre 2026 », « 1er décembre 2026 » (the first of a month is « 1er »). */
export function frenchDate(date) {
  const text = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric" }).format(date);
  return (date.getDate() === 1 ? text.replace(/^1(?=\s)/, "1er") : text).replace(" ", NBSP);
}

/** 2026-11-22, for a <time datetime>. */
export function isoDate(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
