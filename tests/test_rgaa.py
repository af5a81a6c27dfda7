"""The RGAA audit grid (referentiel/rgaa/): complete and honest, its rate computed as the RGAA method says,
published under /donnees/ safely, and what the declaration and every footer say comes from it."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from pathlib import Path

import pytest
from aides.model.formatting import NBSP
from aides.publishing.exports import rgaa_csv, rgaa_json
from aides.site.declaration import declaration
from aides.trust import rgaa

# The 13 themes of RGAA 4.1.2 and how many criteria each has: 106 in all.
THEMES = {
    1: ("Images", 9),
    2: ("Cadres", 2),
    3: ("Couleurs", 3),
    4: ("Multimédia", 13),
    5: ("Tableaux", 8),
    6: ("Liens", 2),
    7: ("Scripts", 5),
    8: ("Éléments obligatoires", 10),
    9: ("Structuration de l’information", 4),
    10: ("Présentation de l’information", 14),
    11: ("Formulaires", 13),
    12: ("Navigation", 11),
    13: ("Consultation", 12),
}
# The automated checks the grid may cite: the tests of tests/test_accessibilite_automatique.py, by name.
AUTOMATED_TESTS = set(
    re.findall(r"^def (test_\w+)", (Path(__file__).parent / "test_accessibilite_automatique.py").read_text(), re.M)
)
SAMPLE = [f"P{n:02d}" for n in range(1, 13)]
GRID = rgaa.grid()


def test_the_grid_has_the_106_criteria_of_rgaa_4_1_2_by_theme() -> None:
    assert GRID.version == "4.1.2"
    assert len(GRID.criteres) == 106
    for number, (name, count) in THEMES.items():
        criteria = [c for c in GRID.criteres if c.thematique == number]
        assert [c.numero for c in criteria] == [f"{number}.{n}" for n in range(1, count + 1)]
        assert {c.nom_thematique for c in criteria} == {name}
        assert all(c.titre.endswith("?") for c in criteria)


def test_every_criterion_is_judged_on_every_page_of_the_sample() -> None:
    audit = rgaa.yaml.safe_load((rgaa.FOLDER / "audit.yml").read_text(encoding="utf-8"))
    assert set(audit["criteres"]) == {c.numero for c in GRID.criteres}, "un critère en trop ou mal numéroté"
    assert [page.id for page in GRID.pages] == SAMPLE
    for criterion in GRID.criteres:
        assert list(criterion.pages) == SAMPLE, criterion.numero
        for page, judgment in criterion.pages.items():
            where = f"{criterion.numero} {page}"
            assert judgment.resultat in rgaa.RESULTS, where
            assert judgment.methode in rgaa.METHODS, where
            if judgment.methode == "automatique":
                assert judgment.tests and set(judgment.tests) <= AUTOMATED_TESTS, where
            else:
                assert judgment.raison, f"{where} : une revue dit ce qu'elle a regardé"
            if judgment.resultat != "C":
                assert judgment.raison, f"{where} : un {judgment.resultat} dit pourquoi"


def test_a_page_exception_names_a_page_of_the_sample() -> None:
    audit = rgaa.yaml.safe_load((rgaa.FOLDER / "audit.yml").read_text(encoding="utf-8"))
    for number, found in audit["criteres"].items():
        assert set(found.get("pages", {})) <= set(SAMPLE), number


def _criterion(numero: str, *results: str) -> rgaa.Criterion:
    pages = {f"P{n:02d}": rgaa.Judgment(result, "revue", (), "…") for n, result in enumerate(results, 1)}
    return rgaa.Criterion(numero, 1, "Images", "?", pages)


@pytest.mark.parametrize(
    ("results", "expected"),
    [(("C", "C"), "C"), (("C", "NA"), "C"), (("NA", "NA"), "NA"), (("C", "NC"), "NC"), (("NA", "NC"), "NC")],
)
def test_a_criterion_is_nc_on_one_page_na_everywhere_else_c(results: tuple[str, ...], expected: str) -> None:
    assert _criterion("1.1", *results).resultat == expected


def test_the_rate_is_c_over_c_plus_nc_and_the_mean_of_the_pages_rates() -> None:
    grid = [
        _criterion("1.1", "C", "C"),
        _criterion("1.2", "C", "NC"),  # NC on one page: NC
        _criterion("1.3", "NA", "C"),  # applicable once, never NC: C
        _criterion("1.4", "NA", "NA"),  # out of the rate
    ]
    rate = rgaa.rate(grid, ["P01", "P02"])
    assert (rate.conformes, rate.non_conformes, rate.non_applicables) == (2, 1, 1)
    assert rate.taux == 66.67  # 2 / 3
    assert rate.taux_moyen == 83.33  # P01: 2/2 = 100 %, P02: 2/3 = 66.67 %
    assert rate.etat == "partiellement conforme"


@pytest.mark.parametrize(
    ("taux", "etat"), [(100, "totalement conforme"), (50, "partiellement conforme"), (49.99, "non conforme")]
)
def test_the_declared_state_follows_the_rgaa_thresholds(taux: float, etat: str) -> None:
    assert rgaa.Rate(1, 0, 0, taux, taux).etat == etat


def test_a_grid_without_any_applicable_criterion_is_not_a_division_by_zero() -> None:
    assert rgaa.rate([_criterion("1.1", "NA")], ["P01"]).taux == 100.0


def test_the_published_json_holds_the_grid_and_its_rate() -> None:
    data = json.loads(json.dumps(rgaa_json(GRID, "https://exemple.fr/")))
    assert data["taux"] == GRID.taux.taux and data["etat"] == GRID.taux.etat
    assert len(data["criteres"]) == 106 and all(len(c["pages"]) == 12 for c in data["criteres"])
    assert data["pages"][0] == {"id": "P01", "nom": "Accueil", "url": "https://exemple.fr/"}


def test_the_published_csv_has_a_row_per_criterion_and_page_and_no_formula() -> None:
    rows = list(csv.DictReader(io.StringIO(rgaa_csv(GRID))))
    assert len(rows) == 106 * 12
    for row in rows:
        assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in row.values()), row


def test_a_reason_that_looks_like_a_formula_is_written_as_text() -> None:
    page = rgaa.Page("P01", "Accueil", "/")
    hostile = rgaa.Criterion("1.1", 1, "Images", "?", {"P01": rgaa.Judgment("NC", "revue", (), '=HYPERLINK("x")')})
    grid = rgaa.Grid("4.1.2", "source", dt.date(2026, 12, 4), (page,), (hostile,))
    (row,) = csv.DictReader(io.StringIO(rgaa_csv(grid)))
    assert row["raison"] == '\'=HYPERLINK("x")'


def test_the_declaration_lists_each_non_conformity_with_its_pages_and_reasons() -> None:
    view = declaration(None)  # type: ignore[arg-type]  # the view reads the grid only
    failing = [c for c in GRID.criteres if c.resultat == "NC"]
    assert [nc.critere for nc in view.non_conformites] == [c.numero for c in failing]
    for nc, criterion in zip(view.non_conformites, failing, strict=True):
        assert nc.raisons and len(nc.pages) == sum(j.resultat == "NC" for j in criterion.pages.values())
    assert view.taux.endswith(f"{NBSP}%") and len(view.pages) == 12


def _text(page: Path) -> str:
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))))


def test_the_declaration_page_shows_the_state_the_rate_and_the_recourse(site: Path) -> None:
    text = _text(site / "accessibilite" / "index.html")
    rate = GRID.taux
    assert f"Le site est {rate.etat} avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.2" in text
    # Written as a French reader expects, independently of formatting.percent: « 93,06 % », « 100 % ».
    assert f"{rate.taux:g}".replace(".", ",") + f"{NBSP}% des critères du RGAA sont respectés" in text
    assert "09 69 39 00 00".replace(" ", NBSP) in text and "Libre réponse 71120, 75342 Paris CEDEX 07" in text
    assert "axe-core" in text and "Nu HTML Checker" in text and "Playwright" in text
    source = (site / "accessibilite" / "index.html").read_text(encoding="utf-8")
    assert 'href="../donnees/rgaa.json"' in source and 'href="../donnees/rgaa.csv"' in source
    assert source.count('<li><a href="') >= 12  # the pages audited, each a link


def test_every_footer_says_what_the_audit_found(site: Path) -> None:
    expected = f"Accessibilité{NBSP}: {GRID.taux.etat}"
    for page in ("index.html", "aides/index.html", "contacts/index.html", "integrer/aides/visale/index.html", "404.html"):
        assert expected in html.unescape((site / page).read_text(encoding="utf-8")), page


def test_the_grid_is_published_under_donnees(site: Path) -> None:
    data = json.loads((site / "donnees" / "rgaa.json").read_text(encoding="utf-8"))
    assert data["taux"] == GRID.taux.taux
    assert (site / "donnees" / "rgaa.csv").read_text(encoding="utf-8") == rgaa_csv(GRID)
    assert 'href="rgaa.json"' in (site / "donnees" / "index.html").read_text(encoding="utf-8")
