// "Suis-je concerné ?" on an aid page (overrides/partials/checker.html): the aid's own
// questions, a verdict announced in a live region, and the state of every criterion in
// words. lib/model/conditions.js evaluates; the answers stay in the URL fragment
// (#age=25&statut=etudiant), so a partner's link can prefill them. Once the person's place is
// known, the page also shows the amounts of their zone (lib/amounts.js) and, in « Où
// s'adresser ? », the contacts for their place first (lib/aid-contacts.js). An aid whose questions
// derive a place or list territories names the shared places file (data.lieux): the checker stays
// hidden until it is read and its lists are filled (lib/places.js).

import { evaluate, normalise, outcome, parseFragment, toFragment } from "../lib/model/conditions.js";
import { bindExclusive, describe, fieldsetsOf, firstField, NSP, readField, sanitize, setError, writeField } from "../lib/checker-form.js";
import { withNotice } from "../lib/trust/freshness.js";
import { explain, reasonText } from "../lib/questionnaire-core.js";
import { reasons as reasonNodes, siteUrls } from "../lib/dom.js";
import { amountParagraphs, amountsFor } from "../lib/amounts.js";
import { personZones, placeOf } from "../lib/model/territory.js";
import { isGroup, nodesOf } from "../lib/model/rule-tree.js";
import { aidContacts } from "../lib/aid-contacts.js";
import { bindCommune, communeOf, nameCommune } from "../lib/commune-field.js";
import { buildRecap, copyForRecap, printRecap } from "../lib/recap.js";
import { fillPlaceLists, loadPlaces, placeNames, placeTables } from "../lib/places.js";

const NBSP = "\u00a0";
const has = (object, key) => object != null && Object.hasOwn(object, key);
const GROUP_STATES = {
  toutes: { true: "toutes remplies", false: "au moins une n'est pas remplie", null: "pas encore établi" },
  une_de: { true: "au moins une est remplie", false: "aucune n'est remplie", null: "pas encore établi" },
};

