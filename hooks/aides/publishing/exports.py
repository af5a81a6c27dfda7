"""Open data exports (Licence Ouverte 2.0): JSON, CSV and the eligibility rules.

Output is deterministic (catalogue order, fixed separators) so that two builds
of the same data are byte-identical.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from aides.model.catalogue import Catalogue
from aides.publishing.schemas import CONDITIONS, SCHEMA_MODELS, conditions_schema_text, schema_texts
from aides.publishing.territory_export import territories_export
from aides.site import urls
from aides.site.cards import Cards
from aides.site.checkers import questionnaire_data
from aides.trust import freshness, rgaa
from aides.trust.review import review_json

CSV_COLUMNS = [
    "id",
    "titre",
    "url",
    "statut",
    "resume",
    "publics",
    "types",
    "territoires",
    "partenaires",
    "debut",
    "fin",
    "date_information",
    "enregistre_le",
    "confirme_le",
    "information_a_confirmer",
]


def _json(value: Any) -> str:
    # Compact on purpose: the C encoder is ten times faster than indent=2 on 10,000 aids.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _territoires(catalogue: Catalogue, territoire: Any) -> dict[str, Any]:
    return {
        "national": territoire.national,
        "regions": territoire.regions,
        "departements": territoire.departements,
        "regions_couvertes": catalogue.regions_of(territoire),
    }


def aide_records(catalogue: Catalogue, base_url: str) -> list[dict[str, Any]]:
    records = []
    for aid_id, aide in catalogue.aides.items():
        data = aide.model_dump(mode="json", exclude={"conditions", "territoire", "partenaires", "statut"})
        info = catalogue.information_date(aide, aide.sources)
        records.append(
            {
                "id": aid_id,
                "titre": aide.titre,
                "url": base_url + urls.aide(aid_id),
                "statut": catalogue.status(aide),
                "publics": aide.publics,
                "types": aide.types,
                "territoires": _territoires(catalogue, aide.territoire),
                "partenaires": [role.partenaire for role in aide.partenaires],
                "roles_partenaires": [role.model_dump() for role in aide.partenaires],
                "conditions": catalogue.rules[aid_id],
                "statut_declare": aide.statut,
                "information": {
                    "date": info.date.isoformat() if info and info.date else None,
                    "annee": info.annee if info else None,
                    "raisonnement": info.raisonnement if info else "",
                    "a_confirmer": bool(freshness.notice(catalogue, aide)),
                    "avis": freshness.notice(catalogue, aide),
                },
                **{key: value for key, value in data.items() if key not in ("titre", "publics", "types")},
            }
        )
    return records


def entity_records(catalogue: Catalogue, kind: str, base_url: str) -> list[dict[str, Any]]:
    pages = {"partenaires": urls.partenaire, "conventions": urls.convention}
    records = []
    for entity_id, entity in getattr(catalogue, kind).items():
        record: dict[str, Any] = {"id": entity_id}
        if kind in pages:
            record["url"] = base_url + pages[kind](entity_id)
        record.update(entity.model_dump(mode="json"))
        records.append(record)
    return records


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP « CSV injection »).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _neutralise(value: Any) -> Any:
    """Prefix a text that a spreadsheet would run as a formula with « ' », so that it is shown as text.

    Line ends become « \\n »: the writer quotes a field with « \\n » (its line terminator) but not one with a
    lone « \\r », which would split the row for every reader.
    """
    if not isinstance(value, str):
        return value
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + text if value.startswith(_FORMULA_STARTS) else text


def aides_csv(records: list[dict[str, Any]]) -> str:
    """The aids as CSV; no cell starts like a formula, so opening the file in a spreadsheet never runs editor text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        row = {
            "id": record["id"],
            "titre": record["titre"],
            "url": record["url"],
            "statut": record["statut"],
            "resume": record["resume"],
            "publics": "|".join(record["publics"]),
            "types": "|".join(record["types"]),
            "territoires": "|".join(record["territoires"]["regions_couvertes"]) or "national",
            "partenaires": "|".join(record["partenaires"]),
            "debut": record["validite"]["debut"] or "",
            "fin": record["validite"]["fin"] or "",
            "date_information": record["information"]["date"] or record["information"]["annee"] or "",
            "enregistre_le": record["enregistre_le"],
            "confirme_le": (record["confirmation"] or {}).get("date", ""),
            "information_a_confirmer": "oui" if record["information"]["a_confirmer"] else "non",
        }
        writer.writerow({column: _neutralise(value) for column, value in row.items()})
    return buffer.getvalue()


