"""« En cas d'urgence »: the national emergency numbers of ``data/urgences.yml`` as pages show them
(``overrides/partials/urgences.html``), and which aid pages show them (``EmergencyRules.concerns``).

/contacts/ always shows them; an aid page when the aid concerns the situations the file names; the
questionnaire's results when the person's answers meet its rule (``pages/questionnaire.js``).
"""

from __future__ import annotations

from dataclasses import dataclass

from aides.model.catalogue import Catalogue
from aides.model.formatting import typography
from aides.site.cards import Link

# How each way of reaching a number is linked and said: the words before the number, read by screen
# readers and shown on paper (« Appeler le 3919 »).
MEANS = {"appel": ("tel:", "Appeler le"), "sms": ("sms:", "Envoyer un SMS au")}


@dataclass(frozen=True, slots=True)
class EmergencyNumber:
    numero: str
    lien: str  # tel:3919, sms:114
    action: str  # « Appeler le », « Envoyer un SMS au »
    nom: str
    description: str


@dataclass(frozen=True, slots=True)
class EmergencyView:
    numeros: list[EmergencyNumber]
    sources: list[Link]  # every page cited, once, in the order of the numbers


def emergency_view(catalogue: Catalogue) -> EmergencyView | None:
    """The block's content; None when the data set has no data/urgences.yml."""
    urgences = catalogue.urgences
    if urgences is None:
        return None
    numbers = []
    sources: dict[str, Link] = {}
    for entry in urgences.numeros:
        scheme, action = MEANS[entry.moyen]
        numbers.append(
            EmergencyNumber(entry.numero, scheme + entry.numero, action, typography(entry.nom), typography(entry.description))
        )
        for source in entry.sources:
            sources.setdefault(source.url, Link(typography(source.titre), source.url))
    return EmergencyView(numbers, list(sources.values()))


def concerns(catalogue: Catalogue, aid_id: str) -> bool:
    """Whether an aid's page shows the numbers: it is for one of the file's publics or situations."""
    rules = catalogue.emergency
    return rules is not None and rules.concerns(catalogue.aides[aid_id].publics, catalogue.rules[aid_id])
