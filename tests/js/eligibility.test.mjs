// Runs the shared vectors (tests/vectors/eligibility.json) through lib/model/conditions.js;
// tests/test_eligibility_twins.py runs the same vectors through the Python twin.
// Also checks the answers stored in the URL fragment.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import { evaluate, normalise, outcome, parseFragment, questionsOf, toFragment } from "../../overrides/assets/js/lib/model/conditions.js";

const { questions, places: regionOf, vectors } = JSON.parse(
  readFileSync(new URL("../vectors/eligibility.json", import.meta.url), "utf8"),
);

describe("shared vectors", () => {
  test("there are enough of them, with unique names", () => {
    assert.ok(vectors.length >= 30);
    assert.equal(new Set(vectors.map((vector) => vector.name)).size, vectors.length);
  });
  for (const vector of vectors) {
    test(vector.name, () => {
      assert.deepEqual(outcome(vector.tree, normalise(vector.answers, questions, regionOf)), vector.expected);
    });
  }
});

describe("evaluator details", () => {
  const age = { type: "critere", question: "age", operateur: "moins_de", valeur: 30, texte: "Avoir moins de 30 ans" };

  test("normalise keeps the caller's object intact and drops unknown answers", () => {
    const answers = { age: "nsp", departement: "75", difficulte: [] };
    assert.deepEqual(normalise(answers, questions, regionOf), { departement: "75", region: "11" }); // nothing ticked = not answered
    assert.deepEqual(answers, { age: "nsp", departement: "75", difficulte: [] });
  });

  test("evaluate is three-valued", () => {
    assert.equal(evaluate(age, { age: 29 }), true);
    assert.equal(evaluate(age, { age: 30 }), false);
    assert.equal(evaluate(age, {}), null);
  });

  test("inherited properties are not answers", () => {
    const tricky = { ...age, question: "constructor" };
    assert.equal(evaluate(tricky, {}), null);
    assert.deepEqual(outcome(tricky, {}).questions_manquantes, ["constructor"]);
  });

  test("questionsOf lists each question once, in order of first use", () => {
    const tree = vectors.find((vector) => vector.name === "questions manquantes triées").tree;
    assert.deepEqual(questionsOf(tree), ["statut", "age", "difficulte", "region", "locataire"]);
    assert.deepEqual(questionsOf({ type: "a_verifier", texte: "x" }), []);
  });
});

describe("URL fragment", () => {
  test("parses the documented example", () => {
    assert.deepEqual(parseFragment("#age=25&statut=salarie&difficulte=perte_emploi,separation&decision_dalo=oui", questions), {
      age: 25,
      statut: "salarie",
      difficulte: ["perte_emploi", "separation"],
      decision_dalo: "oui",
    });
  });

  test("the leading # is optional", () => {
    assert.deepEqual(parseFragment("age=25", questions), { age: 25 });
    assert.deepEqual(parseFragment("", questions), {});
    assert.deepEqual(parseFragment("#", questions), {});
  });

  test("nsp is kept for every type, and means unknown once normalised", () => {
    const answers = parseFragment("#age=nsp&difficulte=nsp&decision_dalo=nsp&departement=nsp", questions);
    assert.deepEqual(answers, { age: "nsp", difficulte: "nsp", decision_dalo: "nsp", departement: "nsp" });
    assert.deepEqual(normalise(answers, questions, regionOf), {});
  });

  test("invalid numbers are dropped", () => {
    for (const bad of ["abc", "", "25ans", "0x10", "1e3", "Infinity", "2,5", "%"]) {
      assert.deepEqual(parseFragment(`#age=${bad}&statut=salarie`, questions), { statut: "salarie" }, bad);
    }
    assert.deepEqual(parseFragment("#age=-3", questions), { age: -3 });
    assert.deepEqual(parseFragment("#age=29.5", questions), { age: 29.5 });
  });

  test("unknown ids, pairs without = and malformed escapes are ignored", () => {
    assert.deepEqual(parseFragment("#inconnue=1&age&statut=%E9&constructor=x&__proto__=y&decision_dalo=non", questions), {
      decision_dalo: "non",
    });
  });

  test("empty list items are dropped; an all-empty list is no answer", () => {
    assert.deepEqual(parseFragment("#difficulte=,separation,,", questions), { difficulte: ["separation"] });
    assert.deepEqual(parseFragment("#difficulte=,,", questions), {});
  });

  test("the last value of a repeated id wins", () => {
    assert.deepEqual(parseFragment("#age=20&age=40", questions), { age: 40 });
  });

  test("toFragment follows the questions order and omits empty answers", () => {
    const answers = { region: "11", decision_dalo: "oui", age: 25, statut: "", locataire: null, difficulte: [], inconnue: "x" };
    assert.equal(toFragment(answers, questions), "age=25&decision_dalo=oui&region=11");
    assert.equal(toFragment({}, questions), "");
  });

  test("values are URL-encoded, list items one by one", () => {
    const fragment = toFragment({ statut: "a&b=c é", difficulte: ["x,y", "z"] }, questions);
    assert.equal(fragment, "statut=a%26b%3Dc%20%C3%A9&difficulte=x%2Cy,z");
    assert.deepEqual(parseFragment(fragment, questions), { statut: "a&b=c é", difficulte: ["x,y", "z"] });
  });

  const roundTrips = [
    { age: 25, statut: "salarie", difficulte: ["perte_emploi", "separation"], decision_dalo: "oui" },
    { age: 0, difficulte: ["aucune"], departement: "2A", region: "94" },
    { age: "nsp", statut: "nsp", difficulte: "nsp", locataire: "non", departement: "nsp" },
    { age: 29.5, difficulte: ["arret_maladie"] },
    {},
  ];
  for (const answers of roundTrips) {
    test(`round trip ${JSON.stringify(answers)}`, () => {
      const fragment = toFragment(answers, questions);
      assert.deepEqual(parseFragment(fragment, questions), answers);
      assert.deepEqual(parseFragment(`#${fragment}`, questions), answers);
      assert.equal(toFragment(parseFragment(fragment, questions), questions), fragment);
    });
  }
});
