"""The field reference of /contribuer/, generated from the models so it never drifts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from aides.model.emergency import NumeroUrgence, Urgences
from aides.model.formatting import typography
from aides.model.models import (
    Acces,
    Aide,
    Chiffre,
    Contact,
    Convention,
    FormulaireAcces,
    Montant,
    Partenaire,
    SiteAcces,
    SourceRef,
    Tableau,
    TelephoneAcces,
    Territoire,
    Valeur,
    Validite,
)
from aides.model.shared_lists import Question

# (title, where it is written, what it is, model)
DOCUMENTED: list[tuple[str, str, str, type[BaseModel]]] = [
    ("Aide", "data/aides/<id>.yml", "Une aide ou un dispositif.", Aide),
    ("Partenaire", "data/partenaires/<id>.yml", "Un organisme.", Partenaire),
    ("Convention", "data/conventions/<id>.yml", "Une convention, un protocole ou un avenant.", Convention),
    ("Contact", "data/contacts/<id>.yml", "Un point de contact de service, jamais la ligne personnelle d'un agent.", Contact),
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
    ("Question", "data/questions.yml, liste questions", "Une question des questionnaires d'éligibilité.", Question),
    (
        "Numéros d'urgence",
        "data/urgences.yml",
        "Les numéros nationaux de l'encadré « En cas d'urgence », et quand il paraît.",
        Urgences,
    ),
    ("Numéro d'urgence", "élément de numeros", "Un numéro, avec les pages officielles qui le décrivent.", NumeroUrgence),
    ("Territoire", "bloc territoire", "Où s'applique la fiche ; sans région ni département : toute la France.", Territoire),
    ("Validité", "bloc validite", "Période d'ouverture ; après la fin, l'aide est marquée terminée.", Validite),
    ("Montant", "bloc montant", "Montants simples (valeurs) ou par zone et produit (tableaux).", Montant),
    ("Valeur", "élément de montant.valeurs", "Un montant en euros ou un pourcentage.", Valeur),
    ("Tableau", "élément de montant.tableaux", "Un tableau de montants par zone (colonnes) et produit (lignes).", Tableau),
    ("Chiffre", "élément de chiffres", "Un chiffre cité par une source.", Chiffre),
    ("Source", "élément de sources", "L'article d'où vient l'information.", SourceRef),
]


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
    fichier: str
    description: str
    champs: list[FieldDoc]


def field_reference() -> list[ModelDoc]:
    models = []
    for title, where, description, model in DOCUMENTED:
        schema = model.model_json_schema()
        required = set(schema.get("required", []))
        fields = [
            FieldDoc(name, name in required, _type_name(prop), typography(prop.get("description", "")))
            for name, prop in schema["properties"].items()
        ]
        models.append(ModelDoc(title, where, typography(description), fields))
    return models
