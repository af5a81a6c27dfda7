"""The preview's error page as data (engine-independent): quoted line, marked column, French spacing."""

from __future__ import annotations

from aides.data.errors import DataError, DataWarning
from aides.model.formatting import NBSP
from aides.preview.error_page import data_error_page, quote, template_error_page

LINES = {
    ("data/aides/visale.yml", 44): "verifie_le: 22/11/2026",
    ("data/aides/visale.yml", 2): "titre: Visale",
}


def reader(file: str, line: int) -> str | None:
    return LINES.get((file, line))


def test_quote_marks_the_reported_column() -> None:
    quoted = quote("verifie_le: 22/11/2026", 44, 13)
    assert quoted is not None
    assert (quoted.before, quoted.marked, quoted.after) == ("verifie_le: ", "2", "2/11/2026")
    assert quoted.caret == " " * 12 + "^"


def test_quote_past_the_end_marks_a_blank() -> None:
    quoted = quote("titre:", 3, 8)
    assert quoted is not None and (quoted.before, quoted.marked, quoted.after) == ("titre:", " ", "")


def test_data_error_page_lists_errors_then_warnings_with_their_lines() -> None:
    error = DataError("data/aides/visale.yml", 44, 13, "verifie_le", "doit être une date (AAAA-MM-JJ), pas « 22/11/2026 »")
    warning = DataWarning("data/aides/visale.yml", 2, 1, "contacts", "aucun contact : ajoutez-en un")
    view = data_error_page([error], [warning], reader)
    assert view.title == "1 erreur dans les données"
    [shown] = view.errors
    assert shown.where == "data/aides/visale.yml:44:13"
    assert shown.quote is not None and shown.quote.marked == "2"
    assert f"«{NBSP}22/11/2026{NBSP}»" in shown.message
    [attention] = view.warnings
    assert f"contact{NBSP}: ajoutez" in attention.message
    assert attention.quote is None, "un champ absent ne doit pas citer la première clé du fichier"


def test_missing_file_gives_no_quote() -> None:
    view = data_error_page([DataError("data/absent.yml", 1, 1, "", "fichier manquant")], [], reader)
    assert view.errors[0].quote is None and view.title == "1 erreur dans les données"


def test_template_error_page_names_the_template_and_line() -> None:
    source = "{% extends 'main.html' %}\n{% block content %}\n  {{ vue.titre }\n{% endblock %}\n"
    view = template_error_page("overrides/aide.html", 3, "syntaxe Jinja invalide", source)
    [error] = view.errors
    assert error.where == "overrides/aide.html:3"
    assert error.quote is not None and error.quote.before == "  " and error.quote.marked == "{"
    assert view.template_name == "overrides/aide.html"
    assert "overrides/aide.html" in view.intro
