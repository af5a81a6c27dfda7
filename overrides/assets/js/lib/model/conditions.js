// Eligibility evaluator: the browser twin of hooks/aides/model/conditions.py.
//
// The build compiles each aid's conditions into a JSON tree; this module answers
// "is this person eligible?" in the browser with EXACTLY the Python semantics, so
// the checker never disagrees with the aid pages. tests/vectors/eligibility.json
// and tests/test_eligibility_twins.py hold both sides to that: change one twin,
// change the other.
//
// Three-valued logic: true (met), false (not met), null (unknown: not answered,
// "je ne sais pas", or a fact only a person can check: a_verifier).

import { deriveHousehold, evaluateAmount } from "./income-rules.js";
import { derive, kindOf } from "./question-types.js";
import { isGroup, leavesOf } from "./rule-tree.js";

const UNKNOWN = "nsp"; // the "je ne sais pas" answer
const has = (object, key) => object != null && Object.hasOwn(object, key);

/**
 * Drop unknown answers, then fill derived ones (département from the commune, région from the
 * département, EPCI from the commune: question-types.js derive), until nothing changes.
 * `places`: { region_of: {département: région}, epci_of: {commune: SIREN} }.
 */
export function normalise(answers, questions, places) {
  const result = Object.fromEntries(
    Object.entries(answers).filter(([, value]) => !isEmpty(value) && value !== UNKNOWN),
  );
  let changed = true;
  while (changed) {
    changed = false;
    for (const question of questions) {
      if (!question.deduite_de || has(result, question.id)) continue; // a direct answer wins
      const derivation = kindOf(question.type).derivation;
      const value = derivation ? derive(derivation, result[question.deduite_de], places) : null;
      if (value !== null && value !== undefined) {
        result[question.id] = value;
        changed = true;
      }
    }
  }
  return deriveHousehold(result);
}

const INCLUDED = ["regions", "departements", "epci", "communes"];
const EXCLUDED = ["sauf_epci", "sauf_communes"];

/** Whether the person's place is among the territory's codes for `key` (null: unknown); twin of conditions._place. */
function place(node, answers, key) {
  const question = node.lieux[key.replace(/^sauf_/, "")];
  const answer = question && has(answers, question) ? answers[question] : null;
  if (answer !== null && answer !== undefined) return node.zones[key].includes(answer);
  // Only a département given: an EPCI or a commune elsewhere cannot be the person's.
  const depQuestion = node.lieux.departements;
  const departement = depQuestion && has(answers, depQuestion) ? answers[depQuestion] : null;
  const within = node.departements_de[key];
  if (departement !== null && departement !== undefined && within && !within.includes(departement)) return false;
  return null;
}

function anyOf(values) {
  if (values.includes(true)) return true;
  return values.includes(null) ? null : false;
}

/** A "territoire" node: inside one of its places and in none of its exclusions. */
export function inTerritory(node, answers) {
  const keys = INCLUDED.filter((key) => has(node.zones, key));
  const inside = keys.length ? anyOf(keys.map((key) => place(node, answers, key))) : true;
  const excluded = anyOf(EXCLUDED.filter((key) => has(node.zones, key)).map((key) => place(node, answers, key)));
  if (inside === false || excluded === true) return false;
  return inside === true && excluded === false ? true : null;
}

/** Evaluate a node against normalised answers: true, false or null (unknown). */
export function evaluate(node, answers) {
  const type = node.type;
  if (type === "a_verifier") return null;
  if (type === "territoire") return inTerritory(node, answers);
  if (isGroup(node)) {
    // One false child decides "toutes", one true child decides "une_de"; otherwise unknown wins.
    // (Stopping at the first decisive child gives the same value: evaluation has no side effect.)
    const decisive = type === "une_de";
    let unknown = false;
    for (const child of node.enfants) {
      const value = evaluate(child, answers);
      if (value === decisive) return decisive;
      if (value === null) unknown = true;
    }
    return unknown ? null : !decisive;
  }
  if (node.montant) return evaluateAmount(node, answers);
  // Own properties only: a question named "constructor" must not read Object.prototype.
  const answer = has(answers, node.question) ? answers[node.question] : null;
  if (answer === null || answer === undefined) return null;
  const { operateur, valeur } = node;
  if (operateur === "moins_de") return answer < valeur; // strict
  if (operateur === "au_moins") return answer >= valeur;
  if (operateur === "oui" || operateur === "non") return answer === operateur;
  // "parmi": a multiple choice matches when any ticked item is in the list.
  if (Array.isArray(answer)) return answer.some((item) => valeur.includes(item));
  return valeur.includes(answer);
}

