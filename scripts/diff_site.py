"""What a change does to the site: build the current tree and another revision, compare them.

    python scripts/diff_site.py [--rev REV] [--sortie rapport.md] [--site-nouveau site]

The revision (by default the merge base with origin/main, else main, else HEAD~1) is checked
out with ``git worktree add`` into a temporary folder and built with its own code and data
(its scripts/build.py); the current tree is built the same way, both with the same
SOURCE_DATE_EPOCH. The French Markdown report lists the pages added, removed and changed
(visible text of the main content, not the HTML), the open data records changed, the worked
examples and personas whose eligibility result changed, and the new warnings.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from aides.data.errors import DataErrors, DataWarning  # noqa: E402
from aides.data.loading import data_dir, load_with_warnings  # noqa: E402
from aides.model.conditions import normalise, outcome  # noqa: E402

PERSONAS = ROOT / "scripts" / "personas.yml"
MAX_LINES = 20  # diff lines shown per page
MAX_PAGES = 30  # changed pages shown in detail
NBSP = "\u00a0"  # French spacing before « : » and « ; » in the report
RESULTS = {"eligible": "éligible", "a_verifier": "à vérifier", "non_eligible": "non éligible", None: "absente"}


# --- visible text of a page's main content -------------------------------------------

BLOCKS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "dt", "dd", "div", "section",
    "br", "caption", "pre", "blockquote", "summary", "figcaption", "legend", "label", "option", "ul", "ol", "table",
}  # fmt: skip
SKIPPED = {"script", "style", "template", "svg", "noscript", "form"}
_SPACES = re.compile(r"[ \t\n\r\f]+")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _MainText(HTMLParser):
    """Lines of visible text inside ``<article class="md-content__inner">`` (the page's own content)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.title = ""
        self._line: list[str] = []
        self._inside = 0  # nesting of <article> once inside the main one
        self._skip: list[str] = []  # open skipped elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" and (self._inside or "md-content__inner" in (dict(attrs).get("class") or "")):
            self._inside += 1
        if not self._inside or tag in VOID:
            self._break(tag)
            return
        if self._skip or tag in SKIPPED or "hidden" in dict(attrs):
            self._skip.append(tag)
        self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()
        if tag == "article" and self._inside:
            self._inside -= 1
        self._break(tag)

    def handle_data(self, data: str) -> None:
        if self._inside and not self._skip:
            self._line.append(data)

    def _break(self, tag: str) -> None:
        if tag in BLOCKS or tag == "article":
            text = _SPACES.sub(" ", "".join(self._line)).strip()  # keeps no-break spaces: « 8 000 € » stays one token
            if text:
                self.lines.append(text)
                if tag == "h1" and not self.title:
                    self.title = text
            self._line = []


def read_page(html: str) -> tuple[str, list[str]]:
    """(title: the first <h1>, visible lines) of a page's main content."""
    parser = _MainText()
    parser.feed(html)
    parser.close()
    parser._break("article")
    return parser.title, parser.lines


def visible_lines(html: str) -> list[str]:
    return read_page(html)[1]


def site_pages(site: Path) -> dict[str, tuple[str, list[str]]]:
    """Address (``aides/visale/``) → (title, visible lines), for every HTML page but search and assets."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith(("pagefind/", "assets/")):
            continue
        pages[relative.removesuffix("index.html")] = read_page(path.read_text(encoding="utf-8"))
    return pages


# --- comparisons -----------------------------------------------------------------------


@dataclass
class PageChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # address → unified diff lines
    titles: dict[str, str] = field(default_factory=dict)


def compare_pages(old: dict[str, tuple[str, list[str]]], new: dict[str, tuple[str, list[str]]]) -> PageChanges:
    changes = PageChanges()
    changes.added = sorted(new.keys() - old.keys())
    changes.removed = sorted(old.keys() - new.keys())
    for address in sorted(old.keys() & new.keys()):
        before, after = old[address][1], new[address][1]
        if before != after:
            diff = difflib.unified_diff(before, after, lineterm="", n=0)
            changes.changed[address] = [line for line in diff if not line.startswith(("---", "+++", "@@"))]
    for pages in (old, new):
        changes.titles.update({address: title for address, (title, _) in pages.items() if title})
    return changes


def _records(value: Any) -> dict[str, dict[str, dict[str, Any]]]:
    """Lists of records with an ``id``: ``{"": {...}}`` for a top-level list, else by key."""
    if isinstance(value, list) and all(isinstance(item, dict) and "id" in item for item in value):
        return {"": {str(item["id"]): item for item in value}}
    if isinstance(value, dict):
        found: dict[str, dict[str, dict[str, Any]]] = {}
        for key, item in value.items():
            if isinstance(item, list) and item and all(isinstance(entry, dict) and "id" in entry for entry in item):
                found[key] = {str(entry["id"]): entry for entry in item}
        return found
    return {}


def _csv_records(text: str) -> dict[str, dict[str, dict[str, Any]]]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return {"": {row["id"]: row for row in rows}} if rows and "id" in rows[0] else {}


def _read_records(path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    return _csv_records(text) if path.suffix == ".csv" else _records(json.loads(text))


def compare_exports(old_site: Path, new_site: Path) -> list[str]:
    """One Markdown line per changed open data file, naming the records changed by id."""
    lines = []
    names = {p.relative_to(s).as_posix() for s in (old_site, new_site) for p in (s / "donnees").rglob("*.*")}
    for name in sorted(names):
        old_path, new_path = old_site / name, new_site / name
        old_text = old_path.read_text(encoding="utf-8") if old_path.is_file() else None
        new_text = new_path.read_text(encoding="utf-8") if new_path.is_file() else None
        if old_text == new_text:
            continue
        if old_text is None or new_text is None:
            lines.append(f"- `/{name}`{NBSP}: fichier {'ajouté' if old_text is None else 'supprimé'}")
            continue
        details = _record_changes(_read_records(old_path), _read_records(new_path))
        lines.append(f"- `/{name}`{NBSP}: " + (f"{NBSP}; ".join(details) if details else "modifié"))
    return lines


def _record_changes(old: dict[str, dict[str, dict[str, Any]]], new: dict[str, dict[str, dict[str, Any]]]) -> list[str]:
    details = []
    for group in sorted(old.keys() | new.keys()):
        before, after = old.get(group, {}), new.get(group, {})
        prefix = f"{group}{NBSP}: " if group else ""
        added, removed = sorted(after.keys() - before.keys()), sorted(before.keys() - after.keys())
        changed = {
            key: sorted(
                field for field in before[key].keys() | after[key].keys() if before[key].get(field) != after[key].get(field)
            )
            for key in sorted(before.keys() & after.keys())
            if before[key] != after[key]
        }
        if added:
            details.append(prefix + "ajouté " + ", ".join(f"`{key}`" for key in added))
        if removed:
            details.append(prefix + "supprimé " + ", ".join(f"`{key}`" for key in removed))
        if changed:
            details.append(prefix + "modifié " + ", ".join(f"`{key}` ({', '.join(fields)})" for key, fields in changed.items()))
    return details


# --- eligibility: the examples of the new tree and the personas, on both rule sets -------


def _rules(site: Path) -> dict[str, dict[str, Any]]:
    path = site / "donnees" / "eligibilite.json"
    if not path.is_file():
        return {}
    return {aide["id"]: aide for aide in json.loads(path.read_text(encoding="utf-8"))["aides"]}


def load_personas(path: Path = PERSONAS) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["personas"]


def _result(rules: dict[str, dict[str, Any]], aide_id: str, answers: dict[str, Any]) -> str | None:
    rule = rules.get(aide_id)
    return outcome(rule["conditions"], answers)["statut"] if rule else None


def compare_outcomes(old_site: Path, new_site: Path, catalogue: Any) -> tuple[list[str], list[str]]:
    """Changed results: (worked examples of the new tree, personas), as Markdown lines."""
    old_rules, new_rules = _rules(old_site), _rules(new_site)

    def answers(raw: dict[str, Any]) -> dict[str, Any]:
        return normalise(raw, catalogue.questions, catalogue.region_of)

    examples = []
    for aide_id, aide in catalogue.aides.items():
        for example in aide.exemples:
            before, after = (
                _result(old_rules, aide_id, answers(example.reponses)),
                _result(new_rules, aide_id, answers(example.reponses)),
            )
            if before != after:
                examples.append(f"- `{aide_id}`, «{NBSP}{example.titre}{NBSP}»{NBSP}: {RESULTS[before]} → {RESULTS[after]}")
    personas = []
    for persona in load_personas():
        given = answers(persona["reponses"])
        for aide_id in sorted(old_rules.keys() | new_rules.keys()):
            before, after = _result(old_rules, aide_id, given), _result(new_rules, aide_id, given)
            if before != after:
                personas.append(f"- {persona['titre']}, `{aide_id}`{NBSP}: {RESULTS[before]} → {RESULTS[after]}")
    return examples, personas


# --- warnings --------------------------------------------------------------------------


def _warnings(directory: Path) -> list[DataWarning]:
    try:
        return load_with_warnings(directory)[1]
    except DataErrors as errors:
        return errors.warnings
    except Exception:  # an older data set the current code cannot read at all
        return []


def _key(warning: DataWarning, directory: Path) -> tuple[str, str, str]:
    path = Path(warning.file)
    try:
        relative = path.resolve().relative_to(directory.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    return relative, warning.field, warning.message


def new_warnings(old_data: Path, new_data: Path) -> list[DataWarning]:
    """Warnings of the new data that the old data did not have (positions ignored: lines move)."""
    before = {_key(warning, old_data) for warning in _warnings(old_data)}
    return [warning for warning in _warnings(new_data) if _key(warning, new_data) not in before]


# --- builds ------------------------------------------------------------------------------


def git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def default_revision() -> str:
    """The merge base with origin/main, else main, else the previous commit."""
    for command in (("merge-base", "HEAD", "origin/main"), ("rev-parse", "--verify", "--quiet", "main"), ("rev-parse", "HEAD~1")):
        try:
            found = git(*command)
        except subprocess.CalledProcessError:
            continue
        if found:
            return found
    raise SystemExit("Aucune révision de comparaison : indiquez-la avec --rev.")


@dataclass
class Build:
    site: Path
    ok: bool
    errors: str = ""
    seconds: float = 0.0


def build(tree: Path, site: Path, epoch: str, data: Path | None = None) -> Build:
    """Build ``tree`` with its own scripts/build.py into ``site``."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "PYTHONPATH": "hooks", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("AIDES_DATA_DIR", None)
    if data is not None:
        env["AIDES_DATA_DIR"] = str(data)
    start = time.monotonic()
    command = [sys.executable, str(tree / "scripts" / "build.py"), str(site)]
    result = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, check=False)
    return Build(site, result.returncode == 0, result.stderr, time.monotonic() - start)


