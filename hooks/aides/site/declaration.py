"""The accessibility declaration (/accessibilite/), after the DINUM's model: its figures come from the audit
grid (trust/rgaa.py), never from a text typed by hand; its dates are formatted in French (formatting.py)."""

from __future__ import annotations

from dataclasses import dataclass

from aides.model import formatting as fmt
from aides.site import urls
from aides.site.pieces import Pieces
from aides.trust import rgaa


@dataclass(frozen=True, slots=True)
class NonConformity:
    critere: str
    titre: str
    pages: list[str]  # « Les aides (P02) »…
    raisons: list[str]  # the reasons the grid gives, each once


@dataclass(frozen=True, slots=True)
class AuditedPage:
    nom: str
    url: str  # from the site root, for the ``url`` filter


@dataclass(frozen=True, slots=True)
class DeclarationView:
    etat: str  # « partiellement conforme »
    taux: str  # « 93,06 % »
    taux_moyen: str
    conformes: int
    non_conformes: int
    non_applicables: int
    date: str  # « 4 décembre 2026 »
    version: str  # « 4.1.2 »
    non_conformites: list[NonConformity]
    pages: list[AuditedPage]
    grille_json: str
    grille_csv: str


def _non_conformity(criterion: rgaa.Criterion, names: dict[str, str]) -> NonConformity:
    failing = [(page, judgment) for page, judgment in criterion.pages.items() if judgment.resultat == "NC"]
    reasons = list(dict.fromkeys(judgment.raison for _, judgment in failing))
    pages = [fmt.typography(f"{names[page]} ({page})") for page, _ in failing]
    return NonConformity(criterion.numero, fmt.typography(criterion.titre), pages, [fmt.typography(r) for r in reasons])


def declaration(p: Pieces, key: None = None, grid: rgaa.Grid | None = None) -> DeclarationView:
    """The declaration's view, from the grid of referentiel/rgaa/ (or ``grid``, for tests)."""
    grid = grid or rgaa.grid()
    rate = grid.taux
    names = {page.id: page.nom for page in grid.pages}
    failing = [criterion for criterion in grid.criteres if criterion.resultat == "NC"]
    return DeclarationView(
        etat=rate.etat,
        taux=fmt.percent(rate.taux),
        taux_moyen=fmt.percent(rate.taux_moyen),
        conformes=rate.conformes,
        non_conformes=rate.non_conformes,
        non_applicables=rate.non_applicables,
        date=fmt.date(grid.date),
        version=grid.version,
        non_conformites=[_non_conformity(criterion, names) for criterion in failing],
        pages=[AuditedPage(fmt.typography(page.nom), page.adresse.lstrip("/")) for page in grid.pages],
        grille_json=urls.open_data("rgaa.json"),
        grille_csv=urls.open_data("rgaa.csv"),
    )
