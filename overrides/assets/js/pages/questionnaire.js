// /eligibilite/: the questionnaire across all current aids.
//
// The answers live in the URL fragment (#profil=particulier&age=25): a partner's link
// prefills them, a result can be bookmarked or shared, Back undoes an answer, and nothing
// is sent anywhere. Each render reads the fragment, evaluates every aid with lib/model/conditions.js,
// shows the next question (lib/site/checkers.js: the one missing in the most undecided
// aids) and the results in three sections. The HTML comes from overrides/eligibilite.html,
// cards and reasons included (<template> elements rendered from partials/macros.html). The rules
// (assets/questionnaire.json) and the shared places file (lib/places.js: the tables that derive a
// place, the territorial lists, the EPCI names) are fetched together; the questionnaire shows once
// both are read and its lists filled, as the per-aid checker does.

import { normalise, outcome, parseFragment, toFragment } from "../lib/model/conditions.js";
import { describe, fieldsetsOf, firstField, NSP, readField, sanitize, setError, writeField } from "../lib/checker-form.js";
import { answerContext, bindFieldsets, failureNotice, placesFileOf } from "../lib/checker-context.js";
import {
  askedThrough,
  contactsFor,
  decodeQuestionnaire,
  evaluateAll,
  explain,
  nextQuestion,
  RESULT_GROUPS,
  resultOrder,
  resultsSummary,
} from "../lib/site/checkers.js";
import { cloneTemplate, contactCard, element, followFragment, isAnchor, siteUrls, verdict } from "../lib/dom.js";
import { amountParagraphs, amountsFor } from "../lib/amounts.js";
import { NATIONAL, personZones } from "../lib/model/territory.js";
import { nameCommune } from "../lib/commune-field.js";
import { fixedIds, keepFixed } from "../lib/embed.js";
import { fillPlaceLists } from "../lib/places.js";

const NBSP = "\u00a0";
const SHOWN = 100; // results listed per section before a "show all" button (10,000 links help nobody)
const SECTION_IDS = { eligible: "eligible", a_verifier: "a-verifier", non_eligible: "non-eligible" };
const has = (object, key) => object != null && Object.hasOwn(object, key);

/** One answer in « Vos réponses »: the question, the answer in words, and « Modifier » unless a partner fixed it. */
function answerItem(id, fieldset, answer, fixed) {
  const question = fieldset.querySelector("legend").textContent.trim();
  const text = element("span", answer === NSP ? "reponse reponse--nsp" : "reponse", describe(fieldset, answer));
  const detail = element("dd");
  if (fixed) {
    detail.append(text, " (réponse donnée par le site qui vous accueille)");
  } else {
    const button = element("button", "bouton-lien", "Modifier");
    button.type = "button";
    button.dataset.modifier = id;
    button.append(element("span", "visuellement-cache", ` votre réponse à «${NBSP}${question}${NBSP}»`));
    detail.append(text, " ", button);
  }
  return [element("dt", null, question), detail];
}

/**
 * « Vos résultats »: the aids in three sections (RESULT_GROUPS), each with why (macros.verdict), the amounts of
 * the person's zone and whom to contact there; the first SHOWN of a section, then a button for the others.
 * The sections with aids come first, the most useful first (lib/site/checkers.js resultOrder): a person who
 * has one aid to check reads it before an empty « Vous pourriez y avoir droit ».
 */
class Results {
  constructor(root, aides) {
    this.root = root;
    this.aides = aides;
    this.urls = siteUrls(root, JSON.parse(root.dataset.adresses));
    this.expanded = new Set(); // the sections whose every aid is listed
    this.state = null;
    this.order = RESULT_GROUPS; // the sections as shown (draw)
  }

  /** Draw a render's results: { outcomes, answers, normalised, places, names, sourceOf }. */
  show(state) {
    this.state = state;
    this.draw();
  }

  /** Draw them again with the names of the person's places, once known. */
  rename(names) {
    this.state.names = names;
    this.draw();
  }

  draw() {
    const { outcomes, answers } = this.state;
    const section = this.root.querySelector("[data-resultats]");
    section.hidden = Object.keys(answers).length === 0;
    if (section.hidden) return;
    const groups = Object.fromEntries(RESULT_GROUPS.map((status) => [status, []]));
    outcomes.forEach((result, index) => groups[result.statut].push(index));
    this.order = resultOrder(Object.fromEntries(RESULT_GROUPS.map((status) => [status, groups[status].length])));
    const end = section.querySelector("[data-resultats-fin]");
    for (const status of this.order) {
      const box = this.root.querySelector(`#${SECTION_IDS[status]}`);
      end.before(box);
      const indexes = groups[status];
      box.querySelector("[data-nombre]").textContent = `(${indexes.length})`;
      box.querySelector("[data-vide]").hidden = indexes.length > 0;
      box.querySelector("[data-intro]").hidden = indexes.length === 0; // « Contactez l'organisme… » about no aid
      const limit = this.expanded.has(status) ? indexes.length : SHOWN;
      box.querySelector("[data-liste]").replaceChildren(...indexes.slice(0, limit).map((index) => this.item(index)));
      this.moreButton(box, status, indexes.length - limit);
    }
  }

