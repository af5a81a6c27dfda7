// lib/model/household.js against the vectors its Python twin (hooks/aides/model/household.py) reads too.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { categoryRange, ceiling, ceilingsZone, estimatedParts } from "../../overrides/assets/js/lib/model/household.js";

const vectors = JSON.parse(readFileSync(new URL("../vectors/household.json", import.meta.url), "utf-8"));

test("estimated fiscal parts", () => {
  for (const c of vectors.parts) assert.equal(estimatedParts(c.couple, c.personnes_a_charge), c.parts, JSON.stringify(c));
});

test("the household's category, a range when answers are missing", () => {
  for (const c of vectors.categories) assert.deepEqual(categoryRange(c.reponses), c.categories, c.cas);
});

test("the ceilings zone of a commune", () => {
  for (const c of vectors.zones) assert.equal(ceilingsZone(c.commune), c.zone, String(c.commune));
});

test("the figure of a ceilings table, beyond six persons too", () => {
  for (const c of vectors.plafonds.cas) assert.equal(ceiling(vectors.plafonds.table, c.categorie, c.zone), c.plafond);
});
