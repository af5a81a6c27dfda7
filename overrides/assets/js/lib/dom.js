// Small DOM helpers shared by the page scripts: text-only elements, the
// site's addresses, and the cards written once in Jinja (partials/macros.html) that the
// page ships in <template> elements for scripts to clone and fill. Editor text only ever
// goes through textContent, never innerHTML.

/** An element with a class and text. */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/**
 * The site's addresses for a page's element: `data-racine` (the site root, relative to the
 * page, written by the template) and URL patterns from the build (hooks/aides/site/urls.py),
 * e.g. {"aide": "aides/{id}/"}. `url("aide", "visale")` → absolute URL of the aid page.
 */
export function siteUrls(root, patterns) {
  const base = new URL(root.dataset.racine ?? "./", document.baseURI);
  return {
    base,
    url: (kind, id) => new URL(patterns[kind].replace("{id}", encodeURIComponent(id)), base).href,
    file: (path) => new URL(path, base).href,
  };
}

/** A page anchor (#conditions, #dep-13, Material's skip link), not answers (#commune=13055&age=25). */
export const isAnchor = (hash) => hash.length > 1 && !hash.includes("=");

/**
 * Calls `follow(hash)` when the fragment changes after the page has loaded (a link followed, a fragment
 * typed in the address bar, Back and Forward), as the aid pages, /eligibilite/ and /contacts/ do. Anchors
 * are left to the browser. The page shows the new answers and says so in its live region; the focus stays
 * where the person left it. A page that writes its own fragment (history.replaceState) gets no call for it.
 */
export function followFragment(follow) {
  const changed = () => {
    if (!isAnchor(location.hash)) follow(location.hash);
  };
  window.addEventListener("hashchange", changed);
  window.addEventListener("popstate", changed);
}

/**
 * Runs `change`, which shows or hides something above the reader, keeping the element the URL fragment
 * names where it was on screen: a link to /aides/<id>/#montant still shows « Montant » once the checker
 * above it appears (the browser's own scroll anchoring may pick an element inside what changes).
 * A fragment of answers (« #age=25 ») names no element: nothing to keep.
 */
export function keepFragmentInView(change) {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && !id.includes("=") ? document.getElementById(id) : null;
  const before = target?.getBoundingClientRect().top;
  change();
  if (target) window.scrollBy(0, target.getBoundingClientRect().top - before);
}

/** A copy of the first element of the <template data-modele-NAME> inside `root`. */
export function cloneTemplate(root, name) {
  return root.querySelector(`template[data-modele-${name}]`).content.firstElementChild.cloneNode(true);
}

/** Every node of the <template data-modele-NAME> inside `root`, copied. */
export function cloneTemplateNodes(root, name) {
  return root.querySelector(`template[data-modele-${name}]`).content.cloneNode(true);
}

const field = (node, name) => node.querySelector(`[data-champ="${name}"]`);

/** An aid's card (macros.aide_card) filled from its data (aides/<id>/carte.json). */
export function aidCard(root, url, card) {
  const item = cloneTemplate(root, "carte");
  const ended = card.statut === "termine";
  item.classList.toggle("carte-aide--terminee", ended);
  const link = field(item, "titre");
  link.href = url;
  link.textContent = card.titre;
  field(item, "resume").textContent = card.resume;
  field(item, "types").textContent = card.types;
  field(item, "territoire").textContent = card.territoire;
  // Old, unconfirmed information (hooks/aides/trust/freshness.py): the same notice as on the page.
  if (card.avis) field(item, "avis").textContent = card.avis;
  else field(item, "avis").remove();
  if (!ended) {
    const badge = item.querySelector("[data-si-termine]");
    badge.nextSibling?.remove(); // the space after the badge
    badge.remove();
  }
  return item;
}

const CONTACT_LINKS = {
  email: (value) => `mailto:${value}`,
  telephone: (value, contact) => `tel:${contact.telephone_lien}`,
  url: (value) => value,
  formulaire: (value, contact) => contact.formulaire_url,
};

/** A contact's card (macros.contact_card) filled from its record (assets/questionnaire.json). */
export function contactCard(root, contact, partnerUrl) {
  const card = cloneTemplate(root, "contact");
  card.classList.toggle("fiche-contact--acces", Boolean(contact.acces)); // a partner's ways in: compact on paper
  field(card, "nom").textContent = contact.nom;
  field(card, "partenaire").textContent = contact.partenaire;
  field(card, "partenaire").href = partnerUrl;
  field(card, "territoire").textContent = contact.territoire;
  if (contact.description) field(card, "description").textContent = contact.description;
  else field(card, "description").remove();
  // A partner's ways in (hooks/aides/site/cards.py Cards.ways_in) come as contacts too: site, phone, online form.
  for (const name of ["email", "telephone", "url", "formulaire", "adresse"]) {
    const value = contact[name];
    if (!value) {
      card.querySelector(`[data-moyen="${name}"]`).remove();
      continue;
    }
    field(card, name).textContent = value;
    if (CONTACT_LINKS[name]) field(card, name).href = CONTACT_LINKS[name](value, contact);
  }
  const precision = field(card, "telephone_precision");
  if (precision && contact.telephone_precision) precision.textContent = `(${contact.telephone_precision})`;
  else precision?.remove();
  return card;
}

/**
 * A checker's result in words (macros.verdict): the template's parts for `state` (the result's status,
 * or "vide" before any answer), then each reason ({ texte, nature }: lib/site/checkers.js explain)
 * followed by the note the template gives its nature.
 */
export function verdict(root, state, reasons) {
  const nodes = cloneTemplateNodes(root, "verdict");
  const count = reasons.length > 1 ? "plusieurs" : "un";
  for (const part of nodes.querySelectorAll("[data-si]")) {
    if (!part.dataset.si.split(" ").includes(state) || (part.dataset.nombre ?? count) !== count) part.remove();
    part.removeAttribute("data-si");
    part.removeAttribute("data-nombre");
  }
  const list = field(nodes, "points");
  if (!list) return nodes;
  const notes = new Map([...list.children].map((model) => [model.dataset.nature, model.textContent]));
  // A note may name the figure to compare ({montant}: lib/model/income-rules.js amountDetail).
  const note = (nature, montant) => (notes.get(nature) || "").replace("{montant}", montant || "");
  list.replaceChildren(...reasons.map(({ texte, nature, montant }) => element("li", null, note(nature, montant) ? `${texte} ${note(nature, montant)}` : texte)));
  if (reasons.length === 0) list.remove();
  return nodes;
}
