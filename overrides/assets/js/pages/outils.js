// /pour-les-partenaires/: the link builder. A partner picks what to share (an aid and a
// section, the filtered list, the questionnaire) and answers to prefill; the page writes the
// link, the embed snippet and the QR code, in the browser. The only file it fetches is the shared
// places file, for the options of the territorial lists, as the checkers do (lib/places.js).
// Filters are read and written as /aides/ does (lib/site/filter-state.js), answers as the checkers
// do (lib/checker-form.js, lib/model/conditions.js), addresses come from the page's patterns (urls.py).

import { toFragment } from "../lib/model/conditions.js";
import { bindExclusive, fieldsetsOf, readField, setError } from "../lib/checker-form.js";
import { formGroups, paramsOf, readForm, writeQuery } from "../lib/site/filter-state.js";
import { siteUrls } from "../lib/dom.js";
import { embedSnippet, partnerLinks } from "../lib/embed.js";
import { qrSvg, qrSvgMarkup } from "../lib/qr.js";
import { fillPlaceLists, loadPlaces } from "../lib/places.js";

const NBSP = "\u00a0";
const TITLES = { aide: "la fiche", catalogue: "la liste des aides", questionnaire: `le questionnaire «${NBSP}Suis-je concerné${NBSP}?${NBSP}»` };

class Builder {
  constructor(form) {
    this.form = form;
    this.data = JSON.parse(form.querySelector("[data-constructeur-donnees]").textContent);
    const patterns = JSON.parse(form.dataset.adresses);
    const urls = siteUrls(form, patterns);
    this.urls = { ...urls, path: (name) => patterns[name] };
    this.filters = form.querySelector("[data-filtres-lien]");
    this.groups = formGroups(this.filters);
    this.fieldsets = fieldsetsOf(form.querySelector("[data-reponses-lien]"));
    this.announcer = form.querySelector("[data-annonce]");
  }

  start() {
    for (const fieldset of this.fieldsets.values()) bindExclusive(fieldset);
    this.form.addEventListener("input", () => this.update());
    this.form.addEventListener("change", () => this.update());
    this.form.addEventListener("submit", (event) => event.preventDefault());
    for (const button of this.form.querySelectorAll("[data-copier]")) button.addEventListener("click", () => this.copy(button.dataset.copier));
    for (const button of this.form.querySelectorAll("[data-telecharger]")) {
      button.addEventListener("click", () => this.download(button.dataset.telecharger));
    }
    document.querySelector("[data-constructeur-sans-js]").hidden = true;
    this.form.hidden = false;
    this.update();
  }

  get target() {
    return this.form.querySelector("input[name=cible]:checked").value;
  }

  /** The prefilled answers of the questions offered, valid ones only (an invalid one is shown as an error and left out). */
  answers() {
    const answers = {};
    for (const [id, fieldset] of this.fieldsets) {
      if (fieldset.closest("[data-question-lien]").hidden) continue; // a question the chosen aid does not ask
      const { value, error } = readField(fieldset);
      setError(fieldset, error || "");
      if (!error && value !== undefined) answers[id] = value;
    }
    return answers;
  }

  choice() {
    const target = this.target;
    const state = readForm(this.filters, this.groups, this.data.vocabulaire);
    const checked = (name) => [...this.form.querySelectorAll(`input[name=${name}]:checked`)].filter((box) => !box.closest("[hidden]"));
    // A list fixes the parameters of the groups checked (« Territoire »: région, département); the others, answers.
    const fixed = target === "catalogue" ? checked("fixe-filtre").flatMap((box) => paramsOf(box.value)) : checked("fixe").map((box) => box.value);
    return {
      cible: target,
      aide: this.form.querySelector("[data-aide]")?.value ?? "", // no aid list in a catalogue without aids
      section: this.form.querySelector("[data-section]")?.value ?? "",
      query: writeQuery(state, this.groups),
      fragment: target === "catalogue" ? "" : toFragment(this.answers(), this.data.questions),
      fixe: fixed,
    };
  }

