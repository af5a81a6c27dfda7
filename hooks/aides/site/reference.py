"""The field reference of /contribuer/, generated from the models so it never drifts.

Every model an editor writes, from the files down to the smallest block, has its section (``DOCUMENTED``),
and every field its description: ``editor_models`` walks the files' models to find them all, and the
tests hold both (tests/test_reference.py).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, get_args

from pydantic import BaseModel

from aides.data.loading import ENTITIES, OPTIONAL_FILES, SINGLE_FILES
from aides.model.access import Acces, FormulaireAcces, SiteAcces, TelephoneAcces
from aides.model.dates import Confirmation, DateInformation
from aides.model.emergency import NumeroUrgence, PageSource, Urgences
from aides.model.formatting import typography
from aides.model.models import (
    Aide,
    Archive,
    Chiffre,
    Contact,
    Convention,
    Exclusions,
    Exemple,
    LigneMontant,
    Montant,
    Partenaire,
    Role,
    Signataire,
    Site,
    SourceRef,
    Tableau,
    Territoire,
    Valeur,
    Validite,
    Zone,
)
from aides.model.shared_lists import Entree, Question, Questions, Referentiels, Source, Sources

# Every file an editor writes, by its model: the entities, the single files, the archives.
FILE_MODELS: list[type[BaseModel]] = [*ENTITIES.values(), *SINGLE_FILES.values(), *OPTIONAL_FILES.values(), Archive]
# Files that are one list: their section is that of their items (Question, Article).
LIST_FILES: set[type[BaseModel]] = {Questions, Sources}

# (title, where it is written, what it is, model), in the order of the page: an aid and its blocks, then the others.
DOCUMENTED: list[tuple[str, str, str, type[BaseModel]]] = [
    ("Aide", "data/aides/<id>.yml", "Une aide ou un dispositif.", Aide),
    ("Territoire", "bloc territoire", "Où s'applique la fiche ; sans région ni département : toute la France.", Territoire),
    ("Exclusions", "bloc sauf d'un territoire", "Ce qui est retiré d'un territoire.", Exclusions),
    ("Validité", "bloc validite", "Période d'ouverture ; après la fin, l'aide est marquée terminée.", Validite),
    ("Montant", "bloc montant", "Montants simples (valeurs) ou par zone et produit (tableaux).", Montant),
    ("Valeur", "élément de montant.valeurs", "Un montant en euros ou un pourcentage.", Valeur),
    ("Tableau", "élément de montant.tableaux", "Un tableau de montants par zone (colonnes) et produit (lignes).", Tableau),
    ("Zone", "élément de zones d'un tableau", "Une colonne d'un tableau de montants : une zone et son territoire.", Zone),
    (
        "Ligne de montant",
        "élément de lignes d'un tableau",
        "Une ligne d'un tableau : un produit et son montant par zone.",
        LigneMontant,
    ),
    (
        "Rôle",
        "élément de partenaires (aide) et de parties (convention)",
        "Un partenaire et ce qu'il fait pour cette aide ou dans cette convention.",
        Role,
    ),
    ("Chiffre", "élément de chiffres", "Un chiffre cité par une source.", Chiffre),
    ("Source", "élément de sources", "La référence d'un article de data/sources.yml, avec au besoin sa citation.", SourceRef),
    (
        "Date de l'information",
        "bloc date_information",
        "La date de l'information, quand ce n'est pas celle de sa source la plus récente.",
        DateInformation,
    ),
    ("Confirmation", "bloc confirmation", "La dernière confirmation de l'information par l'organisme lui-même.", Confirmation),
    ("Exemple", "élément de exemples", "Un cas type : des réponses et le résultat que les conditions doivent donner.", Exemple),
    ("Partenaire", "data/partenaires/<id>.yml", "Un organisme.", Partenaire),
    (
        "Accès",
        "bloc acces d'un partenaire",
        "Comment le public joint l'organisme (site, téléphone, formulaire), tel qu'il le publie sur son site : "
        "chaque moyen cite la page où on l'a relevé. Les fiches des aides le proposent là où aucun contact n'existe.",
        Acces,
    ),
    ("Site", "bloc acces.site", "Le site officiel de l'organisme.", SiteAcces),
    ("Téléphone", "bloc acces.telephone", "Une ligne publique de l'organisme, jamais un mobile.", TelephoneAcces),
    ("Formulaire", "bloc acces.formulaire", "Un formulaire en ligne, pour toutes ses aides ou pour certaines.", FormulaireAcces),
    ("Convention", "data/conventions/<id>.yml", "Une convention, un protocole ou un avenant.", Convention),
    ("Signataire", "élément de signataires d'une convention", "Une personne qui a signé une convention.", Signataire),
    ("Contact", "data/contacts/<id>.yml", "Un point de contact de service, jamais la ligne personnelle d'un agent.", Contact),
    ("Question", "data/questions.yml, liste questions", "Une question des questionnaires d'éligibilité.", Question),
    (
        "Choix",
        "élément de choix d'une question, et de publics, types et categories de data/referentiels.yml",
        "Une réponse possible ou une entrée d'une liste.",
        Entree,
    ),
    ("Article", "data/sources.yml, liste sources", "Un article de presse d'où viennent les données.", Source),
    ("Référentiels", "data/referentiels.yml", "Les listes qui décrivent et filtrent les aides et les partenaires.", Referentiels),
    ("Archive", "data/archives/<id>.yml", "Une aide retirée : son ancienne adresse montre cette page.", Archive),
    ("Réglages du site", "data/site.yml", "Les réglages du site entier.", Site),
    (
        "Numéros d'urgence",
        "data/urgences.yml",
        "Les numéros nationaux de l'encadré « En cas d'urgence », et quand il paraît.",
        Urgences,
    ),
    ("Numéro d'urgence", "élément de numeros", "Un numéro, avec les pages officielles qui le décrivent.", NumeroUrgence),
    (
        "Page officielle",
        "élément de sources d'un numéro d'urgence",
        "Une page officielle publique d'où vient un fait.",
        PageSource,
    ),
]


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for argument in get_args(annotation):
        yield from _models_in(argument)


def editor_models() -> list[type[BaseModel]]:
    """Every model an editor writes: the files' models and every block inside them, each once."""
    found: list[type[BaseModel]] = []
    waiting = list(FILE_MODELS)
    while waiting:
        model = waiting.pop(0)
        if model not in found:
            found.append(model)
            waiting += [inner for info in model.model_fields.values() for inner in _models_in(info.annotation)]
    return found


