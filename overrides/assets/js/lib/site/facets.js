// The catalogue's own filter index (aides/catalogue.json, see Facets.catalogue_index in
// hooks/aides/site/facets.py): every aid's filter values, in the order of the static list.
// Pagefind does the full-text search; for « every aid matching these boxes » and the counts
// beside each box, plain loops over this index take milliseconds where Pagefind needs a
// second or two per query at 10,000 aids.
//
// The rules are those of facets.py (its `matching` and `counts` are the Python twin, held to
// the same answers by tests/vectors/facets.json): a national aid is in every region; an aid
// for a département is in its region; a département matches national aids, aids for its
// whole region and aids naming it; a commune matches the aids of its région, département, EPCI
// or itself, unless one of them is excluded (lib/model/territory.js).
import { coversCommune, regionsOf, zoneQuery } from "../model/territory.js";

const STATUS = "statut"; // the one group with a default selection (facets.STATUS)

/**
 * Decode an index (the JSON of aides/catalogue.json): its lines hold the fields it names (`champs`), then
 * the zones, from which the région is derived. `departements` maps a code to [name, region]; `epciOf`
 * maps the communes of the EPCI the data names to their SIREN (the vocabulary's epci_of).
 */
export function decodeIndex(data, departements, epciOf = {}) {
  const fields = data.champs;
  const aids = data.lignes.map((line, position) => {
    const parts = line.split("|");
    const aid = { id: data.ids[position] };
    fields.forEach((field, index) => {
      aid[field] = parts[index] ? parts[index].split(",").map((n) => data.valeurs[field][Number(n)]) : [];
    });
    const zones = parts[fields.length].split(",");
    aid.zones = new Set(zones);
    aid.region = regionsOf(zones, departements, epciOf);
    return aid;
  });
  // The groups an aid matches by value: every field and the région, but the status (its default applies).
  const groups = [...fields, "region"].filter((group) => group !== STATUS);
  return { aids, groups, departements, epciOf };
}

/** Download and decode the index once. */
export async function loadIndex(url, departements, epciOf = {}) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return decodeIndex(await response.json(), departements, epciOf);
}

function inGroup(aid, group, selected) {
  return selected.length === 0 || selected.some((value) => aid[group].includes(value));
}

/** Does the aid match the state, leaving out one group (to count that group's values)? */
function matches(index, aid, state, statusDefault, except) {
  for (const group of index.groups) {
    if (group !== except && !inGroup(aid, group, state[group] ?? [])) return false;
  }
  if (state.departement && !zoneQuery(state.departement, index.departements).some((zone) => aid.zones.has(zone))) return false;
  if (state.commune && !coversCommune(aid.zones, state.commune, index.departements, index.epciOf)) return false;
  return except === STATUS || inGroup(aid, STATUS, state[STATUS] ?? statusDefault);
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
