// The filter state of /aides/ and /recherche/: read from and written to the URL, shown in
// the form, turned into Pagefind filters (lib/site/pagefind-filters.js, search page) or matched
// against the catalogue's index (lib/site/facets.js). The state holds the data's own ids
// (see hooks/aides/site/facets.py), so the URL a partner copies (?public=jeunes&region=11) *is*
// the view, and reopens it.
//
// Within a group, values add up (jeunes OR salaries); groups narrow down (public AND region).
// `statut` is null for the default view (current aids only: ended schemes stay hidden
// until asked for); `statut=` with no value means every status. The groups are the form's
// (`formGroups`: each fieldset's data-facette, rendered from facets.py FACETS), never listed here.
import { plural } from "../model/formatting.js";
import { communeDepartement } from "../model/question-types.js";

const NBSP = "\u00a0";

/** A state with nothing chosen: an empty list for each group (`groups`: formGroups), the status's default. */
export function emptyState(groups = []) {
  const state = { q: "", departement: "", commune: "", statut: null };
  for (const group of groups) if (group !== "statut") state[group] = [];
  return state;
}

/** The state in a query string; values that the data does not know are set aside. */
export function readQuery(query, vocabulary, groups) {
  const params = new URLSearchParams(query);
  const state = emptyState(groups);
  const unknown = [];
  state.q = (params.get("q") || "").trim();
  for (const group of groups) {
    const known = vocabulary.facettes[group] || {};
    for (const value of params.getAll(group)) {
      if (value === "") continue;
      if (!Object.hasOwn(known, value)) unknown.push([group, value]);
      else if (!state[group]?.includes(value)) (state[group] ??= []).push(value);
    }
  }
  if (groups.includes("statut")) {
    const asked = params.getAll("statut");
    // Only unknown statuses: fall back to the default rather than to an empty page.
    state.statut = state.statut?.length ? state.statut : asked.includes("") ? [] : null;
  }
  const departement = params.get("departement");
  if (departement && groups.includes("region")) {
    if (Object.hasOwn(vocabulary.departements, departement)) state.departement = departement;
    else unknown.push(["departement", departement]);
  }
  // A commune code: well formed and in a known département here; the page checks it exists (lookup files).
  const commune = params.get("commune");
  if (commune && groups.includes("region") && vocabulary.communes) {
    if (Object.hasOwn(vocabulary.departements, communeDepartement(commune) ?? "")) state.commune = commune;
    else unknown.push(["commune", commune]);
  }
  return { state, unknown };
}