@dataclass
class Worktree:
    path: Path

    def remove(self) -> None:
        subprocess.run(["git", "worktree", "remove", "--force", str(self.path)], cwd=ROOT, capture_output=True, check=False)
        shutil.rmtree(self.path, ignore_errors=True)


def checkout(revision: str, folder: Path) -> Worktree:
    git("worktree", "add", "--detach", "--quiet", str(folder), revision)
    return Worktree(folder)


# --- report ---------------------------------------------------------------------------------


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number < 2 else plural}"


def _address(address: str, titles: dict[str, str]) -> str:
    title = titles.get(address)
    return f"`/{address}`" + (f" — {title}" if title else "")


def pages_section(changes: PageChanges) -> Iterator[str]:
    yield "## Pages"
    yield ""
    yield (
        f"{_count(len(changes.added), 'page ajoutée', 'pages ajoutées')}, "
        f"{_count(len(changes.removed), 'page supprimée', 'pages supprimées')}, "
        f"{_count(len(changes.changed), 'page modifiée', 'pages modifiées')}."
    )
    for label, addresses in (("Pages ajoutées", changes.added), ("Pages supprimées", changes.removed)):
        if addresses:
            yield ""
            yield f"### {label}"
            yield ""
            yield from (f"- {_address(address, changes.titles)}" for address in addresses)
    if changes.changed:
        yield ""
        yield "### Pages modifiées (texte visible)"
        for address, lines in list(changes.changed.items())[:MAX_PAGES]:
            yield ""
            yield f"#### {_address(address, changes.titles)}"
            yield ""
            yield "```diff"
            yield from lines[:MAX_LINES]
            if len(lines) > MAX_LINES:
                yield f"… et {len(lines) - MAX_LINES} lignes de plus"
            yield "```"
        if len(changes.changed) > MAX_PAGES:
            yield ""
            yield f"… et {len(changes.changed) - MAX_PAGES} autres pages modifiées."


