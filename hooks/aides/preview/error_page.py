"""The preview's error page, as data: each problem with its line of YAML quoted and its
column marked. Engine-independent: the MkDocs side (``serve_errors``) only renders it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from aides.data.errors import DataError, DataWarning
from aides.model.formatting import typography

LineReader = Callable[[str, int], str | None]


@dataclass(frozen=True)
class QuotedLine:
    """One source line cut at the reported column: ``before``, the ``marked`` character, ``after``."""

    number: int
    before: str
    marked: str
    after: str

    @property
    def caret(self) -> str:
        """Spaces then « ^ » under the marked character (for the plain-text rendering)."""
        return " " * len(self.before) + "^"


@dataclass(frozen=True)
class Problem:
    where: str  # file:line:column, as make check prints it
    file: str
    line: int
    column: int
    field: str
    message: str
    quote: QuotedLine | None


@dataclass(frozen=True)
class ErrorPageView:
    title: str
    intro: str
    errors: list[Problem]
    warnings: list[Problem]
    template_name: str | None = None  # set for an error in a page template


def read_line(file: str, number: int) -> str | None:
    """Line ``number`` (1-based) of ``file``, or None when the file or the line is missing."""
    try:
        lines = Path(file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return lines[number - 1] if 0 < number <= len(lines) else None


def quote(text: str | None, number: int, column: int) -> QuotedLine | None:
    if text is None:
        return None
    index = max(column - 1, 0)
    marked = text[index : index + 1] or " "  # past the end (a missing value): mark the gap
    return QuotedLine(number, text[:index], marked, text[index + 1 :])


def _points_at_field(text: str | None, column: int, field: str) -> bool:
    """False when a missing field's position fell back to the top of the document: quoting
    the file's first key (« titre: ») would point at the wrong place."""
    key = field.rsplit(".", 1)[-1].split("[", 1)[0]
    return text is not None and (column > 1 or not key or text.startswith(f"{key}:"))


def problem(item: DataError | DataWarning, reader: LineReader = read_line) -> Problem:
    text = reader(item.file, item.line)
    return Problem(
        where=f"{item.file}:{item.line}:{item.column}",
        file=item.file,
        line=item.line,
        column=item.column,
        field=item.field,
        message=typography(item.message),
        quote=quote(text, item.line, item.column) if _points_at_field(text, item.column, item.field) else None,
    )


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def data_error_page(
    errors: Sequence[DataError], warnings: Sequence[DataWarning] = (), reader: LineReader = read_line
) -> ErrorPageView:
    """The page shown instead of the site while the data has errors."""
    found = _count(len(errors), "erreur", "erreurs")
    return ErrorPageView(
        title=f"{found} dans les données",
        intro=typography(
            "Le site n'a pas été reconstruit : corrigez les fichiers ci-dessous. "
            "Cette page se recharge d'elle-même dès que la construction réussit."
        ),
        errors=[problem(error, reader) for error in errors],
        warnings=[problem(warning, reader) for warning in warnings],
    )


def template_error_page(template: str, line: int | None, message: str, source: str | None) -> ErrorPageView:
    """The page shown for a page whose template failed to render."""
    where = f"{template}:{line}" if line else template
    text_line = source.splitlines()[line - 1] if source and line and line <= len(source.splitlines()) else None
    column = len(text_line) - len(text_line.lstrip()) + 1 if text_line else 1
    error = Problem(where, template, line or 0, column, "", typography(message), quote(text_line, line or 0, column))
    return ErrorPageView(
        title="Erreur dans un gabarit",
        intro=typography(
            f"Cette page n'a pas pu être produite : le gabarit {template} a échoué. "
            "Cette page se recharge d'elle-même dès que le gabarit est corrigé."
        ),
        errors=[error],
        warnings=[],
        template_name=template,
    )
