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
STATUSES = {
    "en_cours": "En cours",
    "a_confirmer": "À confirmer",
    "mesure_ancienne": "Ancienne mesure non confirmée",
    "suspendu": "Suspendu",
    "budget_epuise": "Budget épuisé",
    "termine": "Terminé",
}
# What each status means, at the top of an aid's page (en_cours says nothing; mesure_ancienne has the
# notice of trust/freshness.py, which names its year and whom to ask).
STATUS_NOTICES = {
    "a_confirmer": "Mesure temporaire dont la fin n'est pas connue : elle a peut-être pris fin.",
    "suspendu": "Cette aide est suspendue : aucune demande n'est acceptée pour le moment.",
    "budget_epuise": "Le budget de cette aide est épuisé : aucune nouvelle demande n'est acceptée.",
    "termine": "Cette aide n'est plus disponible. Cette page restera accessible pour archivage.",
}
INFORMATION = {"a_confirmer": "Information à confirmer", "confirmee": "Information récente ou confirmée"}
CONFIRMATION_MEANS = {
    "courriel": "par courriel",
    "telephone": "par téléphone",
    "courrier": "par courrier",
    "rendez_vous": "lors d'un rendez-vous",
    "publication_officielle": "par une publication officielle",
}
