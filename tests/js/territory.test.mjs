// lib/territory.js: the commune's places and « most local first » (the contacts of /contacts/).
import assert from "node:assert/strict";
import { test } from "node:test";

import { communeZones, coversCommune, localRank, mostLocalFirst } from "../../overrides/assets/js/lib/territory.js";

const departements = { 83: ["Var", "93"], 13: ["Bouches-du-Rhône", "93"], 69: ["Rhône", "84"] };
const epciOf = { 83137: "248300543" };

test("a commune's places: France, région, département, EPCI, itself", () => {
  assert.deepEqual(communeZones("83137", departements, epciOf), ["f", "r93", "d83", "e248300543", "c83137"]);
  assert.deepEqual(communeZones("83050", departements, epciOf), ["f", "r93", "d83", "c83050"]);
});

test("an exclusion of its EPCI or of itself wins", () => {
  assert.equal(coversCommune(new Set(["r93", "-e248300543"]), "83137", departements, epciOf), false);
  assert.equal(coversCommune(new Set(["r93", "-e248300543"]), "83050", departements, epciOf), true);
  assert.equal(coversCommune(new Set(["d13", "-c13055"]), "13055", departements, epciOf), false);
});

test("the most local first: commune, EPCI, département, région, France", () => {
  const items = [{ id: "france" }, { id: "region", zones: ["r93"] }, { id: "lyon", zones: ["d69"] }, { id: "epci", zones: ["e248300543"] }, { id: "ville", zones: ["c83137"] }, { id: "var", zones: ["d83"] }];
  assert.deepEqual(mostLocalFirst(items, "83137", departements, epciOf).map((item) => item.id), ["ville", "epci", "var", "region", "france"]);
  assert.equal(localRank(["d69"], "83137", departements, epciOf), null);
});
