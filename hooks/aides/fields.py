"""What a checker's fieldset shows of a question: built once per question, shared by
every aid page that asks it and by ``/eligibilite/``.

The widget and the source of the choices come from the question's type
(``question_types.py``): no branch on type names here or in the templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import urls
from .catalogue import Catalogue
from .formatting import typography
from .question_types import YES_NO


@dataclass(frozen=True, slots=True)
class QuestionField:
    id: str
    type: str
    widget: str  # the macro of partials/checker-questions.html that renders it
    libelle: str
    aide: str
    unite: str
    min: int | None
    max: int | None
    # (id, label) pairs: Jinja unpacks a tuple much faster than it looks up attributes, which
    # counts for the hundred départements of the list on thousands of aid pages.
    options: list[tuple[str, str]]
    recherche: str = ""  # the commune widget: the lookup files, relative to the site root (urls.COMMUNE_LOOKUP)


class Fields:
    def __init__(self, catalogue: Catalogue) -> None:
        self.cat = catalogue
        self._fields: dict[str, QuestionField] = {}

    def field(self, question_id: str) -> QuestionField:
        if question_id not in self._fields:
            question = self.cat.questions[question_id]
            kind = question.kind
            self._fields[question_id] = QuestionField(
                id=question.id,
                type=question.type.value,
                widget=kind.widget,
                libelle=typography(question.libelle),
                aide=typography(question.aide or ""),
                unite=question.unite or "",
                min=question.min,
                max=question.max,
                options=self._options(question_id),
                recherche=urls.COMMUNE_LOOKUP if kind.choices == "communes" else "",
            )
        return self._fields[question_id]

    def _options(self, question_id: str) -> list[tuple[str, str]]:
        question = self.cat.questions[question_id]
        source = question.kind.choices
        if source == "departements":
            return [(dep.code, f"{dep.code} – {dep.nom}") for dep in self.cat.departements]
        if source == "regions":
            return [(region.code, region.nom) for region in self.cat.regions]
        if source == "epci":
            return [(siren, self.cat.territoires.epci[siren].nom) for siren in self.cat.epci_used]
        if source == "oui_non":
            return list(YES_NO)
        return [(choice.id, typography(choice.libelle)) for choice in question.choix]