/** Result of one aid, as Python's `outcome`: status, the deciding criteria, the unanswered questions among them. */
export function outcome(node, answers) {
  // Plain loops rather than map/filter/Set: the questionnaire runs this on every aid after each answer.
  const value = evaluate(node, answers);
  if (value === true) return { statut: "eligible", raisons: [], questions_manquantes: [] };
  const deciding = [];
  decidingLeaves(node, answers, value, deciding);
  const raisons = [];
  const missing = [];
  for (const leaf of deciding) {
    raisons.push(leaf.texte);
    if (value === null && leaf.question !== undefined && !has(answers, leaf.question) && !missing.includes(leaf.question)) missing.push(leaf.question);
  }
  // Default sort compares UTF-16 code units: the same order as Python's sorted() for these ASCII ids.
  missing.sort();
  return { statut: value === false ? "non_eligible" : "a_verifier", raisons, questions_manquantes: missing };
}

/** Collect, in order, the leaves that make `node` evaluate to `value` (false: unmet criteria; null: unknown ones). */
function decidingLeaves(node, answers, value, found) {
  if (!isGroup(node)) {
    found.push(node);
    return;
  }
  for (const child of node.enfants) if (evaluate(child, answers) === value) decidingLeaves(child, answers, value, found);
}

/** The questions a tree depends on, in order of first use. */
export function questionsOf(node) {
  const found = leavesOf(node).filter((leaf) => leaf.question !== undefined).flatMap((leaf) => [leaf.question, ...(leaf.menage || [])]);
  return [...new Set(found)];
}

// --- answers in the URL fragment ---------------------------------------------
// #age=25&statut=salarie&difficulte=perte_emploi,separation&decision_dalo=oui
// The fragment never reaches a server, and a checker result can be bookmarked or shared.

const NUMBER = /^-?\d+(?:\.\d+)?$/; // plain decimals only: Number() would accept "", "0x10" or "1e3"

function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return null; // malformed escape (%E9 alone): drop the value rather than fail the page
  }
}

/** One answer of the fragment, read as its type's answers are (lib/model/question-types.js). */
function parseValue(raw, type) {
  const text = decode(raw);
  if (!text) return undefined; // empty or malformed
  if (text === UNKNOWN) return UNKNOWN; // kept: "je ne sais pas" is an answer the form shows again
  const answer = kindOf(type).answer;
  if (answer === "nombre") return NUMBER.test(text) ? Number(text) : undefined;
  if (answer === "liste") {
    // Split before decoding, so an item may contain an encoded comma (%2C).
    const items = raw.split(",").map(decode).filter((item) => item);
    return items.length ? items : undefined;
  }
  return text;
}

/** Read answers from a fragment ("#a=1&b=x,y" or "a=1&b=x,y"); unknown ids and invalid values are dropped. */
export function parseFragment(fragment, questions) {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const answers = {};
  for (const pair of (fragment || "").replace(/^#/, "").split("&")) {
    const cut = pair.indexOf("=");
    if (cut < 0) continue;
    const question = byId.get(decode(pair.slice(0, cut)));
    if (!question) continue;
    const value = parseValue(pair.slice(cut + 1), question.type);
    if (value !== undefined) answers[question.id] = value;
  }
  return answers;
}

const isEmpty = (value) =>
  value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0) ||
  (typeof value === "number" && !Number.isFinite(value));

/** Write answers as a fragment, without the leading "#", in the order of `questions`; empty answers are left out. */
export function toFragment(answers, questions) {
  const parts = [];
  for (const { id } of questions) {
    const value = has(answers, id) ? answers[id] : null;
    if (isEmpty(value)) continue;
    const text = Array.isArray(value) ? value.map((item) => encodeURIComponent(item)).join(",") : encodeURIComponent(value);
    parts.push(`${encodeURIComponent(id)}=${text}`);
  }
  return parts.join("&");
}
