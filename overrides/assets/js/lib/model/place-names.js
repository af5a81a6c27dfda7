// Commune lookup in the browser: a postcode or a name → communes, read from the static files of
// referentiel/territoires/recherche/ (format in its README). Nothing is downloaded before the field
// is used: then index.json once and one small file per lookup, kept in memory; `prefetch` fetches
// them while the person types, so that Entrée finds them in memory.
// Twin of hooks/aides/model/place_names.py (normalise_name, name_keys) and of tests/commune_search.py (match_rank,
// search over cog.py's entries): same normalisation, matching and order; tests/vectors/communes.json runs through both.

const ABBREVIATIONS = new Map([
  ["st", "saint"],
  ["ste", "sainte"],
  ["sts", "saints"],
  ["stes", "saintes"],
]);
// A name is also found from each later word that is not one of these ("rochelle" → La Rochelle).
const STOPWORDS = new Set([
  "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "lez", "s", "sous", "sur",
  "saint", "sainte", "saints", "saintes", "arrondissement",
]);
export const LIMIT = 10;
export const MIN_LENGTH = 2;
const POSTCODE = /^[0-9]{5}$/;
const DIGITS = /^[0-9]+$/;

/** Lower case, no accents, œ → oe, any run of other characters → one space, "st" → "saint". */
export function normalise(text) {
  const plain = String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/œ/g, "oe").replace(/æ/g, "ae");
  return plain
    .replace(/[^a-z0-9]+/g, " ")
    .split(" ")
    .filter(Boolean)
    .map((word) => ABBREVIATIONS.get(word) ?? word)
    .join(" ");
}

/** The normalised name without spaces: "Saint-Étienne" and "st etienne" both give "saintetienne". */
export function compact(text) {
  return normalise(text).replaceAll(" ", "");
}

/** Compact forms a name is found by: the whole name, then from each later word that is not a stopword. */
export function nameKeys(text) {
  const words = normalise(text).split(" ");
  const keys = words.flatMap((word, i) => (i === 0 || !STOPWORDS.has(word) ? [words.slice(i).join("")] : []));
  return [...new Set(keys.filter(Boolean))];
}

/** 0: the whole name, 1: the name starts with the query, 2: a later word does; null: no match. */
export function matchRank(query, whole, keys) {
  if (whole === query) return 0;
  if (whole.startsWith(query)) return 1;
  return keys.slice(1).some((key) => key.startsWith(query)) ? 2 : null;
}

/** A row of a lookup file → { code, nom, departement, codes_postaux, type, actuelle: {code, nom} | null }. */
export function fromRow(row) {
  const [code, nom, departement, codesPostaux] = row;
  if (row.length <= 4) return { code, nom, departement, codes_postaux: codesPostaux, type: "commune", actuelle: null };
  return { code, nom, departement, codes_postaux: codesPostaux, type: row[4], actuelle: { code: row[5], nom: row[6] } };
}

