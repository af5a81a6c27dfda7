"""The kinds of question a checker can ask, described once for Python.

Each entry says what the rest of the code needs to know about a type, so that no
module branches on type names: the operators conditions may use, where the possible
answers come from, the widget that asks it (a macro of
``overrides/partials/checker-questions.html``), the shape of an answer (how the
fragment ``#age=25&difficulte=a,b`` is read), and how a condition may be shortened.

The browser's twin is ``overrides/assets/js/lib/model/question-types.js``; both are checked
against ``tests/vectors/question-types.json``. Adding a type: one entry here, one
there, one in the vectors, and a widget macro if none of the existing ones fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# Where the possible answers come from: the question's own `choix`, a fixed yes/no,
# or the territorial reference.
Choices = Literal["donnees", "oui_non", "regions", "departements", "communes", "epci"] | None
Widget = Literal["nombre", "montant", "liste", "boutons", "cases", "commune"]
Answer = Literal["nombre", "texte", "liste"]
# How a condition may be written without an operator: `decision_dalo: oui` (the value
# is the operator) or `statut: salarie` (short for `parmi: [salarie]`).
Shorthand = Literal["operateur", "parmi"] | None
# How a derived answer (``deduite_de`` in data/questions.yml) comes from its source: the région of a
# département (table ``region_of``), the département of a commune (the start of its INSEE code), the
# EPCI of a commune (table ``epci_of``, "autre" for a commune of none of the EPCI the data names).
Derivation = Literal["region_of", "departement_de_commune", "epci_of"] | None


@dataclass(frozen=True)
class QuestionKind:
    operators: tuple[str, ...]
    choices: Choices
    widget: Widget
    answer: Answer
    shorthand: Shorthand = None
    lower_labels: bool = False  # « Être salarié » from the label « Salarié » (not for place names)
    derivation: Derivation = None
    amount: bool = False  # compared with euros, a share of the SMIC or a barème (income_rules.py)

    @property
    def has_own_choices(self) -> bool:
        return self.choices == "donnees"

    @property
    def territorial(self) -> bool:
        return self.choices in ("regions", "departements", "communes", "epci")


QUESTION_TYPES: dict[str, QuestionKind] = {
    "choix": QuestionKind(("parmi",), "donnees", "boutons", "texte", "parmi", lower_labels=True),
    "choix_multiple": QuestionKind(("parmi",), "donnees", "cases", "liste", "parmi", lower_labels=True),
    "oui_non": QuestionKind(("oui", "non"), "oui_non", "boutons", "texte", "operateur"),
    "nombre": QuestionKind(("moins_de", "au_moins"), None, "nombre", "nombre"),
    # An amount in euros (a salary, a revenu fiscal de référence): compared with a figure, a share of the SMIC or
    # a barème's ceiling (income_rules.py); its widget offers « Je ne sais pas », never « tapez 0 ».
    "montant": QuestionKind(("au_plus", "moins_de", "au_moins", "plus_de"), None, "montant", "nombre", amount=True),
    "departement": QuestionKind(("parmi",), "departements", "liste", "texte", derivation="departement_de_commune"),
    "region": QuestionKind(("parmi",), "regions", "liste", "texte", derivation="region_of"),
    "commune": QuestionKind(("parmi",), "communes", "commune", "texte"),
    "epci": QuestionKind(("parmi",), "epci", "liste", "texte", derivation="epci_of"),
}
OTHER_EPCI = "autre"  # the derived EPCI of a commune that belongs to none of the EPCI the data names


def commune_departement(code: object) -> str | None:
    """The département of a commune by its INSEE code: "13055" → "13", "2A004" → "2A", "97411" → "974"."""
    if not isinstance(code, str) or not COMMUNE_CODE.match(code):
        return None
    return code[:3] if code.startswith("97") else code[:2]


def derive(derivation: str, source: object, places: dict[str, dict[str, str]]) -> str | None:
    """A derived answer from its source answer (None: it cannot be derived)."""
    if not isinstance(source, str):  # the JS twin reads only strings as keys too
        return None
    if derivation == "departement_de_commune":
        return commune_departement(source)
    if derivation == "epci_of":
        return places.get("epci_of", {}).get(source, OTHER_EPCI) if commune_departement(source) else None
    return places.get(derivation, {}).get(source)


YES_NO = (("oui", "Oui"), ("non", "Non"))
COMMUNE_CODE = re.compile(r"^(?:[0-9]{5}|2[AB][0-9]{3})$")
