"""What a change does to the site: build the current tree and another revision, compare them.

    python scripts/diff_site.py [--rev REV] [--sortie rapport.md] [--site-nouveau site]

The revision (by default the merge base with origin/main, else main, else HEAD~1) is checked
out with ``git worktree add`` into a temporary folder and built with its own code and data
(its scripts/build.py); the current tree is built the same way, both with the same
SOURCE_DATE_EPOCH. The French Markdown report lists the pages added, removed and changed
(visible text of the main content, not the HTML), the open data records changed, the worked
examples and personas whose eligibility result changed, and the new warnings (compared by
diff_pages.py and diff_data.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from aides.data.errors import DataWarning  # noqa: E402
from aides.data.loading import data_dir, load_with_warnings  # noqa: E402
from aides.model.formatting import NBSP  # noqa: E402
from diff_data import compare_exports, compare_outcomes, new_warnings  # noqa: E402
from diff_pages import PageChanges, compare_pages, site_pages  # noqa: E402

MAX_LINES = 20  # diff lines shown per page
MAX_PAGES = 30  # changed pages shown in detail


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
    env["AIDES_LOCAL"] = "1"  # compared, never published: both builds keep the same local addresses
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
