// "Imprimer mon récapitulatif" (/eligibilite/ and each aid's checker): a summary for paper,
// built in the page from the checker's current state, never sent anywhere. Its markup is the
// <template data-modele-recapitulatif> of the page (macros.recapitulatif); it carries the
// answers, the results with their reasons, the contacts, the day, and a QR code of the
// current address, whose fragment holds the answers: scanning it reopens exactly this result.
// The QR library (50 KB) is loaded when a summary is asked for, not with the page.

import { frenchDate, isoDate } from "./model/formatting.js";
import { cloneTemplate } from "./dom.js";

const NBSP = "\u00a0";
const field = (node, name) => node.querySelector(`[data-champ="${name}"]`);

/** The summary, filled: `answers` as [question, answer] pairs, `results` as nodes (copies of what the page shows). */
export async function buildRecap(root, { title, answers, results, url, today = new Date() }) {
  const { qrSvg } = await import("./qr.js");
  const recap = cloneTemplate(root, "recapitulatif");
  field(recap, "titre").textContent = title;
  // The <time> is made here: an empty one in the template is not valid HTML (RGAA 8.2).
  const time = document.createElement("time");
  time.dateTime = isoDate(today);
  time.textContent = frenchDate(today);
  field(recap, "date").replaceChildren(time);
  field(recap, "reponses").replaceChildren(
    ...answers.flatMap(([question, answer]) => {
      const term = document.createElement("dt");
      term.textContent = question;
      const detail = document.createElement("dd");
      detail.textContent = answer;
      return [term, detail];
    }),
  );
  field(recap, "resultats").replaceChildren(...results);
  field(recap, "qr").replaceChildren(qrSvg(url, `Code QR de ce résultat${NBSP}: ${url}`, "30mm"));
  field(recap, "adresse").textContent = url;
  return recap;
}

/** Copies of nodes for the summary: without buttons, ids or the page's live regions. */
export function copyForRecap(node) {
  const copy = node.cloneNode(true);
  for (const element of copy.querySelectorAll("button, [data-plus]")) element.remove();
  for (const element of [copy, ...copy.querySelectorAll("[id], [role]")]) {
    element.removeAttribute?.("id");
    element.removeAttribute?.("role");
  }
  return copy;
}

/** Put the summary at the end of the page (print.css shows only it on paper) and print. */
export function printRecap(recap) {
  document.querySelector(".recapitulatif-boite")?.remove();
  const box = document.createElement("div");
  box.className = "recapitulatif-boite";
  box.append(recap);
  document.body.append(box);
  document.body.classList.add("avec-recapitulatif");
  window.addEventListener("afterprint", () => document.body.classList.remove("avec-recapitulatif"), { once: true });
  window.print();
}