def eligibility(catalogue: Catalogue, base_url: str) -> dict[str, Any]:
    """Questions and compiled rules: what the checkers run on, published for reuse."""
    return {
        "questions": [question.model_dump(mode="json", exclude={"phrases"}) for question in catalogue.questions.values()],
        "region_of": catalogue.region_of,
        "aides": [
            {
                "id": aid_id,
                "titre": aide.titre,
                "url": base_url + urls.aide(aid_id),
                "statut": catalogue.status(aide),
                "conditions": catalogue.rules[aid_id],
            }
            for aid_id, aide in catalogue.aides.items()
        ],
    }


RGAA_COLUMNS = ["critere", "thematique", "titre", "resultat_global", "page", "adresse", "resultat", "methode", "tests", "raison"]


def rgaa_json(grid: rgaa.Grid, base_url: str) -> dict[str, Any]:
    """The audit grid (referentiel/rgaa/): each criterion, its result over the sample and on each page, and the rates."""
    rate = grid.taux
    return {
        "referentiel": f"RGAA {grid.version}",
        "source_des_criteres": grid.source,
        "date": grid.date.isoformat(),
        "etat": rate.etat,
        "taux": rate.taux,
        "taux_moyen": rate.taux_moyen,
        "criteres_conformes": rate.conformes,
        "criteres_non_conformes": rate.non_conformes,
        "criteres_non_applicables": rate.non_applicables,
        "pages": [{"id": page.id, "nom": page.nom, "url": base_url + page.adresse.lstrip("/")} for page in grid.pages],
        "criteres": [
            {
                "critere": criterion.numero,
                "thematique": criterion.thematique,
                "nom_thematique": criterion.nom_thematique,
                "titre": criterion.titre,
                "resultat": criterion.resultat,
                "pages": {
                    page: {"resultat": j.resultat, "methode": j.methode, "tests": list(j.tests), "raison": j.raison}
                    for page, j in criterion.pages.items()
                },
            }
            for criterion in grid.criteres
        ],
    }


def rgaa_csv(grid: rgaa.Grid) -> str:
    """The grid as a table, one row per criterion and page; safe to open in a spreadsheet, like aides.csv."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RGAA_COLUMNS, lineterminator="\n")
    writer.writeheader()
    addresses = {page.id: page.adresse for page in grid.pages}
    for criterion in grid.criteres:
        for page, judgment in criterion.pages.items():
            row = {
                "critere": criterion.numero,
                "thematique": criterion.nom_thematique,
                "titre": criterion.titre,
                "resultat_global": criterion.resultat,
                "page": page,
                "adresse": addresses[page],
                "resultat": judgment.resultat,
                "methode": judgment.methode,
                "tests": "|".join(judgment.tests),
                "raison": judgment.raison,
            }
            writer.writerow({column: _neutralise(value) for column, value in row.items()})
    return buffer.getvalue()


# Every file data_files writes under /donnees/ (but the review and the schemas): a test keeps them in step.
OPEN_DATA_NAMES = ("aides.json", "aides.csv", "partenaires.json", "conventions.json", "contacts.json", "eligibilite.json")
OPEN_DATA_NAMES += ("territoires.json", "rgaa.json", "rgaa.csv")


def open_data_paths() -> list[str]:
    """The paths of the open data files (``data_files`` writes them), without computing them."""
    names = [urls.open_data(name) for name in OPEN_DATA_NAMES]
    schemas = [*SCHEMA_MODELS, CONDITIONS]
    return [*names, urls.REVIEW, *(urls.open_data(f"schemas/{name}.schema.json") for name in schemas)]


def data_files(catalogue: Catalogue, base_url: str = "/", cards: Cards | None = None) -> dict[str, str]:
    """Path under the site root → content of every open data file."""
    aides = aide_records(catalogue, base_url)
    files = {
        urls.open_data("aides.json"): _json(aides),
        urls.open_data("aides.csv"): aides_csv(aides),
        urls.open_data("partenaires.json"): _json(entity_records(catalogue, "partenaires", base_url)),
        urls.open_data("conventions.json"): _json(entity_records(catalogue, "conventions", base_url)),
        urls.open_data("contacts.json"): _json(entity_records(catalogue, "contacts", base_url)),
        urls.open_data("eligibilite.json"): _json(eligibility(catalogue, base_url)),
        urls.open_data("territoires.json"): _json(territories_export(catalogue)),
        urls.open_data("rgaa.json"): _json(rgaa_json(rgaa.grid(), base_url)),
        urls.open_data("rgaa.csv"): rgaa_csv(rgaa.grid()),
    }
    files[urls.REVIEW] = _json(review_json(catalogue))
    schemas = schema_texts() | conditions_schema_text(catalogue.questions.values(), catalogue.parameters)
    files.update({urls.open_data(f"schemas/{name}"): text for name, text in schemas.items()})
    # Not open data: the compact rules the /eligibilite/ questionnaire downloads (hooks/aides/site/checkers.py).
    files[urls.QUESTIONNAIRE_RULES] = _json(questionnaire_data(catalogue, cards))
    return files
