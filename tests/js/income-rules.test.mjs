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

test("the figure to compare, when an amount condition is « à vérifier »", async () => {
  const { amountDetail } = await import("../../overrides/assets/js/lib/model/income-rules.js");
  const table = vectors.evaluation[8].noeud;
  const toulon = { couple: "oui", personnes_a_charge: 0, handicap: "non", age: 40, age_conjoint: 40, commune: "83137" };
  assert.deepEqual(amountDetail(table, deriveHousehold(toulon)), { nature: "inconnu", montant: "31\u202f254\u00a0€ pour un ménage de catégorie 2 (2 personnes), zone «\u00a0Autres régions\u00a0»" });
  assert.equal(amountDetail(table, deriveHousehold({ ...toulon, revenu_fiscal: 31000 })).nature, "proche");
  assert.equal(amountDetail(table, deriveHousehold({ ...toulon, revenu_fiscal: 20000 })), null);
  const young = deriveHousehold({ ...toulon, age_conjoint: undefined, revenu_fiscal: 35000 });
  delete young.age_conjoint;
  assert.equal(amountDetail(table, { ...young, age: 25 }).montant, "31\u202f254\u00a0€ à 37\u202f584\u00a0€, zone «\u00a0Autres régions\u00a0»");
  const youngCouple = deriveHousehold({ ...toulon, age: 25, age_conjoint: 27 });
  assert.match(amountDetail(table, youngCouple).montant, /catégorie 3 \(2 personnes, un jeune ménage/);
  const disabled = deriveHousehold({ ...toulon, handicap: "oui", personnes_a_charge: 1 });
  assert.match(amountDetail(table, disabled).montant, /catégorie 4 \(3 personnes, dont une en situation de handicap/);
});
