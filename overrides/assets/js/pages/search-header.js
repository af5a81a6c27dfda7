// The header's search field, on every page: results appear in place under the field (what
// each hit is, its title, an excerpt), with a link to /recherche/ for all of them and the
// filters. Pagefind, and the modules that query it, are only downloaded when the field gets focus:
// most visitors of a page never search from it.
import { plural } from "../lib/model/formatting.js";

/** The search modules, loaded once, with Pagefind itself started; `statuses`: those shown by default. */
let tools = null;
function searchTools(statuses) {
  tools ??= Promise.all([import("../lib/pagefind.js"), import("../lib/site/pagefind-filters.js"), import("../lib/site/filter-state.js")]).then(
    ([pagefind, pagefindFilters, filterState]) => {
      // No group ticked; ended schemes stay out of quick results, as everywhere by default.
      const filters = pagefindFilters.pagefindFilters(filterState.emptyState(), [], { statut_defaut: statuses, departements: {} });
      return { pagefind: pagefind.loadPagefind(), resultItem: pagefind.resultItem, filters };
    },
  );
  return tools;
}

const SHOWN = 5;
const root = document.querySelector("[data-recherche-entete]");

if (root) {
  const button = root.querySelector("[data-recherche-bouton]");
  const panel = root.querySelector("[data-recherche-panneau]");
  const form = root.querySelector("[data-recherche-form]");
  const input = root.querySelector("[data-q]");
  const results = root.querySelector("[data-resultats]");
  const count = root.querySelector("[data-nombre]");
  const list = root.querySelector("[data-liste]");
  const all = root.querySelector("[data-tout]");
  const announce = root.querySelector("[data-annonce]");
  const statuses = root.dataset.statutDefaut.split(" ").filter(Boolean);
  const wide = window.matchMedia("(min-width: 60em)");
  let typing = null;
  let generation = 0;

  function layout() {
    // Wide screen: the field sits in the header. Phone: a button opens it under the header.
    button.hidden = wide.matches;
    panel.hidden = !wide.matches && button.getAttribute("aria-expanded") !== "true";
  }

  function setOpen(open) {
    button.setAttribute("aria-expanded", String(open));
    layout();
    if (open) input.focus();
  }

  function hideResults() {
    results.hidden = true;
  }

  async function run() {
    const run = ++generation;
    const q = input.value.trim();
    if (!q) {
      list.replaceChildren();
      announce.textContent = "";
      hideResults();
      return;
    }
    const { pagefind, resultItem, filters } = await searchTools(statuses);
    const search = await (await pagefind).search(q, { filters });
    const items = await Promise.all(search.results.slice(0, SHOWN).map((result) => result.data()));
    if (run !== generation) return;
    const total = search.results.length;
    const text = total ? plural(total, "résultat", "résultats") : "Aucun résultat";
    count.textContent = total > SHOWN ? `${text}, les ${SHOWN} premiers\u00a0:` : `${text}.`;
    announce.textContent = `${text} pour «\u00a0${q}\u00a0».`;
    list.replaceChildren(...items.map((data) => resultItem(data, { heading: "p" })));
    const page = new URL(form.getAttribute("action"), document.baseURI);
    page.searchParams.set("q", q);
    all.href = page.href;
    results.hidden = false;
  }

  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  input.addEventListener("focus", () => searchTools(statuses), { once: true });
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(run, 200);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    run();
  });
  root.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    if (!results.hidden) {
      hideResults();
      input.focus();
    } else if (!wide.matches) {
      setOpen(false);
      button.focus();
    }
  });
  // Leaving the search (click or Tab elsewhere) folds the results away.
  root.addEventListener("focusout", (event) => {
    if (!root.contains(event.relatedTarget)) hideResults();
  });
  input.addEventListener("focus", () => {
    if (list.children.length && input.value.trim()) results.hidden = false;
  });
  wide.addEventListener("change", layout);

  root.querySelector("[data-recherche-lien]").hidden = true;
  root.classList.add("recherche-entete--js");
  layout();
}
