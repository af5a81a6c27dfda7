// Territories in the filters, encoded once (hooks/aides/model/territory.py): "f" for the whole of
// France, "r<code>" for a whole région, "d<code>" for a département, "e<siren>" for an EPCI,
// "c<code>" for a commune, "-e<siren>" / "-c<code>" for an exclusion (« sauf »). Checked on
// both sides by tests/vectors/facets.json.
import { communeDepartement, kindOf } from "./question-types.js";

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

/** Whether zones (a Set) cover a place given by the zones that contain it: one included, none excluded. */
function covers(zones, places) {
  return places.some((zone) => zones.has(zone)) && !places.some((zone) => zones.has(EXCLUDE + zone));
}

/** Whether zones (a Set) cover a commune (territory.covers_commune). */
export function coversCommune(zones, code, departements, epciOf = {}) {
  return covers(zones, communeZones(code, departements, epciOf));
}

const PLACE_KINDS = { communes: COMMUNE, epci: EPCI, departements: DEPARTEMENT, regions: REGION };

/** The person's answer to the place question of a kind ("communes", "epci", "departements", "regions"), if any. */
export function placeOf(answers, questions, choices) {
  const question = questions.find((q) => kindOf(q.type).choices === choices && typeof answers[q.id] === "string");
  return question ? answers[question.id] : undefined;
}

/**
 * The zones that contain the person, from their normalised answers (lib/model/conditions.js: a commune
 * brings its département, région and EPCI): [f, c83137, e248300543, d83, r93] for Toulon, [f, d69, r84]
 * for someone who gave only the Rhône; null when no place is known.
 */
export function personZones(answers, questions) {
  const found = [];
  for (const [choices, prefix] of Object.entries(PLACE_KINDS)) {
    const code = placeOf(answers, questions, choices);
    if (code !== undefined) found.push(prefix + code);
  }
  return found.length ? [NATIONAL, ...found] : null;
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
 * How local zones are for a place (`places`: the zones that contain it, communeZones or personZones):
 * 0 the commune itself, 1 its EPCI, 2 its département, 3 its région, 4 the whole of France; null when
 * they do not cover it (to sort contacts most local first).
 */
export function localRank(zones, places) {
  const set = zones instanceof Set ? zones : new Set(zones);
  if (!covers(set, places)) return null;
  return Math.min(...places.filter((zone) => set.has(zone)).map((zone) => LOCAL_FIRST.indexOf(zone[0])));
}

/** The items (each with its `zones`; none: the whole of France) covering a place, most local first, ties in list order. */
export function mostLocalFirst(items, places) {
  return items
    .map((item, position) => ({ item, position, rank: localRank(item.zones ?? [NATIONAL], places) }))
    .filter(({ rank }) => rank !== null)
    .sort((a, b) => a.rank - b.rank || a.position - b.position)
    .map(({ item }) => item);
}
