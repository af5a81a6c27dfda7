// Territories in the filters, encoded once (hooks/aides/territory.py): "f" for the whole of
// France, "r<code>" for a whole région, "d<code>" for a département, "e<siren>" for an EPCI,
// "c<code>" for a commune, "-e<siren>" / "-c<code>" for an exclusion (« sauf »). Checked on
// both sides by tests/vectors/facets.json.
import { communeDepartement } from "./question-types.js";

export const NATIONAL = "f";
export const REGION = "r";
export const DEPARTEMENT = "d";
export const EPCI = "e";
export const COMMUNE = "c";
export const EXCLUDE = "-";

/** The zones a `departement=<code>` filter accepts; `departements` maps a code to [name, région]. */
export function zoneQuery(departement, departements) {
  return [NATIONAL, REGION + departements[departement][1], DEPARTEMENT + departement];
}

/**
 * The zones that contain a commune (twin of territory.commune_zones); `epciOf` maps the communes
 * of the EPCI the data names to their SIREN (any other commune's EPCI is never named by an aid).
 */
export function communeZones(code, departements, epciOf = {}) {
  const departement = communeDepartement(code) ?? "";
  const found = [NATIONAL, REGION + (departements[departement]?.[1] ?? ""), DEPARTEMENT + departement];
  if (Object.hasOwn(epciOf, code)) found.push(EPCI + epciOf[code]);
  return [...found, COMMUNE + code];
}

/** Whether zones (a Set) cover a commune: one of its places included, none excluded (territory.covers_commune). */
export function coversCommune(zones, code, departements, epciOf = {}) {
  const places = communeZones(code, departements, epciOf);
  return places.some((zone) => zones.has(zone)) && !places.some((zone) => zones.has(EXCLUDE + zone));
}

/** The départements of a zone: a département, a commune (its code), an EPCI (its communes in `epciOf`). */
function zoneDepartements(zone, epciOf) {
  if (zone.startsWith(DEPARTEMENT)) return [zone.slice(1)];
  if (zone.startsWith(COMMUNE)) return [communeDepartement(zone.slice(1))].filter(Boolean);
  if (!zone.startsWith(EPCI)) return [];
  const siren = zone.slice(1);
  return Object.keys(epciOf).filter((code) => epciOf[code] === siren).map(communeDepartement).filter(Boolean);
}

/** Every région some zones touch: all of them for France; a département, EPCI or commune counts for its région. */
export function regionsOf(zones, departements, epciOf = {}) {
  const all = [...new Set(Object.values(departements).map(([, region]) => region))];
  const regions = zones.includes(NATIONAL) ? [...all] : [];
  for (const zone of zones) {
    if (zone.startsWith(REGION)) regions.push(zone.slice(1));
    for (const departement of zoneDepartements(zone, epciOf)) {
      if (departements[departement]) regions.push(departements[departement][1]);
    }
  }
  return [...new Set(regions)];
}

const LOCAL_FIRST = [COMMUNE, EPCI, DEPARTEMENT, REGION, NATIONAL];

/**
 * How local zones are for a commune they cover: 0 the commune itself, 1 its EPCI, 2 its département,
 * 3 its région, 4 the whole of France; null when they do not cover it (sort contacts most local first).
 */
export function localRank(zones, code, departements, epciOf = {}) {
  const set = zones instanceof Set ? zones : new Set(zones);
  if (!coversCommune(set, code, departements, epciOf)) return null;
  const places = communeZones(code, departements, epciOf).filter((zone) => set.has(zone));
  return Math.min(...places.map((zone) => LOCAL_FIRST.indexOf(zone === NATIONAL ? NATIONAL : zone[0])));
}

/** The items (each with its `zones`; none: the whole of France) covering a commune, most local first, ties in list order. */
export function mostLocalFirst(items, code, departements, epciOf = {}) {
  return items
    .map((item, position) => ({ item, position, rank: localRank(item.zones ?? [NATIONAL], code, departements, epciOf) }))
    .filter(({ rank }) => rank !== null)
    .sort((a, b) => a.rank - b.rank || a.position - b.position)
    .map(({ item }) => item);
}