/** The query string of a state: q, then groups in a fixed order, so equal views share one URL. */
export function writeQuery(state, groups) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const group of groups) {
    if (group === "statut") {
      if (state.statut === null) continue;
      if (state.statut.length === 0) params.append("statut", "");
    }
    for (const value of state[group] ?? []) params.append(group, value);
    if (group === "region" && state.departement) params.set("departement", state.departement);
    if (group === "region" && state.commune) params.set("commune", state.commune);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function activeFilters(state, groups) {
  let count = (state.departement ? 1 : 0) + (state.commune ? 1 : 0);
  for (const group of groups) count += group === "statut" ? (state.statut === null ? 0 : 1) : (state[group] ?? []).length;
  return count;
}

// --- filters a partner fixed: an embedded list (/integrer/aides/?region=93&fixe=region) ---

// The département and the commune are chosen in the fieldset of « Territoire », beside the régions.
const PARAM_GROUP = { departement: "region", commune: "region" };

/** The group (a fieldset of the form) whose controls set a query parameter. */
export function groupOf(param) {
  return PARAM_GROUP[param] ?? param;
}

/** The query parameters a group's fieldset sets: « Territoire » sets the région, the département and the commune. */
export function paramsOf(group) {
  return [group, ...Object.keys(PARAM_GROUP).filter((param) => PARAM_GROUP[param] === group)];
}

/**
 * The filters of `state` a partner fixed (`names`: the parameters of ?fixe=, lib/embed.js fixedIds), in the
 * form's order: only those the link gives a value (a status list, even empty, is a value; the default is not).
 */
export function fixedFilters(state, names, groups) {
  const fixed = {};
  for (const param of groups.flatMap(paramsOf)) {
    const value = state[param];
    const given = param === "statut" ? value != null : value?.length > 0;
    if (names.has(param) && given) fixed[param] = Array.isArray(value) ? [...value] : value;
  }
  return fixed;
}

/** The state with the fixed filters put back: the reader's own choices stay, a fixed filter never changes. */
export function withFixed(state, fixed) {
  const next = { ...state };
  for (const [param, value] of Object.entries(fixed)) next[param] = Array.isArray(value) ? [...value] : value;
  return next;
}

/** The reader's own filters: the state without the fixed ones (what « filtres actifs » counts). */
export function withoutFixed(state, fixed, groups) {
  const empty = emptyState(groups);
  return { ...state, ...Object.fromEntries(Object.keys(fixed).map((param) => [param, empty[param]])) };
}

/** What a fixed list is limited to: [legend, values in words] for each fixed parameter; values add up (« ou »). */
export function fixedSummary(fixed, vocabulary, communeName = "") {
  const words = (param, value) => {
    if (param === "departement") return `${vocabulary.departements[value]?.[0] ?? value} (${value})`;
    if (param === "commune") return communeName || `commune ${value}`;
    if (param === "statut" && value.length === 0) return "tous les statuts";
    return value.map((id) => vocabulary.facettes[param]?.[id] ?? id).join(" ou ");
  };
  return Object.entries(fixed).map(([param, value]) => [vocabulary.legendes[param] ?? param, words(param, value)]);
}

// --- the form ---------------------------------------------------------------------------

/** The form's groups, in its order: the data-facette of each fieldset. */
export function formGroups(form) {
  return [...form.querySelectorAll("[data-facette]")].map((fieldset) => fieldset.dataset.facette);
}

export function setForm(form, state, vocabulary) {
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    const selected = box.name === "statut" ? (state.statut ?? vocabulary.statut_defaut) : state[box.name] ?? [];
    box.checked = selected.includes(box.value);
  }
  const select = form.querySelector("[data-departement]");
  if (select) select.value = state.departement;
  const commune = form.querySelector("[data-commune-filtre]");
  if (commune && commune.querySelector("[data-valeur]").value !== state.commune) {
    commune.querySelector("[data-valeur]").value = state.commune;
    commune.querySelector("[data-commune-texte]").value = state.commune;
    commune.querySelector("[data-commune-resultats]").replaceChildren();
    commune.querySelector("[data-commune-statut]").textContent = "";
  }
}

export function readForm(form, groups, vocabulary, q = "") {
  const state = emptyState(groups);
  state.q = q;
  for (const group of groups) {
    state[group] = [...form.querySelectorAll(`input[name="${group}"]:checked`)].map((box) => box.value);
  }
  // The default selection stays implicit: the URL of the default view has no `statut`.
  const defaults = vocabulary.statut_defaut;
  if (state.statut && state.statut.length === defaults.length && defaults.every((value) => state.statut.includes(value))) {
    state.statut = null;
  }
  state.departement = form.querySelector("[data-departement]")?.value ?? "";
  // The commune chosen in the widget; an emptied text field removes the filter.
  const commune = form.querySelector("[data-commune-filtre]");
  state.commune = commune?.querySelector("[data-commune-texte]").value.trim() ? commune.querySelector("[data-valeur]").value : "";
  return state;
}

export function showCounts(form, counts) {
  for (const fieldset of form.querySelectorAll("[data-facette]")) {
    const values = counts[fieldset.dataset.facette];
    if (!values) continue;
    for (const slot of fieldset.querySelectorAll("[data-nombre-de]")) {
      slot.textContent = `(${(values[slot.dataset.nombreDe] ?? 0).toLocaleString("fr-FR")})`;
    }
  }
}

export function showActive(summary, count) {
  if (summary) summary.textContent = count ? `(${plural(count, "filtre actif", "filtres actifs")})` : "";
}

/** The visible notice for values of a link that the data does not know. */
export function unknownNotice(unknown, vocabulary) {
  const items = unknown.map(([group, value]) => `${(vocabulary.legendes[group] || group).toLowerCase()}${NBSP}: «${NBSP}${value}${NBSP}»`);
  const what = items.length > 1 ? "Ces filtres du lien ne correspondent à aucune valeur connue" : "Ce filtre du lien ne correspond à aucune valeur connue";
  return `${what} (${items.join(", ")})${NBSP}: ${items.length > 1 ? "ils ont été ignorés" : "il a été ignoré"}. La liste tient compte des autres filtres.`;
}
