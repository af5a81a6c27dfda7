"""JSON Schemas of the data files, generated from the models.

They are committed under ``schemas/`` so that editors get completion and
checks in their editor (``# yaml-language-server: $schema=...``); a test
fails when they drift from the models: run ``python -m aides schemas``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from pydantic import BaseModel

from aides.model.models import Aide, Archive, Contact, Convention, Partenaire, Site
from aides.model.parameters import ParametreFichier
from aides.model.shared_lists import Questions, Referentiels, Sources
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
    "territoires": TerritoiresExport,  # not a data file: the open data export donnees/territoires.json
}
# Schemas of the generated reference files (referentiel/parametres/), for editors' tools and checks: not
# published under /donnees/ (the parameters are not open data of this site).
REFERENCE_SCHEMA_MODELS: dict[str, type[BaseModel]] = {"parametre": ParametreFichier}
SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schemas"


@functools.cache
def schema_texts(models: tuple[tuple[str, type[BaseModel]], ...] = tuple(SCHEMA_MODELS.items())) -> dict[str, str]:
    """File name → JSON text of each schema (published ones by default), stable byte for byte (a function of
    the code only: made once per process, not at each build of `make serve`)."""
    texts = {}
    for name, model in models:
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        texts[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return texts


def all_schema_texts() -> dict[str, str]:
    """Every schema of schemas/: the published ones and those of the reference files."""
    return schema_texts() | schema_texts(tuple(REFERENCE_SCHEMA_MODELS.items()))


def write_schemas(directory: Path = SCHEMA_DIR) -> None:
    directory.mkdir(exist_ok=True)
    for name, text in all_schema_texts().items():
        (directory / name).write_text(text, encoding="utf-8")