  update() {
    const target = this.target;
    for (const box of this.form.querySelectorAll("[data-pour]")) box.hidden = !box.dataset.pour.split(" ").includes(target);
    this.offerQuestions(target);
    const choice = this.choice();
    const { lien, integre } = partnerLinks(choice, this.urls);
    this.link = lien;
    this.title = this.frameTitle(choice);
    this.form.querySelector("[data-sortie=lien]").value = lien;
    this.form.querySelector("[data-ouvrir]").href = lien;
    this.form.querySelector("[data-ouvrir-integre]").href = integre;
    this.form.querySelector("[data-sortie=code]").value = embedSnippet(integre, this.title, this.urls.file(this.urls.path("script_hote")));
    this.form.querySelector("[data-qr]").replaceChildren(qrSvg(lien, this.qrTitle()));
  }

  /** For an aid, only the questions its checker asks (its set, ToolsView.jeux); for the questionnaire, all of them. */
  offerQuestions(target) {
    const option = this.form.querySelector("[data-aide]")?.selectedOptions[0];
    const asked = target === "aide" && option ? new Set(this.data.questions_aides[option.dataset.questions]) : null;
    for (const id of this.fieldsets.keys()) {
      this.form.querySelector(`[data-question-lien="${id}"]`).hidden = asked !== null && !asked.has(id);
    }
    if (asked?.size === 0) this.form.querySelector("[data-reponses-lien]").closest("fieldset").hidden = true; // nothing to prefill
  }

  frameTitle(choice) {
    const site = this.form.dataset.site;
    if (choice.cible === "aide") {
      const option = this.form.querySelector("[data-aide]").selectedOptions[0];
      return `${option.textContent.trim()} (${site})`;
    }
    return choice.cible === "catalogue" ? `Les aides au logement (${site})` : `Suis-je concerné${NBSP}? (${site})`;
  }

  qrTitle() {
    return ["Code QR de ", TITLES[this.target], NBSP, ": ", this.link].join("");
  }

  async copy(what) {
    const field = this.form.querySelector(`[data-sortie=${what}]`);
    try {
      await navigator.clipboard.writeText(field.value);
    } catch {
      field.select(); // without the clipboard API (or its permission): the old way
      document.execCommand?.("copy");
    }
    this.say(what === "lien" ? "Lien copié." : `Code d'intégration copié.`);
  }

  async download(format) {
    const markup = qrSvgMarkup(this.link, this.qrTitle());
    const blob = format === "svg" ? new Blob([markup], { type: "image/svg+xml" }) : await pngOf(markup);
    const anchor = document.createElement("a");
    anchor.href = URL.createObjectURL(blob);
    anchor.download = `code-qr.${format}`;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(anchor.href), 1000);
    this.say(`Code QR téléchargé (${format.toUpperCase()}).`);
  }

  say(message) {
    this.announcer.textContent = "";
    setTimeout(() => {
      this.announcer.textContent = message;
    }, 50);
  }
}

/** The SVG drawn on a canvas, 10 pixels per module, as a PNG file. */
function pngOf(markup) {
  const side = Number(/viewBox="0 0 (\d+)/.exec(markup)[1]) * 10;
  const sized = markup.replace(/width="[^"]*" height="[^"]*"/, `width="${side}" height="${side}"`);
  const image = new Image();
  // A data: address, which the site's Content-Security-Policy allows for images (blob: it does not).
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(sized)}`;
  return image.decode().then(() => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = side;
    const context = canvas.getContext("2d");
    context.imageSmoothingEnabled = false;
    context.drawImage(image, 0, 0, side, side);
    return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
  });
}

async function start(form) {
  const builder = new Builder(form);
  try {
    fillPlaceLists(form, await loadPlaces(builder.urls.file(builder.data.lieux)));
  } catch (error) {
    console.error(error); // the territorial lists keep « Je ne sais pas » only; everything else works
  }
  builder.start();
}

const form = document.querySelector("[data-constructeur]");
if (form) start(form);
