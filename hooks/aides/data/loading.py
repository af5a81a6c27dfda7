"""Load and validate the whole data directory into a Catalogue.

Every file is read and checked before anything is built; all errors of all
files are collected and raised together as ``DataErrors``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from aides.data import places, references
from aides.data.data_warnings import check_warnings
from aides.data.errors import DataError, DataErrors, DataWarning, error_at, format_loc
from aides.data.translate import validate_document
from aides.data.yamlsource import Loc, YamlDocument, YamlSyntaxError, parse_yaml
from aides.model import cog, territory
from aides.model.catalogue import Catalogue
from aides.model.conditions import GROUPS, Compiler, Node, normalise, outcome, questions_of
from aides.model.emergency import EmergencyRules, Urgences
from aides.model.field_types import ID_PATTERN
from aides.model.models import Aide, Archive, Contact, Convention, Partenaire, Site
from aides.model.parameters import PARAMETERS, Bareme, ParametreFichier, Serie
from aides.model.shared_lists import Question, Questions, Referentiels, Sources

ENTITIES: dict[str, type[BaseModel]] = {
    "aides": Aide,
    "partenaires": Partenaire,
    "conventions": Convention,
    "contacts": Contact,
}
SINGLE_FILES: dict[str, type[BaseModel]] = {
    "questions.yml": Questions,
    "referentiels.yml": Referentiels,
    "sources.yml": Sources,
}
# Optional: a data set without them gets the defaults (no settings file, no archived aid).
OPTIONAL_FILES: dict[str, type[BaseModel]] = {"site.yml": Site, "urgences.yml": Urgences}
ARCHIVES = "archives"  # data/archives/<id>.yml: aids that no longer exist (tombstone pages)
PARAMETER_FILES = "parametres"  # referentiel/parametres/<id>.yml: dated reference values (make parametres)
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[3] / "data"


def data_dir() -> Path:
    """The data directory: ``AIDES_DATA_DIR`` when set, else the repository's ``data/``."""
    return Path(os.environ.get("AIDES_DATA_DIR") or DEFAULT_DATA_DIR)


def build_today() -> dt.date:
    """The build's "today": from ``SOURCE_DATE_EPOCH`` when set, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def _display(path: Path) -> str:
    """The path as editors type it: relative to the current folder when inside it."""
    cwd = Path.cwd()
    if path.is_absolute():
        try:
            return str(path.relative_to(cwd))
        except ValueError:
            return str(path)
    return str(path)


# A file read and validated, by path and model: (size and time of change, fingerprint, document, value, errors).
# `make serve` loads the data again after every save (``load_catalogue(remember=True)``): only the files that
# changed are parsed again. A build loads once and remembers nothing.
Read = tuple[tuple[int, int], str, YamlDocument | None, Any, list[DataError]]
_READS: dict[tuple[Path, type[BaseModel]], Read] = {}


class _Reader:
    """Reads and validates files, collecting errors instead of stopping at the first."""

    def __init__(self, remember: bool = False) -> None:
        self.errors: list[DataError] = []
        self.documents: dict[tuple[str, str], YamlDocument] = {}
        self.fingerprints: dict[tuple[str, str], str] = {}  # a digest of each file's bytes, by (kind, id)
        self.remember = remember

    def read(self, path: Path, model: type[BaseModel], key: tuple[str, str]) -> tuple[YamlDocument | None, Any]:
        stat = path.stat()
        signature = (stat.st_mtime_ns, stat.st_size)
        cached = _READS.get((path, model)) if self.remember else None
        if cached is None or cached[0] != signature:
            cached = _read_file(path, model)
            if self.remember:
                _READS[(path, model)] = cached
        return self._take(cached, key)

    def _take(self, read: Read, key: tuple[str, str]) -> tuple[YamlDocument | None, Any]:
        _, fingerprint, doc, value, errors = read
        self.fingerprints[key] = fingerprint
        self.errors.extend(errors)
        return doc, value

    def _read(self, path: Path, raw: bytes, model: type[BaseModel]) -> tuple[YamlDocument | None, Any]:
        """Parse and validate one file's bytes; its errors go to ``self.errors``."""
        shown = Path(_display(path))
        try:
            doc = parse_yaml(raw.decode("utf-8"), shown)
        except YamlSyntaxError as error:
            self.errors.append(DataError(str(shown), error.position.line, error.position.column, "", error.message))
            return None, None
        except UnicodeDecodeError:
            self.errors.append(DataError(str(shown), 1, 1, "", "le fichier n'est pas encodé en UTF-8"))
            return None, None
        self.errors.extend(
            DataError(str(shown), where.line, where.column, format_loc(loc), message) for loc, where, message in doc.problems
        )
        if doc.data is None:
            self.errors.append(DataError(str(shown), 1, 1, "", "le fichier est vide"))
            return doc, None
        value, errors = validate_document(doc, model)
        self.errors.extend(errors)
        return doc, value

    def entity_files(self, directory: Path, kind: str) -> Iterable[tuple[str, Path]]:
        folder = directory / kind
        if not folder.is_dir():
            self.errors.append(DataError(_display(folder), 1, 1, "", "dossier manquant"))
            return
        seen: dict[str, Path] = {}
        for path in sorted(folder.iterdir()):
            if path.suffix not in (".yml", ".yaml"):
                continue
            entity_id = path.stem
            if not re.match(ID_PATTERN, entity_id):
                self.errors.append(
                    DataError(
                        _display(path),
                        1,
                        1,
                        "",
                        f"le nom de fichier « {entity_id} » n'est pas un identifiant valide (minuscules sans accent, chiffres et tirets)",
                    )
                )
                continue
            if entity_id in seen:
                self.errors.append(
                    DataError(
                        _display(path), 1, 1, "", f"identifiant en double : « {entity_id} » est aussi {_display(seen[entity_id])}"
                    )
                )
                continue
            seen[entity_id] = path
            yield entity_id, path


