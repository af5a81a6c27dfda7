// Shared by the header search, /recherche/ and the /aides/ filters: loading Pagefind once,
// and turning its results into safe DOM nodes. Pagefind's `meta` values are raw editor
// text: they only ever go through textContent, never innerHTML.

// This module lives at <site>/assets/js/: the site root is two folders up, which keeps
// working when the site is served from a sub-path.
export const siteRoot = new URL("../../", import.meta.url);

let loading = null;

/** Pagefind's module, loaded on first use only: pages that never search download nothing. */
export function loadPagefind() {
  loading ??= import(new URL("pagefind/pagefind.js", siteRoot).href).then(async (pagefind) => {
    await pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 22 });
    await pagefind.init();
    return pagefind;
  });
  return loading;
}

/** French count: 0 and 1 take the singular; thousands get a narrow no-break space. */
export function plural(count, singular, pluralForm) {
  return `${count.toLocaleString("fr-FR")} ${count > 1 ? pluralForm : singular}`;
}

/**
 * Pagefind's excerpt is HTML (entities escaped, <mark> around the words found). Rebuild it
 * from text nodes and <mark> elements only, so that nothing else can reach the page.
 */
export function excerptNodes(excerpt) {
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, "text/html");
  const fragment = document.createDocumentFragment();
  for (const node of parsed.body.firstChild?.childNodes ?? []) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      fragment.append(mark);
    } else {
      fragment.append(document.createTextNode(node.textContent));
    }
  }
  return fragment;
}

/** An element with a class and text, the building block of result cards. */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/** One search result: what it is (aide, partenaire…), its title as a link, an excerpt. */
export function resultItem(data, { heading = "h3", excerpt = true } = {}) {
  const item = element("li", "resultat-recherche");
  const kinds = element("p", "resultat-recherche__rubrique");
  kinds.append(element("span", "badge badge--rubrique", data.meta.rubrique || "Page"));
  if (data.meta.statut) kinds.append(" ", element("span", "badge badge--termine", data.meta.statut));
  const title = element(heading, "resultat-recherche__titre");
  const link = element("a", null, data.meta.title || data.url);
  link.href = data.url;
  title.append(link);
  item.append(kinds, title);
  if (excerpt && data.excerpt) {
    const text = element("p", "resultat-recherche__extrait");
    text.append(excerptNodes(data.excerpt));
    item.append(text);
  } else if (data.meta.resume) {
    item.append(element("p", "resultat-recherche__extrait", data.meta.resume));
  }
  return item;
}

/** An aid as a catalogue card, the same markup as the static list (macros.aide_card). */
export function aidCard(url, card) {
  const ended = card.statut === "termine";
  const item = element("li", ended ? "carte-aide carte-aide--terminee" : "carte-aide");
  const title = element("h3", "carte-aide__titre");
  const link = element("a", null, card.titre);
  link.href = url;
  title.append(link);
  item.append(title, element("p", null, card.resume));
  const meta = element("p", "carte-aide__meta");
  if (ended) meta.append(element("span", "badge badge--termine", "Terminé"), " ");
  meta.append(element("span", null, card.types), " · ", element("span", null, card.territoire));
  item.append(meta);
  return item;
}
