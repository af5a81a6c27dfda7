"""The JSON Schema of an aid's ``conditions``, generated from the questions and the barèmes.

``conditions`` is compiled by ``model/conditions.py`` against ``data/questions.yml``; its pydantic model is
an untyped mapping. This schema says the same rules to editors' tools, so that VS Code completes question
ids, operators, choices and barèmes and underlines ``age: { moins_de: "30" }`` as it is typed. It follows
the compiler: each question with the operators its phrases cover (``Question.operators``) and the operand
shapes of its type; the groups ``toutes`` and ``une_de`` (recursive) and ``a_verifier``. ``make check``
remains the judge (it knows the communes, and which barème is stale at the build's date).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from aides.model.conditions import GROUPS
from aides.model.field_types import CODE_PATTERN, COMMUNE_PATTERN, SIREN_PATTERN
from aides.model.parameters import Bareme, Serie
from aides.model.shared_lists import Question

Schema = dict[str, Any]

# The shape of a territorial code, by where a question's answers come from (question_types.Choices).
CODE_PATTERNS = {"regions": CODE_PATTERN, "departements": CODE_PATTERN, "communes": COMMUNE_PATTERN, "epci": SIREN_PATTERN}
CONDITION = "#/$defs/condition"


def conditions_schema(questions: Iterable[Question], parameters: Mapping[str, Serie | Bareme]) -> Schema:
    """The schema of a ``conditions`` block (one condition: a group, a question or ``a_verifier``)."""
    asked = list(questions)
    baremes = {key: value.libelle for key, value in sorted(parameters.items()) if isinstance(value, Bareme)}
    keys: Schema = {
        group: {"type": "array", "minItems": 1, "items": {"$ref": CONDITION}, "description": text.rstrip("\u00a0:")}
        for group, text in GROUPS.items()
    }
    keys["a_verifier"] = {
        "type": "string",
        "pattern": r"\S",
        "description": "Ce qui reste à vérifier auprès de l'organisme, en une phrase : jamais décidé par le questionnaire.",
    }
    keys |= {question.id: _question(question) for question in asked}
    definitions: Schema = {
        "condition": {
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "additionalProperties": False,
            "properties": keys,
            "description": "Une seule clé : toutes, une_de, a_verifier ou une question de data/questions.yml.",
        },
        "montant": _amount(baremes),
    }
    definitions |= {
        _choices_name(question): {"enum": [choice.id for choice in question.choix]}
        for question in asked
        if question.kind.has_own_choices
    }
    return {
        "title": "Conditions d'une aide",
        "description": (
            "Le bloc conditions de data/aides/<id>.yml, sur les questions de data/questions.yml "
            "(fait par make schemas à partir de ce fichier et des barèmes de referentiel/parametres/)."
        ),
        "$ref": CONDITION,
        "$defs": definitions,
    }


def _question(question: Question) -> Schema:
    """A condition on one question: ``{ opérateur: valeur }``, or its short form (``oui``, ``salarie``)."""
    operators = {
        operator: {**_operand(question, operator), "description": question.phrases[operator]} for operator in question.operators
    }
    long_form = {
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "additionalProperties": False,
        "properties": operators,
    }
    unit = f" ({question.unite})" if question.unite else ""
    description = f"{question.libelle}{unit} Opérateurs : {', '.join(question.operators)}."
    kind = question.kind
    if kind.shorthand == "operateur":
        return {"enum": list(question.operators), "description": description}
    if kind.shorthand == "parmi":
        return {"anyOf": [{"$ref": f"#/$defs/{_choices_name(question)}"}, long_form], "description": description}
    return {**long_form, "description": description}


def _operand(question: Question, operator: str) -> Schema:
    kind = question.kind
    if kind.amount:
        return {"$ref": "#/$defs/montant"}
    if kind.answer == "nombre":
        step = question.pas
        return {"type": "number", "multipleOf": step} if step and step != int(step) else {"type": "integer"}
    if kind.territorial:
        code = {"type": "string", "pattern": CODE_PATTERNS[kind.choices]}
        return {"anyOf": [code, {"type": "array", "minItems": 1, "items": code}]}
    choice = {"$ref": f"#/$defs/{_choices_name(question)}"}
    return {"anyOf": [choice, {"type": "array", "minItems": 1, "items": choice}]}


def _amount(baremes: dict[str, str]) -> Schema:
    """An amount's three forms (model/income_rules.py): euros, a share of the SMIC, a barème's ceiling."""
    forms = {
        "smic": {"type": "number", "exclusiveMinimum": 0, "description": "Pourcentage du SMIC brut mensuel en vigueur : 120."},
        "bareme": {
            "enum": list(baremes),
            "description": "Barème de referentiel/parametres/ : "
            + " ; ".join(f"{key} : {label}" for key, label in baremes.items()),
        },
    }
    return {
        "anyOf": [
            {"type": "number", "minimum": 0, "description": "Un nombre d'euros, sans guillemets ni espace : 1500."},
            *(
                {"type": "object", "required": [key], "additionalProperties": False, "properties": {key: form}}
                for key, form in forms.items()
            ),
        ]
    }


def _choices_name(question: Question) -> str:
    return f"reponses_{question.id}"
