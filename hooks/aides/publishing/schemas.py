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
SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schemas"


@functools.cache
def schema_texts() -> dict[str, str]:
    """File name → JSON text of each schema, stable byte for byte (a function of the code only: made once
    per process, not at each build of `make serve`)."""
    texts = {}
    for name, model in SCHEMA_MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        texts[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return texts


def write_schemas(directory: Path = SCHEMA_DIR) -> None:
    directory.mkdir(exist_ok=True)
    for name, text in schema_texts().items():
        (directory / name).write_text(text, encoding="utf-8")
