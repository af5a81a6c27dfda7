// The catalogue's own filter index (aides/catalogue.json, see Search.catalogue_index in
// hooks/aides/search.py): every aid's filter values, in the order of the static list.
// Pagefind does the full-text search; for « every aid matching these boxes » and the counts
// beside each box, plain loops over this index take milliseconds where Pagefind needs a
// second or two per query at 10,000 aids.
//
// The rules are those of Search.filters: a national aid is in every region; an aid for a
// département is in its region; a département matches national aids, aids for its whole
// region and aids naming it.

const FIELDS = ["public", "type", "partenaire", "statut"];

/** Download and decode the index once; `departements` maps a code to [name, region]. */
export async function loadIndex(url, departements) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const data = await response.json();
  const allRegions = [...new Set(Object.values(departements).map(([, region]) => region))];
  const aids = data.lignes.map((line, position) => {
    const parts = line.split("|");
    const aid = { id: data.ids[position], national: false, regions: new Set(), wholeRegions: new Set(), departements: new Set() };
    FIELDS.forEach((field, index) => {
      aid[field] = parts[index] ? parts[index].split(",").map((n) => data.valeurs[field][Number(n)]) : [];
    });
    for (const zone of parts[FIELDS.length].split(",")) {
      if (zone === "f") aid.national = true;
      else if (zone[0] === "r") aid.wholeRegions.add(zone.slice(1));
      else if (zone[0] === "d") aid.departements.add(zone.slice(1));
    }
    if (aid.national) for (const region of allRegions) aid.regions.add(region);
    for (const region of aid.wholeRegions) aid.regions.add(region);
    for (const dep of aid.departements) aid.regions.add(departements[dep][1]);
    aid.region = [...aid.regions];
    return aid;
  });
  return { aids, departements };
}

function inGroup(aid, group, selected) {
  return selected.length === 0 || selected.some((value) => aid[group].includes(value));
}

function coversDepartement(aid, code, departements) {
  return aid.national || aid.wholeRegions.has(departements[code][1]) || aid.departements.has(code);
}

/** Does the aid match the state, leaving out one group (to count that group's values)? */
function matches(index, aid, state, statusDefault, except) {
  for (const group of ["public", "type", "region", "partenaire"]) {
    if (group !== except && !inGroup(aid, group, state[group])) return false;
  }
  if (state.departement && !coversDepartement(aid, state.departement, index.departements)) return false;
  return except === "statut" || inGroup(aid, "statut", state.statut ?? statusDefault);
}

/** The aids of a state, in list order. */
export function query(index, state, statusDefault) {
  return index.aids.filter((aid) => matches(index, aid, state, statusDefault, null));
}

/** For each group, how many aids each value would give, the other groups staying as they are. */
export function counts(index, state, statusDefault, groups) {
  const result = {};
  for (const group of groups) {
    const tally = (result[group] = {});
    for (const aid of index.aids) {
      if (!matches(index, aid, state, statusDefault, group)) continue;
      for (const value of aid[group]) tally[value] = (tally[value] ?? 0) + 1;
    }
  }
  return result;
}
