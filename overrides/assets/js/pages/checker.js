// "Suis-je concerné ?" on an aid page (overrides/partials/checker.html): the aid's own
// questions, a verdict announced in a live region, and the state of every criterion in
// words. lib/model/conditions.js evaluates; the answers stay in the URL fragment
// (#age=25&statut=etudiant), so a partner's link can prefill them. Once the person's place is
// known, the page also shows the amounts of their zone (lib/amounts.js) and, in « Où
// s'adresser ? », the contacts for their place first (lib/aid-contacts.js). An aid whose questions
// derive a place or list territories names the shared places file (data.lieux): the checker stays
// hidden until it is read and its lists are filled (lib/places.js).

import { evaluate, normalise, outcome, parseFragment, toFragment } from "../lib/model/conditions.js";
import { describe, fieldsetsOf, firstField, NSP, readField, sanitize, setError, writeField } from "../lib/checker-form.js";
import { answerContext, bindFieldsets, failureNotice, placesFileOf } from "../lib/checker-context.js";
import { withNotice } from "../lib/trust/freshness.js";
import { explain, unneededNodes } from "../lib/site/checkers.js";
import { element, followFragment, keepFragmentInView, verdict } from "../lib/dom.js";
import { amountParagraphs, amountsFor } from "../lib/amounts.js";
import { personZones } from "../lib/model/territory.js";
import { isGroup, nodesOf } from "../lib/model/rule-tree.js";
import { aidContacts } from "../lib/aid-contacts.js";
import { nameCommune } from "../lib/commune-field.js";
import { buildRecap, copyForRecap, printRecap } from "../lib/recap.js";
import { fillPlaceLists } from "../lib/places.js";

const NBSP = "\u00a0";
const has = (object, key) => object != null && Object.hasOwn(object, key);
const GROUP_STATES = {
  toutes: { true: "toutes remplies", false: "au moins une n'est pas remplie", null: "pas encore établi" },
  une_de: { true: "au moins une est remplie", false: "aucune n'est remplie", null: "pas encore établi" },
};

// A branch of « une de ces conditions » not taken, once another is met: neither a failure nor a question.
const NOT_NEEDED = `pas nécessaire${NBSP}: une autre possibilité est remplie`;

/** The state of one node in words, and its class: oui, non, inconnu or neutre (never colour alone). */
function state(node, value, answers, sourceOf, unneeded) {
  if (unneeded.has(node)) return [NOT_NEEDED, "neutre"];
  if (isGroup(node)) return [GROUP_STATES[node.type][String(value)], value];
  if (node.type === "a_verifier") return ["à vérifier avec l'organisme", null];
  if (value === true) return ["remplie", true];
  if (value === false) return ["non remplie", false];
  const asked = has(sourceOf, node.question) ? sourceOf[node.question] : node.question;
  const unknown = answers[asked] === NSP || answers[node.question] === NSP;
  return [unknown ? `inconnue${NBSP}: vous ne savez pas` : "sans réponse", null];
}

/**
 * « Condition par condition »: a copy of the Conditions section's tree (rendered once, above the checker), with
 * an empty state slot after each node. Document order is the tree's pre-order, as `nodesOf` lists the nodes.
 */
function stateSlots(box) {
  const tree = document.querySelector("[data-arbre-conditions]").cloneNode(true);
  for (const note of tree.querySelectorAll(".critere-note")) note.remove(); // its state says « à vérifier avec l'organisme »
  for (const label of tree.querySelectorAll(".critere, .critere-groupe")) {
    const slot = document.createElement("span");
    slot.className = "etat";
    slot.dataset.etat = "";
    label.after(" ", slot);
  }
  const list = box.querySelector("[data-etats]");
  list.replaceChildren(...tree.childNodes);
  return [...list.querySelectorAll("[data-etat]")];
}

const ICONS = { true: "✓", false: "✗", null: "?", neutre: "–" };
const CLASSES = { true: "etat--oui", false: "etat--non", null: "etat--inconnu", neutre: "etat--neutre" };

/** One aid's checker: its questions, the verdict, « Condition par condition », the amounts and contacts of the person's place. */
class Checker {
  constructor(box, data, placesFile) {
    this.box = box;
    this.data = data;
    this.form = box.querySelector("[data-checker-form]");
    this.verdict = box.querySelector("[data-verdict]");
    this.fieldsets = fieldsetsOf(this.form);
    this.context = answerContext(data.questions, placesFile, this.fieldsets);
    this.nodes = nodesOf(data.conditions);
    this.slots = stateSlots(box);
    this.showContacts = aidContacts(document.querySelector("[data-contacts-aide]"));
    this.answers = {};
  }

