// The kinds of question a checker can ask, described once for the browser: the twin of
// hooks/aides/model/question_types.py, both checked against tests/vectors/question-types.json.
//
// - widget: how the fieldset asks it (a macro of partials/checker-questions.html, and the
//   reader/writer of lib/checker-form.js);
// - answer: the shape of an answer, which is how the URL fragment is read
//   (#age=25 → a number, #difficulte=a,b → a list, #statut=salarie → a text);
// - choices: where the possible answers come from (the question's own list, yes/no, or the
//   territorial reference);
// - operators: what conditions on it may use (the evaluator needs no more than this);
// - derivation: how a derived answer (deduite_de) of this type comes from its source (derive).
//
// Adding a type: one entry here, one in question_types.py, one in the vectors.

export const QUESTION_TYPES = Object.freeze({
  choix: { operators: ["parmi"], choices: "donnees", widget: "boutons", answer: "texte" },
  choix_multiple: { operators: ["parmi"], choices: "donnees", widget: "cases", answer: "liste" },
  oui_non: { operators: ["oui", "non"], choices: "oui_non", widget: "boutons", answer: "texte" },
  nombre: { operators: ["moins_de", "au_moins"], choices: null, widget: "nombre", answer: "nombre" },
  montant: { operators: ["au_plus", "moins_de", "au_moins", "plus_de"], choices: null, widget: "montant", answer: "nombre" },
  departement: { operators: ["parmi"], choices: "departements", widget: "liste", answer: "texte", derivation: "departement_de_commune" },
  region: { operators: ["parmi"], choices: "regions", widget: "liste", answer: "texte", derivation: "region_of" },
  commune: { operators: ["parmi"], choices: "communes", widget: "commune", answer: "texte" },
  epci: { operators: ["parmi"], choices: "epci", widget: "liste", answer: "texte", derivation: "epci_of" },
});

export const OTHER_EPCI = "autre"; // the derived EPCI of a commune in none of the EPCI the data names
const COMMUNE_CODE = /^(?:[0-9]{5}|2[AB][0-9]{3})$/;

/** The département of a commune by its INSEE code: "13055" → "13", "2A004" → "2A", "97411" → "974". */
export function communeDepartement(code) {
  if (typeof code !== "string" || !COMMUNE_CODE.test(code)) return null;
  return code.startsWith("97") ? code.slice(0, 3) : code.slice(0, 2);
}

/** A derived answer from its source answer (null: it cannot be derived); twin of question_types.derive. */
export function derive(derivation, source, places) {
  if (typeof source !== "string") return null;
  if (derivation === "departement_de_commune") return communeDepartement(source);
  const table = (places && places[derivation]) || {};
  if (derivation === "epci_of") return communeDepartement(source) ? (Object.hasOwn(table, source) ? table[source] : OTHER_EPCI) : null;
  return Object.hasOwn(table, source) ? table[source] : null;
}

/** The description of a type; an unknown type reads as text (a newer page with an older script). */
export function kindOf(type) {
  return Object.hasOwn(QUESTION_TYPES, type) ? QUESTION_TYPES[type] : { operators: [], choices: null, widget: "boutons", answer: "texte" };
}
