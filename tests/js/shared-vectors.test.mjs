// The browser's side of the shared vectors (the Python side: tests/test_shared_vectors.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import { counts, decodeIndex, query } from "../../overrides/assets/js/lib/site/facets.js";
import { parseFragment } from "../../overrides/assets/js/lib/model/conditions.js";
import { withNotice } from "../../overrides/assets/js/lib/trust/freshness.js";
import { QUESTION_TYPES } from "../../overrides/assets/js/lib/model/question-types.js";
import { atCommune } from "../../overrides/assets/js/lib/model/french-names.js";

const read = (name) => JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url), "utf8"));

describe("question types", () => {
  const vectors = read("question-types.json");
  test("the table is the one of the vectors", () => {
    assert.deepEqual(JSON.parse(JSON.stringify(QUESTION_TYPES)), vectors.types);
  });
  for (const { type, brut, reponse } of vectors.fragments) {
    test(`fragment ${type}=${brut}`, () => {
      const answers = parseFragment(`#q=${brut}`, [{ id: "q", type }]);
      assert.deepEqual(answers.q ?? null, reponse);
    });
  }
});

describe("facets: same filters, same aids", () => {
  const vectors = read("facets.json");
  const index = decodeIndex(vectors.index, vectors.departements);
  for (const cas of vectors.cas) {
    test(cas.titre, () => {
      assert.deepEqual(query(index, cas.etat, vectors.statut_defaut).map((aid) => aid.id), cas.aides);
      assert.deepEqual(counts(index, cas.etat, vectors.statut_defaut, vectors.groupes), cas.nombres);
    });
  }
  const block = vectors.communes;
  const communes = decodeIndex(block.index, vectors.departements, block.epci_of);
  for (const cas of block.cas) {
    test(`commune: ${cas.titre}`, () => {
      assert.deepEqual(query(communes, cas.etat, vectors.statut_defaut).map((aid) => aid.id), cas.aides);
    });
  }
});

describe("freshness: a layer on the rules' outcome", () => {
  for (const cas of read("freshness.json").cas) {
    test(cas.titre, () => {
      const before = structuredClone(cas.resultat);
      assert.deepEqual(withNotice(cas.resultat, cas.avis), cas.attendu);
      assert.deepEqual(cas.resultat, before);
    });
  }
});

describe("a commune after « à »: its article contracted or kept", () => {
  for (const { nom, a } of read("french-names.json").communes) {
    test(nom, () => assert.equal(atCommune(nom), a));
  }
});
