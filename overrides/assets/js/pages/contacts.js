// "Où s'adresser ?". Without JavaScript the page lists every contact by région and département.
// With it: « Près de chez vous », a commune (postcode or name, lib/commune-field.js) → the contacts
// whose territory covers it, most local first (commune, EPCI, département, région, France), each with
// the aids it serves there, then the partners active there. A partner's public ways in (site, national
// line, online form) count as contacts: a commune with no local contact still gets someone to reach.
// The page's directory carries each contact's zones (lib/model/territory.js); the commune's département comes from its code, its EPCI from `epci_of`.
// A link /contacts/#commune=13055 opens on the answer, and a new fragment after load shows its commune,
// as on the aid pages and /eligibilite/. Nothing typed leaves the browser.
import { contactCard, element, followFragment, isAnchor, siteUrls } from "../lib/dom.js";
import { plural } from "../lib/model/formatting.js";
import { atCommune } from "../lib/model/french-names.js";
import { bindCommune, nameCommune, setCommune } from "../lib/commune-field.js";
import { communeZones, mostLocalFirst } from "../lib/model/territory.js";

const NBSP = "\u00a0";

/** Jump to the chosen département of the list and move focus there (the form above the lists). */
document.querySelector("[data-contacts-form]")?.addEventListener("submit", (event) => {
  event.preventDefault();
  const target = document.getElementById(event.target.elements.departement.value);
  if (!target) return;
  history.replaceState(null, "", "#" + target.id);
  target.scrollIntoView();
  target.focus();
});

function links(urls, items) {
  const list = element("ul", "pres-de-chez-vous__liens");
  for (const { titre, nom, url } of items) {
    const link = element("a", "", titre ?? nom);
    link.href = urls.file(url);
    const item = element("li");
    item.append(link);
    list.append(item);
  }
  return list;
}

/** A contact's card, with the aids it serves that exist at the commune (a national line also serves regional aids). */
function contactBlock(root, urls, contact, places) {
  const card = contactCard(root, contact, urls.file(contact.partenaire_url));
  const aids = mostLocalFirst(contact.aides ?? [], places);
  if (aids.length) card.append(element("p", "fiche-contact__aides", "Aides pour lesquelles s'adresser ici" + NBSP + ":"), links(urls, aids));
  return card;
}

const root = document.querySelector("[data-contacts-commune]");

if (root) {
  const directory = JSON.parse(root.querySelector("[data-repertoire]").textContent);
  const urls = siteUrls(root, {});
  const field = root.querySelector("#contacts-commune");
  const status = root.querySelector("[data-contacts-statut]");
  const results = root.querySelector("[data-contacts-resultats]");

  let shown = ""; // the code of the commune whose contacts are shown
  let reading = 0; // the fragment being read: a lookup that answers after a newer one is dropped

  function show(code, name) {
    const places = communeZones(code, directory.departements, directory.epci_of);
    const contacts = mostLocalFirst(directory.contacts, places);
    const partners = mostLocalFirst(directory.partenaires, places);
    const heading = element("h3", "", `Contacts pour ${name}`);
    heading.tabIndex = -1;
    const blocks = contacts.map((contact) => contactBlock(root, urls, contact, places));
    const partnersPart = partners.length
      ? [element("h3", "", `Partenaires actifs ${atCommune(name)}`), links(urls, partners)]
      : [];
    results.replaceChildren(heading, ...(blocks.length ? blocks : [element("p", "", "Aucun contact de nos sources ne couvre cette commune.")]), ...partnersPart);
    status.textContent = `${plural(contacts.length, "contact", "contacts")} pour ${name}, du plus local au plus général${NBSP}; ${plural(partners.length, "partenaire actif", "partenaires actifs")}.`;
    shown = code;
    history.replaceState(null, "", `#commune=${encodeURIComponent(code)}`);
  }

  /** No commune: the block as the page arrived (Back to the address without one). */
  function clear() {
    setCommune(field, "");
    field.querySelector("[data-commune-texte]").value = "";
    field.querySelector("[data-commune-resultats]").replaceChildren();
    field.querySelector("[data-commune-statut]").textContent = "";
    results.replaceChildren();
    status.textContent = "";
    shown = "";
  }

  field.addEventListener("change", () => {
    const code = field.querySelector("[data-valeur]").value;
    reading += 1; // the person's choice wins over a fragment still being read
    if (code) show(code, field.dataset.nom ?? code);
  });

  /** The commune of the fragment (#commune=13055), on load and whenever the fragment changes (lib/dom.js followFragment). */
  async function fromFragment(hash) {
    const code = new URLSearchParams(hash.slice(1)).get("commune") ?? "";
    if (code === shown) return;
    const run = ++reading;
    if (!code) return clear();
    const found = await nameCommune(field, code).catch(() => null);
    if (run !== reading) return;
    if (!found) {
      clear();
      status.textContent = `La commune du lien (${code}) est inconnue${NBSP}: tapez son code postal ou son nom.`;
      return;
    }
    setCommune(field, found.code, found.nom);
    show(found.code, found.nom);
  }

  bindCommune(field);
  root.hidden = false;
  followFragment(fromFragment);
  fromFragment(isAnchor(location.hash) ? "" : location.hash);
}
