"""The validator, checked against a corpus of broken data files.

Each file of ``tests/corpus/<kind>/`` is dropped into a private copy of data/
(``data_copy``), next to the real files of its kind. Its header comments say
which errors the validator must report, written as it prints them::

    # attendu: 5:21: publics[1] : « jeune » n'est pas un public connu
    # attendu: 1:1: le fichier est vide            (an error without field)
    # attendu: aucune erreur                       (a positive control)

that is ``line:column: field : message``, where the message need only be a
part of the real one. Line numbers count the header lines too.

The single files (questions.yml, referentiels.yml...) are long and shared
by everything else: their cases (``MUTATIONS``) append one entry to the real
file and expect the error at a given piece of that entry.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from aides.data.errors import DataError, DataErrors
from aides.data.loading import load_catalogue
from conftest import DATA, ROOT, TODAY, Builder

CORPUS = ROOT / "tests" / "corpus"
KINDS = ("aides", "partenaires", "conventions", "contacts")
EXPECTED = re.compile(r"# attendu: (?P<line>\d+):(?P<column>\d+): (?:(?P<field>\S+) : )?(?P<message>.+)")
NO_ERROR = "# attendu: aucune erreur"


@dataclass(frozen=True)
class Expected:
    """One error the validator must report: exact place and field, part of the message."""

    line: int
    column: int
    field: str  # a ``[*]`` stands for any list index
    message: str

    def matches(self, error: DataError) -> bool:
        field = re.escape(self.field).replace(r"\[\*\]", r"\[\d+\]")
        return (
            (error.line, error.column) == (self.line, self.column)
            and re.fullmatch(field, error.field) is not None
            and self.message in error.message
        )

    def __str__(self) -> str:
        where = f"{self.line}:{self.column}"
        return f"{where}: {self.field} : {self.message}" if self.field else f"{where}: {self.message}"


@dataclass(frozen=True)
class Case:
    """A corpus file and the errors its header announces (none for a positive control)."""

    path: Path
    expected: tuple[Expected, ...]

    @property
    def kind(self) -> str:
        return self.path.parent.name

    @property
    def relative(self) -> str:
        """The file as it ends up in the data directory: ``aides/cle-inconnue.yml``."""
        return f"{self.kind}/{self.path.name}"

    def drop_into(self, data_dir: Path) -> None:
        shutil.copyfile(self.path, data_dir / self.relative)


def read_case(path: Path) -> Case:
    expected = []
    no_error = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break  # only the header counts
        if line.strip() == NO_ERROR:
            no_error = True
        elif line.startswith("# attendu:"):
            match = EXPECTED.fullmatch(line.strip())
            assert match, f"{path}: ligne « attendu » illisible : {line}"
            expected.append(Expected(int(match["line"]), int(match["column"]), match["field"] or "", match["message"]))
    assert expected or no_error, f"{path}: l'en-tête ne dit pas ce qui est attendu (# attendu: ...)"
    assert not (expected and no_error), f"{path}: « aucune erreur » et des erreurs attendues à la fois"
    return Case(path, tuple(expected))


CASES = [read_case(path) for kind in KINDS for path in sorted((CORPUS / kind).glob("*.yml"))]
CASE = {case.relative: case for case in CASES}


@dataclass(frozen=True)
class Mutation:
    """A single file with one entry appended to its last list; the error is expected at ``target``."""

    name: str
    file: str
    last_key: str  # the top-level list at the end of the file, which the entry joins
    entry: str
    target: str  # the expected position is the first occurrence of this text in ``entry``
    field: str
    message: str

    def apply(self, data_dir: Path) -> Expected:
        path = data_dir / self.file
        text = path.read_text(encoding="utf-8")
        keys = re.findall(r"^([a-z_]+):", text, flags=re.MULTILINE)
        assert keys and keys[-1] == self.last_key, f"{self.file} ne se termine plus par la liste « {self.last_key} »"
        text = text if text.endswith("\n") else text + "\n"
        path.write_text(text + self.entry, encoding="utf-8")
        index = len(text) + self.entry.index(self.target)
        line = text.count("\n") + self.entry.count("\n", 0, self.entry.index(self.target)) + 1
        column = index - (text + self.entry).rfind("\n", 0, index)
        return Expected(line, column, self.field, self.message)


MUTATIONS = [
    Mutation(
        "questions-type-inconnu",
        "questions.yml",
        "questions",
        "  - id: test_texte\n    type: texte\n    libelle: Une question ?\n    phrases: {}\n",
        "texte\n    libelle",
        "questions[*].type",
        "« texte » n'est pas une valeur permise",
    ),
    Mutation(
        "questions-choix-sans-choix",
        "questions.yml",
        "questions",
        '  - id: test_choix\n    type: choix\n    libelle: Une question ?\n    phrases: { parmi: "Être {valeur}" }\n',
        "id: test_choix",
        "questions[*]",
        "une question à choix doit lister ses choix",
    ),
    Mutation(
        "questions-deduite-de-inconnue",
        "questions.yml",
        "questions",
        '  - id: test_region\n    type: region\n    libelle: Une question ?\n    deduite_de: departemnt\n    phrases: { parmi: "En {valeur}" }\n',
        "departemnt",
        "questions[*].deduite_de",
        "« departemnt » n'est pas une question connue ; vouliez-vous dire « departement » ?",
    ),
    Mutation(
        "questions-phrases-manquantes",
        "questions.yml",
        "questions",
        "  - id: test_sans_phrases\n    type: oui_non\n    libelle: Une question ?\n",
        "id: test_sans_phrases",
        "questions[*].phrases",
        "champ obligatoire manquant",
    ),
    Mutation(
        "questions-deux-points-dans-un-texte",
        "questions.yml",
        "questions",
        "  - id: test_syntaxe\n    type: oui_non\n    libelle: Pourquoi: parce que\n",
        ": parce",
        "",
        "syntaxe YAML invalide",
    ),
    Mutation(
        "referentiels-type-en-double",
        "referentiels.yml",
        "types",
        "  - id: garantie\n    libelle: Doublon\n",
        "garantie",
        "types[*].id",
        "identifiant en double : « garantie »",
    ),
    Mutation(
        "referentiels-id-avec-tiret",
        "referentiels.yml",
        "types",
        "  - id: aide-directe\n    libelle: Aide directe\n",
        "aide-directe",
        "types[*].id",
        "« aide-directe » n'est pas un identifiant valide",
    ),
    Mutation(
        "sources-url-http",
        "sources.yml",
        "sources",
        "  - id: source-de-test\n    titre: Un article\n    url: http://exemple.fr/article\n",
        "http:",
        "sources[*].url",
        "« http://exemple.fr/article » n'est pas une adresse web valide (elle doit commencer par https://)",
    ),
    Mutation(
        "sources-date-nombre",
        "sources.yml",
        "sources",
        "  - id: source-de-test\n    titre: Un article\n    date: 2019\n",
        "2019",
        "sources[*].date",
        "doit être une date au format AAAA-MM-JJ",
    ),
    Mutation(
        "sources-id-en-double",
        "sources.yml",
        "sources",
        "  - id: uncllaj-cllaj\n    titre: Doublon\n",
        "uncllaj-cllaj",
        "sources[*].id",
        "identifiant en double : « uncllaj-cllaj »",
    ),
]


# --- helpers ------------------------------------------------------------------


def load_errors(data_dir: Path) -> list[DataError]:
    """Every error of the data set (none if it loads); a crash is a validator bug, reported as such."""
    try:
        load_catalogue(data_dir, TODAY)
    except DataErrors as errors:
        return errors.errors
    except Exception as crash:
        pytest.fail(f"le validateur plante au lieu de signaler une erreur située : {type(crash).__name__}: {crash}")
    return []


def in_file(errors: list[DataError], relative: str) -> list[DataError]:
    """Errors of one file; the file is shown relative to the working directory if it can, else absolute."""
    return [error for error in errors if error.file == relative or error.file.endswith("/" + relative)]


def missing(expected: tuple[Expected, ...] | list[Expected], errors: list[DataError]) -> list[Expected]:
    return [item for item in expected if not any(item.matches(error) for error in errors)]


def explain(relative: str, absent: list[Expected], errors: list[DataError]) -> str:
    got = "\n".join(f"  {error.line}:{error.column}: {error.field} : {error.message}" for error in errors) or "  (aucune)"
    wanted = "\n".join(f"  {item}" for item in absent)
    return f"{relative} : erreurs attendues absentes :\n{wanted}\nerreurs obtenues pour ce fichier :\n{got}"


# --- the corpus, one case at a time ---------------------------------------------


def test_corpus_is_complete() -> None:
    assert len(CASES) >= 45
    for kind in KINDS:
        assert any(case.kind == kind for case in CASES), f"aucun cas pour {kind}/"


@pytest.mark.parametrize("case", CASES, ids=[case.relative for case in CASES])
def test_corpus_case(case: Case, data_copy: Path) -> None:
    case.drop_into(data_copy)
    errors = in_file(load_errors(data_copy), case.relative)
    if not case.expected:
        assert errors == [], f"{case.relative} devait être accepté :\n" + "\n".join(map(str, errors))
    absent = missing(case.expected, errors)
    assert not absent, explain(case.relative, absent, errors)


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[mutation.name for mutation in MUTATIONS])
def test_single_file_case(mutation: Mutation, data_copy: Path) -> None:
    expected = mutation.apply(data_copy)
    errors = in_file(load_errors(data_copy), mutation.file)
    assert not missing([expected], errors), explain(mutation.file, [expected], errors)


def test_missing_single_files(data_copy: Path) -> None:
    (data_copy / "referentiels.yml").unlink()
    (data_copy / "sources.yml").unlink()
    errors = load_errors(data_copy)
    for name in ("referentiels.yml", "sources.yml"):
        mine = in_file(errors, name)
        expected = Expected(1, 1, "", "fichier manquant")
        assert not missing([expected], mine), explain(name, [expected], mine)


def test_all_errors_reported_in_one_run(data_copy: Path) -> None:
    """A syntax error in one file stops neither the model checks nor the references of the others."""
    cases = [CASE[name] for name in ("aides/syntaxe-crochet.yml", "contacts/email-invalide.yml", "conventions/aide-inconnue.yml")]
    cases.append(CASE["partenaires/categorie-inconnue.yml"])
    for case in cases:
        case.drop_into(data_copy)
    errors = load_errors(data_copy)
    for case in cases:
        mine = in_file(errors, case.relative)
        absent = missing(case.expected, mine)
        assert not absent, explain(case.relative, absent, mine)


# --- the command line and the build ---------------------------------------------


def check_command(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AIDES_DATA_DIR": str(data_dir), "PYTHONPATH": "hooks"}
    return subprocess.run(
        [sys.executable, "-m", "aides", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_check_command_lists_every_error(data_copy: Path) -> None:
    cases = [CASE["aides/public-inconnu.yml"], CASE["contacts/url-javascript.yml"]]
    for case in cases:
        case.drop_into(data_copy)
    result = check_command(data_copy)
    assert result.returncode == 1, result.stdout + result.stderr
    *lines, summary = result.stderr.strip().splitlines()
    assert re.fullmatch(r"(\d+) erreurs? dans les données : rien n'a été publié\.", summary), summary
    assert int(summary.split()[0]) == len(lines)
    for line in lines:
        assert re.match(r"\S.*:\d+:\d+: ", line), f"ligne sans fichier:ligne:colonne : {line}"
    for case in cases:
        for expected in case.expected:
            prefix = f"{case.relative}:{expected.line}:{expected.column}: {expected.field} : "
            assert any(prefix in line and expected.message in line for line in lines), f"absent de la sortie : {expected}"


def test_check_command_accepts_the_real_data() -> None:
    result = check_command(DATA)
    assert result.returncode == 0, result.stderr
    assert "aucune erreur" in result.stdout


def snapshot(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dossier"
        for path in sorted(site.rglob("*"))
    }


def test_failed_build_leaves_previous_site_untouched(tmp_path: Path, data_copy: Path, site: Path, build_site: Builder) -> None:
    previous = tmp_path / "site"  # the session's site stands for the previous build
    shutil.copytree(site, previous)
    before = snapshot(previous)
    assert "index.html" in before

    case = CASE["aides/public-inconnu.yml"]
    case.drop_into(data_copy)
    second = build_site(previous, data_copy)

    assert second.returncode != 0
    (expected,) = case.expected
    prefix = f"{case.relative}:{expected.line}:{expected.column}: {expected.field} : "
    assert any(prefix in line and expected.message in line for line in second.stderr.splitlines()), second.stderr
    assert snapshot(previous) == before, "le site précédent a été modifié par une construction en échec"
    leftovers = sorted(path.name for path in tmp_path.iterdir() if path.name.startswith((".site-new-", ".site-old-")))
    assert leftovers == [], f"dossiers temporaires laissés : {leftovers}"


# --- every message in French ------------------------------------------------------

# What pydantic says when a message is not translated, and the English « or » of its lists of choices.
PYDANTIC_ENGLISH = re.compile(r"Input should|Field required|valeur refusée|Value error|Extra inputs|should (?:be|have)|' or '")
# What PyYAML says about bad syntax or a value it cannot build, after the validator's own French words.
YAML_PREFIXES = ("syntaxe YAML invalide", "valeur YAML illisible")
YAML_ENGLISH = re.compile(
    r"\b(?:did not find|expected|found|could not|not allowed|while (?:scanning|parsing)|constructor|cannot start)\b"
)


@pytest.fixture(scope="module")
def every_error(tmp_path_factory: pytest.TempPathFactory) -> list[DataError]:
    """The errors of every case of the corpus and every mutation, each in its own copy of data/."""
    errors: list[DataError] = []
    for index, item in enumerate([*CASES, *MUTATIONS]):
        data_dir = tmp_path_factory.mktemp("francais") / f"data-{index}"
        shutil.copytree(DATA, data_dir)
        if isinstance(item, Case):
            item.drop_into(data_dir)
        else:
            item.apply(data_dir)
        try:
            load_catalogue(data_dir, TODAY)
        except DataErrors as found:
            errors.extend(found.errors)
        except Exception:
            pass  # a crash fails its own case above
    assert len(errors) >= len(CASES)
    return errors


def english(errors: list[DataError], pattern: re.Pattern[str]) -> list[str]:
    return sorted(
        {
            f"{Path(error.file).name}:{error.line}:{error.column}: {error.message}"
            for error in errors
            if pattern.search(error.message)
        }
    )


def test_no_untranslated_pydantic_message(every_error: list[DataError]) -> None:
    from_pydantic = [error for error in every_error if not error.message.startswith(YAML_PREFIXES)]
    offenders = english(from_pydantic, PYDANTIC_ENGLISH)
    assert not offenders, "messages pydantic non traduits :\n" + "\n".join(offenders)


def test_no_english_yaml_message(every_error: list[DataError]) -> None:
    offenders = english(every_error, YAML_ENGLISH)
    assert not offenders, "messages PyYAML en anglais :\n" + "\n".join(offenders)


def test_a_broken_file_is_reported_once_not_in_every_file_that_refers_to_it(data_copy: Path) -> None:
    visale = data_copy / "aides" / "visale.yml"
    visale.write_text(visale.read_text(encoding="utf-8").replace("\ntitre:", "\ntitr:", 1), encoding="utf-8")
    errors = load_errors(data_copy)
    assert {error.file.rsplit("/", 2)[-2] + "/" + error.file.rsplit("/", 1)[-1] for error in errors} == {"aides/visale.yml"}
    assert any("vouliez-vous dire « titre »" in error.message for error in errors)