  moreButton(box, status, hiddenCount) {
    let more = box.querySelector("[data-plus]");
    if (hiddenCount <= 0) {
      more?.remove();
      return;
    }
    if (!more) {
      more = element("p");
      more.dataset.plus = "";
      const button = element("button", "md-button");
      button.type = "button";
      button.addEventListener("click", () => {
        this.expanded.add(status);
        this.draw();
      });
      more.append(button);
      box.querySelector("[data-liste]").after(more);
    }
    more.firstElementChild.textContent = `Afficher les ${hiddenCount} autres aides`;
  }

  item(index) {
    const aide = this.aides[index];
    const { outcomes, answers, normalised, sourceOf } = this.state;
    const result = outcomes[index];
    const item = cloneTemplate(this.root, "aide");
    const link = item.querySelector("[data-lien]");
    link.href = this.urls.url("aide", aide.id);
    link.textContent = aide.titre;
    const reasons = result.statut === "eligible" ? [] : explain(aide.conditions, result, answers, sourceOf, normalised);
    item.querySelector("[data-raisons]").replaceWith(verdict(this.root, result.statut, reasons));
    const amounts = item.querySelector("[data-montants-zone]");
    const contacts = item.querySelector("[data-contacts]");
    if (result.statut === "non_eligible") {
      amounts.remove();
      contacts.remove();
    } else {
      this.fillAmounts(amounts, aide);
      this.fillContacts(contacts, aide, link.href);
    }
    return item;
  }

  /** For an aid whose amounts vary by place, the row of the person's zone (lib/amounts.js). */
  fillAmounts(box, aide) {
    const { normalised, names } = this.state;
    const rows = amountsFor(aide.zones, normalised, names);
    if (rows.length) box.replaceChildren(...amountParagraphs(rows));
    else box.remove();
  }

  /** « Où s'adresser ? »: the aid's contacts for the person's place (all of them while it is unknown). */
  fillContacts(box, aide, url) {
    const { places, names } = this.state;
    const { known, contacts } = contactsFor(aide.contacts, places);
    const name = names.commune;
    const where = !known || aide.contacts.length === 0 ? "" : ` pour ${name || "votre territoire"}`;
    box.append(element("p", "resultat__contacts-titre", `Où s'adresser${where}${NBSP}?`));
    if (contacts.length === 0) {
      const link = element("a", null, `la rubrique «${NBSP}Où s'adresser${NBSP}?${NBSP}» de la fiche`);
      link.href = `${url}#contacts`;
      const none = aide.contacts.length ? `pas de contact pour ${name || "votre territoire"}` : "pas de contact public pour cette aide";
      const text = element("p");
      text.append(`Nos sources ne citent ${none}. Voyez `, link, ".");
      box.append(text);
      return;
    }
    for (const contact of contacts) box.append(contactCard(this.root, contact, this.urls.file(contact.partenaire_url)));
  }

  /** The sections as shown, for the printed summary (copied by lib/recap.js): no contacts for the aids set aside. */
  forPaper(copyForRecap) {
    return this.order.map((status) => {
      const box = this.root.querySelector(`#${SECTION_IDS[status]}`);
      const list = copyForRecap(box.querySelector("[data-liste]"));
      if (status === "non_eligible") for (const contacts of list.querySelectorAll("[data-contacts]")) contacts.remove();
      const group = element("section");
      group.append(element("h3", null, box.querySelector("h3").textContent), list);
      return group;
    });
  }
}

/** The questions, one at a time, and « Vos réponses »; the answers live in the URL fragment. */
class Questionnaire {
  constructor(root, page, aides, placesFile) {
    this.root = root;
    this.aides = aides;
    this.results = new Results(root, aides);
    this.questions = page.questions;
    this.first = page.premiere;
    this.contactsPlace = page.lieu_contacts; // the commune question, asked last to pick the person's contacts
    // « En cas d'urgence » (data/urgences.yml): shown when the answers meet its rule; while they may, its
    // questions are asked as an undecided aid's are, even if no current aid needs them.
    this.urgence = page.urgence ?? null;
    this.urgenceBox = root.querySelector("[data-urgences]");
    const partial = (contact) => (contact.zones ?? [NATIONAL]).some((zone) => zone !== NATIONAL);
    this.local = aides.map((aide) => aide.contacts.some(partial)); // aids with a contact for part of the country
    this.form = root.querySelector("[data-etape]");
    this.fieldsets = fieldsetsOf(this.form);
    this.askable = [...this.fieldsets.keys()]; // in the order of data/questions.yml
    this.context = answerContext(this.questions, placesFile, this.fieldsets); // places, derived questions, names
    // A missing derived answer is asked through the first question of its chain (région → département → commune).
    this.sourceOf = askedThrough(this.context.sources, {});
    this.editing = null;
    this.prefilled = null;
    this.fragment = isAnchor(location.hash) ? "" : location.hash; // the answers shown
    // In an embed (/integrer/eligibilite/?fixe=profil,age), answers the partner fixed: never asked, never changed.
    this.fixed = document.querySelector("[data-integre]") ? fixedIds(location.search) : new Set();
  }

