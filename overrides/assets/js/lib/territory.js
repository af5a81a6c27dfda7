// Territories in the filters, encoded once (hooks/aides/territory.py): "f" for the whole of
// France, "r<code>" for a whole région, "d<code>" for a département. Checked on both sides
// by tests/vectors/facets.json.

export const NATIONAL = "f";
export const REGION = "r";
export const DEPARTEMENT = "d";

/** The zones a `departement=<code>` filter accepts; `departements` maps a code to [name, région]. */
export function zoneQuery(departement, departements) {
  return [NATIONAL, REGION + departements[departement][1], DEPARTEMENT + departement];
}

/** Every région some zones touch: all of them for France; a département counts for its région. */
export function regionsOf(zones, departements) {
  const all = [...new Set(Object.values(departements).map(([, region]) => region))];
  const regions = zones.includes(NATIONAL) ? [...all] : [];
  for (const zone of zones) {
    if (zone.startsWith(REGION)) regions.push(zone.slice(1));
    else if (zone.startsWith(DEPARTEMENT) && departements[zone.slice(1)]) regions.push(departements[zone.slice(1)][1]);
  }
  return [...new Set(regions)];
}
