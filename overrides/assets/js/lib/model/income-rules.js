// Conditions on amounts, evaluated with honest uncertainty: the browser twin of
// hooks/aides/model/income_rules.py (the build compiles the operands: a figure, a share of the SMIC in force,
// or a barème's table). A range of households or zones across the figure, an estimated answer, or an answer
// within 5 % of the figure gives null (« à vérifier »), never a firm yes or no. tests/vectors/income.json.

import { ILE_DE_FRANCE, ZONES, categoryRange, ceiling, ceilingsZone, estimatedParts } from "./household.js";

const NEAR = 0.05;
export const ESTIMATES = "_estimations";
const ZONES_OF_DEPARTEMENT = { 75: [ZONES[0]], 92: ZONES.slice(0, 2), 93: ZONES.slice(0, 2), 94: ZONES.slice(0, 2) };
const isNumber = (value) => typeof value === "number" && Number.isFinite(value);

function zonesOf(answers) {
  const zone = ceilingsZone(answers.commune);
  if (zone) return [zone];
  const departement = answers.departement;
  if (typeof departement !== "string") return [];
  if (Object.hasOwn(ZONES_OF_DEPARTEMENT, departement)) return ZONES_OF_DEPARTEMENT[departement];
  return [ILE_DE_FRANCE.has(departement) ? ZONES[1] : ZONES[2]];
}

/** The lowest and highest figure the answers allow (null: the household or its place is unknown). */
export function limits(value, answers) {
  if (typeof value !== "object" || value === null) return [value, value];
  const categories = categoryRange(answers);
  const zones = zonesOf(answers);
  if (categories === null || !zones.length) return null;
  const figures = categories.flatMap((category) => zones.map((zone) => ceiling(value, category, zone)));
  return [Math.min(...figures), Math.max(...figures)];
}

function compare(answer, operator, limit) {
  return { au_plus: answer <= limit, moins_de: answer < limit, au_moins: answer >= limit, plus_de: answer > limit }[operator];
}

export function evaluateAmount(node, answers) {
  const answer = Object.hasOwn(answers, node.question) ? answers[node.question] : null;
  const bounds = answer === null || answer === undefined ? null : limits(node.valeur, answers);
  if (bounds === null) return null;
  const [low, high] = bounds.map((limit) => compare(answer, node.operateur, limit));
  if (low !== high || (answers[ESTIMATES] || []).includes(node.question)) return null;
  if (bounds.some((limit) => Math.abs(answer - limit) <= NEAR * limit)) return null;
  return low;
}

/** Fiscal parts estimated from the couple and the dependants when not given (marked as such), and the quotient familial. */
export function deriveHousehold(answers) {
  const derived = { ...answers };
  const estimates = [...(derived[ESTIMATES] || [])];
  if (!Object.hasOwn(derived, "parts_fiscales") && (derived.couple === "oui" || derived.couple === "non")) {
    if (Number.isInteger(derived.personnes_a_charge)) {
      derived.parts_fiscales = estimatedParts(derived.couple === "oui", derived.personnes_a_charge);
      estimates.push("parts_fiscales");
    }
  }
  const income = derived.revenu_fiscal;
  const parts = derived.parts_fiscales;
  if (!Object.hasOwn(derived, "quotient_familial") && isNumber(income) && isNumber(parts) && parts > 0) {
    derived.quotient_familial = income / parts;
    if (estimates.includes("parts_fiscales")) estimates.push("quotient_familial");
  }
  if (estimates.length) derived[ESTIMATES] = estimates;
  return derived;
}
