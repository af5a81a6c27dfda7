// lib/model/income-rules.js against the vectors its Python twin (hooks/aides/model/income_rules.py) reads too.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { deriveHousehold, evaluateAmount } from "../../overrides/assets/js/lib/model/income-rules.js";
import { euros } from "../../overrides/assets/js/lib/model/formatting.js";

const vectors = JSON.parse(readFileSync(new URL("../vectors/income.json", import.meta.url), "utf-8"));

for (const c of vectors.evaluation) {
  test(c.cas, () => assert.equal(evaluateAmount(c.noeud, deriveHousehold(c.reponses)), c.resultat));
}

test("derived household answers", () => {
  for (const c of vectors.deductions) {
    const derived = deriveHousehold(c.reponses);
    const added = Object.fromEntries(Object.entries(derived).filter(([key]) => !Object.hasOwn(c.reponses, key)));
    assert.deepEqual(added, c.deduit);
  }
});

test("amounts in French, as formatting.euros_cents writes them", () => {
  for (const [amount, text] of vectors.montants) assert.equal(euros(amount), text);
});
