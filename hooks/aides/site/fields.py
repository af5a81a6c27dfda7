"""What a checker's fieldset shows of a question: built once per question, shared by
every aid page that asks it and by ``/eligibilite/``.

The widget and the source of the choices come from the question's type
(``question_types.py``): no branch on type names here or in the templates.

The territorial lists (départements, régions, EPCI) are the same on every page: they are
written once per build in the shared places file (``urls.PLACES_FILE``, ``checkers.places_file``),
and a field of such a list carries only its name (``lieux``): the page's script fills the list
from that file (``lib/places.js``) before it shows the form.
"""

from __future__ import annotations

from dataclasses import dataclass

from aides.model.catalogue import Catalogue
from aides.model.formatting import typography
from aides.model.income_rules import dated
from aides.model.question_types import YES_NO
from aides.site import urls

# The choice sources whose options live in the shared places file, not in the pages.
SHARED_CHOICES = ("departements", "regions", "epci")


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
    pas: float | None  # a number answer in steps of this (0.5: half parts); None: whole numbers
    options: list[tuple[str, str]]  # (id, label) pairs; none for a territorial list (see ``lieux``)
    recherche: str = ""  # the commune widget: the lookup files, relative to the site root (urls.COMMUNE_LOOKUP)
    lieux: str = ""  # a territorial list: the name of its options in the shared places file (SHARED_CHOICES)


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
                libelle=typography(dated(question.libelle, self.cat.today)),
                aide=typography(dated(question.aide or "", self.cat.today)),
                unite=question.unite or "",
                min=question.min,
                max=question.max,
                pas=question.pas,
                options=[] if kind.choices in SHARED_CHOICES else self._options(question_id),
                recherche=urls.COMMUNE_LOOKUP if kind.choices == "communes" else "",
                lieux=kind.choices if kind.choices in SHARED_CHOICES else "",
            )
        return self._fields[question_id]

    def shared_choices(self) -> dict[str, list[tuple[str, str]]]:
        """The options of each territorial list, by choice source: what the shared places file carries."""
        return {
            "departements": [(dep.code, f"{dep.code} – {dep.nom}") for dep in self.cat.departements],
            "regions": [(region.code, region.nom) for region in self.cat.regions],
            "epci": [(siren, self.cat.territoires.epci[siren].nom) for siren in self.cat.epci_used],
        }

    def _options(self, question_id: str) -> list[tuple[str, str]]:
        question = self.cat.questions[question_id]
        if question.kind.choices == "oui_non":
            return list(YES_NO)
        return [(choice.id, typography(choice.libelle)) for choice in question.choix]
