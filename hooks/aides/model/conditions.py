"""Eligibility conditions: compile the YAML form into a tree, and evaluate it.

The compiled tree is plain JSON. Every node carries its French sentence, so the
same tree renders the "Conditions" section of an aid page and drives the
browser checker (``overrides/assets/js/lib/model/conditions.js``); ``evaluate`` below is
its Python twin, with the same three-valued semantics: each criterion is met
(True), not met (False) or unknown (None: not answered, or "je ne sais pas").

YAML form::

    conditions:
      toutes:
        - age: { moins_de: 30 }
        - statut: { parmi: [salarie, demandeur_emploi] }
        - decision_dalo: oui
        - une_de: [...]
        - a_verifier: Être orienté par le service social d'Amallia
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from aides.model import cog, french_names, income_rules
from aides.model.formatting import join_or, number, typography
from aides.model.question_types import QUESTION_TYPES, YES_NO, derive
from aides.model.shared_lists import Question

Node = dict[str, Any]
Answers = dict[str, Any]
Loc = tuple[str | int, ...]

GROUPS = {"toutes": "Remplir toutes ces conditions\u00a0:", "une_de": "Remplir au moins une de ces conditions\u00a0:"}
UNKNOWN = "nsp"  # the "je ne sais pas" answer


class ConditionError(Exception):
    def __init__(self, loc: Loc, message: str, key: bool = False) -> None:
        super().__init__(message)
        self.loc = loc
        self.message = message
        self.key = key  # the error is the key at ``loc`` (a misspelt word), not its value


@dataclass
class Compiler:
    """Compiles conditions against the declared questions; collects every error."""

    questions: dict[str, Question]
    territoires: cog.Referentiel
    places: dict[str, dict[str, str]] = field(default_factory=dict)
    lookup: income_rules.Lookup | None = None  # the dated values (Catalogue.parameter), for amounts
    today: dt.date | None = None  # the build's « today »: the values in force that day
    errors: list[ConditionError] = field(default_factory=list)

    def compile(self, raw: Any, loc: Loc = ("conditions",)) -> Node | None:
        try:
            return self._node(raw, loc)
        except ConditionError as error:
            self.errors.append(error)
            return None

    def _node(self, raw: Any, loc: Loc) -> Node:
        if not isinstance(raw, dict) or len(raw) != 1:
            raise ConditionError(loc, "une condition s'écrit avec une seule clé : toutes, une_de, a_verifier ou une question")
        ((key, value),) = raw.items()
        loc = (*loc, key)
        if key in GROUPS:
            if not isinstance(value, list) or not value:
                raise ConditionError(loc, f"« {key} » attend une liste de conditions")
            children = [self.compile(item, (*loc, index)) for index, item in enumerate(value)]
            return {"type": key, "texte": GROUPS[key], "enfants": [child for child in children if child]}
        if key == "a_verifier":
            if not isinstance(value, str) or not value.strip():
                raise ConditionError(loc, "« a_verifier » attend la phrase de ce qui reste à vérifier")
            return {"type": "a_verifier", "texte": typography(value)}
        question = self.questions.get(key)
        if question is None:
            choices = ", ".join(["toutes", "une_de", "a_verifier", *sorted(self.questions)])
            raise ConditionError(loc, f"« {key} » n'est ni une question de data/questions.yml ni un mot-clé (choix : {choices})")
        return self._criterion(question, value, loc)

    def _criterion(self, question: Question, value: Any, loc: Loc) -> Node:
        kind = question.kind
        if kind.shorthand == "operateur":
            if value not in question.operators:
                raise ConditionError(
                    loc, f"la question « {question.id} » attend {' ou '.join(question.operators)} (entre guillemets si besoin)"
                )
            operator, operand = value, None
        elif isinstance(value, dict) and len(value) == 1:
            ((operator, operand),) = value.items()
            loc = (*loc, operator)
        elif kind.shorthand == "parmi" and isinstance(value, str):
            operator, operand = "parmi", [value]
        else:
            raise ConditionError(
                loc, f"écrivez la condition sous la forme {{ opérateur: valeur }} (opérateurs : {', '.join(question.operators)})"
            )
        if operator not in question.operators:
            raise ConditionError(
                loc,
                f"« {operator} » ne s'applique pas à la question « {question.id} » (opérateurs : {', '.join(question.operators)})",
            )
        if kind.amount:
            operand, words = self._amount(operand, loc)
        else:
            operand = self._operand(question, operator, operand, loc)
            words = self._describe(question, operand)
        texte = question.phrases[operator].replace("{valeur}", words)
        if "{lieu}" in texte:
            texte = texte.replace("{lieu}", self._located(question, operand) or words)
        texte = typography(income_rules.contracted(texte) if kind.amount else texte)
        texte = income_rules.dated(texte, self.today) if self.today else texte
        node = {"type": "critere", "question": question.id, "operateur": operator, "valeur": operand, "texte": texte}
        if kind.amount:
            node["montant"] = True  # evaluated with income_rules' honest uncertainty
        inputs = income_rules.inputs_of(question.id, operand)
        if inputs:  # a barème's ceiling depends on the household and its place, a quotient on its parts: ask them
            node["menage"] = [qid for qid in inputs if qid in self.questions]
        return node

    def _amount(self, operand: Any, loc: Loc) -> tuple[Any, str]:
        if self.lookup is None or self.today is None:
            raise ConditionError(loc, "les montants se comparent aux valeurs datées de referentiel/parametres/, absentes ici")
        try:
            return income_rules.compile_operand(operand, self.lookup, self.today)
        except income_rules.OperandError as error:
            raise ConditionError((*loc, *error.loc), str(error), key=error.key) from None

    def _operand(self, question: Question, operator: str, operand: Any, loc: Loc) -> Any:
        kind = question.kind
        if kind.answer == "nombre":
            if not is_step_of(operand, question.pas or 1):
                raise ConditionError(loc, _number_error(operator, operand, question.pas))
            return operand
        if kind.shorthand == "operateur":
            return None
        if isinstance(operand, str):
            operand = [operand]
        if not isinstance(operand, list) or not operand:
            raise ConditionError(loc, "« parmi » attend une liste de valeurs")
        allowed = self._allowed(question)
        for index, item in enumerate(operand):
            if not isinstance(item, str) or item not in allowed:
                hint = "codes INSEE entre guillemets" if kind.territorial else ", ".join(allowed)
                raise ConditionError((*loc, index), f"« {item} » n'est pas une réponse possible à « {question.id} » ({hint})")
        return operand

    def check_answer(self, question_id: str, value: Any) -> str | None:
        """Why ``value`` cannot answer the question (for the examples editors write), or None."""
        question = self.questions.get(question_id)
        if question is None:
            return f"« {question_id} » n'est pas une question de data/questions.yml"
        if value == UNKNOWN:
            return None
        kind = question.kind
        if kind.answer == "nombre":
            is_number = isinstance(value, int | float) and not isinstance(value, bool)
            return None if is_number else f"la réponse à « {question_id} » doit être un nombre"
        if kind.shorthand == "operateur":
            return None if value in kind.operators else f"la réponse à « {question_id} » doit être {' ou '.join(kind.operators)}"
        if kind.answer == "liste" and not isinstance(value, list):
            return f"la réponse à « {question_id} » doit être une liste de choix"
        allowed = self._allowed(question)
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, str) or item not in allowed:
                return f"« {item} » n'est pas une réponse possible à « {question_id} »"
        return None

    def _allowed(self, question: Question) -> dict[str, str]:
        source = question.kind.choices
        if source == "regions":
            return {region.code: region.nom for region in self.territoires.regions.values()}
        if source == "departements":
            return {dep.code: dep.nom for dep in self.territoires.departements.values()}
        if source == "communes":
            return self._commune_names
        if source == "epci":
            return {siren: epci.nom for siren, epci in self.territoires.epci.items()}
        if source == "oui_non":
            return dict(YES_NO)
        return {choice.id: choice.libelle for choice in question.choix}

    @property
    def _commune_names(self) -> dict[str, str]:
        names = self.__dict__.get("_communes")
        if names is None:
            names = self.__dict__["_communes"] = {code: c.nom for code, c in self.territoires.communes.items()}
        return names

    def _located(self, question: Question, operand: Any) -> str:
        """Places with their preposition (french_names.py), for a phrase's ``{lieu}``: « à La Réunion ou
        en Corse », « dans le Var », « au Havre »; "" for what is not a place."""
        source, ref = question.kind.choices, self.territoires
        if source == "communes":
            return join_or([french_names.commune(ref.communes[code].nom).lieu for code in operand])
        if source in ("regions", "departements"):
            table = ref.regions if source == "regions" else ref.departements
            return join_or([french_names.territory(source, code, table[code].nom, table[code].tncc).lieu for code in operand])
        return ""

    def _describe(self, question: Question, operand: Any) -> str:
        if operand is None:
            return ""
        if isinstance(operand, int | float):
            return str(operand) if isinstance(operand, int) else number(operand)  # 2,5 parts
        allowed = self._allowed(question)
        if question.kind.lower_labels:
            return join_or([_lower_first(allowed[item]) for item in operand])
        return join_or([allowed[item] for item in operand])


def is_step_of(value: Any, step: float) -> bool:
    """A number (never a yes/no) that is a whole number of ``step``: 2.5 for half fiscal parts, 30 for an age."""
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return is_number and float(value / step).is_integer()


def _number_error(operator: str, operand: Any, step: float | None) -> str:
    wanted = f"un multiple de {number(step)}" if step else "un nombre entier"
    if isinstance(operand, str):
        figure = operand.strip().replace(",", ".")
        if figure.replace(".", "", 1).isdigit():  # "30": YAML reads a text between quotes
            return f"« {operator} » attend {wanted} sans guillemets : {{ {operator}: {figure} }}"
        return f"« {operator} » attend {wanted}, pas le texte « {operand} »"
    if isinstance(operand, int | float) and not isinstance(operand, bool):
        return f"« {operator} » attend {wanted}, pas {operand}"
    return f"« {operator} » attend {wanted}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


# --- evaluation (Python twin of lib/model/conditions.js) ------------------------------


def normalise(answers: Answers, questions: dict[str, Question], places: dict[str, dict[str, str]]) -> Answers:
    """Fill derived answers (département from the commune, région from the département, EPCI from the
    commune: ``question_types.derive``), repeated until nothing changes; drop "je ne sais pas"."""
    result = {key: value for key, value in answers.items() if value not in (None, "", UNKNOWN, [])}
    changed = True
    while changed:
        changed = False
        for question in questions.values():
            if not question.deduite_de or question.id in result:  # a direct answer wins
                continue
            derivation = QUESTION_TYPES[getattr(question.type, "value", question.type)].derivation
            value = derive(derivation, result.get(question.deduite_de), places) if derivation else None
            if value is not None:
                result[question.id] = value
                changed = True
    return income_rules.derive_household(result)


# The keys of a territory (models.Territoire.spec) a person's place is compared with.
INCLUDED = ("regions", "departements", "epci", "communes")
EXCLUDED = ("sauf_epci", "sauf_communes")


def _place(node: Node, answers: Answers, key: str) -> bool | None:
    """Whether the person's place is among the territory's codes for ``key`` (None: unknown)."""
    question = node["lieux"].get(key.removeprefix("sauf_"))
    answer = answers.get(question) if question else None
    if answer is not None:
        return answer in node["zones"][key]
    # Only a département given: an EPCI or a commune elsewhere cannot be the person's.
    departement = answers.get(node["lieux"].get("departements", ""))
    if departement is not None and key in node["departements_de"] and departement not in node["departements_de"][key]:
        return False
    return None


def _any(values: list[bool | None]) -> bool | None:
    return True if True in values else (None if None in values else False)


def in_territory(node: Node, answers: Answers) -> bool | None:
    """A ``territoire`` node: inside one of its places and in none of its exclusions."""
    keys = [key for key in INCLUDED if key in node["zones"]]
    inside = _any([_place(node, answers, key) for key in keys]) if keys else True
    excluded = _any([_place(node, answers, key) for key in EXCLUDED if key in node["zones"]])
    if inside is False or excluded is True:
        return False
    return True if inside and excluded is False else None


def evaluate(node: Node, answers: Answers) -> bool | None:
    """Three-valued evaluation: True met, False not met, None unknown."""
    kind = node["type"]
    if kind == "a_verifier":
        return None
    if kind == "territoire":
        return in_territory(node, answers)
    if kind in GROUPS:
        values = [evaluate(child, answers) for child in node["enfants"]]
        decisive, other = (False, True) if kind == "toutes" else (True, False)
        if decisive in values:
            return decisive
        return None if None in values else other
    if node.get("montant"):
        return income_rules.evaluate_amount(node, answers)
    answer = answers.get(node["question"])
    if answer is None:
        return None
    operator, operand = node["operateur"], node["valeur"]
    if operator == "moins_de":
        return answer < operand
    if operator == "au_moins":
        return answer >= operand
    if operator in ("oui", "non"):
        return answer == operator
    if isinstance(answer, list):
        return any(item in operand for item in answer)
    return answer in operand


def outcome(node: Node, answers: Answers) -> dict[str, Any]:
    """Result of one aid, ``eligible``, ``a_verifier`` or ``non_eligible``, with its reasons.

    Reasons are the criteria that decide the result: the unmet ones when not
    eligible, the unknown ones when still to check; ``questions_manquantes`` are
    the unanswered questions among the latter.
    """
    value = evaluate(node, answers)
    status = {True: "eligible", None: "a_verifier", False: "non_eligible"}[value]
    deciding = [] if value is True else _deciding(node, answers, value)
    # Only an unknown result has questions to answer (an unmet place may have its commune unanswered).
    missing = sorted({leaf["question"] for leaf in deciding if "question" in leaf and leaf["question"] not in answers})
    missing = missing if value is None else []
    return {"statut": status, "raisons": [leaf["texte"] for leaf in deciding], "questions_manquantes": missing}


def _deciding(node: Node, answers: Answers, value: bool | None) -> list[Node]:
    """The leaves that make ``node`` evaluate to ``value`` (False or None)."""
    if node["type"] not in GROUPS:
        return [node]
    return [leaf for child in node["enfants"] if evaluate(child, answers) is value for leaf in _deciding(child, answers, value)]


def leaves(node: Node) -> list[Node]:
    """The criteria of a tree (every node but its groups), in order."""
    if node["type"] in GROUPS:
        return [leaf for child in node["enfants"] for leaf in leaves(child)]
    return [node]


def questions_of(node: Node) -> list[str]:
    """The questions a tree depends on, in order of first use."""
    seen: dict[str, None] = {}
    for leaf in leaves(node):
        for question in [leaf["question"], *leaf.get("menage", ())] if "question" in leaf else ():
            seen.setdefault(question)
    return list(seen)