function nameOrder(a, b) {
  const [x, y] = [normalise(a[1]), normalise(b[1])];
  if (x !== y) return x < y ? -1 : 1;
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

function rankRows(rows, query, limit) {
  const ranked = [];
  rows.forEach((row, position) => {
    const rank = matchRank(query, compact(row[1]), nameKeys(row[1]));
    if (rank !== null) ranked.push({ rank, position, row });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.position - b.position);
  return ranked.slice(0, limit).map(({ row }) => fromRow(row));
}

/** Fetches JSON files relative to `base` (the URL of the recherche/ folder, given by the page). */
function fetcher(base) {
  const root = String(base).replace(/\/?$/, "/");
  return async (path) => {
    const response = await fetch(root + path);
    if (!response.ok) throw new Error(`${root + path}\u00a0: ${response.status}`);
    return response.json();
  };
}

/** The file of the communes whose postcode starts with `prefix` (2 digits), or null if there is none. */
function postcodeFile(index, prefix) {
  return index.cp.includes(prefix) ? `cp/${prefix}.json` : null;
}

/**
 * Which lookup file a compact query reads, given index.json: the one choice that lookup() and
 * prefetch() share. → { fichier, incomplet, durable }:
 * - `fichier`: the path of the file to read, or null when no file can hold a match;
 * - `incomplet`: "type more": digits short of a postcode, or a name shorter than every key of the
 *   index that starts with it (then only the names equal to it are found, in `noms/<query>-.json`);
 * - `durable`: the same file also answers every longer text that starts with this one (the first two
 *   digits of a postcode, a name key), so it is worth fetching while the person is still typing.
 */
function fileFor(query, index) {
  if (DIGITS.test(query)) {
    const fichier = query.length >= 2 && query.length <= 5 ? postcodeFile(index, query.slice(0, 2)) : null;
    return { fichier, incomplet: query.length < 5, durable: true };
  }
  if (query.length < MIN_LENGTH) return { fichier: null, incomplet: query.length > 0, durable: false };
  const leaf = index.noms.find((key) => query.startsWith(key));
  if (leaf !== undefined) return { fichier: `noms/${leaf}.json`, incomplet: false, durable: true };
  if (!index.noms.some((key) => key.startsWith(query))) return { fichier: null, incomplet: false, durable: true };
  return { fichier: index.exacts.includes(query) ? `noms/${query}-.json` : null, incomplet: true, durable: false };
}

/**
 * A lookup function over the files at `base` (or read by `fetchJson(relativePath)`, e.g. in tests).
 * lookup(text, {limit}) resolves to { recherche: "code_postal" | "nom" | null, resultats, incomplet }:
 * a 5-digit postcode gives every current commune having it (sorted by name); a name gives at most
 * `limit` matches; `incomplet` means "type more": the query is too short to choose a file.
 * lookup.prefetch(text) fetches, without waiting for Entrée, index.json and the file that `text`
 * and anything typed after it will need, as soon as it is known; it never fails (a failed download
 * is forgotten, and the search itself fetches it again and says so if it fails).
 */
export function createLookup({ base, fetchJson } = {}) {
  const get = fetchJson ?? fetcher(base);
  const cache = new Map();
  const load = (path) => {
    if (!cache.has(path)) {
      cache.set(path, new Promise((resolve) => resolve(get(path))).catch((error) => {
        cache.delete(path);
        throw error;
      }));
    }
    return cache.get(path);
  };

  /** A current commune by INSEE code (a prefilled link), from the file of its usual postcode prefix. */
  async function byCode(code) {
    const file = postcodeFile(await load("index.json"), /^2[AB]/.test(code) ? "20" : code.slice(0, 2));
    const row = file ? (await load(file)).find((candidate) => candidate[0] === code) : undefined;
    return row ? fromRow(row) : null;
  }

  const search = async function lookup(text, { limit = LIMIT } = {}) {
    const query = compact(text ?? ""); // "13 001" is a postcode too
    if (DIGITS.test(query) && !POSTCODE.test(query)) return { recherche: "code_postal", resultats: [], incomplet: query.length < 5 };
    if (query.length < MIN_LENGTH) return { recherche: null, resultats: [], incomplet: query.length > 0 };
    // A postcode's file is named by its first two digits: asked beside the index, not after it (a
    // pasted postcode then costs one round trip on a phone's network, not two). No such file: a 404, forgotten.
    const index = load("index.json");
    if (POSTCODE.test(query)) load(`cp/${query.slice(0, 2)}.json`).catch(() => {});
    const { fichier, incomplet } = fileFor(query, await index);
    const rows = fichier ? await load(fichier) : [];
    if (POSTCODE.test(query)) {
      return { recherche: "code_postal", resultats: rows.filter((row) => row[3].includes(query)).sort(nameOrder).map(fromRow), incomplet: false };
    }
    return { recherche: "nom", resultats: rankRows(rows, query, limit), incomplet };
  };

  search.prefetch = async function prefetch(text) {
    try {
      const { fichier, durable } = fileFor(compact(text ?? ""), await load("index.json"));
      if (fichier && durable) await load(fichier);
    } catch {
      // Nothing to say yet: the search fetches the file again, and tells the person if that fails.
    }
  };
  search.byCode = byCode;
  return search;
}

const lookups = new Map();

/** One-shot form: lookup(text, {base}) or lookup(text, {fetchJson}); files stay cached per base. */
export async function lookup(text, { base, fetchJson, limit = LIMIT } = {}) {
  const key = fetchJson ?? base;
  if (!lookups.has(key)) lookups.set(key, createLookup({ base, fetchJson }));
  return lookups.get(key)(text, { limit });
}
