// The amounts of the person's zone, for an aid whose amounts vary by place (hooks/aides/site/checkers.py
// amount_zones: each zone's row with its territory as a rule node). Both checkers show them: the
// per-aid one (pages/checker.js) and the questionnaire's results (pages/questionnaire.js).
// « Prêts PLUS et PLAI : pour une opération à Toulon (Métropole Toulon-Provence-Méditerranée)
// (Métropoles de Marseille, Toulon et Nice) : Prêt PLUS : 8 000 € ; Prêt PLAI : 11 000 €. »

import { inTerritory } from "./model/conditions.js";
import { atCommune } from "./model/french-names.js";

const NBSP = "\u00a0";

/**
 * The rows that apply to the person (normalised answers), each as a lead and the amounts; none
 * while the place is unknown. `names`: the name of their commune and of its EPCI, when known.
 */
export function amountsFor(zones, normalised, { commune = "", epci = "" } = {}) {
  const found = zones.filter((zone) => inTerritory(zone.lieu, normalised) === true);
  const group = epci ? ` (${epci})` : "";
  return found.map((zone) => {
    const where = commune ? `${atCommune(commune)}${group} (${zone.zone})` : `dans la zone «${NBSP}${zone.zone}${NBSP}»`;
    return { titre: `${zone.tableau}${NBSP}: pour une opération ${where}${NBSP}:`, texte: `${zone.montants.join(" ; ")}.` };
  });
}

/** The same rows as paragraphs, the lead in bold. */
export function amountParagraphs(rows) {
  return rows.map(({ titre, texte }) => {
    const p = document.createElement("p");
    const strong = document.createElement("strong");
    strong.textContent = titre;
    p.append(strong, ` ${texte}`);
    return p;
  });
}