def _read_file(path: Path, model: type[BaseModel]) -> Read:
    """One file parsed and validated: its size and time of change, fingerprint, document, value and errors."""
    stat = path.stat()
    raw = path.read_bytes()
    reader = _Reader()
    doc, value = reader._read(path, raw, model)
    return (stat.st_mtime_ns, stat.st_size), hashlib.sha256(raw).hexdigest(), doc, value, reader.errors


def load_catalogue(directory: Path | None = None, today: dt.date | None = None, remember: bool = False) -> Catalogue:
    """Read, validate and cross-check every file; raise ``DataErrors`` listing all mistakes. ``remember``:
    keep what each file gave, for the next load to parse only the files that changed (``make serve``)."""
    return load_with_warnings(directory, today, remember)[0]


def load_with_warnings(
    directory: Path | None = None, today: dt.date | None = None, remember: bool = False
) -> tuple[Catalogue, list[DataWarning]]:
    """``load_catalogue``, plus what to fix without blocking publication (also carried by
    ``DataErrors.warnings`` when the data has errors)."""
    directory = directory or data_dir()
    today = today or build_today()
    reader = _Reader(remember)
    singles: dict[str, Any] = {}
    for name, model in SINGLE_FILES.items():
        path = directory / name
        if not path.is_file():
            reader.errors.append(DataError(_display(path), 1, 1, "", "fichier manquant"))
            continue
        doc, singles[name] = reader.read(path, model, ("", name))
        if doc:
            reader.documents[("", name)] = doc
    for name, model in OPTIONAL_FILES.items():
        if (directory / name).is_file():
            doc, singles[name] = reader.read(directory / name, model, ("", name))
            if doc:
                reader.documents[("", name)] = doc
    archives = _archives(reader, directory)
    parameters = _parameters(reader, PARAMETERS)
    entities: dict[str, dict[str, Any]] = {kind: {} for kind in ENTITIES}
    present: dict[str, set[str]] = {kind: set() for kind in ENTITIES}
    for kind, model in ENTITIES.items():
        for entity_id, path in reader.entity_files(directory, kind):
            present[kind].add(entity_id)
            doc, value = reader.read(path, model, (kind, entity_id))
            if value is not None:
                entities[kind][entity_id] = value
                reader.documents[(kind, entity_id)] = doc
    warnings = check_warnings(entities, singles.get("sources.yml"), reader.documents, today)
    if any(value is None for value in singles.values()) or any(name not in singles for name in SINGLE_FILES):
        raise DataErrors(reader.errors, warnings)  # without vocabularies, references cannot be checked

    catalogue = Catalogue(
        aides=entities["aides"],
        partenaires=entities["partenaires"],
        conventions=entities["conventions"],
        contacts=entities["contacts"],
        questions={question.id: question for question in singles["questions.yml"].questions},
        referentiels=singles["referentiels.yml"],
        territoires=cog.referentiel(),
        sources={source.id: source for source in singles["sources.yml"].sources},
        today=today,
        site=singles.get("site.yml") or Site(),
        urgences=singles.get("urgences.yml"),
        archives=archives,
        parameters=parameters,
        fingerprints=reader.fingerprints,
    )
    reader.errors.extend(references.check(catalogue, reader.documents, present))
    reader.errors.extend(_compile_rules(catalogue, reader.documents))
    reader.errors.extend(_compile_emergency(catalogue, reader.documents))
    reader.errors.extend(_check_archives(catalogue, reader.documents))
    if reader.errors:
        raise DataErrors(reader.errors, warnings)
    return catalogue, warnings


