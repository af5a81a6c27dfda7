"""Places in a real browser (Chromium): the catalogue filtered by commune, and « Où s'adresser ? » by commune.

Nothing territorial is in the page: the lookup files (assets/communes/) say a code exists and its
département; the vocabulary's ``epci_of`` gives the EPCI of the communes of the EPCI the data names.
"""

from __future__ import annotations

from typing import Any

LYON_AID = "/aides/logement-temporaire-habitat-humanisme-rhone/"
PACA_AID = "/aides/accompagnement-soli-al/"
NATIONAL_AID = "/aides/accompagnement-jeunes-cllaj/"


def catalogue(page: Any, query: str) -> list[str]:
    """The links of the aids listed by /aides/ for a query, once filtered."""
    page.goto(page.base.rstrip("/") + "/aides/" + query)
    page.wait_for_selector("[data-resultats]:not([hidden]), [data-avis]:not([hidden])")
    page.wait_for_function("() => !document.querySelector('[data-catalogue]').hasAttribute('aria-busy')")
    return page.eval_on_selector_all("[data-liste] .carte-aide a", "links => links.map((a) => new URL(a.href).pathname)")


def test_lyon_gives_the_rhone_and_national_aids_not_those_of_paca(page: Any) -> None:
    links = catalogue(page, "?commune=69123")
    assert any(link.endswith(LYON_AID) for link in links), links
    assert any(link.endswith(NATIONAL_AID) for link in links), links
    assert not any(link.endswith(PACA_AID) for link in links), links
    assert "Lyon" in page.locator("#filtre-commune [data-commune-texte]").input_value()


def test_toulon_gives_the_paca_aids(page: Any) -> None:
    links = catalogue(page, "?commune=83137")
    assert any(link.endswith(PACA_AID) for link in links), links
    assert not any(link.endswith(LYON_AID) for link in links), links


def test_an_unknown_commune_is_set_aside_with_a_notice(page: Any) -> None:
    for code in ("99999", "83999"):
        page.goto(page.base.rstrip("/") + "/aides/?commune=" + code)
        notice = page.locator("[data-avis]")
        notice.wait_for(state="visible")
        assert f"commune\u00a0: «\u00a0{code}\u00a0»" in notice.inner_text()


def test_the_commune_field_sets_the_filter(page: Any) -> None:
    page.goto(page.base.rstrip("/") + "/aides/")
    page.locator("[data-filtres-details]").evaluate("details => (details.open = true)")
    field = page.locator("#filtre-commune [data-commune-texte]")
    field.fill("83000")
    field.press("Enter")
    page.wait_for_function("() => location.search.includes('commune=83137')")
    page.wait_for_selector("[data-resultats]:not([hidden])")
    links = page.eval_on_selector_all("[data-liste] .carte-aide a", "links => links.map((a) => new URL(a.href).pathname)")
    assert any(link.endswith(PACA_AID) for link in links) and not any(link.endswith(LYON_AID) for link in links)
