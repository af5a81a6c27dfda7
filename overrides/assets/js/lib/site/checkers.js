// The checkers' logic, without the page: decode the questionnaire's rules file (twin of
// hooks/aides/site/checkers.py decode_nodes), evaluate every aid with lib/model/conditions.js, choose
// the next question, pick the contacts of a territory, say why a result is what it is (both checkers),
// what the results say first, and which criteria no longer matter.
// Plain functions, tested under Node (tests/js/questionnaire.test.mjs).

import { evaluate, outcome } from "../model/conditions.js";
import { withNotice } from "../trust/freshness.js";
import { mostLocalFirst } from "../model/territory.js";
import { isGroup, leavesOf } from "../model/rule-tree.js";
import { amountDetail } from "../model/income-rules.js";

const NSP = "nsp";
const NBSP = "\u00a0";
const has = (object, key) => object != null && Object.hasOwn(object, key);

/**
 * assets/questionnaire.json (format: hooks/aides/site/checkers.py) → the current aids, each with
 * its compiled tree rebuilt as lib/model/conditions.js expects it. Every distinct node is built once
 * and shared between aids: evaluation never changes a node.
 */
export function decodeQuestionnaire(data) {
  if (data.version !== 4) throw new Error(`format de questionnaire inconnu\u00a0: ${data.version}`);
  const nodes = [];
  for (const entry of data.noeuds) {
    const [kind] = entry;
    if (kind === "t" || kind === "u") {
      const type = kind === "t" ? "toutes" : "une_de";
      nodes.push({ type, texte: data.groupes[type], enfants: entry[1].map((index) => nodes[index]) });
    } else if (kind === "v") {
      nodes.push({ type: "a_verifier", texte: entry[1] });
    } else if (kind === "l") {
      const [, question, texte, lieux, zones, departements_de] = entry;
      nodes.push({ type: "territoire", question, texte, lieux, zones, departements_de });
    } else {
      const [, question, operateur, valeur, texte, extras] = entry;
      nodes.push({ type: "critere", question, operateur, valeur, texte, ...extras }); // extras: montant, menage (income rules)
    }
  }
  const amounts = data.montants ?? {};
  const aides = data.aides; // in columns: the n-th aid is the n-th of each list
  return aides.id.map((id, position) => {
    const [contacts, notice] = data.suites[aides.suite[position]]; // what follows its verdict, shared by many aids
    return {
      id,
      titre: aides.titre[position],
      conditions: nodes[aides.noeud[position]],
      contacts: contacts.map((index) => data.contacts[index]),
      avis: notice === null ? "" : data.avis[notice],
      zones: (amounts[id] ?? []).map((zone) => ({ ...zone, lieu: nodes[zone.lieu] })), // lib/amounts.js
    };
  });
}

/**
 * The outcome of every aid for normalised answers: lib/model/conditions.js's `outcome`, then the
 * freshness layer (lib/trust/freshness.js: an aid whose information is old and unconfirmed is never
 * « eligible »). Aids with the same conditions share one tree (decodeQuestionnaire): it is
 * evaluated once, and they share its result object, which nobody changes.
 */
export function evaluateAll(aides, normalised) {
  const byTree = new Map();
  return aides.map((aide) => {
    let result = byTree.get(aide.conditions);
    if (result === undefined) {
      result = outcome(aide.conditions, normalised);
      byTree.set(aide.conditions, result);
    }
    return aide.avis ? withNotice(result, aide.avis) : result;
  });
}

/**
 * The next question to ask, or null when no answer can change a result any more.
 *
 * - `first` (who the person is) comes first, until it is answered.
 * - Then, among the `askable` questions not answered yet ("je ne sais pas" counts as an
 *   answer: each question is asked once), the one missing in the most undecided aids: for
 *   every aid still "à vérifier", the questions of `questions_manquantes` (the unanswered
 *   questions among the criteria that keep it undecided), a derived question counting for
 *   its source (the région is asked through the département).
 * - Ties go to the question listed first in `askable` (the order of data/questions.yml).
 * - A question no undecided aid is missing is never asked, except `last` (where the person
 *   is, to pick their contacts): asked when nothing else is, until answered.
 */
export function nextQuestion(outcomes, answers, askable, { first = null, sourceOf = {}, last = null } = {}) {
  if (first && askable.includes(first) && !has(answers, first)) return first;
  const counts = new Map();
  for (const result of outcomes) {
    if (result.statut !== "a_verifier") continue;
    const asked = new Set(result.questions_manquantes.map((id) => (has(sourceOf, id) ? sourceOf[id] : id)));
    for (const id of asked) counts.set(id, (counts.get(id) || 0) + 1);
  }
  let best = null;
  let bestCount = 0;
  for (const id of askable) {
    if (has(answers, id)) continue;
    const count = counts.get(id) || 0;
    if (count > bestCount) [best, bestCount] = [id, count];
  }
  if (best === null && last && askable.includes(last) && !has(answers, last)) return last;
  return best;
}

