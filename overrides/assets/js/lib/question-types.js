// The kinds of question a checker can ask, described once for the browser: the twin of
// hooks/aides/question_types.py, both checked against tests/vectors/question-types.json.
//
// - widget: how the fieldset asks it (a macro of partials/checker-questions.html, and the
//   reader/writer of lib/checker-form.js);
// - answer: the shape of an answer, which is how the URL fragment is read
//   (#age=25 → a number, #difficulte=a,b → a list, #statut=salarie → a text);
// - choices: where the possible answers come from (the question's own list, yes/no, or the
//   territorial reference);
// - operators: what conditions on it may use (the evaluator needs no more than this).
//
// Adding a type: one entry here, one in question_types.py, one in the vectors.

export const QUESTION_TYPES = Object.freeze({
  choix: { operators: ["parmi"], choices: "donnees", widget: "boutons", answer: "texte" },
  choix_multiple: { operators: ["parmi"], choices: "donnees", widget: "cases", answer: "liste" },
  oui_non: { operators: ["oui", "non"], choices: "oui_non", widget: "boutons", answer: "texte" },
  nombre: { operators: ["moins_de", "au_moins"], choices: null, widget: "nombre", answer: "nombre" },
  departement: { operators: ["parmi"], choices: "departements", widget: "liste", answer: "texte" },
  region: { operators: ["parmi"], choices: "regions", widget: "liste", answer: "texte" },
});

/** The description of a type; an unknown type reads as text (a newer page with an older script). */
export function kindOf(type) {
  return Object.hasOwn(QUESTION_TYPES, type) ? QUESTION_TYPES[type] : { operators: [], choices: null, widget: "boutons", answer: "texte" };
}