  start() {
    bindFieldsets(this.fieldsets);
    this.form.addEventListener("change", () => this.update());
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const wrong = this.update();
      if (wrong) firstField(wrong).focus();
    });
    this.box.querySelector("[data-effacer]").addEventListener("click", () => this.clear());
    this.box.querySelector("[data-imprimer-recapitulatif]").addEventListener("click", async () => {
      this.update();
      printRecap(await this.summary());
    });
    followFragment(() => {
      if (this.fromUrl()) this.showAndName();
    });
    this.fromUrl();
    this.showAndName();
    keepFragmentInView(() => {
      this.box.closest("section").querySelector("[data-sans-js]").hidden = true;
      this.box.hidden = false;
    });
  }

  /** Answers from the fragment; "#conditions" and the page's other anchors are not answers. */
  fromUrl() {
    if (!location.hash.includes("=")) return false;
    this.answers = sanitize(parseFragment(location.hash, this.data.questions), this.fieldsets, this.context.extra);
    for (const [id, fieldset] of this.fieldsets) writeField(fieldset, this.answers[id]);
    return true;
  }

  /** Answers from the form; returns the first fieldset in error, if any. */
  fromForm() {
    const next = {};
    let wrong = null;
    for (const [id, fieldset] of this.fieldsets) {
      const { value, error } = readField(fieldset);
      setError(fieldset, error || "");
      if (error) wrong ??= fieldset;
      else if (value !== undefined) next[id] = value;
    }
    // A région given directly by a link stays until the département is answered.
    for (const [id, source] of Object.entries(this.context.sources)) {
      if (has(this.answers, id) && !has(next, source) && !has(next, id)) next[id] = this.answers[id];
    }
    this.answers = next;
    return wrong;
  }

  toUrl() {
    const fragment = toFragment(this.answers, this.data.questions);
    history.replaceState(null, "", fragment ? `#${fragment}` : location.pathname + location.search);
  }

  /** The form's answers, shown and written into the fragment; returns the first fieldset in error, if any. */
  update() {
    const wrong = this.fromForm();
    this.show();
    this.toUrl();
    return wrong;
  }

  clear() {
    this.answers = {};
    for (const fieldset of this.fieldsets.values()) writeField(fieldset, undefined);
    this.show();
    this.toUrl();
    firstField(this.fieldsets.values().next().value).focus();
  }

  show() {
    const normalised = normalise(this.answers, this.data.questions, this.context.places);
    this.showStates(normalised);
    // Old, unconfirmed information is never « vous pourriez avoir droit » (lib/trust/freshness.js).
    this.showVerdict(withNotice(outcome(this.data.conditions, normalised), this.data.avis ?? ""), normalised);
    this.showPlace(normalised);
  }

  /** A commune given by a link (#commune=83137) is named once its lookup file is read (lib/commune-field.js). */
  showAndName() {
    this.show();
    const { communeId, communeField } = this.context;
    if (communeField && this.answers[communeId]) nameCommune(communeField, this.answers[communeId]).then(() => this.show());
  }

  /** « Condition par condition »: each node's state, in words and as an icon (never colour alone). */
  showStates(normalised) {
    const unneeded = unneededNodes(this.data.conditions, normalised);
    this.nodes.forEach((node, index) => {
      const [text, value] = state(node, evaluate(node, normalised), this.answers, this.context.sources, unneeded);
      const slot = this.slots[index];
      slot.className = `etat ${CLASSES[String(value)]}`;
      const icon = element("span", null, `${ICONS[String(value)]} `);
      icon.setAttribute("aria-hidden", "true");
      slot.replaceChildren(icon, `(${text})`);
    });
  }

  /** The verdict, in the words of the page's template (macros.verdict). */
  showVerdict(result, normalised) {
    this.verdict.className = `verdict verdict--${result.statut}`;
    const answered = Object.keys(this.answers).length > 0;
    const reasons = answered && result.statut !== "eligible" ? explain(this.data.conditions, result, this.answers, this.context.sources, normalised) : [];
    this.verdict.replaceChildren(verdict(this.box, answered ? result.statut : "vide", reasons));
  }

  /** Where the person is: the amounts of their zone (lib/amounts.js), their contacts first (lib/aid-contacts.js). */
  showPlace(normalised) {
    const names = this.context.names(normalised);
    this.box.querySelector("[data-montants-zone]").replaceChildren(...amountParagraphs(amountsFor(this.data.zones || [], normalised, names)));
    this.showContacts(personZones(normalised, this.data.questions), names.commune);
  }

  /** The answers, the verdict and the contacts shown (those for the person's place), on paper (lib/recap.js). */
  summary() {
    const given = [...this.fieldsets].filter(([id]) => has(this.answers, id));
    const pairs = given.map(([id, fieldset]) => [fieldset.querySelector("legend").textContent.trim(), describe(fieldset, this.answers[id])]);
    const results = [copyForRecap(this.verdict)];
    const contacts = [...document.querySelectorAll("[data-contacts-liste] .fiche-contact:not([hidden])")];
    if (contacts.length) results.push(element("h3", null, `Où s'adresser${NBSP}?`), ...contacts.map(copyForRecap));
    const aid = document.querySelector("h1").textContent.trim();
    return buildRecap(this.box, { title: `Mon récapitulatif${NBSP}: ${aid}`, answers: pairs, results, url: location.href });
  }
}

async function start(box) {
  const data = JSON.parse(box.querySelector("[data-checker-donnees]").textContent);
  const placesFile = await placesFileOf(box, data.lieux);
  fillPlaceLists(box.querySelector("[data-checker-form]"), placesFile); // before any answer is written into the form
  new Checker(box, data, placesFile).start();
}

for (const box of document.querySelectorAll("[data-checker]")) {
  start(box).catch((error) => {
    // The form stays hidden, with the sentence for readers without JavaScript; say what went wrong above it.
    const text = "Le questionnaire n'a pas pu se charger. Rechargez la page, ou comparez votre situation aux conditions ci-dessus.";
    box.closest("section").querySelector("[data-sans-js]").before(failureNotice(text));
    console.error(error);
  });
}
