// /recherche/: words and filters, results beside the filters. The state lives in the URL
// (?q=menage&rubrique=aide&region=11): typing replaces the current history entry, a filter
// change or a submitted search adds one, so Back undoes the last deliberate step.
import { plural } from "../lib/model/formatting.js";
import { loadPagefind, resultItem } from "../lib/pagefind.js";
import { groupCounts, pagefindFilters } from "../lib/site/pagefind-filters.js";
import { activeFilters, formGroups, readForm, readQuery, setForm, showActive, showCounts, unknownNotice, writeQuery } from "../lib/site/filter-state.js";

const PAGE = 10;
const root = document.querySelector("[data-recherche]");

if (root) {
  const vocabulary = JSON.parse(root.querySelector("[data-vocabulaire]").textContent);
  const searchForm = root.querySelector("[data-recherche-form]");
  const input = root.querySelector("[data-q]");
  const form = root.querySelector("[data-filtres-form]");
  const details = root.querySelector("[data-filtres-details]");
  const status = root.querySelector("[data-nombre]");
  const notice = root.querySelector("[data-avis]");
  const list = root.querySelector("[data-liste]");
  const more = root.querySelector("[data-plus]");
  const groups = formGroups(form);
  let state;
  let pending = [];
  let generation = 0;
  let typing = null;
  // Counts beside the filters need Pagefind's whole filter index (a few hundred KB at
  // 10,000 aids) and extra queries: they wait until the person uses a filter.
  let countsWanted = false;

  async function update() {
    const run = ++generation;
    const active = activeFilters(state, groups);
    showActive(root.querySelector("[data-filtres-actifs]"), active);
    if (!state.q && active === 0) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "Tapez un ou plusieurs mots, ou choisissez un filtre.";
      return;
    }
    root.setAttribute("aria-busy", "true");
    try {
      const pagefind = await loadPagefind();
      // Filters alone: the word every page carries, not `null` (see partials/pagefind-rubrique.html).
      const term = state.q || vocabulary.terme_tout;
      const options = { filters: pagefindFilters(state, groups, vocabulary) };
      if (!term) options.sort = { titre: "asc" }; // filters alone: no relevance to rank by
      countsWanted ||= active > 0;
      if (countsWanted) await pagefind.filters(); // searches then carry counts
      const search = await pagefind.search(term, options);
      if (run !== generation) return;
      if (countsWanted) {
        const counts = await groupCounts(pagefind, term, state, vocabulary, groups, search);
        if (run !== generation) return;
        showCounts(form, counts);
      }
      pending = search.results;
      list.replaceChildren();
      await showMore(run);
      const total = search.results.length;
      const words = state.q ? ` pour «${"\u00a0"}${state.q}${"\u00a0"}»` : "";
      status.textContent = total
        ? `${plural(total, "résultat", "résultats")}${words}.`
        : `Aucun résultat${words}. Essayez un autre mot ou retirez un filtre.`;
    } catch (error) {
      if (run !== generation) return;
      status.textContent = "La recherche n'a pas pu se faire. Parcourez la liste des aides ou le plan du site.";
      console.error(error);
    } finally {
      if (run === generation) root.removeAttribute("aria-busy");
    }
  }

  async function showMore(run) {
    const batch = pending.slice(0, PAGE);
    pending = pending.slice(PAGE);
    const items = await Promise.all(batch.map((result) => result.data()));
    if (run !== generation) return;
    list.append(...items.map((data) => resultItem(data, { excerpt: Boolean(state.q) })));
    more.hidden = pending.length === 0;
  }

  function apply(next, push) {
    state = next;
    const url = location.pathname + writeQuery(state, groups);
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
    update();
  }

  function current() {
    return readForm(form, groups, vocabulary, input.value.trim());
  }

  function fromUrl() {
    const read = readQuery(location.search, vocabulary, groups);
    notice.hidden = read.unknown.length === 0;
    notice.textContent = read.unknown.length ? unknownNotice(read.unknown, vocabulary) : "";
    input.value = read.state.q;
    setForm(form, read.state, vocabulary);
    state = read.state;
    update();
  }

  input.addEventListener("focus", () => loadPagefind(), { once: true });
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => apply(current(), false), 250);
  });
  searchForm.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    apply(current(), true);
  });
  form.addEventListener("change", () => {
    notice.hidden = true;
    apply(current(), true);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  root.querySelector("[data-effacer]").addEventListener("click", () => {
    notice.hidden = true;
    const cleared = readQuery("", vocabulary, groups).state;
    setForm(form, cleared, vocabulary);
    apply({ ...cleared, q: input.value.trim() }, true);
  });
  more.addEventListener("click", () => {
    const first = list.children.length;
    showMore(generation).then(() => list.children[first]?.querySelector("a")?.focus());
  });
  window.addEventListener("popstate", fromUrl);

  details.open = window.matchMedia("(min-width: 60em)").matches;
  document.querySelector("[data-recherche-sans-js]")?.remove();
  root.hidden = false;
  fromUrl();
}
