// The questionnaire's logic without the page (overrides/assets/js/lib/site/checkers.js):
// decoding the compact rules file, the next-question rule, contacts by territory, reasons.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { normalise, outcome } from "../../overrides/assets/js/lib/model/conditions.js";
import { personZones } from "../../overrides/assets/js/lib/model/territory.js";
import {
  askedThrough,
  contactsFor,
  decodeQuestionnaire,
  evaluateAll,
  explain,
  nextQuestion,
  resultOrder,
  resultsSummary,
  unneededNodes,
} from "../../overrides/assets/js/lib/site/checkers.js";

const groupes = { toutes: "Remplir toutes ces conditions :", une_de: "Remplir au moins une de ces conditions :" };
const critere = (question, operateur, valeur, texte) => ({ type: "critere", question, operateur, valeur, texte });
const profil = critere("profil", "parmi", ["particulier"], "Être un particulier");
const jeune = critere("age", "moins_de", 30, "Avoir moins de 30 ans");
const salarie = critere("statut", "parmi", ["salarie"], "Être salarié");
const idf = critere("region", "parmi", ["11"], "Habiter en Île-de-France");
const dalo = critere("decision_dalo", "oui", null, "Avoir une décision DALO");
const orientee = { type: "a_verifier", texte: "Être orienté" };
const toutes = (...enfants) => ({ type: "toutes", texte: groupes.toutes, enfants });
const uneDe = (...enfants) => ({ type: "une_de", texte: groupes.une_de, enfants });

const file = {
  version: 4,
  groupes,
  noeuds: [
    ["c", "profil", "parmi", ["particulier"], "Être un particulier"],
    ["c", "age", "moins_de", 30, "Avoir moins de 30 ans"],
    ["c", "statut", "parmi", ["salarie"], "Être salarié"],
    ["v", "Être orienté"],
    ["u", [2, 3]],
    ["t", [0, 1, 4]],
    ["c", "region", "parmi", ["11"], "Habiter en Île-de-France"],
    ["c", "decision_dalo", "oui", null, "Avoir une décision DALO"],
    ["t", [0, 6, 2, 7]],
  ],
  contacts: [
    { nom: "Service Paca", zones: ["r93", "r94"] },
    { nom: "Service national", zones: ["f"] },
    { nom: "Guichet Rhône", zones: ["d69"] },
    { nom: "Maison de l'habitat de Toulon", zones: ["c83137"] },
    { nom: "Métropole Toulon-Provence-Méditerranée", zones: ["e248300543"] },
    { nom: "Paca hors Toulon", zones: ["r93", "-c83137"] },
  ],
  avis: ["Information de 2017, non confirmée depuis : vérifiez auprès de l'organisme."],
  aides: { id: ["jeunes", "dalo"], titre: ["Aide aux jeunes", "Relogement DALO"], noeud: [5, 8], suite: [0, 1] },
  suites: [
    [[], null],
    [[0, 1, 2], null],
    [[], 0],
  ],
};

/** The file with one more aid at the end of each column. */
function withAid(id, titre, noeud, suite = 0) {
  const aides = file.aides;
  return { ...file, aides: { ...aides, id: [...aides.id, id], titre: [...aides.titre, titre], noeud: [...aides.noeud, noeud], suite: [...aides.suite, suite] } };
}

describe("decodeQuestionnaire", () => {
  test("rebuilds the compiled trees", () => {
    const aides = decodeQuestionnaire(file);
    assert.deepEqual(
      aides.map(({ id, titre }) => [id, titre]),
      [
        ["jeunes", "Aide aux jeunes"],
        ["dalo", "Relogement DALO"],
      ],
    );
    assert.deepEqual(aides[0].conditions, toutes(profil, jeune, uneDe(salarie, orientee)));
    assert.deepEqual(aides[1].conditions, toutes(profil, idf, salarie, dalo));
    assert.deepEqual(aides[0].contacts, []);
    assert.deepEqual(aides[1].contacts.map((c) => c.nom), ["Service Paca", "Service national", "Guichet Rhône"]);
    assert.equal(aides[1].avis, "");
  });

  test("gives each aid its notice, stored once and named by index", () => {
    const aides = decodeQuestionnaire(withAid("ancienne", "Aide ancienne", 5, 2));
    assert.equal(aides[2].avis, file.avis[0]);
  });

  test("shares identical nodes between aids", () => {
    const [first, second] = decodeQuestionnaire(file);
    assert.equal(first.conditions.enfants[0], second.conditions.enfants[0]);
  });

  test("refuses an unknown format", () => {
    assert.throws(() => decodeQuestionnaire({ ...file, version: 3 }));
  });
});

