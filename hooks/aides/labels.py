"""French labels of the values the models allow (categories, natures, approximations)."""

from __future__ import annotations

CATEGORIES = {
    "groupe_action_logement": "Groupe Action Logement",
    "etat": "État et services de l'État",
    "association": "Association",
    "bailleur_social": "Bailleur social",
    "federation": "Fédération ou union",
    "etablissement_public": "Établissement public",
}
NATURES = {
    "convention_partenariat": "Convention de partenariat",
    "convention_cadre": "Convention cadre",
    "convention_mecenat": "Convention de mécénat",
    "convention_regionale": "Convention régionale de partenariat",
    "convention_quinquennale": "Convention quinquennale",
    "avenant": "Avenant",
    "protocole_accord": "Protocole d'accord",
}
APPROXIMATIONS = {"exact": "", "environ": "environ ", "pres_de": "près de ", "plus_de": "plus de ", "jusqu_a": "jusqu'à "}
PERIODICITIES = {"unique": "", "par_mois": " par mois", "par_an": " par an"}
STATUSES = {"en_cours": "En cours", "termine": "Terminé"}
