// Question fieldsets shared by the per-aid checker (pages/checker.js) and the questionnaire
// (pages/questionnaire.js): read and fill a fieldset rendered by
// overrides/partials/checker-questions.html, show an error tied to its field, keep only
// valid answers from a URL fragment, and say an answer in words. A fieldset says its widget
// (data-widget, from the question's type: lib/model/question-types.js); everything here follows
// the widget, never a type name. No evaluation here: lib/model/conditions.js is the only evaluator.

import { euros } from "./model/formatting.js";

export const NSP = "nsp"; // the "je ne sais pas" answer, as in lib/model/conditions.js
const NBSP = "\u00a0";
const COMMUNE = /^(?:[0-9]{5}|2[AB][0-9]{3})$/; // an INSEE code
const quote = (text) => `«${NBSP}${text}${NBSP}»`;

/** The fieldsets of a container, by question id. */
export function fieldsetsOf(container) {
  return new Map([...container.querySelectorAll("fieldset[data-question]")].map((fieldset) => [fieldset.dataset.question, fieldset]));
}

const choiceInputs = (fieldset) => [...fieldset.querySelectorAll("input[type=radio], input[type=checkbox]")];
const valueInput = (fieldset) => fieldset.querySelector("[data-valeur]");
const nspInput = (fieldset) => fieldset.querySelector("[data-nsp]");
const widget = (fieldset) => fieldset.dataset.widget;
const typed = (fieldset) => widget(fieldset) === "nombre" || widget(fieldset) === "montant"; // a text field and « Je ne sais pas »
const AMOUNT = /^\d+(?:[.,]\d{1,2})?$/; // euros, with cents or not, once spaces and « € » are gone

/** An amount as people type it: « 1 500 », « 1500,50 », « 1 500 € » (null: not an amount). */
export function parseAmount(text) {
  const plain = text.replace(/[\s\u00a0\u202f€]/g, "");
  return AMOUNT.test(plain) ? Number(plain.replace(",", ".")) : null;
}

function readAmount(fieldset, required) {
  if (nspInput(fieldset).checked) return { value: NSP };
  const text = valueInput(fieldset).value.trim();
  const hint = `en chiffres, par exemple 1${NBSP}500, ou cochez ${quote("Je ne sais pas")}`;
  if (!text) return required ? { error: `Indiquez un montant en euros, ${hint}.` } : { value: undefined };
  const amount = parseAmount(text);
  return amount === null ? { error: `Indiquez un montant en euros, ${hint}.` } : { value: amount };
}

function bounds(fieldset) {
  const min = fieldset.dataset.min === undefined ? null : Number(fieldset.dataset.min);
  const max = fieldset.dataset.max === undefined ? null : Number(fieldset.dataset.max);
  const step = fieldset.dataset.pas === undefined ? 1 : Number(fieldset.dataset.pas);
  return { min, max, step, unit: fieldset.dataset.unite || "" };
}

/** A whole number, or in halves where the question allows them (« 2,5 » parts). */
const inSteps = (number, step) => Number.isFinite(number) && Number.isInteger(number / step);

/**
 * The answer of a fieldset: { value } (undefined when empty) or { error } (a French sentence).
 * `required`: an empty answer is an error (the questionnaire) rather than "not answered" (the per-aid checker).
 */
export function readField(fieldset, { required = false } = {}) {
  if (widget(fieldset) === "montant") return readAmount(fieldset, required);
  if (widget(fieldset) === "nombre") {
    if (nspInput(fieldset).checked) return { value: NSP };
    const text = valueInput(fieldset).value.trim();
    const { min, max, unit } = bounds(fieldset);
    const range = min !== null && max !== null ? `entre ${min} et ${max}${unit ? NBSP + unit : ""}` : "";
    if (!text) {
      if (!required) return { value: undefined };
      return { error: `Indiquez un nombre${range ? " " + range : ""}, ou cochez ${quote("Je ne sais pas")}.` };
    }
    const { step } = bounds(fieldset);
    const number = /^\d+(?:[.,]\d+)?$/.test(text) ? Number(text.replace(",", ".")) : NaN;
    const kind = step === 1 ? "un nombre entier" : `un nombre, par pas de ${String(step).replace(".", ",")}`;
    if (!inSteps(number, step)) return { error: `Indiquez ${kind}, en chiffres${range ? ", " + range : ""}.` };
    if ((min !== null && number < min) || (max !== null && number > max)) return { error: `Indiquez un nombre ${range}.` };
    return { value: number };
  }
  if (widget(fieldset) === "liste") {
    const value = valueInput(fieldset).value;
    if (value) return { value };
    return required ? { error: `Choisissez une réponse dans la liste, ou ${quote("Je ne sais pas")}.` } : { value: undefined };
  }
  if (widget(fieldset) === "commune") {
    if (nspInput(fieldset).checked) return { value: NSP };
    const value = valueInput(fieldset).value;
    if (value) return { value };
    const hint = `Tapez votre code postal ou le nom de votre commune, puis choisissez-la, ou cochez ${quote("Je ne sais pas")}.`;
    return required ? { error: hint } : { value: undefined };
  }
  const checked = choiceInputs(fieldset).filter((input) => input.checked).map((input) => input.value);
  if (checked.includes(NSP)) return { value: NSP };
  if (checked.length === 0) {
    const verb = widget(fieldset) === "cases" ? "Cochez au moins une réponse" : "Choisissez une réponse";
    return required ? { error: `${verb}, ou ${quote("Je ne sais pas")}.` } : { value: undefined };
  }
  return { value: widget(fieldset) === "cases" ? checked : checked[0] };
}

