// Pagefind filters for a filter state (lib/site/filter-state.js): the search page and the header.
// The /aides/ catalogue does not use them: it filters with its own index.
import { EXCLUDE, communeZones, zoneQuery } from "../model/territory.js";

/**
 * Pagefind filters for a state (the search page and the header). Partners, agreements and
 * pages have no status: they must not disappear behind the default « current aids only ».
 * `groups`: the form's (lib/site/filter-state.js formGroups); `except`: leave one group out, to count
 * what each of its values would give.
 */
export function pagefindFilters(state, groups, vocabulary, { except = null } = {}) {
  const all = [];
  for (const group of groups) {
    if (group !== "statut" && group !== except && state[group]?.length) all.push({ [group]: { any: state[group] } });
  }
  if (state.departement) {
    // A département matches national aids, aids for its whole region and aids naming it.
    all.push({ zone: { any: zoneQuery(state.departement, vocabulary.departements) } });
  }
  if (state.commune) {
    // A commune matches the aids of one of its places, unless one of them is excluded.
    const places = communeZones(state.commune, vocabulary.departements, vocabulary.epci_of);
    all.push({ zone: { any: places } }, { zone: { none: places.map((zone) => EXCLUDE + zone) } });
  }
  if (except !== "statut") {
    const statut = state.statut ?? vocabulary.statut_defaut;
    if (statut.length) all.push({ any: [{ statut: { any: statut } }, { rubrique: { none: ["aide"] } }] });
  }
  return all.length ? { all } : {};
}

/**
 * Counts next to each checkbox: for each group, the results if that value were ticked too,
 * the other groups staying as they are. `main` is the search as shown, run after
 * `pagefind.filters()` so that it carries counts: they are right for every group with
 * nothing ticked. A group with ticked values, and the status (hidden by default), need a
 * query of their own without that group. Each query costs Pagefind time in proportion to
 * its matches, so they are kept to that.
 */
export async function groupCounts(pagefind, term, state, vocabulary, groups, main) {
  const counts = {};
  await Promise.all(
    groups.map(async (group) => {
      const own = group === "statut" || (state[group] ?? []).length > 0;
      const result = own ? await pagefind.search(term, { filters: pagefindFilters(state, groups, vocabulary, { except: group }) }) : main;
      counts[group] = result?.filters?.[group] ?? {};
    }),
  );
  return counts;
}
