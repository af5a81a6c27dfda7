"""The kinds of question a checker can ask, described once for Python.

Each entry says what the rest of the code needs to know about a type, so that no
module branches on type names: the operators conditions may use, where the possible
answers come from, the widget that asks it (a macro of
``overrides/partials/checker-questions.html``), the shape of an answer (how the
fragment ``#age=25&difficulte=a,b`` is read), and how a condition may be shortened.

The browser's twin is ``overrides/assets/js/lib/question-types.js``; both are checked
against ``tests/vectors/question-types.json``. Adding a type: one entry here, one
there, one in the vectors, and a widget macro if none of the existing ones fits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# Where the possible answers come from: the question's own `choix`, a fixed yes/no,
# or the territorial reference.
Choices = Literal["donnees", "oui_non", "regions", "departements"] | None
Widget = Literal["nombre", "liste", "boutons", "cases"]
Answer = Literal["nombre", "texte", "liste"]
# How a condition may be written without an operator: `decision_dalo: oui` (the value
# is the operator) or `statut: salarie` (short for `parmi: [salarie]`).
Shorthand = Literal["operateur", "parmi"] | None


@dataclass(frozen=True)
class QuestionKind:
    operators: tuple[str, ...]
    choices: Choices
    widget: Widget
    answer: Answer
    shorthand: Shorthand = None
    lower_labels: bool = False  # « Être salarié » from the label « Salarié » (not for place names)

    @property
    def has_own_choices(self) -> bool:
        return self.choices == "donnees"

    @property
    def territorial(self) -> bool:
        return self.choices in ("regions", "departements")


QUESTION_TYPES: dict[str, QuestionKind] = {
    "choix": QuestionKind(("parmi",), "donnees", "boutons", "texte", "parmi", lower_labels=True),
    "choix_multiple": QuestionKind(("parmi",), "donnees", "cases", "liste", "parmi", lower_labels=True),
    "oui_non": QuestionKind(("oui", "non"), "oui_non", "boutons", "texte", "operateur"),
    "nombre": QuestionKind(("moins_de", "au_moins"), None, "nombre", "nombre"),
    "departement": QuestionKind(("parmi",), "departements", "liste", "texte"),
    "region": QuestionKind(("parmi",), "regions", "liste", "texte"),
}
YES_NO = (("oui", "Oui"), ("non", "Non"))


def kind_of(type_name: str) -> QuestionKind:
    return QUESTION_TYPES[type_name]