def _type_name(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return "bloc " + schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " ou ".join(_type_name(option) for option in schema["anyOf"] if option.get("type") != "null")
    if "enum" in schema:
        return "un de\u00a0: " + ", ".join(map(str, schema["enum"]))
    if "const" in schema:
        return str(schema["const"])
    kind = schema.get("type", "valeur")
    names = {"string": "texte", "integer": "nombre entier", "number": "nombre", "boolean": "oui/non", "object": "clés"}
    if kind == "array":
        return "liste de " + _type_name(schema.get("items", {}))
    if schema.get("format") == "date":
        return "date AAAA-MM-JJ"
    return names.get(kind, kind)


@dataclass(frozen=True, slots=True)
class FieldDoc:
    nom: str
    obligatoire: bool
    type: str
    description: str


@dataclass(frozen=True, slots=True)
class ModelDoc:
    titre: str
    ancre: str  # « champs-aide », « champs-date-de-l-information »
    fichier: str
    description: str
    champs: list[FieldDoc]


def anchor(title: str) -> str:
    """The section's id: « Validité » → champs-validité (as before), « Date de l'information » → champs-date-de-l-information."""
    return "champs-" + re.sub(r"[\s']+", "-", title.lower())


@functools.cache  # from the models alone: once per process, not at every build of `mkdocs serve`
def field_reference() -> tuple[ModelDoc, ...]:
    models = []
    for title, where, description, model in DOCUMENTED:
        schema = model.model_json_schema()
        required = set(schema.get("required", []))
        fields = [
            FieldDoc(name, name in required, _type_name(prop), typography(prop.get("description", "")))
            for name, prop in schema["properties"].items()
        ]
        models.append(ModelDoc(title, anchor(title), where, typography(description), fields))
    return tuple(models)
