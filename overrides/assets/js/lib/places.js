// The shared places file (assets/lieux.json, written once per build by hooks/aides/site/checkers.py
// places_file): the tables that derive a place from another (région of each département, EPCI of
// the communes of the EPCI the data names: lib/model/question-types.js derive) and the options of the
// territorial lists (départements, régions, EPCI), which also name the person's EPCI.
//
// No page carries them: a checker fetches the file when its data names it (`lieux`), once per page
// (the browser's cache keeps it from one page to the next), and fills the lists marked
// data-lieux="<list>" (partials/checker-questions.html) before it shows the form and before it
// writes the answers of the URL fragment into it. The request is the same for everyone: the
// answers never leave the page.

const files = new Map(); // absolute URL → promise of the file's content
const filled = new WeakSet();

/** The places file at `url` (absolute), fetched once per page; a failed fetch is tried again next time. */
export function loadPlaces(url, fetchJson = defaultFetch) {
  if (!files.has(url)) {
    const loading = fetchJson(url);
    files.set(url, loading);
    loading.catch(() => files.delete(url));
  }
  return files.get(url);
}

async function defaultFetch(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}\u00a0: ${response.status}`);
  return response.json();
}

/** The tables deriving answers reads (normalise, derive): none without the file. */
export function placeTables(file) {
  return { region_of: file?.region_of ?? {}, epci_of: file?.epci_of ?? {} };
}

/** The names of one list by code: placeNames(file, "epci")["248300543"] → "Métropole Toulon-Provence-Méditerranée". */
export function placeNames(file, list) {
  return Object.fromEntries(file?.choix?.[list] ?? []);
}

/** Add to every list marked data-lieux inside `container` its options from the file, after the ones it has; once. */
export function fillPlaceLists(container, file) {
  for (const select of container.querySelectorAll("select[data-lieux]")) {
    if (filled.has(select)) continue;
    filled.add(select);
    const options = (file?.choix?.[select.dataset.lieux] ?? []).map(([value, label]) => {
      const option = select.ownerDocument.createElement("option");
      option.value = value;
      option.textContent = label;
      return option;
    });
    select.append(...options);
  }
}