describe("nextQuestion", () => {
  const aides = decodeQuestionnaire(file);
  const questions = [
    { id: "profil", type: "choix" },
    { id: "age", type: "nombre" },
    { id: "statut", type: "choix" },
    { id: "departement", type: "departement" },
    { id: "decision_dalo", type: "oui_non" },
    { id: "region", type: "region", deduite_de: "departement" },
  ];
  const askable = ["profil", "age", "statut", "departement", "decision_dalo"];
  const options = { first: "profil", sourceOf: { region: "departement" } };
  const regionOf = { region_of: { 75: "11", 13: "93" } };
  const next = (answers) => nextQuestion(evaluateAll(aides, normalise(answers, questions, regionOf)), answers, askable, options);

  test("asks who the person is first, even when other answers are prefilled", () => {
    assert.equal(next({}), "profil");
    assert.equal(next({ statut: "salarie", age: 25 }), "profil");
  });

  test("then the question missing in the most undecided aids", () => {
    // statut decides both aids; age and the département one each.
    assert.equal(next({ profil: "particulier" }), "statut");
  });

  test("ties go to the order of the questions", () => {
    // Both aids still undecided; age (aid 1) and departement (aid 2, through region) count 1 each.
    assert.equal(next({ profil: "particulier", statut: "salarie" }), "age");
  });

  test("a derived question is asked through its source", () => {
    assert.equal(next({ profil: "particulier", statut: "salarie", age: 25 }), "departement");
  });

  test("« je ne sais pas » counts as answered: each question is asked once", () => {
    assert.equal(next({ profil: "particulier", statut: "nsp", age: "nsp", departement: "nsp" }), "decision_dalo");
    assert.equal(next({ profil: "particulier", statut: "nsp", age: "nsp", departement: "nsp", decision_dalo: "nsp" }), null);
  });

  test("where the person is, to pick their contacts, comes last and only once", () => {
    const last = (answers) =>
      nextQuestion(evaluateAll(aides, normalise(answers, questions, regionOf)), answers, askable, { ...options, last: "departement" });
    const decided = { profil: "particulier", statut: "salarie", age: 25, departement: "13" };
    assert.equal(last({ profil: "particulier" }), "statut"); // the questions that decide come first
    assert.equal(last({ profil: "association" }), "departement"); // nothing else to ask
    assert.equal(last(decided), null);
    assert.equal(last({ profil: "association", departement: "nsp" }), null);
  });

  test("a decided aid asks nothing more", () => {
    assert.equal(next({ profil: "association" }), null); // both aids are for individuals
    assert.equal(next({ profil: "particulier", statut: "salarie", age: 25, departement: "13" }), null);
  });
});

describe("contactsFor", () => {
  const contacts = file.contacts;
  const questions = [
    { id: "commune", type: "commune" },
    { id: "departement", type: "departement", deduite_de: "commune" },
    { id: "region", type: "region", deduite_de: "departement" },
    { id: "epci", type: "epci", deduite_de: "commune" },
  ];
  const names = (answers) => contactsFor(contacts, personZones(answers, questions)).contacts.map((c) => c.nom);
  test("all contacts, in the aid's order, while the place is unknown", () => {
    assert.deepEqual(contactsFor(contacts, personZones({}, questions)), { known: false, contacts });
  });
  test("a commune: those covering it, most local first, exclusions honoured", () => {
    const toulon = { commune: "83137", departement: "83", region: "93", epci: "248300543" };
    assert.deepEqual(names(toulon), ["Maison de l'habitat de Toulon", "Métropole Toulon-Provence-Méditerranée", "Service Paca", "Service national"]);
    assert.deepEqual(names({ commune: "83050", departement: "83", region: "93" }), ["Service Paca", "Paca hors Toulon", "Service national"]);
  });
  test("only a département or a région: the contacts of the whole of it, never one of a commune", () => {
    assert.deepEqual(names({ departement: "69", region: "84" }), ["Guichet Rhône", "Service national"]);
    assert.deepEqual(names({ region: "94" }), ["Service Paca", "Service national"]);
  });
});

