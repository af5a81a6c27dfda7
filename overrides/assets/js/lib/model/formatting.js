// French formatting in the browser, the twin of hooks/aides/model/formatting.py where the page
// writes words itself: counts (« 10 000 aides », as formatting.number writes the figure), dates for
// printed pages (pages/impression.js) and summaries (lib/recap.js).

const NBSP = "\u00a0";

/**
 * French count: 0 and 1 take the singular; thousands get a narrow no-break space, as
 * toLocaleString("fr-FR") writes them, but without it: its first call on a page loads the locale's
 * data, which held up the first commune lookup by over 100 ms with the CPU slowed down 4 times.
 */
export function plural(count, singular, pluralForm) {
  return `${String(count).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f")} ${count > 1 ? pluralForm : singular}`;
}

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

/** An amount in euros as formatting.euros_cents writes it: « 1 500 € », « 2 240,42 € » (thin no-break spaces between thousands). */
export function euros(amount) {
  const withCents = Math.round(amount * 100) % 100 !== 0;
  const [whole, cents] = amount.toFixed(withCents ? 2 : 0).split(".");
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f")}${cents ? "," + cents : ""}\u00a0€`;
}
