// Conditions on amounts, evaluated with honest uncertainty: the browser twin of
// hooks/aides/model/income_rules.py (the build compiles the operands: a figure, a share of the SMIC in force,
// or a barème's table). A range of households or zones across the figure, an estimated answer, or an answer
// within 5 % of the figure gives null (« à vérifier »), never a firm yes or no. tests/vectors/income.json.

import { euros } from "./formatting.js";
import { ILE_DE_FRANCE, ZONES, categoryRange, categoryReason, ceiling, ceilingsZone, estimatedParts } from "./household.js";

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

/**
 * Why an amount condition is « à vérifier », with the figure to compare (presentation only: the result itself is
 * evaluateAmount's): "proche" (within 5 %), "estimation" (fiscal parts estimated), "fourchette" (the household or
 * its place leaves several ceilings), "inconnu" (no answer yet, the figure known). null: nothing to add.
 */
export function amountDetail(leaf, answers) {
  if (!leaf.montant) return null;
  const bounds = limits(leaf.valeur, answers);
  if (bounds === null) return null;
  const [low, high] = bounds;
  const figure = low === high ? euros(low) : `${euros(low)} à ${euros(high)}`;
  const where = typeof leaf.valeur === "object" ? household(leaf.valeur, answers) : "";
  const answer = Object.hasOwn(answers, leaf.question) ? answers[leaf.question] : null;
  if (answer === null || answer === undefined) return { nature: "inconnu", montant: figure + where };
  if ((answers[ESTIMATES] || []).includes(leaf.question)) return { nature: "estimation", montant: figure + where };
  if (low !== high) return { nature: "fourchette", montant: figure + where };
  return Math.abs(answer - low) <= NEAR * low ? { nature: "proche", montant: figure + where } : null;
}

function household(table, answers) {
  const categories = categoryRange(answers);
  const zones = zonesOf(answers);
  const reason = categoryReason(answers);
  const detail = reason ? ` (${reason})` : "";
  const category = categories[0] === categories[1] ? ` pour un ménage de catégorie ${categories[0]}${detail}` : "";
  return zones.length === 1 ? `${category}, zone «\u00a0${table.zones[zones[0]]}\u00a0»` : category;
}
