"""The site's RGAA 4.1.2 audit: the grid (referentiel/rgaa/), its rate and the conformity it declares.

``criteres.yml`` holds the 106 official criteria, ``audit.yml`` what the audit found for each criterion
on each page of the sample (C, NC or NA, and how: an automated test or a written reasoning). The grid
describes the site's templates, not a data set: it sits in referentiel/, read whatever ``AIDES_DATA_DIR``
says. The rate follows the RGAA method (« Méthode de calcul du taux de conformité »).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

FOLDER = Path(__file__).resolve().parents[3] / "referentiel" / "rgaa"
RESULTS = ("C", "NC", "NA")
METHODS = ("automatique", "revue")


@dataclass(frozen=True, slots=True)
class Judgment:
    """What the audit found for one criterion on one page."""

    resultat: str  # C, NC or NA
    methode: str  # automatique or revue
    tests: tuple[str, ...]
    raison: str


@dataclass(frozen=True, slots=True)
class Criterion:
    numero: str  # « 1.1 »
    thematique: int
    nom_thematique: str
    titre: str
    pages: dict[str, Judgment]  # page id (P01…) → judgment

    @property
    def resultat(self) -> str:
        """The criterion over the whole sample: NC if NC on one page, NA if NA everywhere, else C."""
        return criterion_result(judgment.resultat for judgment in self.pages.values())


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    nom: str
    adresse: str  # from the site root: « /aides/ »


@dataclass(frozen=True, slots=True)
class Grid:
    version: str
    source: str
    date: dt.date
    pages: tuple[Page, ...]
    criteres: tuple[Criterion, ...]

    @property
    def taux(self) -> Rate:
        return rate(self.criteres, [page.id for page in self.pages])


@dataclass(frozen=True, slots=True)
class Rate:
    conformes: int
    non_conformes: int
    non_applicables: int
    taux: float  # percent, criteria C / (C + NC)
    taux_moyen: float  # percent, the mean of each page's own rate

    @property
    def etat(self) -> str:
        """The declaration's wording: totally at 100 %, partially from 50 %, not below."""
        if self.taux >= 100:
            return "totalement conforme"
        return "partiellement conforme" if self.taux >= 50 else "non conforme"


def criterion_result(results: Any) -> str:
    """C if C or NA on every page and applicable on one; NC if NC on one page; NA if NA on every page."""
    seen = set(results)
    if "NC" in seen:
        return "NC"
    return "C" if "C" in seen else "NA"


def _percent(conformes: int, non_conformes: int) -> float:
    """Unrounded: the mean of the pages' rates rounds once, at the end."""
    applicable = conformes + non_conformes
    return 100 * conformes / applicable if applicable else 100.0


def rate(criteres: Any, pages: list[str]) -> Rate:
    """The RGAA rates: the site's (criteria judged over the sample) and the mean of the pages' own rates."""
    criteres = list(criteres)
    overall = [criterion.resultat for criterion in criteres]
    per_page = []
    for page in pages:
        results = [criterion.pages[page].resultat for criterion in criteres]
        per_page.append(_percent(results.count("C"), results.count("NC")))
    return Rate(
        conformes=overall.count("C"),
        non_conformes=overall.count("NC"),
        non_applicables=overall.count("NA"),
        taux=round(_percent(overall.count("C"), overall.count("NC")), 2),
        taux_moyen=round(sum(per_page) / len(per_page), 2) if per_page else 100.0,
    )


def _judgment(default: dict[str, Any], override: dict[str, Any]) -> Judgment:
    merged = {**default, **override}
    return Judgment(merged["resultat"], merged["methode"], tuple(merged.get("tests", ())), merged.get("raison", "").strip())


def _criterion(numero: str, theme: dict[str, Any], titre: str, found: dict[str, Any], pages: list[str]) -> Criterion:
    default = {key: value for key, value in found.items() if key != "pages"}
    exceptions = found.get("pages", {})
    judged = {page: _judgment(default, exceptions.get(page, {})) for page in pages}
    return Criterion(numero, theme["numero"], theme["nom"], titre, judged)


def read_grid(folder: Path = FOLDER) -> Grid:
    """The grid as the audit left it; a criterion missing from audit.yml raises KeyError (tests/test_rgaa.py)."""
    referential = yaml.safe_load((folder / "criteres.yml").read_text(encoding="utf-8"))
    audit = yaml.safe_load((folder / "audit.yml").read_text(encoding="utf-8"))
    pages = tuple(Page(page_id, str(page["nom"]), str(page["adresse"])) for page_id, page in audit["pages"].items())
    ids = [page.id for page in pages]
    criteres = tuple(
        _criterion(numero, theme, titre, audit["criteres"][numero], ids)
        for theme in referential["thematiques"]
        for numero, titre in theme["criteres"].items()
    )
    return Grid(str(referential["version"]), referential["source"], audit["date"], pages, criteres)


@cache
def grid() -> Grid:
    """The repository's grid, read once per process."""
    return read_grid()
