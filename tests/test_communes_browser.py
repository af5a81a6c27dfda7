"""The commune question in a real browser (Chromium): postcodes, names, merged communes, amounts by zone.

The per-aid checker of the seed 004 aid asks the commune (its territory is a node of its rules) and
shows the amounts of the person's zone; the lookup files come from the built site, fetched on use.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import axe_violations

AID = "/aides/reconstitution-offre-renouvellement-urbain/"
FIELD = "#verif-commune"


def open_checker(page: Any, fragment: str = "") -> Any:
    page.goto(page.base + AID + fragment)
    page.wait_for_selector("[data-checker]:not([hidden])")
    return page.locator(FIELD)


def search(page: Any, text: str) -> Any:
    field = page.locator(FIELD)
    field.locator("[data-commune-texte]").fill(text)
    field.locator("[data-commune-texte]").press("Enter")
    return field


def status(field: Any) -> str:
    return field.locator("[data-commune-statut]").inner_text()


def test_nothing_territorial_is_downloaded_until_used(page: Any) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_checker(page)
    assert not [url for url in requests if "/assets/communes/" in url]


def communes_fetched(page: Any) -> list[str]:
    """The lookup files the page requests from now on, as paths under assets/communes/."""
    fetched: list[str] = []
    page.on(
        "request",
        lambda request: (
            fetched.append(request.url.split("/assets/communes/", 1)[1]) if "/assets/communes/" in request.url else None
        ),
    )
    return fetched


def test_focus_fetches_the_index_and_typing_the_postcode_file_before_entree(page: Any) -> None:
    fetched = communes_fetched(page)
    text = open_checker(page).locator("[data-commune-texte]")
    assert fetched == []
    with page.expect_response(lambda response: response.url.endswith("/assets/communes/index.json")):
        text.focus()
    page.wait_for_timeout(300)  # time for any other request to start: there must be none
    assert fetched == ["index.json"]
    with page.expect_response(lambda response: response.url.endswith("/assets/communes/cp/83.json")):
        text.press_sequentially("830", delay=50)
    assert fetched == ["index.json", "cp/83.json"]  # before Entrée
    text.press_sequentially("00", delay=50)
    text.press("Enter")
    page.wait_for_function("() => document.querySelector('#verif-commune [data-commune-statut]').textContent.includes('Toulon')")
    assert fetched == ["index.json", "cp/83.json"]  # Entrée found them in memory


def test_typing_a_name_fetches_its_file_before_entree(page: Any) -> None:
    fetched = communes_fetched(page)
    text = open_checker(page).locator("[data-commune-texte]")
    with page.expect_response(lambda response: "/assets/communes/noms/" in response.url):
        text.press_sequentially("Toul", delay=50)
    assert fetched[0] == "index.json" and len(fetched) == 2 and fetched[1].startswith("noms/to"), fetched
    text.press_sequentially("on", delay=50)
    text.press("Enter")
    page.wait_for_function("() => document.querySelector('#verif-commune [data-commune-resultats]').children.length > 0")
    assert len(fetched) == 2, fetched


def test_83000_gives_toulon_and_the_metropolis_amounts(page: Any) -> None:
    open_checker(page)
    field = search(page, "83000")
    page.wait_for_function("() => document.querySelector('#verif-commune [data-commune-statut]').textContent.includes('Toulon')")
    assert "Commune choisie" in status(field)
    amounts = page.locator("[data-montants-zone]").inner_text()
    assert "Toulon" in amounts and "Métropole Toulon-Provence-Méditerranée" in amounts
    assert re.search(r"Prêt PLUS\s:\s8\s000\s€", amounts), amounts
    assert re.search(r"Prêt PLAI\s:\s11\s000\s€", amounts), amounts
    assert "83137" in page.evaluate("location.hash")


def test_04000_gives_digne_and_the_rest_of_paca(page: Any) -> None:
    open_checker(page)
    field = search(page, "04000")
    page.wait_for_function("() => document.querySelector('#verif-commune [data-commune-statut]').textContent.length > 0")
    choice = field.locator("[data-commune-choix][value='04070']")
    if not choice.is_checked():
        choice.check()
    page.wait_for_function("() => document.querySelector('[data-montants-zone]').textContent.includes('Digne')")
    amounts = page.locator("[data-montants-zone]").inner_text()
    assert "Reste des régions" in amounts
    assert re.search(r"Prêt PLUS\s:\s6\s700\s€", amounts), amounts


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [("13001", "13055", "Marseille"), ("20000", "2A004", "Ajaccio"), ("97400", "97411", "Saint-Denis")],
)
def test_a_postcode_leads_to_its_commune(page: Any, text: str, code: str, name: str) -> None:
    open_checker(page)
    field = search(page, text)
    page.wait_for_function("() => document.querySelector('#verif-commune [data-commune-statut]').textContent.length > 0")
    radio = field.locator(f"[data-commune-choix][value='{code}']")
    if not radio.is_checked():
        radio.check()
    assert name in status(field)
    assert f"commune={code}" in page.evaluate("location.hash")


def test_01400_offers_a_choice_among_ten_communes(page: Any) -> None:
    open_checker(page)
    field = search(page, "01400")
    page.wait_for_function(
        "() => document.querySelector('#verif-commune [data-commune-statut]').textContent.includes('communes')"
    )
    assert field.locator("[data-commune-choix]").count() == 10
    assert "10\u00a0communes correspondent" in status(field)
    assert "commune=" not in page.evaluate("location.hash")


def test_a_merged_commune_leads_to_the_current_one(page: Any) -> None:
    open_checker(page)
    field = search(page, "Bellegarde-sur-Valserine")
    page.wait_for_function("() => document.querySelector('#verif-commune [data-commune-resultats]').children.length > 0")
    choice = field.locator("[data-commune-choix]").first
    if not choice.is_checked():
        choice.check()
    text = status(field)
    assert "Valserhône" in text and "Valserhône comprend désormais Bellegarde-sur-Valserine" in text
    assert "commune=01033" in page.evaluate("location.hash")


def test_an_unknown_postcode_says_so_and_gives_nothing(page: Any) -> None:
    open_checker(page)
    field = search(page, "99999")
    page.wait_for_function("() => document.querySelector('#verif-commune [data-commune-statut]').textContent.length > 0")
    assert "Aucune commune ne correspond au code postal 99999" in status(field)
    assert field.locator("[data-commune-choix]").count() == 0
    assert "commune=" not in page.evaluate("location.hash")


def test_keyboard_only(page: Any) -> None:
    open_checker(page)
    page.locator(FIELD).locator("[data-commune-texte]").focus()
    page.keyboard.type("01400")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('#verif-commune [data-commune-choix]').length === 10")
    page.keyboard.press("Tab")  # the search button
    page.keyboard.press("Tab")  # the first radio button
    page.keyboard.press("ArrowDown")  # the second commune, chosen
    assert "commune=01" in page.evaluate("location.hash")


def test_a_prefilled_link_names_the_commune(page: Any) -> None:
    field = open_checker(page, "#commune=83137")
    page.wait_for_function("() => document.querySelector('[data-montants-zone]').textContent.includes('Toulon')")
    assert "Toulon" in status(field)


def test_checker_with_the_commune_question_passes_axe(page: Any) -> None:
    open_checker(page)
    search(page, "01400")
    page.wait_for_function("() => document.querySelectorAll('#verif-commune [data-commune-choix]').length === 10")
    assert axe_violations(page) == []
