"""Data errors as editors read them: ``file:line:column: field : message``, in French."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, ClassVar

from aides.data.yamlsource import Loc, YamlDocument


@dataclass(frozen=True, order=True)
class Located:
    """A finding at a place of a data file, said as ``file:line:column: field : message``."""

    file: str
    line: int
    column: int
    field: str
    message: str

    label: ClassVar[str] = ""  # what precedes the field, e.g. « attention : »

    def __str__(self) -> str:
        head = f"{self.file}:{self.line}:{self.column}: {self.label}"
        return f"{head}{self.field} : {self.message}" if self.field else f"{head}{self.message}"


@dataclass(frozen=True, order=True)
class DataError(Located):
    """A mistake that stops publication."""


@dataclass(frozen=True, order=True)
class DataWarning(Located):
    """Something to fix that does not block publication."""

    label: ClassVar[str] = "attention : "


class DataErrors(Exception):
    """Every error found in the data set, raised once, after everything was checked.

    ``warnings`` carries what was also found to fix but would not have blocked publication."""

    def __init__(self, errors: list[DataError], warnings: list[DataWarning] | None = None) -> None:
        self.errors = sorted(set(errors))
        self.warnings = sorted(set(warnings or []))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        plural = "s" if count > 1 else ""
        lines = [str(error) for error in self.errors]
        lines.append(f"{count} erreur{plural} dans les données : rien n'a été publié.")
        return "\n".join(lines)


def format_loc(loc: Loc) -> str:
    """``("montant", "tableaux", 0, "titre")`` → ``montant.tableaux[0].titre``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def error_at(doc: YamlDocument, loc: Loc, message: str, *, key: bool = False, root: str = "") -> DataError:
    position = doc.position(loc, key=key)
    return DataError(root + str(doc.path), position.line, position.column, format_loc(loc), message)


def warning_at(doc: YamlDocument, loc: Loc, message: str, *, key: bool = False) -> DataWarning:
    error = error_at(doc, loc, message, key=key)
    return DataWarning(error.file, error.line, error.column, error.field, error.message)


def warnings_report(warnings: list[DataWarning]) -> str:
    count = len(warnings)
    plural = "s" if count > 1 else ""
    lines = [str(warning) for warning in warnings]
    lines.append(f"{count} point{plural} à revoir (la publication n'est pas bloquée).")
    return "\n".join(lines)


def suggestion(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" ; vouliez-vous dire « {close[0]} » ?" if close else ""


def describe_value(value: Any) -> str:
    if value is True:
        return "oui (vrai)"
    if value is False:
        return "non (faux)"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un ensemble de clés"
    return f"« {value} »"
