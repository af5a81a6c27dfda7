// lib/model/territory.js: the commune's places and « most local first » (the contacts of /contacts/).
import assert from "node:assert/strict";
import { test } from "node:test";

import { communeZones, coversCommune, localRank, mostLocalFirst, personZones } from "../../overrides/assets/js/lib/model/territory.js";

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
  const toulon = communeZones("83137", departements, epciOf);
  assert.deepEqual(mostLocalFirst(items, toulon).map((item) => item.id), ["ville", "epci", "var", "region", "france"]);
  assert.equal(localRank(["d69"], toulon), null);
  assert.equal(localRank(["r93", "-e248300543"], toulon), null);
});

const questions = [
  { id: "commune", type: "commune" },
  { id: "departement", type: "departement", deduite_de: "commune" },
  { id: "region", type: "region", deduite_de: "departement" },
  { id: "epci", type: "epci", deduite_de: "commune" },
  { id: "age", type: "nombre" },
];

test("the person's places come from their normalised answers, whatever the question ids", () => {
  const toulon = { commune: "83137", departement: "83", region: "93", epci: "248300543", age: 25 };
  assert.deepEqual(personZones(toulon, questions), ["f", "c83137", "e248300543", "d83", "r93"]);
  assert.deepEqual(personZones({ departement: "69", region: "84" }, questions), ["f", "d69", "r84"]);
  assert.deepEqual(personZones({ lieu: "13055" }, [{ id: "lieu", type: "commune" }]), ["f", "c13055"]);
  assert.equal(personZones({ age: 25 }, questions), null);
});

test("with only a département known, a contact of one of its communes is not the person's", () => {
  const items = [{ id: "ville", zones: ["c69123"] }, { id: "rhone", zones: ["d69"] }, { id: "france" }, { id: "paca", zones: ["r93"] }];
  assert.deepEqual(mostLocalFirst(items, personZones({ departement: "69", region: "84" }, questions)).map((item) => item.id), ["rhone", "france"]);
});