/**
 * The question through which each derived question is asked: the first of its chain
 * (the région through the département, the département through the commune), except past a
 * question answered « je ne sais pas »: who declines the commune is asked the département.
 * `sources`: derived question id → the question it is derived from.
 */
export function askedThrough(sources, answers) {
  const through = {};
  for (const id of Object.keys(sources)) {
    let question = id;
    const seen = new Set([id]);
    while (has(sources, question) && answers[sources[question]] !== NSP && !seen.has(sources[question])) {
      question = sources[question];
      seen.add(question);
    }
    if (question !== id) through[id] = question;
  }
  return through;
}

/**
 * The contacts of an aid for the person's place (`places`: lib/model/territory.js personZones, null when
 * unknown): those whose territory covers it, most local first. `known` is false when the place is
 * not known yet: then all of them, in the aid's order.
 */
export function contactsFor(contacts, places) {
  if (places === null) return { known: false, contacts };
  return { known: true, contacts: mostLocalFirst(contacts, places) };
}

/**
 * The reasons of an outcome, each with what it is (its note, in words, is the page's: macros.verdict): "avis" (old, unconfirmed information:
 * lib/trust/freshness.js), "a_verifier" (to check with the organisation), "nsp" (answered "je ne sais pas"), "sans_reponse" (not answered yet)
 * or "non_remplie" (an unmet criterion).
 */
export function explain(tree, result, answers, sourceOf = {}, normalised = null) {
  const byText = new Map();
  for (const leaf of leavesOf(tree)) if (!byText.has(leaf.texte)) byText.set(leaf.texte, leaf);
  return result.raisons.map((texte) => {
    if (result.avis && texte === result.avis) return { texte, nature: "avis" }; // lib/trust/freshness.js
    const leaf = byText.get(texte);
    if (result.statut === "non_eligible") return { texte, nature: "non_remplie" };
    if (!leaf || leaf.type === "a_verifier") return { texte, nature: "a_verifier" };
    const detail = amountDetail(leaf, normalised ?? answers);
    if (detail && detail.nature !== "inconnu") return { texte, ...detail };
    const asked = has(sourceOf, leaf.question) ? sourceOf[leaf.question] : leaf.question;
    const nature = answers[asked] === NSP || answers[leaf.question] === NSP ? "nsp" : "sans_reponse";
    return detail ? { texte, nature: `${nature}_montant`, montant: detail.montant } : { texte, nature };
  });
}

// The result groups of the questionnaire, the most useful first, and how to count each (one, many).
export const RESULT_GROUPS = ["eligible", "a_verifier", "non_eligible"];
const GROUP_WORDS = {
  eligible: ["aide possible", "aides possibles"],
  a_verifier: ["aide à vérifier", "aides à vérifier"],
  non_eligible: ["aide non concernée", "aides non concernées"],
};

/** The groups in the order shown: those with aids first, most useful first; the empty ones after. */
export function resultOrder(counts) {
  return [...RESULT_GROUPS.filter((group) => counts[group] > 0), ...RESULT_GROUPS.filter((group) => !(counts[group] > 0))];
}

/**
 * The announcement of the results, what is true first: « 1 aide à vérifier, 9 non concernées. »
 * An empty group is never said (nobody should hear « 0 aide possible » first); "" when no aid is counted.
 */
export function resultsSummary(counts) {
  const parts = resultOrder(counts)
    .filter((group) => counts[group] > 0)
    .map((group, position) => {
      const [one, many] = GROUP_WORDS[group];
      const words = counts[group] > 1 ? many : one;
      return `${counts[group]}${NBSP}${position === 0 ? words : words.replace(/^aides? /, "")}`;
    });
  return parts.length ? `${parts.join(", ")}.` : "";
}

/**
 * The nodes whose state no longer matters: under « une de ces conditions » already met, every branch
 * that is not met, with its descendants. « Condition par condition » says they are not needed rather
 * than « non remplie » (an employee is not failing Visale's student branch).
 */
export function unneededNodes(tree, normalised) {
  const found = new Set();
  const visit = (node, needed) => {
    if (!needed) found.add(node);
    if (!isGroup(node)) return;
    const settled = node.type === "une_de" && evaluate(node, normalised) === true;
    for (const child of node.enfants) visit(child, needed && !(settled && evaluate(child, normalised) !== true));
  };
  visit(tree, true);
  return found;
}