/** The state of one node in words, and its class: oui, non or inconnu (never colour alone). */
function state(node, value, answers, sourceOf) {
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

const ICONS = { true: "✓", false: "✗", null: "?" };
const CLASSES = { true: "etat--oui", false: "etat--non", null: "etat--inconnu" };

async function start(box) {
  const data = JSON.parse(box.querySelector("[data-checker-donnees]").textContent);
  const file = data.lieux ? await loadPlaces(siteUrls(box, {}).file(data.lieux)) : null;
  const form = box.querySelector("[data-checker-form]");
  fillPlaceLists(form, file); // before any answer is written into the form
  const verdict = box.querySelector("[data-verdict]");
  const fieldsets = fieldsetsOf(form);
  const { conditions, questions } = data;
  const places = placeTables(file);
  const epciNames = placeNames(file, "epci");
  const derived = questions.filter((q) => q.deduite_de);
  const sourceOf = Object.fromEntries(derived.map((q) => [q.id, q.deduite_de]));
  const regions = new Set(Object.values(places.region_of));
  const extra = Object.fromEntries(derived.map((q) => [q.id, (value) => regions.has(value)]));
  const nodes = nodesOf(conditions);
  const slots = stateSlots(box);
  const showContacts = aidContacts(document.querySelector("[data-contacts-aide]"));
  const [communeId, communeField] = communeOf(fieldsets);
  let answers = {};

  /** Answers from the fragment; "#conditions" and the page's other anchors are not answers. */
  function fromUrl() {
    if (!location.hash.includes("=")) return false;
    answers = sanitize(parseFragment(location.hash, questions), fieldsets, extra);
    for (const [id, fieldset] of fieldsets) writeField(fieldset, answers[id]);
    return true;
  }

  /** Answers from the form; returns the first fieldset in error, if any. */
  function fromForm() {
    const next = {};
    let wrong = null;
    for (const [id, fieldset] of fieldsets) {
      const { value, error } = readField(fieldset);
      setError(fieldset, error || "");
      if (error) wrong ??= fieldset;
      else if (value !== undefined) next[id] = value;
    }
    // A région given directly by a link stays until the département is answered.
    for (const [id, source] of Object.entries(sourceOf)) if (has(answers, id) && !has(next, source) && !has(next, id)) next[id] = answers[id];
    answers = next;
    return wrong;
  }

  function toUrl() {
    const fragment = toFragment(answers, questions);
    history.replaceState(null, "", fragment ? `#${fragment}` : location.pathname + location.search);
  }

  function show() {
    const normalised = normalise(answers, questions, places);
    nodes.forEach((node, index) => {
      const [text, value] = state(node, evaluate(node, normalised), answers, sourceOf);
      const slot = slots[index];
      slot.className = `etat ${CLASSES[String(value)]}`;
      const icon = document.createElement("span");
      icon.setAttribute("aria-hidden", "true");
      icon.textContent = `${ICONS[String(value)]} `;
      slot.replaceChildren(icon, `(${text})`);
    });
    // Old, unconfirmed information is never « vous pourriez avoir droit » (lib/trust/freshness.js).
    showVerdict(withNotice(outcome(conditions, normalised), data.avis ?? ""));
    // Where the person is: the amounts of their zone (lib/amounts.js), their contacts first (lib/aid-contacts.js).
    // The commune's name is kept on its fieldset by lib/commune-field.js.
    const names = { commune: communeField?.dataset.nom ?? "", epci: epciNames[placeOf(normalised, questions, "epci")] };
    box.querySelector("[data-montants-zone]").replaceChildren(...amountParagraphs(amountsFor(data.zones || [], normalised, names)));
    showContacts(personZones(normalised, questions), names.commune);
  }

  function showVerdict(result) {
    const title = document.createElement("p");
    title.className = "verdict__titre";
    const strong = document.createElement("strong");
    title.append(strong);
    const parts = [title];
    verdict.className = `verdict verdict--${result.statut}`;
    if (Object.keys(answers).length === 0) {
      strong.textContent = "Répondez aux questions pour voir le résultat.";
      verdict.replaceChildren(...parts);
      return;
    }
    if (result.statut === "eligible") {
      strong.textContent = `Résultat indicatif${NBSP}: vous pourriez avoir droit à cette aide.`;
      const next = document.createElement("p");
      const link = document.createElement("a");
      link.href = "#contacts";
      link.textContent = `Où s'adresser${NBSP}?`;
      next.append(
        `Toutes les conditions que ce questionnaire peut vérifier sont remplies. Contactez l'organisme pour confirmer votre droit${NBSP}: `,
        link,
      );
      parts.push(next);
    } else {
      const reasons = explain(conditions, result, answers, sourceOf);
      const unmet = result.statut === "non_eligible";
      strong.textContent = unmet
        ? `Résultat indicatif${NBSP}: vous n'êtes pas concerné par cette aide.`
        : `Résultat indicatif${NBSP}: à vérifier.`;
      const lead = unmet
        ? `${reasons.length > 1 ? "Conditions non remplies" : "Condition non remplie"}${NBSP}:`
        : `Reste à préciser${NBSP}:`;
      parts.push(reasonNodes(box, lead, reasons.map((reason) => reasonText(reason, "sans réponse"))));
    }
    verdict.replaceChildren(...parts);
  }

  /** The answers, the verdict and the contacts shown (those for the person's place), on paper (lib/recap.js). */
  function summary() {
    const given = [...fieldsets].filter(([id]) => has(answers, id));
    const pairs = given.map(([id, fieldset]) => [fieldset.querySelector("legend").textContent.trim(), describe(fieldset, answers[id])]);
    const results = [copyForRecap(verdict)];
    const contacts = [...document.querySelectorAll("[data-contacts-liste] .fiche-contact:not([hidden])")];
    if (contacts.length) {
      const title = document.createElement("h3");
      title.textContent = `Où s'adresser${NBSP}?`;
      results.push(title, ...contacts.map(copyForRecap));
    }
    const aid = document.querySelector("h1").textContent.trim();
    return buildRecap(box, { title: `Mon récapitulatif${NBSP}: ${aid}`, answers: pairs, results, url: location.href });
  }

  for (const fieldset of fieldsets.values()) {
    bindExclusive(fieldset);
    bindCommune(fieldset);
  }
  form.addEventListener("change", () => {
    fromForm();
    show();
    toUrl();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const wrong = fromForm();
    show();
    toUrl();
    if (wrong) firstField(wrong).focus();
  });
  box.querySelector("[data-effacer]").addEventListener("click", () => {
    answers = {};
    for (const fieldset of fieldsets.values()) writeField(fieldset, undefined);
    show();
    toUrl();
    firstField(fieldsets.values().next().value).focus();
  });
  const nameFromUrl = () => {
    if (communeField && answers[communeId]) nameCommune(communeField, answers[communeId]).then(show);
  };
  box.querySelector("[data-imprimer-recapitulatif]").addEventListener("click", async () => {
    fromForm();
    show();
    toUrl();
    printRecap(await summary());
  });
  window.addEventListener("hashchange", () => {
    if (fromUrl()) {
      show();
      nameFromUrl();
    }
  });

  fromUrl();
  show();
  nameFromUrl();
  box.closest("section").querySelector("[data-sans-js]").hidden = true;
  box.hidden = false;
}

for (const box of document.querySelectorAll("[data-checker]")) {
  start(box).catch((error) => {
    // The form stays hidden, with the sentence for readers without JavaScript; say what went wrong above it.
    const message = document.createElement("p");
    message.className = "questionnaire__panne";
    message.setAttribute("role", "alert");
    message.textContent = "Le questionnaire n'a pas pu se charger. Rechargez la page, ou comparez votre situation aux conditions ci-dessus.";
    box.closest("section").querySelector("[data-sans-js]").before(message);
    console.error(error);
  });
}
