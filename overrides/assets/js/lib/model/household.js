// The household worked out from a few answers, for the rules on incomes: estimated fiscal parts, the
// social-housing category (a range when answers are missing), the ceilings zone of a commune, the figure of
// a ceilings table. Twin of hooks/aides/model/household.py; both follow tests/vectors/household.json.

// « Paris et communes limitrophes » (arrêté du 29 juillet 1987, annexe), INSEE codes (see the Python twin).
const PARIS_AND_NEIGHBOURS = new Set(
  ("75056 93001 93006 92012 94018 92024 94033 94037 92040 94041 94042 94043 93045 93061 92044 92046 93048 92049 " +
    "92051 94052 93055 92062 92064 93066 94067 94069 93070 92073 92075 94080").split(" "),
);
export const ILE_DE_FRANCE = new Set(["75", "77", "78", "91", "92", "93", "94", "95"]);
export const ZONES = ["paris_communes_limitrophes", "ile_de_france", "autres_regions"];
const YOUNG_COUPLE_AGES = 55;
const LAST_CATEGORY = 6;

export function estimatedParts(couple, dependants) {
  const parts = (couple ? 2 : 1) + 0.5 * Math.min(dependants, 2) + Math.max(dependants - 2, 0);
  return parts + (dependants && !couple ? 0.5 : 0);
}

function category(persons, singleParent, disability, youngCouple) {
  const found = persons + (singleParent || disability ? 1 : 0);
  return youngCouple ? Math.max(found, 3) : found;
}

const isNumber = (value) => typeof value === "number" && Number.isFinite(value);

export function categoryRange(answers) {
  const { couple, personnes_a_charge: dependants } = answers;
  if ((couple !== "oui" && couple !== "non") || !Number.isInteger(dependants)) return null;
  const inCouple = couple === "oui";
  const persons = 1 + (inCouple ? 1 : 0) + dependants;
  const disabilities = { oui: [true], non: [false] }[answers.handicap] || [false, true];
  let young = [false];
  if (inCouple && dependants === 0) {
    const ages = [answers.age, answers.age_conjoint];
    young = ages.every(isNumber) ? [ages[0] + ages[1] <= YOUNG_COUPLE_AGES] : [false, true];
  }
  const singleParent = !inCouple && dependants > 0;
  const found = disabilities.flatMap((disability) => young.map((y) => category(persons, singleParent, disability, y)));
  return [Math.min(...found), Math.max(...found)];
}

export function ceilingsZone(commune) {
  if (typeof commune !== "string" || commune.length !== 5) return null;
  if (PARIS_AND_NEIGHBOURS.has(commune) || commune.startsWith("751")) return ZONES[0];
  return ILE_DE_FRANCE.has(commune.slice(0, 2)) ? ZONES[1] : ZONES[2];
}

export function ceiling(table, categoryNumber, zone) {
  const amounts = table.categories[zone];
  if (categoryNumber <= amounts.length) return amounts[categoryNumber - 1];
  return amounts[amounts.length - 1] + (categoryNumber - amounts.length) * table.supplement[zone];
}

/**
 * How the category was worked out, in words, for the person to check it: « 2 personnes », « 3 personnes, dont une
 * en situation de handicap », « un jeune ménage (âges additionnés : 55 ans au plus) ». null while it is a range.
 */
export function categoryReason(answers) {
  const range = categoryRange(answers);
  if (range === null || range[0] !== range[1]) return null;
  const inCouple = answers.couple === "oui";
  const persons = 1 + (inCouple ? 1 : 0) + answers.personnes_a_charge;
  const words = [persons === 1 ? "1 personne" : `${persons} personnes`];
  if (!inCouple && answers.personnes_a_charge > 0) words.push("une personne seule avec des personnes à charge (une catégorie de plus)");
  if (answers.handicap === "oui") words.push("dont une en situation de handicap (une catégorie de plus)");
  if (inCouple && answers.personnes_a_charge === 0 && range[0] === 3 && answers.handicap !== "oui") words.push(`un jeune ménage (âges additionnés\u00a0: ${YOUNG_COUPLE_AGES}\u00a0ans au plus)`);
  if (range[0] > LAST_CATEGORY) words.push(`catégorie ${LAST_CATEGORY} et ${range[0] - LAST_CATEGORY} personne(s) de plus`);
  return words.join(", ");
}
