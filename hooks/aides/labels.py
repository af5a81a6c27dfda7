"""French labels of the values the models allow (natures, approximations; partner categories are in data/referentiels.yml)."""

from __future__ import annotations

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
