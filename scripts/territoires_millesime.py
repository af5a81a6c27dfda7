"""What a new vintage of the territorial reference changes in the data (called by ``territoires.py``).

Communes merge every 1 January and EPCI with them. After writing a new reference, ``make territoires``
lists every commune code and EPCI SIREN of ``data/**/*.yml`` that the new reference no longer knows,
with what it became, and offers to rewrite the codes that have exactly one successor
(``make territoires ARGS=--reecrire``, or a yes/no question when run from a terminal). A rewrite edits
the text at the value's position (``yamlsource`` gives it) and nothing else: comments, order and quotes
stay byte for byte. A code without a unique successor (a split commune, a vanished EPCI) is listed, never
rewritten; the build refuses it with its own French error.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from aides.data.errors import Located, format_loc
from aides.data.places import value_key
from aides.data.yamlsource import Loc, YamlDocument, YamlSyntaxError, parse_yaml
from aides.model.cog import Referentiel
from aides.model.field_types import COMMUNE_PATTERN, SIREN_PATTERN
from aides.model.question_types import QUESTION_TYPES

COMMUNE, EPCI = "commune", "epci"
PATTERNS = {COMMUNE: re.compile(COMMUNE_PATTERN), EPCI: re.compile(SIREN_PATTERN)}
# The keys under which codes stand: a territory's lists (``communes``, ``epci``, also under ``sauf``);
# conditions and examples name the question (``commune: { parmi: [...] }``), found in questions.yml.
TERRITORY_KEYS = {"communes": COMMUNE, "epci": EPCI}
QUESTION_CHOICES = {"communes": COMMUNE, "epci": EPCI}


@dataclass(frozen=True)
class Change:
    """A code of the data that the new reference no longer knows, and what it became."""

    path: Path
    loc: Loc
    line: int
    column: int
    kind: str  # COMMUNE or EPCI
    code: str
    name: str | None  # its name in the previous reference (or the new one's record of it)
    successors: tuple[tuple[str, str], ...]  # (code, name) in the new reference
    duplicate: bool = False  # its only successor already stands in the same list

    @property
    def target(self) -> str | None:
        """The code to write instead, when there is exactly one and it is not already listed."""
        return self.successors[0][0] if len(self.successors) == 1 and not self.duplicate else None


# --- where codes stand ---------------------------------------------------------------------


def code_keys(data_dir: Path) -> dict[str, str]:
    """Key → kind of code: the territory lists, and the questions whose answers are communes or EPCI."""
    keys = dict(TERRITORY_KEYS)
    try:
        questions = yaml.safe_load((data_dir / "questions.yml").read_text(encoding="utf-8"))["questions"]
    except (OSError, yaml.YAMLError, TypeError, KeyError):
        return keys  # an unreadable file is reported with the others (changes)
    for question in questions if isinstance(questions, list) else []:
        kind = QUESTION_TYPES.get(question.get("type")) if isinstance(question, dict) else None
        if kind and kind.choices in QUESTION_CHOICES:
            keys[str(question.get("id"))] = QUESTION_CHOICES[kind.choices]
    return keys


def codes_in(doc: YamlDocument, keys: dict[str, str]) -> Iterator[tuple[Loc, str, str]]:
    """(where, kind, code) of every commune code and SIREN of one document."""
    for loc, scalar in doc.scalars.items():
        kind = keys.get(value_key(loc))
        if kind and PATTERNS[kind].match(scalar.text):
            yield loc, kind, scalar.text


# --- what each code became ----------------------------------------------------------------------


def commune_fate(previous: list[Referentiel], new: Referentiel, code: str) -> tuple[str | None, list[str]] | None:
    """(its name, its current communes in the new reference), or None when nothing changed for this code.

    A code the new reference still has as a commune is unchanged; one that no reference knows is a typo,
    which the build reports itself."""
    if code in new.communes:
        return None
    successors = [commune.code for commune in new.successors(code)]
    names = [ref.communes[code].nom for ref in previous if code in ref.communes]
    if not names and not successors:
        return None
    former = new.former.get(code)
    names += [former.nom] if former and former.nom else []
    names += [new.arrondissements[code].nom] if code in new.arrondissements else []
    return (names[0] if names else None), successors


def epci_fate(previous: list[Referentiel], new: Referentiel, siren: str) -> tuple[str | None, list[str]] | None:
    """(its name, the EPCI its former members belong to now), or None when it still exists or was never known."""
    if siren in new.epci:
        return None
    for ref in previous:
        if siren in ref.epci:
            members = (new.current_commune(code) for code in ref.epci[siren].membres)
            return ref.epci[siren].nom, sorted({commune.epci for commune in members if commune and commune.epci})
    return None


def changes(data_dir: Path, previous: list[Referentiel], new: Referentiel) -> tuple[list[Change], list[str]]:
    """Every code of ``data_dir`` that the new reference changes, and the files that could not be read."""
    keys = code_keys(data_dir)
    found: list[Change] = []
    unreadable: list[str] = []
    for path in sorted(data_dir.rglob("*.yml")):
        try:
            doc = parse_yaml(path.read_bytes().decode("utf-8"), path)
        except (UnicodeDecodeError, YamlSyntaxError) as error:
            unreadable.append(f"{path} : {getattr(error, 'message', error)}")
            continue
        found += _changes_of(doc, keys, previous, new)
    return found, unreadable


def _changes_of(doc: YamlDocument, keys: dict[str, str], previous: list[Referentiel], new: Referentiel) -> list[Change]:
    found = []
    siblings: dict[Loc, set[str]] = defaultdict(set)  # the codes each list keeps or receives
    for loc, kind, code in codes_in(doc, keys):
        fate = (commune_fate if kind == COMMUNE else epci_fate)(previous, new, code)
        if fate is None:
            siblings[loc[:-1]].add(code)
            continue
        name, successors = fate
        names = new.communes if kind == COMMUNE else new.epci
        position = doc.positions[loc]
        change = Change(
            doc.path, loc, position.line, position.column, kind, code, name, tuple((s, names[s].nom) for s in successors)
        )
        found.append(change)
    for index, change in enumerate(found):
        if change.target is None:
            continue
        kept = siblings[change.loc[:-1]]
        if isinstance(change.loc[-1], int) and change.target in kept:
            found[index] = replace(change, duplicate=True)
        kept.add(change.target)
    return found


# --- saying it ------------------------------------------------------------------------------------


def describe(change: Change, root: Path) -> str:
    """One line, as editors read data errors: ``file:line:column: field : message``."""
    what = "la commune" if change.kind == COMMUNE else "l'intercommunalité (EPCI)"
    named = f" ({change.name})" if change.name else ""
    places = " et ".join(f"{name} ({code})" for code, name in change.successors)
    if change.duplicate:
        message = f"{what} « {change.code} »{named} fait partie de {places}, déjà dans la liste : supprimez « {change.code} »"
    elif change.target:
        became = "fait maintenant partie de" if change.kind == COMMUNE else "a maintenant ses communes dans"
        message = f"{what} « {change.code} »{named} {became} {places} : à remplacer par « {change.target} »"
    elif change.successors:
        message = f"{what} « {change.code} »{named} est partagée entre {places} : choisissez à la main ce qui convient"
    else:
        message = f"{what} « {change.code} »{named} n'existe plus, sans successeur unique : retirez-la ou remplacez-la à la main"
    return str(Located(_display(change.path, root), change.line, change.column, format_loc(change.loc), message))


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _codes(count: int) -> str:
    return f"{count} code{'s' if count > 1 else ''}"


def report(found: list[Change], unreadable: list[str], root: Path) -> str:
    lines = [f"fichier non vérifié, illisible : {problem}" for problem in unreadable]
    if not found:
        return "\n".join([*lines, "Le nouveau référentiel ne change aucun code des données."])
    lines.append(f"Le nouveau référentiel change {_codes(len(found))} des données :")
    lines += [describe(change, root) for change in found]
    return "\n".join(lines)


# --- rewriting ---------------------------------------------------------------------------------


def rewrite(found: Iterable[Change], root: Path) -> list[str]:
    """Write each code's unique successor at its place, leaving every other byte alone; says what changed.
    Every place is checked before any file is written."""
    by_file: dict[Path, list[Change]] = defaultdict(list)
    for change in found:
        if change.target:
            by_file[change.path].append(change)
    texts, done = {}, []
    for path, file_changes in sorted(by_file.items()):
        lines = path.read_bytes().decode("utf-8").split("\n")
        for change in sorted(file_changes, key=lambda c: (c.line, -c.column)):  # right to left within a line
            line = lines[change.line - 1] if change.line <= len(lines) else ""
            lines[change.line - 1] = _replaced(line, change, _display(path, root))
            done.append(
                f"{_display(path, root)}:{change.line} : « {change.code} » → « {change.target} » ({change.successors[0][1]})"
            )
        texts[path] = "\n".join(lines)
    for path, text in texts.items():
        path.write_bytes(text.encode("utf-8"))
    return done


def _replaced(line: str, change: Change, where: str) -> str:
    start = change.column - 1
    start += line[start : start + 1] in ("'", '"')  # past an opening quote
    if line[start : start + len(change.code)] != change.code or not change.target:
        raise SystemExit(f"{where}:{change.line} : « {change.code} » n'est plus à sa place : rien n'a été réécrit")
    return line[:start] + change.target + line[start + len(change.code) :]


# --- the step of make territoires --------------------------------------------------------------


def previous_references(path: Path, root: Path) -> list[Referentiel]:
    """The reference about to be replaced, and the committed one when it differs: a second run (after
    a first one that only listed) still knows what a vanished EPCI was."""
    texts = [path.read_text(encoding="utf-8")] if path.is_file() else []
    if path.is_relative_to(root):
        committed = f"HEAD:{path.relative_to(root).as_posix()}"
        shown = subprocess.run(["git", "show", committed], cwd=root, capture_output=True, text=True, check=False)
        if shown.returncode == 0 and shown.stdout not in texts:
            texts.append(shown.stdout)
    return [Referentiel(json.loads(text)) for text in texts]


def review(data_dir: Path, previous: list[Referentiel], new: Referentiel, root: Path, rewrite_now: bool) -> int:
    """List what the new reference changes in the data; rewrite when asked. Returns the exit status:
    1 while some code of the data is still one the new reference does not know."""
    found, unreadable = changes(data_dir, previous, new)
    print(report(found, unreadable, root))
    fixable = [change for change in found if change.target]
    if fixable and not rewrite_now and sys.stdin.isatty():
        answer = input(f"Remplacer {_codes(len(fixable))} par leur successeur ? [o/N] ")
        rewrite_now = answer.strip().lower() in ("o", "oui")
    if fixable and rewrite_now:
        print("\n".join(["Réécrit :", *rewrite(fixable, root)]))
    elif fixable:
        print(f"Pour remplacer {_codes(len(fixable))} par leur successeur unique : make territoires ARGS=--reecrire")
    left = len(found) - (len(fixable) if rewrite_now else 0)
    if left:
        print(f"{_codes(left)} à corriger dans les données avant la construction.")
    return 1 if left or unreadable else 0