  start() {
    bindFieldsets(this.fieldsets);
    this.form.addEventListener("submit", (event) => this.submit(event));
    this.root.querySelector("[data-annuler]").addEventListener("click", () => {
      this.editing = null;
      this.render({ focus: true });
    });
    this.root.querySelector("[data-recommencer]").addEventListener("click", () => this.go({}));
    this.root.querySelector("[data-imprimer-recapitulatif]").addEventListener("click", () => this.printSummary());
    this.root.querySelector("[data-reponses]").addEventListener("click", (event) => {
      const button = event.target.closest("[data-modifier]");
      if (!button) return;
      this.editing = button.dataset.modifier;
      this.render({ focus: true });
    });
    // Back and Forward, a link followed to this page, or a fragment typed in the address bar.
    followFragment((hash) => {
      if (hash === this.fragment) return;
      this.fragment = hash;
      this.editing = null;
      this.render();
    });
    document.querySelector("[data-questionnaire-sans-js]").hidden = true;
    this.root.hidden = false;
    this.render();
  }

  answersFromUrl() {
    return sanitize(parseFragment(this.fragment, this.questions), this.fieldsets, this.context.extra);
  }

  /** Record answers in the URL (a new history entry: Back undoes it) and show the result. */
  go(answers) {
    answers = keepFixed(answers, this.answers ?? {}, this.fixed);
    const fragment = toFragment(answers, this.questions);
    history.pushState(null, "", fragment ? `#${fragment}` : location.pathname + location.search);
    this.fragment = location.hash;
    this.editing = null;
    this.render({ focus: true });
  }

  submit(event) {
    event.preventDefault();
    const id = this.current;
    if (!id) return;
    const fieldset = this.fieldsets.get(id);
    const { value, error } = readField(fieldset, { required: true });
    if (error) {
      setError(fieldset, error);
      firstField(fieldset).focus();
      return;
    }
    setError(fieldset, "");
    const answers = { ...this.answers, [id]: value };
    // A région given directly would hide the one of the new département: derive it again.
    for (const [derived, source] of Object.entries(this.sourceOf)) if (source === id) delete answers[derived];
    this.go(answers);
  }

  render({ focus = false } = {}) {
    const answers = this.answersFromUrl();
    this.answers = answers;
    const normalised = normalise(answers, this.questions, this.context.places);

    const start = performance.now();
    const outcomes = evaluateAll(this.aides, normalised);
    performance.measure?.("questionnaire:evaluation", { start, end: performance.now() });

    if (this.editing && !this.fieldsets.has(this.editing)) this.editing = null;
    // Who declines the commune is asked the département (and so on down the chain).
    this.sourceOf = askedThrough(this.context.sources, answers);
    const places = personZones(normalised, this.questions); // where the person is: null while unknown
    const last = this.whereToGo(outcomes, places);
    const urgence = this.urgence ? outcome(this.urgence, normalised) : null;
    const asking = urgence ? [...outcomes, urgence] : outcomes;
    this.current = this.editing ?? nextQuestion(asking, answers, this.askable, { first: this.first, sourceOf: this.sourceOf, last });
    const drawn = performance.now();
    // The commune field keeps the name of the commune it holds: a new one from the URL drops the old name.
    const { communeId, communeField } = this.context;
    if (communeField && communeId !== this.current) writeField(communeField, answers[communeId]);
    this.renderQuestion(answers);
    this.renderAnswers(answers);
    this.results.show({ outcomes, answers, normalised, places, names: this.context.names(normalised), sourceOf: this.sourceOf });
    performance.measure?.("questionnaire:affichage", { start: drawn, end: performance.now() });
    this.nameFromUrl(answers, normalised);
    this.announce(outcomes, answers);
    this.showEmergency(urgence);

    if (focus) {
      const target = this.current ? firstField(this.fieldsets.get(this.current)) : this.root.querySelector("[data-fin]");
      target.focus();
    }
  }

