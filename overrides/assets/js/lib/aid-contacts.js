// "Où s'adresser ?" on an aid page (overrides/aide.html). Once the checker knows the person's place,
// the contacts whose territory covers it come first, most local first, with a line saying for where;
// the others wait behind a button. While the place is unknown, every contact shows, in the aid's
// order. The cards are the page's own (readers without JavaScript see them all). A link leads to
// /contacts/ for the person's commune, where every contact covering it is listed.

import { COMMUNE, mostLocalFirst } from "./model/territory.js";

const NBSP = "\u00a0";
const plural = (count, one, many) => `${count}${NBSP}${count > 1 ? many : one}`;

/** Bind the section; returns show(places, name): `places` from personZones (null: unknown), `name` the commune's. */
export function aidContacts(section) {
  const list = section?.querySelector("[data-contacts-liste]");
  if (!list) return () => {};
  const note = section.querySelector("[data-contacts-lieu]");
  const toggle = section.querySelector("[data-contacts-tous]");
  const directory = section.querySelector("[data-contacts-repertoire]");
  const cards = [...list.children];
  const items = cards.map((card) => ({ card, zones: (card.dataset.zones || "f").split(" ") }));
  let others = [];

  const open = () => toggle.getAttribute("aria-expanded") === "true";
  function reveal() {
    for (const card of others) card.hidden = !open();
    toggle.textContent = open()
      ? "Masquer les contacts des autres territoires"
      : `Afficher aussi les contacts des autres territoires (${others.length})`;
  }
  toggle.addEventListener("click", () => {
    toggle.setAttribute("aria-expanded", String(!open()));
    reveal();
  });

  return function show(places, name) {
    const local = places ? mostLocalFirst(items, places).map(({ card }) => card) : cards;
    others = cards.filter((card) => !local.includes(card));
    list.replaceChildren(...local, ...others);
    const where = name || "votre territoire";
    note.hidden = !places;
    const order = local.length > 1 ? ", du plus local au plus général" : "";
    note.textContent = local.length
      ? `Pour ${where}${NBSP}: ${plural(local.length, "contact", "contacts")} de cette aide${order}.`
      : `Nos sources ne citent pas de contact de cette aide pour ${where}.`;
    toggle.closest("[data-contacts-bascule]").hidden = others.length === 0;
    reveal();
    showDirectory(places?.find((zone) => zone.startsWith(COMMUNE))?.slice(1), name);
  };

  /** A link to /contacts/ for the person's commune (#commune=83137): every contact there, whatever the aid. */
  function showDirectory(code, name) {
    directory.hidden = !code || !name;
    if (directory.hidden) return;
    const link = directory.querySelector("a");
    link.href = `${link.getAttribute("href").split("#")[0]}#commune=${code}`;
    directory.querySelector("[data-contacts-nom]").textContent = name;
  }
}