/** Fill a fieldset with an answer (undefined empties it). */
export function writeField(fieldset, value) {
  if (typed(fieldset)) {
    nspInput(fieldset).checked = value === NSP;
    valueInput(fieldset).value = typeof value === "number" ? String(value) : "";
  } else if (widget(fieldset) === "liste") {
    valueInput(fieldset).value = value === undefined ? "" : value;
  } else if (widget(fieldset) === "commune") {
    nspInput(fieldset).checked = value === NSP;
    const code = value === undefined || value === NSP ? "" : value;
    if (valueInput(fieldset).value !== code) delete fieldset.dataset.nom;
    valueInput(fieldset).value = code;
  } else {
    const wanted = new Set(Array.isArray(value) ? value : value === undefined ? [] : [value]);
    for (const input of choiceInputs(fieldset)) input.checked = wanted.has(input.value);
  }
  setError(fieldset, "");
}

/** Show (or clear, with "") the error of a fieldset, tied to its field by aria-describedby. */
export function setError(fieldset, message) {
  const slot = fieldset.querySelector("[data-erreur]");
  slot.textContent = message;
  const hint = fieldset.querySelector(".question__aide");
  const input = fieldset.querySelector("[data-commune-texte]") || valueInput(fieldset);
  if (input) {
    // A single field (number or list): the error describes the field itself.
    if (message) {
      input.setAttribute("aria-describedby", slot.id);
      input.setAttribute("aria-invalid", "true");
    } else {
      input.removeAttribute("aria-describedby");
      input.removeAttribute("aria-invalid");
    }
  }
  // Radios and checkboxes: the error describes their group, after the hint.
  const ids = [hint?.id, message && !input ? slot.id : null].filter(Boolean).join(" ");
  if (ids) fieldset.setAttribute("aria-describedby", ids);
  else fieldset.removeAttribute("aria-describedby");
}

/** The first field of a fieldset, where focus goes (the checked radio if any, as the browser would). */
export function firstField(fieldset) {
  const input = fieldset.querySelector("[data-commune-texte]") || valueInput(fieldset);
  if (input) return input;
  const inputs = choiceInputs(fieldset);
  return inputs.find((item) => item.checked && item.type === "radio") || inputs[0];
}

/** "Je ne sais pas" excludes the other answers, and the other answers exclude it. */
export function bindExclusive(fieldset) {
  const nsp = nspInput(fieldset);
  if (!nsp || nsp.type === "radio") return; // radios exclude each other already
  fieldset.addEventListener("input", (event) => {
    if (event.target === nsp && nsp.checked) {
      for (const input of choiceInputs(fieldset)) if (input !== nsp) input.checked = false;
      const text = valueInput(fieldset);
      if (text) text.value = "";
    } else if (event.target !== nsp && (event.target.checked || event.target.value)) {
      nsp.checked = false;
    }
  });
}

function allowed(fieldset) {
  if (widget(fieldset) === "liste") return new Set([...valueInput(fieldset).options].map((option) => option.value).filter(Boolean));
  return new Set(choiceInputs(fieldset).map((input) => input.value));
}

/**
 * Answers read from a URL fragment, kept only when the form could have given them:
 * a choice among the listed ones, a whole number within bounds, or "je ne sais pas".
 * A territorial list must have its options by then (lib/places.js fills them first).
 * `extra` validates answers without a fieldset here (e.g. a region given directly).
 */
export function sanitize(answers, fieldsets, extra = {}) {
  const result = {};
  for (const [id, value] of Object.entries(answers)) {
    const fieldset = fieldsets.get(id);
    if (!fieldset) {
      if (extra[id]?.(value)) result[id] = value;
      continue;
    }
    if (value === NSP) {
      result[id] = value;
    } else if (widget(fieldset) === "montant") {
      if (typeof value === "number" && Number.isFinite(value) && value >= 0) result[id] = value;
    } else if (widget(fieldset) === "nombre") {
      const { min, max, step } = bounds(fieldset);
      if (inSteps(value, step) && (min === null || value >= min) && (max === null || value <= max)) result[id] = value;
    } else if (widget(fieldset) === "commune") {
      if (typeof value === "string" && COMMUNE.test(value)) result[id] = value;
    } else if (widget(fieldset) === "cases") {
      const ok = allowed(fieldset);
      const items = (Array.isArray(value) ? value : [value]).filter((item) => ok.has(item) && item !== NSP);
      if (items.length) result[id] = items;
    } else if (typeof value === "string" && allowed(fieldset).has(value)) {
      result[id] = value;
    }
  }
  return result;
}

/** An answer in words, from the labels of the form: "25 ans", "Salarié ou salariée", "Je ne sais pas". */
export function describe(fieldset, value) {
  if (value === NSP) return "Je ne sais pas";
  if (widget(fieldset) === "montant") return euros(value);
  if (widget(fieldset) === "nombre") return `${value}${fieldset.dataset.unite ? NBSP + fieldset.dataset.unite : ""}`;
  if (widget(fieldset) === "commune") return fieldset.dataset.nom || `commune ${value}`;
  if (widget(fieldset) === "liste") {
    const option = [...valueInput(fieldset).options].find((candidate) => candidate.value === value);
    return option ? option.textContent.trim() : value;
  }
  const labels = (Array.isArray(value) ? value : [value]).map((item) => {
    const input = choiceInputs(fieldset).find((candidate) => candidate.value === item);
    return input ? fieldset.querySelector(`label[for="${input.id}"]`).textContent.trim() : item;
  });
  return labels.join(", ");
}