  /** The emergency numbers, once the answers call for them; the status line says they are there. */
  showEmergency(urgence) {
    if (!this.urgenceBox) return;
    this.urgenceBox.hidden = urgence?.statut !== "eligible";
    if (this.urgenceBox.hidden) return;
    const message = this.root.querySelector("[data-annonce]");
    message.textContent += " Les numéros d'urgence sont affichés en tête de vos résultats.";
  }

  /** The commune question, while the place is unknown and an aid still in play has contacts for part of the country only. */
  whereToGo(outcomes, places) {
    if (!this.contactsPlace || places !== null) return null;
    return outcomes.some((result, index) => result.statut !== "non_eligible" && this.local[index]) ? this.contactsPlace : null;
  }

  renderQuestion(answers) {
    const { current, editing } = this;
    for (const [id, fieldset] of this.fieldsets) fieldset.hidden = id !== current;
    this.form.hidden = current === null;
    this.root.querySelector("[data-fin]").hidden = current !== null;
    this.root.querySelector("[data-annuler]").hidden = !editing;
    const answered = this.askable.filter((id) => has(answers, id)).length;
    this.root.querySelector("[data-etape-titre]").textContent = editing ? "Modifier votre réponse" : `Question ${answered + 1}`;
    // Fill the fieldset only when another question is shown: a re-render must not wipe what is being typed.
    const key = `${current}|${editing}|${this.fragment}`;
    if (current && key !== this.prefilled) writeField(this.fieldsets.get(current), editing ? answers[current] : undefined);
    this.prefilled = key;
  }

  renderAnswers(answers) {
    const given = this.askable.filter((id) => has(answers, id));
    const items = given.flatMap((id) => answerItem(id, this.fieldsets.get(id), answers[id], this.fixed.has(id)));
    this.root.querySelector("[data-reponses]").replaceChildren(...items);
    const any = items.length > 0;
    this.root.querySelector("[data-aucune-reponse]").hidden = any;
    for (const tools of this.root.querySelectorAll("[data-outils]")) tools.hidden = !any;
  }

  /** A commune given by a link (#commune=83137) is named once its lookup file is read (lib/commune-field.js). */
  nameFromUrl(answers, normalised) {
    const fieldset = this.context.communeField;
    const code = answers[this.context.communeId];
    if (!fieldset || !code || code === NSP || fieldset.dataset.nom) return;
    nameCommune(fieldset, code)
      .then((found) => {
        if (!found || answers !== this.answers) return;
        this.renderAnswers(answers);
        this.results.rename(this.context.names(normalised));
      })
      .catch(() => {}); // the code stays shown as « commune 83137 »
  }

  /** The answers and results as shown, on paper (lib/recap.js, loaded when asked for): nothing leaves the page. */
  async printSummary() {
    const { buildRecap, copyForRecap, printRecap } = await import("../lib/recap.js");
    const answers = [...this.root.querySelectorAll("[data-reponses] dt")].map((term) => [
      term.textContent,
      term.nextElementSibling.querySelector(".reponse").textContent,
    ]);
    const urgent = this.urgenceBox && !this.urgenceBox.hidden ? [copyForRecap(this.urgenceBox)] : [];
    const results = [...urgent, ...this.results.forPaper(copyForRecap)];
    printRecap(await buildRecap(this.root, { title: `Mon récapitulatif${NBSP}: aides au logement`, answers, results, url: location.href }));
  }

  announce(outcomes, answers) {
    const message = this.root.querySelector("[data-annonce]");
    if (Object.keys(answers).length === 0) {
      message.textContent = "";
      return;
    }
    const counts = Object.fromEntries(RESULT_GROUPS.map((status) => [status, 0]));
    for (const result of outcomes) counts[result.statut] += 1;
    const end = this.current === null ? " Toutes les questions utiles ont une réponse." : "";
    message.textContent = `${resultsSummary(counts)}${end}`;
  }
}

async function start(root) {
  const page = JSON.parse(root.querySelector("[data-questionnaire-donnees]").textContent);
  const rules = async () => {
    const response = await fetch(root.dataset.fichier);
    if (!response.ok) throw new Error(`${root.dataset.fichier}${NBSP}: ${response.status}`);
    return decodeQuestionnaire(await response.json());
  };
  const [aides, placesFile] = await Promise.all([rules(), placesFileOf(root, page.lieux)]);
  fillPlaceLists(root.querySelector("[data-etape]"), placesFile); // before any answer is written into the form
  new Questionnaire(root, page, aides, placesFile).start();
}

const root = document.querySelector("[data-questionnaire]");
if (root) {
  start(root).catch((error) => {
    // The explanation for readers without JavaScript stays; say what went wrong above it.
    const text = "Le questionnaire n'a pas pu se charger. Rechargez la page, ou consultez les conditions de chaque aide.";
    document.querySelector("[data-questionnaire-sans-js]").prepend(failureNotice(text));
    console.error(error);
  });
}
