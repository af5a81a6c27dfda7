// What both checkers, the per-aid one (pages/checker.js) and the questionnaire (pages/questionnaire.js),
// set up the same way before they ask anything: the shared places file (lib/places.js), the derived
// questions (the région from the département…), the names of the person's places, the fieldsets'
// behaviour, and the sentence shown when the checker cannot start.

import { bindExclusive } from "./checker-form.js";
import { bindCommune, communeOf } from "./commune-field.js";
import { element, siteUrls } from "./dom.js";
import { placeOf } from "./model/territory.js";
import { loadPlaces, placeNames, placeTables } from "./places.js";

/** The shared places file the page's data names (`lieux`, relative to the site root), or null without one. */
export async function placesFileOf(root, name) {
  return name ? loadPlaces(siteUrls(root, {}).file(name)) : null;
}

/**
 * The answers' context of a checker: `places` (the tables that derive answers), `sources` (derived
 * question → the question it comes from), `extra` (a derived answer given directly in a link, region=11,
 * is kept when the places file knows it: lib/checker-form.js sanitize), the commune question and its
 * fieldset, and `names(normalised)`: the names of the person's commune and EPCI, "" when not known.
 */
export function answerContext(questions, placesFile, fieldsets) {
  const places = placeTables(placesFile);
  const derived = questions.filter((question) => question.deduite_de);
  const sources = Object.fromEntries(derived.map((question) => [question.id, question.deduite_de]));
  const regions = new Set(Object.values(places.region_of));
  const extra = Object.fromEntries(derived.map((question) => [question.id, (value) => regions.has(value)]));
  // The commune's name is kept on its fieldset by lib/commune-field.js.
  const [communeId, communeField] = communeOf(fieldsets);
  const epciNames = placeNames(placesFile, "epci");
  const names = (normalised) => ({ commune: communeField?.dataset.nom ?? "", epci: epciNames[placeOf(normalised, questions, "epci")] ?? "" });
  return { places, sources, extra, communeId, communeField, names };
}

/** « Je ne sais pas » excludes the other answers, and the commune question searches as the person types. */
export function bindFieldsets(fieldsets) {
  for (const fieldset of fieldsets.values()) {
    bindExclusive(fieldset);
    bindCommune(fieldset);
  }
}

/** The sentence that says a checker could not start (its page keeps the text for readers without JavaScript). */
export function failureNotice(text) {
  const message = element("p", "questionnaire__panne", text);
  message.setAttribute("role", "alert");
  return message;
}