describe("explain", () => {
  const tree = toutes(profil, jeune, uneDe(salarie, orientee));
  test("says what each reason is", () => {
    const result = { statut: "a_verifier", raisons: ["Avoir moins de 30 ans", "Être salarié", "Être orienté"], questions_manquantes: ["age", "statut"] };
    assert.deepEqual(explain(tree, result, { age: "nsp" }), [
      { texte: "Avoir moins de 30 ans", nature: "nsp" },
      { texte: "Être salarié", nature: "sans_reponse" },
      { texte: "Être orienté", nature: "a_verifier" },
    ]);
  });
  test("unmet criteria when not eligible", () => {
    const result = { statut: "non_eligible", raisons: ["Avoir moins de 30 ans"], questions_manquantes: [] };
    assert.deepEqual(explain(tree, result, { age: 40 }), [{ texte: "Avoir moins de 30 ans", nature: "non_remplie" }]);
  });
  test("a derived criterion is unknown when its source was answered « je ne sais pas »", () => {
    const result = { statut: "a_verifier", raisons: ["Habiter en Île-de-France"], questions_manquantes: ["region"] };
    assert.deepEqual(explain(idf, result, { departement: "nsp" }, { region: "departement" }), [
      { texte: "Habiter en Île-de-France", nature: "nsp" },
    ]);
  });
});

describe("evaluateAll", () => {
  test("gives every aid the outcome of its own tree, evaluating shared trees once", () => {
    const aides = decodeQuestionnaire(withAid("jeunes-bis", "Autre aide aux jeunes", 5));
    const questions = [{ id: "profil", type: "choix" }, { id: "age", type: "nombre" }];
    for (const answers of [{}, { profil: "particulier", age: 25 }, { profil: "association" }, { profil: "particulier", age: 40 }]) {
      const normalised = normalise(answers, questions, {});
      const results = evaluateAll(aides, normalised);
      assert.deepEqual(results, aides.map((aide) => outcome(aide.conditions, normalised)));
      assert.equal(results[0], results[2]); // same tree, same result object
    }
  });
});

describe("askedThrough: the question a derived one is asked through", () => {
  const sources = { region: "departement", departement: "commune", epci: "commune" };
  test("the first question of the chain", () => {
    assert.deepEqual(askedThrough(sources, {}), { region: "commune", departement: "commune", epci: "commune" });
  });
  test("who declines the commune is asked the département", () => {
    assert.deepEqual(askedThrough(sources, { commune: "nsp" }), { region: "departement" });
  });
});

describe("the results say what is true first (issue 19)", () => {
  const NBSP = "\u00a0";
  test("the groups with aids first, most useful first; an empty group is never said", () => {
    const toulon = { eligible: 0, a_verifier: 1, non_eligible: 8 };
    assert.deepEqual(resultOrder(toulon), ["a_verifier", "non_eligible", "eligible"]);
    assert.equal(resultsSummary(toulon), `1${NBSP}aide à vérifier, 8${NBSP}non concernées.`);
    assert.equal(resultsSummary({ eligible: 2, a_verifier: 1, non_eligible: 1 }), `2${NBSP}aides possibles, 1${NBSP}à vérifier, 1${NBSP}non concernée.`);
    assert.equal(resultsSummary({ eligible: 0, a_verifier: 0, non_eligible: 9 }), `9${NBSP}aides non concernées.`);
    assert.deepEqual(resultOrder({ eligible: 0, a_verifier: 0, non_eligible: 9 }), ["non_eligible", "eligible", "a_verifier"]);
    assert.equal(resultsSummary({ eligible: 0, a_verifier: 0, non_eligible: 0 }), "");
  });
});

describe("unneededNodes: the branches of « une de ces conditions » no longer needed", () => {
  const etudiant = critere("statut", "parmi", ["etudiant"], "Être étudiant");
  const prevues = { type: "a_verifier", texte: "Remplir les conditions prévues pour les étudiants" };
  const branche = toutes(etudiant, prevues);
  const choix = uneDe(salarie, branche);
  const visale = toutes(profil, jeune, choix);
  test("an employee: the student branch and all under it", () => {
    const found = unneededNodes(visale, { profil: "particulier", age: 24, statut: "salarie" });
    assert.deepEqual([...found], [branche, etudiant, prevues]);
  });
  test("a student: nothing is settled, every branch still counts", () => {
    assert.equal(unneededNodes(visale, { profil: "particulier", age: 24, statut: "etudiant" }).size, 0);
  });
  test("nothing answered, or no branch met: nothing is set aside", () => {
    assert.equal(unneededNodes(visale, {}).size, 0);
    assert.equal(unneededNodes(visale, { statut: "retraite" }).size, 0);
  });
});
