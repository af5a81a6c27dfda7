"""Money in the rules, as a person and an editor meet it: a catalogue with real-shaped income aids
(tests/revenus/: Mobili-Jeune at 120 % of the SMIC, Visale over 30 at 1 500 € net, social housing under the
PLUS ceilings, a quotient familial, 1.5 SMIC), built for real, read in its pages and used in Chromium."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, ROOT, Builder, axe_violations, local_page, serve_directory
from test_site import visible_text

INCOME = ROOT / "tests" / "revenus"
NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(scope="session")
def income_site(tmp_path_factory: pytest.TempPathFactory, build_site: Builder) -> Path:
    data = tmp_path_factory.mktemp("revenus") / "data"
    shutil.copytree(DATA, data)
    for path in (INCOME / "aides").glob("*.yml"):
        shutil.copy(path, data / "aides" / path.name)
    extra = (INCOME / "sources.yml").read_text(encoding="utf-8").split("\n", 1)[1]
    (data / "sources.yml").write_text((data / "sources.yml").read_text(encoding="utf-8") + "\n" + extra, encoding="utf-8")
    site = data.parent / "site"
    result = build_site(site, data)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def income_server(income_site: Path) -> Iterator[str]:
    httpd, url = serve_directory(income_site)
    yield url
    httpd.shutdown()


@pytest.fixture
def income_page(browser: Any, income_server: str) -> Iterator[Any]:
    with local_page(browser, income_server) as opened:
        yield opened


def _text(site: Path, url: str) -> str:
    return " ".join(visible_text(site / url / "index.html").replace(NBSP, " ").replace(NNBSP, " ").split())


def test_a_share_of_the_smic_is_said_with_its_figure_and_date(income_site: Path) -> None:
    text = _text(income_site, "aides/mobili-jeune")
    assert (
        "Avoir un salaire brut mensuel au plus égal à 2 240,42 € brut par mois (120 % du SMIC en vigueur au 1er juin 2026)"
        in text
    )


def test_a_ceiling_names_its_barème_and_the_tax_notice_of_the_year(income_site: Path) -> None:
    text = _text(income_site, "aides/logement-social-plus")
    assert "Avoir un revenu fiscal de référence 2024 au plus égal au plafond de son ménage" in text
    assert "en vigueur au 1er janvier 2026" in text


def _checker(page: Any, aid: str, fragment: str) -> str:
    page.goto(f"{page.base}aides/{aid}/#{fragment}")
    page.wait_for_selector("[data-checker]:not([hidden])")
    return " ".join(page.inner_text("[data-verdict]").replace(NBSP, " ").replace(NNBSP, " ").split())


TOULON_COUPLE = "profil=particulier&couple=oui&personnes_a_charge=0&handicap=non&age=40&age_conjoint=40&commune=83137"


def test_a_couple_in_toulon_under_the_plus_ceiling_may_have_a_right(income_page: Any) -> None:
    verdict = _checker(income_page, "logement-social-plus", f"{TOULON_COUPLE}&revenu_fiscal=25000")
    assert "vous pourriez avoir droit" in verdict.lower() or "pourriez" in verdict


def test_near_the_ceiling_the_checker_says_so_with_the_figure(income_page: Any) -> None:
    verdict = _checker(income_page, "logement-social-plus", f"{TOULON_COUPLE}&revenu_fiscal=31000")
    assert "à vérifier" in verdict
    assert "à moins de 5 % du plafond de 31 254 € pour un ménage de catégorie 2 (2 personnes), zone « Autres régions »" in verdict


def test_an_unknown_income_gives_the_figure_to_compare(income_page: Any) -> None:
    verdict = _checker(income_page, "logement-social-plus", f"{TOULON_COUPLE}&revenu_fiscal=nsp")
    assert (
        "possible si votre montant ne dépasse pas 31 254 € pour un ménage de catégorie 2 (2 personnes), zone « Autres régions »"
        in verdict
    )


def test_an_estimate_of_the_fiscal_parts_never_gives_a_firm_result(income_page: Any) -> None:
    fragment = "profil=particulier&age=22&revenu_fiscal=30000&couple=oui&personnes_a_charge=0"
    verdict = _checker(income_page, "aide-jeunes-quotient", fragment)
    assert "à vérifier" in verdict and "vos parts fiscales sont estimées" in verdict


def test_the_amount_field_reads_french_amounts_and_offers_je_ne_sais_pas(income_page: Any) -> None:
    page = income_page
    page.goto(f"{page.base}aides/visale-salaries-30-ans/#profil=particulier&age=40&statut=salarie")
    page.wait_for_selector("[data-checker]:not([hidden])")
    field = page.locator("fieldset[data-question=salaire_net_mensuel]")
    assert field.get_by_label("Je ne sais pas").count() == 1
    assert "euros par mois" in field.inner_text() and "net à payer" in field.inner_text()
    field.locator("input[data-valeur]").fill("1 300,50")
    field.locator("input[data-valeur]").press("Enter")
    page.wait_for_function("() => location.hash.includes('salaire_net_mensuel=1300.5')")
    assert "pourriez" in page.inner_text("[data-verdict]")
    assert axe_violations(page) == []


def test_the_questionnaire_asks_the_household_and_explains_the_figures(income_page: Any) -> None:
    page = income_page
    answers = "profil=particulier&age=24&statut=salarie&salaire_brut_mensuel=1500"
    page.goto(f"{page.base}eligibilite/#{answers}")
    page.wait_for_selector("[data-questionnaire]:not([hidden])")
    page.wait_for_function("() => document.querySelector('#eligible [data-liste]')?.textContent.includes('Mobili-Jeune')")
    eligible = page.inner_text("#eligible [data-liste]")
    assert "Mobili-Jeune" in eligible and "Aide à la mobilité des salariés" in eligible
    revenue = page.locator("fieldset[data-question=revenu_fiscal]")
    assert re.search(r"avis d.impôt 2025 \(revenus 2024\)", revenue.inner_text())


def test_the_contract_in_the_fragment_of_the_questionnaire(income_page: Any) -> None:
    """The issue's contract: ``/eligibilite/#revenu_fiscal=20000&parts_fiscales=2`` (half parts kept too)."""
    page = income_page
    page.goto(f"{page.base}eligibilite/#profil=particulier&age=22&revenu_fiscal=20000&parts_fiscales=2")
    page.wait_for_selector("[data-questionnaire]:not([hidden])")
    page.wait_for_function("() => document.querySelector('#eligible [data-liste]')?.textContent.includes('quotient familial')")
    assert "revenu_fiscal=20000&parts_fiscales=2" in page.url
    page.goto(f"{page.base}eligibilite/#profil=particulier&age=22&revenu_fiscal=20000&parts_fiscales=2.5")
    page.wait_for_selector("[data-questionnaire]:not([hidden])")
    page.wait_for_function("() => document.querySelector('#eligible [data-liste]')?.textContent.includes('quotient familial')")
    assert "parts_fiscales=2.5" in page.url
