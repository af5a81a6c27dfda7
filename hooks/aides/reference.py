"""The field reference of /contribuer/, generated from the models so it never drifts."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .models import (
    Aide,
    Chiffre,
    Contact,
    Convention,
    Montant,
    Partenaire,
    Question,
    SourceRef,
    Tableau,
    Territoire,
    Valeur,
    Validite,
)

DOCUMENTED: list[tuple[str, str, type[BaseModel]]] = [
    ("Aide", "data/aides/<id>.yml", Aide),
    ("Partenaire", "data/partenaires/<id>.yml", Partenaire),
    ("Convention", "data/conventions/<id>.yml", Convention),
    ("Contact", "data/contacts/<id>.yml", Contact),
    ("Question", "data/questions.yml (liste questions)", Question),
    ("Territoire", "bloc territoire", Territoire),
    ("Validité", "bloc validite", Validite),
    ("Montant", "bloc montant", Montant),
    ("Valeur", "élément de montant.valeurs", Valeur),
    ("Tableau", "élément de montant.tableaux", Tableau),
    ("Chiffre", "élément de chiffres", Chiffre),
    ("Source", "élément de sources", SourceRef),
]


def _type_name(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return "bloc " + schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " ou ".join(_type_name(option) for option in schema["anyOf"] if option.get("type") != "null")
    if "enum" in schema:
        return "un de : " + ", ".join(map(str, schema["enum"]))
    if "const" in schema:
        return str(schema["const"])
    kind = schema.get("type", "valeur")
    names = {"string": "texte", "integer": "nombre entier", "number": "nombre", "boolean": "oui/non", "object": "clés"}
    if kind == "array":
        return "liste de " + _type_name(schema.get("items", {}))
    if schema.get("format") == "date":
        return "date AAAA-MM-JJ"
    return names.get(kind, kind)


def field_reference() -> list[dict[str, Any]]:
    models = []
    for title, where, model in DOCUMENTED:
        schema = model.model_json_schema()
        required = set(schema.get("required", []))
        fields = [
            {
                "nom": name,
                "obligatoire": name in required,
                "type": _type_name(prop),
                "description": prop.get("description", ""),
            }
            for name, prop in schema["properties"].items()
        ]
        models.append({"titre": title, "fichier": where, "description": (model.__doc__ or "").strip(), "champs": fields})
    return models
