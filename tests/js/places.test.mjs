// lib/places.js: the shared places file (assets/lieux.json), fetched once per page, its tables and lists.
import assert from "node:assert/strict";
import { test } from "node:test";
import { fillPlaceLists, loadPlaces, placeNames, placeTables } from "../../overrides/assets/js/lib/places.js";
import { normalise } from "../../overrides/assets/js/lib/model/conditions.js";

const FILE = {
  region_of: { 13: "93", 93: "11", "2A": "94" },
  epci_of: { 83137: "248300543" },
  choix: {
    departements: [
      ["13", "13 – Bouches-du-Rhône"],
      ["2A", "2A – Corse-du-Sud"],
    ],
    regions: [["93", "Provence-Alpes-Côte d'Azur"]],
    epci: [["248300543", "Métropole Toulon-Provence-Méditerranée"]],
  },
};

test("the file is fetched once per address; a failure is tried again", async () => {
  const asked = [];
  let fail = true;
  const fetchJson = async (url) => {
    asked.push(url);
    if (fail) throw new Error("réseau");
    return FILE;
  };
  await assert.rejects(loadPlaces("https://exemple.fr/assets/lieux.json", fetchJson));
  fail = false;
  const [first, second] = await Promise.all([
    loadPlaces("https://exemple.fr/assets/lieux.json", fetchJson),
    loadPlaces("https://exemple.fr/assets/lieux.json", fetchJson),
  ]);
  assert.equal(first, FILE);
  assert.equal(second, FILE);
  assert.deepEqual(asked, ["https://exemple.fr/assets/lieux.json", "https://exemple.fr/assets/lieux.json"]);
});

test("the tables derive the région and the EPCI; without the file, nothing is derived from them", () => {
  const questions = [
    { id: "commune", type: "commune" },
    { id: "departement", type: "departement", deduite_de: "commune" },
    { id: "region", type: "region", deduite_de: "departement" },
    { id: "epci", type: "epci", deduite_de: "commune" },
  ];
  assert.deepEqual(normalise({ commune: "83137" }, questions, placeTables(FILE)), {
    commune: "83137",
    departement: "83",
    epci: "248300543",
  });
  assert.deepEqual(normalise({ departement: "93" }, questions, placeTables(FILE)), { departement: "93", region: "11" });
  assert.deepEqual(placeTables(null), { region_of: {}, epci_of: {} });
});

test("names by code come from a list", () => {
  assert.equal(placeNames(FILE, "epci")["248300543"], "Métropole Toulon-Provence-Méditerranée");
  assert.deepEqual(placeNames(null, "epci"), {});
});

/** Just enough of the DOM: selects with a data-lieux list name, options appended. */
function fakeContainer(lists) {
  const document = { createElement: () => ({ value: "", textContent: "" }) };
  const selects = lists.map((name) => ({
    dataset: { lieux: name },
    ownerDocument: document,
    options: [{ value: "" }, { value: "nsp" }],
    append(...added) {
      this.options.push(...added);
    },
  }));
  return { selects, querySelectorAll: (selector) => (selector === "select[data-lieux]" ? selects : []) };
}

test("marked lists get their options after the ones they have, once", () => {
  const container = fakeContainer(["departements", "regions", "inconnue"]);
  fillPlaceLists(container, FILE);
  fillPlaceLists(container, FILE);
  const [departements, regions, unknown] = container.selects.map((select) => select.options.map((o) => [o.value, o.textContent ?? ""]));
  assert.deepEqual(departements, [
    ["", ""],
    ["nsp", ""],
    ["13", "13 – Bouches-du-Rhône"],
    ["2A", "2A – Corse-du-Sud"],
  ]);
  assert.deepEqual(regions.at(-1), ["93", "Provence-Alpes-Côte d'Azur"]);
  assert.equal(unknown.length, 2);
});
