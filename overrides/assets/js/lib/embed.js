// Embeddable views (/integrer/…) and the partners' links: the answers a partner fixes, the one
// message a framed view sends to its host page, and the addresses the link builder makes.
// Plain functions, tested under Node (tests/js/embed.test.mjs).

// ?fixe=profil,age: answers of the fragment the person cannot change; in an embedded list,
// ?fixe=region,public: filters of the query the reader cannot remove (lib/site/filter-state.js fixedFilters).
export const FIXED_PARAM = "fixe";
export const MESSAGE_TYPE = "aides-logement:hauteur";

/** The ids of the fixed answers, from a query string (?fixe=profil,age or ?fixe=profil&fixe=age). */
export function fixedIds(search) {
  const params = new URLSearchParams(search);
  const ids = params.getAll(FIXED_PARAM).flatMap((value) => value.split(","));
  return new Set(ids.map((id) => id.trim()).filter(Boolean));
}

/** New answers with the fixed ones of `previous` put back: "Recommencer" keeps what the partner fixed. */
export function keepFixed(answers, previous, fixed) {
  const kept = { ...answers };
  for (const id of fixed) if (Object.hasOwn(previous, id)) kept[id] = previous[id];
  return kept;
}

/** A query string with ?fixe= added for `names`: ("?region=93", ["region"]) → "?region=93&fixe=region". */
export function withFixedParam(query, names) {
  if (!names.length) return query;
  const param = `${FIXED_PARAM}=${names.map(encodeURIComponent).join(",")}`;
  return query ? `${query}&${param}` : `?${param}`;
}

/** The only message an embed sends to its host page: its height, nothing of the answers. */
export function heightMessage(height) {
  return { type: MESSAGE_TYPE, hauteur: Math.ceil(height) };
}

/**
 * The link a partner shares, and the address of its embeddable view.
 * choice: { cible: "aide" | "catalogue" | "questionnaire", aide, section, query ("?public=jeunes"),
 *           fragment ("profil=particulier&age=25"), fixe: [question ids, or the list's filter parameters] }
 * urls: siteUrls() of lib/dom.js over the page's patterns (urls.py).
 * Answers take the fragment; without answers, an aid's section anchor does. Only the embed fixes anything,
 * and only what the link gives.
 */
export function partnerLinks(choice, urls) {
  const query = choice.query || "";
  const given = new URLSearchParams(choice.cible === "catalogue" ? query : choice.fragment || "");
  const fixed = (choice.fixe || []).filter((name) => given.has(name));
  const fixe = withFixedParam("", fixed);
  const hash = choice.fragment ? `#${choice.fragment}` : "";
  if (choice.cible === "aide") {
    const end = hash || (choice.section ? `#${choice.section}` : "");
    return { lien: urls.url("aide", choice.aide) + end, integre: urls.url("integrer_aide", choice.aide) + fixe + hash };
  }
  if (choice.cible === "catalogue") {
    return { lien: urls.file(urls.path("catalogue")) + query, integre: urls.file(urls.path("integrer_catalogue")) + withFixedParam(query, fixed) };
  }
  return { lien: urls.file(urls.path("questionnaire")) + hash, integre: urls.file(urls.path("integrer_questionnaire")) + fixe + hash };
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const attribute = (text) => String(text).replace(/[&<>"]/g, (c) => ESCAPES[c]);

/** The HTML a partner pastes: the iframe (titled, for screen readers) and the script that keeps its height right. */
export function embedSnippet(src, title, script) {
  return (
    `<iframe src="${attribute(src)}" title="${attribute(title)}" data-aides-logement` +
    ` style="width:100%;border:0" height="700" loading="lazy"></iframe>\n` +
    `<script src="${attribute(script)}" defer></script>`
  );
}