def _archives(reader: _Reader, directory: Path) -> dict[str, Archive]:
    """The tombstones of data/archives/, when the folder exists."""
    if not (directory / ARCHIVES).is_dir():
        return {}
    found: dict[str, Archive] = {}
    for archive_id, path in reader.entity_files(directory, ARCHIVES):
        doc, value = reader.read(path, Archive, (ARCHIVES, archive_id))
        if value is not None:
            found[archive_id] = value
            reader.documents[(ARCHIVES, archive_id)] = doc
    return found


def load_parameters(directory: Path = PARAMETERS) -> dict[str, Serie | Bareme]:
    """The parameter files alone, checked; raises ``DataErrors`` listing every mistake."""
    reader = _Reader()
    found = _parameters(reader, directory)
    if reader.errors:
        raise DataErrors(reader.errors)
    return found


def load_questions(directory: Path | None = None) -> list[Question]:
    """data/questions.yml alone, checked (for the schema of conditions); raises ``DataErrors`` listing every mistake."""
    reader = _Reader()
    _, value = reader.read((directory or data_dir()) / "questions.yml", Questions, ("", "questions.yml"))
    if reader.errors or value is None:
        raise DataErrors(reader.errors)
    return value.questions


def _parameters(reader: _Reader, directory: Path) -> dict[str, Serie | Bareme]:
    """The dated reference values (series and barèmes) of referentiel/parametres/, by id (the file name)."""
    found: dict[str, Serie | Bareme] = {}
    for path in sorted(directory.glob("*.yml")):
        doc, value = reader.read(path, ParametreFichier, (PARAMETER_FILES, path.stem))
        if doc is None or value is None:
            continue
        parameter = value.root
        problems = parameter.problems()
        if parameter.id != path.stem:
            problems.append((("id",), f"l'identifiant doit être le nom du fichier, « {path.stem} »"))
        reader.errors.extend(error_at(doc, loc, message) for loc, message in problems)
        if not problems:
            found[parameter.id] = parameter
    return found


def _check_archives(catalogue: Catalogue, documents: dict[tuple[str, str], YamlDocument]) -> list[DataError]:
    """A tombstone takes an address no aid uses, and names an existing successor."""
    errors = []
    for archive_id, archive in catalogue.archives.items():
        doc = documents[(ARCHIVES, archive_id)]
        if archive_id in catalogue.aides or archive_id in catalogue.redirects:
            message = f"« {archive_id} » est une aide en ligne (ou un de ses anciens identifiants) : retirez l'une des deux"
            errors.append(error_at(doc, ("titre",), message, key=True))
        if archive.remplacee_par and archive.remplacee_par not in catalogue.aides:
            errors.append(error_at(doc, ("remplacee_par",), f"aide inconnue : « {archive.remplacee_par} »"))
    return errors