def _section(title: str, lines: list[str], empty: str) -> Iterator[str]:
    yield f"## {title}"
    yield ""
    yield from lines or [empty]


@dataclass
class Comparison:
    revision: str
    epoch: str
    old: Build
    new: Build
    pages: PageChanges | None = None
    exports: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    personas: list[str] = field(default_factory=list)
    warnings: list[DataWarning] = field(default_factory=list)


def report(comparison: Comparison) -> str:
    day = time.strftime("%d/%m/%Y", time.gmtime(int(comparison.epoch)))
    lines = [
        "# Ce que change cette modification",
        "",
        f"Comparaison du site construit depuis `{comparison.revision[:12]}` (avant) et depuis l'arbre actuel (après), "
        f"avec la même date de construction ({day}).",
        "",
    ]
    for label, result in (("actuelle", comparison.new), (f"de `{comparison.revision[:12]}`", comparison.old)):
        if not result.ok:
            lines += [
                f"**La construction {label} a échoué{NBSP}:**",
                "",
                "```",
                *result.errors.strip().splitlines()[-40:],
                "```",
                "",
            ]
    if comparison.pages is None:
        return "\n".join(lines) + "\n"
    sections = [
        pages_section(comparison.pages),
        _section("Données ouvertes", comparison.exports, "Aucun fichier de `/donnees/` ne change."),
        _section("Exemples des aides", comparison.examples, "Les exemples des aides donnent le même résultat avant et après."),
        _section(
            "Profils types", comparison.personas, "Les profils types de `scripts/personas.yml` obtiennent les mêmes résultats."
        ),
        _section(
            "Nouveaux points à revoir", [f"- `{warning}`" for warning in comparison.warnings], "Aucun nouvel avertissement."
        ),
    ]
    for section in sections:
        lines += [*section, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _epoch() -> str:
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    return str(int(time.time()) // 86400 * 86400)  # today, midnight UTC: both builds agree


def compare(revision: str, work: Path, current_site: Path | None = None) -> Comparison:
    epoch = _epoch()
    old_tree = work / "avant"
    tree = checkout(revision, old_tree)
    try:
        old = build(old_tree, work / "site-avant", epoch, data=old_tree / "data")
        new = Build(current_site, True) if current_site else build(ROOT, work / "site-apres", epoch, data=data_dir())
        comparison = Comparison(revision, epoch, old, new)
        if not (old.ok and new.ok):
            return comparison
        comparison.pages = compare_pages(site_pages(old.site), site_pages(new.site))
        comparison.exports = compare_exports(old.site, new.site)
        catalogue = load_with_warnings(data_dir())[0]
        comparison.examples, comparison.personas = compare_outcomes(old.site, new.site, catalogue)
        comparison.warnings = new_warnings(old_tree / "data", data_dir())
        return comparison
    finally:
        tree.remove()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare le site actuel à celui d'une autre révision.")
    parser.add_argument("--rev", help="révision de comparaison (défaut : merge-base avec origin/main, sinon main, sinon HEAD~1)")
    parser.add_argument("--sortie", type=Path, help="écrire aussi le rapport Markdown dans ce fichier")
    parser.add_argument("--site-nouveau", type=Path, help="site actuel déjà construit (même SOURCE_DATE_EPOCH)")
    args = parser.parse_args(argv)
    revision = git("rev-parse", "--verify", args.rev) if args.rev else default_revision()
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="diff-site-") as work:
        comparison = compare(revision, Path(work), args.site_nouveau.resolve() if args.site_nouveau else None)
        text = report(comparison)
    print(text)
    if args.sortie:
        args.sortie.write_text(text, encoding="utf-8")
    print(f"Comparaison faite en {time.monotonic() - start:.1f} s.", file=sys.stderr)
    return 0 if comparison.new.ok else 1


if __name__ == "__main__":
    sys.exit(main())
