// /aides/: the filterable catalogue. The page arrives with the static list of current aids
// and the counts of the default view, computed at build time: nothing more is downloaded
// until a filter is set. Then the catalogue's filter index (lib/site/facets.js) answers
// over the whole set, and only the cards shown are fetched, 24 at a time (aides/<id>/carte.json),
// and drawn from the card template the page ships. No Pagefind code is loaded here.
// Embedded (/integrer/aides/?region=93&public=jeunes&fixe=region,public), the filters the partner fixed
// are applied, their controls are not offered, and the list says what it is limited to.
import { aidCard, element, siteUrls } from "../lib/dom.js";
import { plural } from "../lib/model/formatting.js";
import {
  activeFilters,
  fixedFilters,
  fixedSummary,
  formGroups,
  groupOf,
  readForm,
  readQuery,
  setForm,
  showActive,
  showCounts,
  unknownNotice,
  withFixed,
  withoutFixed,
  writeQuery,
} from "../lib/site/filter-state.js";
import { counts, loadIndex, query } from "../lib/site/facets.js";
import { bindCommune, nameCommune } from "../lib/commune-field.js";
import { fixedIds, withFixedParam } from "../lib/embed.js";

const NBSP = "\u00a0";
const PAGE = 24;
const root = document.querySelector("[data-catalogue]");

if (root) {
  const vocabulary = JSON.parse(root.querySelector("[data-vocabulaire]").textContent);
  const urls = siteUrls(root, vocabulary.adresses);
  const form = root.querySelector("[data-filtres-form]");
  const details = root.querySelector("[data-filtres-details]");
  const status = root.querySelector("[data-nombre]");
  const notice = root.querySelector("[data-avis]");
  const results = root.querySelector("[data-resultats]");
  const list = root.querySelector("[data-liste]");
  const more = root.querySelector("[data-plus]");
  const staticList = root.querySelector("[data-statique]");
  const groups = formGroups(form);
  const communeBox = form.querySelector("[data-commune-filtre]");
  const defaultStatus = status.textContent;
  const defaultCounts = [...form.querySelectorAll("[data-nombre-de]")].map((slot) => [slot, slot.textContent]);
  let index = null; // the filter index, downloaded on the first filter change
  const fixing = root.closest("[data-integre]") ? fixedIds(location.search) : new Set(); // only an embed fixes filters
  let fixed = {}; // the filters fixed by the embed's address, read once (`fixedRead`): the reader never changes them
  let fixedRead = false;
  let state;
  let pending = [];
  let generation = 0;

  async function fetchCard(id) {
    const response = await fetch(urls.url("carte", id));
    if (!response.ok) throw new Error(`${id}: ${response.status}`);
    return response.json();
  }

  async function update() {
    const run = ++generation;
    showActive(root.querySelector("[data-filtres-actifs]"), activeFilters(withoutFixed(state, fixed, groups), groups));
    if (activeFilters(state, groups) === 0) {
      // The default view is the page as built: static list, build-time counts.
      for (const [slot, text] of defaultCounts) slot.textContent = text;
      results.hidden = true;
      staticList.hidden = false;
      status.textContent = defaultStatus;
      return;
    }
    root.setAttribute("aria-busy", "true");
    try {
      index ??= loadIndex(urls.file(vocabulary.index), vocabulary.departements, vocabulary.epci_of);
      const loaded = await index;
      if (run !== generation) return;
      const found = query(loaded, state, vocabulary.statut_defaut);
      showCounts(form, counts(loaded, state, vocabulary.statut_defaut, groups));
      pending = found;
      list.replaceChildren();
      await showMore(run);
      if (run !== generation) return; // a newer change is on its way
      staticList.hidden = true;
      results.hidden = false;
      status.textContent = found.length
        ? `${plural(found.length, "aide correspond", "aides correspondent")} à ces filtres.`
        : "Aucune aide ne correspond à ces filtres. Retirez un filtre ou effacez-les tous.";
    } catch (error) {
      if (run !== generation) return;
      status.textContent = "Le filtrage n'a pas pu se faire. La liste complète reste affichée.";
      staticList.hidden = false;
      results.hidden = true;
      console.error(error);
    } finally {
      if (run === generation) root.removeAttribute("aria-busy");
    }
  }

  async function showMore(run) {
    const batch = pending.slice(0, PAGE);
    pending = pending.slice(PAGE);
    const cards = await Promise.all(batch.map((aid) => fetchCard(aid.id)));
    if (run !== generation) return;
    list.append(...cards.map((card, position) => aidCard(root, urls.url("aide", batch[position].id), card)));
    more.hidden = pending.length === 0;
    more.textContent = `Afficher ${plural(Math.min(PAGE, pending.length), "aide de plus", "aides de plus")}`;
  }

  function apply(next, push) {
    state = withFixed(next, fixed);
    const query = withFixedParam(writeQuery(state, groups), Object.keys(fixed));
    if (push) history.pushState(null, "", location.pathname + query + location.hash);
    update();
  }

  /** The filters the partner fixed: their fieldsets are not offered; the list says in words what it is limited to. */
  function showFixed() {
    const lines = fixedSummary(fixed, vocabulary, communeBox?.dataset.nom);
    if (!lines.length) return;
    for (const param of Object.keys(fixed)) form.querySelector(`[data-facette="${groupOf(param)}"]`).hidden = true;
    const list = element("ul");
    for (const [legend, words] of lines) list.append(element("li", null, `${legend}${NBSP}: ${words}`));
    const box = element("div", "filtres-fixes");
    box.append(element("p", null, `Liste limitée à${NBSP}:`), list);
    root.querySelector("[data-filtres]").prepend(box);
  }

  /** A commune of the link: named from the lookup files, or set aside as unknown (no such current commune). */
  async function checkCommune(read) {
    if (!read.state.commune || !communeBox) return;
    let found;
    try {
      found = await nameCommune(communeBox, read.state.commune);
    } catch {
      return; // the files could not be read: the code keeps filtering by its département, région and EPCI
    }
    if (found) return;
    read.unknown.push(["commune", read.state.commune]);
    read.state.commune = "";
    setForm(form, read.state, vocabulary);
  }

  async function fromUrl() {
    const read = readQuery(location.search, vocabulary, groups);
    setForm(form, read.state, vocabulary);
    await checkCommune(read);
    if (!fixedRead) {
      fixed = fixedFilters(read.state, fixing, groups);
      fixedRead = true;
      showFixed();
    }
    read.state = withFixed(read.state, fixed);
    notice.hidden = read.unknown.length === 0;
    notice.textContent = read.unknown.length ? unknownNotice(read.unknown, vocabulary) : "";
    setForm(form, read.state, vocabulary);
    apply(read.state, false);
  }

  form.addEventListener("change", () => {
    notice.hidden = true;
    apply(readForm(form, groups, vocabulary), true);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  root.querySelector("[data-effacer]").addEventListener("click", () => {
    notice.hidden = true;
    const cleared = withFixed(readQuery("", vocabulary, groups).state, fixed);
    setForm(form, cleared, vocabulary);
    apply(cleared, true);
  });
  more.addEventListener("click", () => {
    const first = list.children.length;
    showMore(generation).then(() => list.children[first]?.querySelector("a")?.focus());
  });
  window.addEventListener("popstate", fromUrl);
  if (communeBox) bindCommune(communeBox);

  // On a wide screen the filters sit beside the list, open; on a phone they fold above it.
  details.open = window.matchMedia("(min-width: 60em)").matches;
  root.querySelector("[data-filtres]").hidden = false;
  fromUrl();
}
