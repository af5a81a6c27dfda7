"""JSON Schemas of the data files, generated from the models.

They are committed under ``schemas/`` so that editors get completion and
checks in their editor (``# yaml-language-server: $schema=...``); a test
fails when they drift from the models: run ``python -m aides schemas``.
The schema of an aid's ``conditions`` is made from the data instead (the
questions and barèmes: ``conditions_schema.py``); the aid's schema refers to it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from aides.data.loading import data_dir, load_parameters, load_questions
from aides.model.emergency import Urgences
from aides.model.models import Aide, Archive, Contact, Convention, Partenaire, Site
from aides.model.parameters import Bareme, ParametreFichier, Serie
from aides.model.shared_lists import Question, Questions, Referentiels, Sources
from aides.publishing.conditions_schema import conditions_schema
from aides.publishing.territory_export import TerritoiresExport

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "aide": Aide,
    "partenaire": Partenaire,
    "convention": Convention,
    "contact": Contact,
    "questions": Questions,
    "referentiels": Referentiels,
    "sources": Sources,
    "site": Site,
    "archive": Archive,
    "urgences": Urgences,
    "territoires": TerritoiresExport,  # not a data file: the open data export donnees/territoires.json
}
# Schemas of the generated reference files (referentiel/parametres/), for editors' tools and checks: not
# published under /donnees/ (the parameters are not open data of this site).
REFERENCE_SCHEMA_MODELS: dict[str, type[BaseModel]] = {"parametre": ParametreFichier}
SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schemas"
CONDITIONS = "conditions"  # conditions.schema.json, published beside the others
# The properties that a schema made from the data describes: the model types them as a plain mapping.
LINKED = {"aide": {"conditions": f"{CONDITIONS}.schema.json"}}
DRAFT = "https://json-schema.org/draft/2020-12/schema"


@functools.cache
def schema_texts(models: tuple[tuple[str, type[BaseModel]], ...] = tuple(SCHEMA_MODELS.items())) -> dict[str, str]:
    """File name → JSON text of each schema (published ones by default), stable byte for byte (a function of
    the code only: made once per process, not at each build of `make serve`)."""
    texts = {}
    for name, model in models:
        schema = model.model_json_schema()
        for key, target in LINKED.get(name, {}).items():  # a relative $ref: schemas/ and /donnees/schemas/ alike
            schema["properties"][key] = {"$ref": target, "description": schema["properties"][key].get("description", "")}
        texts[f"{name}.schema.json"] = _text(schema)
    return texts


def conditions_schema_text(questions: Iterable[Question], parameters: Mapping[str, Serie | Bareme]) -> dict[str, str]:
    """File name → JSON text of the schema of ``conditions``, for these questions and barèmes."""
    return {f"{CONDITIONS}.schema.json": _text(conditions_schema(questions, parameters))}


def all_schema_texts() -> dict[str, str]:
    """Every schema of schemas/: the published ones (``conditions`` from the data directory's questions)
    and those of the reference files."""
    conditions = conditions_schema_text(load_questions(data_dir()), load_parameters())
    return schema_texts() | conditions | schema_texts(tuple(REFERENCE_SCHEMA_MODELS.items()))


def _text(schema: dict[str, Any]) -> str:
    """Stable byte for byte: sorted keys, French as is."""
    return json.dumps({**schema, "$schema": DRAFT}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(directory: Path = SCHEMA_DIR) -> None:
    directory.mkdir(exist_ok=True)
    for name, text in all_schema_texts().items():
        (directory / name).write_text(text, encoding="utf-8")
