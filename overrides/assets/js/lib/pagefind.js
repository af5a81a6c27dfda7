// Pagefind, for the header search and /recherche/ (never for /aides/, which filters with its
// own index): loading it once, and turning its results into safe DOM nodes. Pagefind's
// `meta` values are raw editor text: they only ever go through textContent, never innerHTML.
import { element } from "./dom.js";

let loading = null;

/**
 * Pagefind's module, loaded on first use only: pages that never search download nothing.
 * Where it is comes from the page (the header's `data-pagefind`, written by the template).
 */
export function loadPagefind() {
  const folder = new URL(document.querySelector("[data-pagefind]").dataset.pagefind, document.baseURI);
  loading ??= import(new URL("pagefind.js", folder).href).then(async (pagefind) => {
    await pagefind.options({ baseUrl: new URL("../", folder).pathname, excerptLength: 22 });
    await pagefind.init();
    return pagefind;
  });
  return loading;
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
  // Old, unconfirmed information says so wherever the aid shows (hooks/aides/trust/freshness.py).
  if (data.meta.avis) item.append(element("p", "resultat-recherche__avis", data.meta.avis));
  if (excerpt && data.excerpt) {
    const text = element("p", "resultat-recherche__extrait");
    text.append(excerptNodes(data.excerpt));
    item.append(text);
  } else if (data.meta.resume) {
    item.append(element("p", "resultat-recherche__extrait", data.meta.resume));
  }
  return item;
}