def _compile_rules(catalogue: Catalogue, documents: dict[tuple[str, str], YamlDocument]) -> list[DataError]:
    """Compile each aid's conditions; check that its worked examples still give their outcome."""
    errors: list[DataError] = []
    compiler = Compiler(catalogue.questions, catalogue.territoires, catalogue.places, catalogue.parameter, catalogue.today)
    for aid_id, aide in catalogue.aides.items():
        doc = documents[("aides", aid_id)]
        compiler.errors = []
        tree = compiler.compile(aide.conditions)
        errors.extend(
            error_at(doc, error.loc, _place_message(catalogue, doc, error.loc, error.message), key=error.key)
            for error in compiler.errors
        )
        if tree is None or compiler.errors:
            continue
        tree = catalogue.rules[aid_id] = _with_territory(catalogue, aide, tree)
        for index, example in enumerate(aide.exemples):
            loc = ("exemples", index)
            problems = [
                (key, message)
                for key, value in example.reponses.items()
                if (message := compiler.check_answer(key, value)) is not None
            ]
            for key, message in problems:
                where = (*loc, "reponses", key)
                message = _place_message(catalogue, doc, where, message)
                errors.append(error_at(doc, where, message, key=message.endswith("questions.yml")))
            if problems:
                continue
            answers = normalise(example.reponses, catalogue.questions, catalogue.places)
            got = outcome(tree, answers)["statut"]
            if got != example.resultat:
                errors.append(
                    error_at(
                        doc,
                        (*loc, "resultat"),
                        f"l'exemple « {example.titre} » attend {example.resultat} mais les conditions donnent maintenant {got}",
                    )
                )
    return errors


def _compile_emergency(catalogue: Catalogue, documents: dict[tuple[str, str], YamlDocument]) -> list[DataError]:
    """data/urgences.yml's situations and ``poser_a``, compiled as an aid's conditions are."""
    urgences = catalogue.urgences
    if urgences is None:
        return []
    doc = documents[("", "urgences.yml")]
    compiler = Compiler(catalogue.questions, catalogue.territoires, catalogue.places, catalogue.parameter, catalogue.today)
    situations = [compiler.compile({question: value}, ("reponses",)) for question, value in urgences.reponses.items()]
    who = compiler.compile(urgences.poser_a, ("poser_a",)) if urgences.poser_a is not None else None
    errors = [error_at(doc, error.loc, error.message, key=error.key) for error in compiler.errors]
    for question, node in zip(urgences.reponses, situations, strict=True):
        if node is not None and node["operateur"] != "parmi":
            errors.append(error_at(doc, ("reponses", question), "écrivez les réponses sous la forme { parmi: [...] }"))
    if errors:
        return errors
    found = [node for node in situations if node is not None]
    tree = found[0] if len(found) == 1 else {"type": "une_de", "texte": GROUPS["une_de"], "enfants": found} if found else None
    if tree is not None and who is not None:
        tree = {"type": "toutes", "texte": GROUPS["toutes"], "enfants": [who, tree]}
    catalogue.emergency = EmergencyRules(found, tree, frozenset(urgences.publics))
    return []


def _place_message(catalogue: Catalogue, doc: YamlDocument, loc: Loc, message: str) -> str:
    """A commune answer that is an old code (the reference changes every 1 January): name its current
    commune, as a territory's list does, rather than « not a possible answer »."""
    scalar = doc.scalars.get(loc)
    question = catalogue.questions.get(places.value_key(loc))
    if scalar is None or question is None or question.kind.choices != "communes":
        return message
    return places.old_commune_problem(catalogue.territoires, scalar.text) or message


def _with_territory(catalogue: Catalogue, aide: Aide, tree: Node) -> Node:
    """The aid's own territory takes part in evaluation, unless its conditions already name a place."""
    if any(catalogue.questions[qid].kind.territorial for qid in questions_of(tree)):
        return tree
    node = territory.criterion(catalogue, aide.territoire)
    if node is None:
        return tree
    if tree["type"] == "toutes":
        return {**tree, "enfants": [node, *tree["enfants"]]}
    return {"type": "toutes", "texte": GROUPS["toutes"], "enfants": [node, tree]}
