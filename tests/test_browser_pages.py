"""Reading pages in a real browser (Chromium): accessibility, phone width, keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import axe_violations

READING_PAGES = [
    "",
    "aides/",
    "aides/reconstitution-offre-renouvellement-urbain/",
    "aides/sous-location-femmes-victimes-violences/",
    "partenaires/soli-al/",
    "conventions/protocole-dalo-ile-de-france-2019/",
    "contacts/",
    "donnees/",
    "accessibilite/",
    "contribuer/",
    "plan-du-site/",
]


@pytest.mark.parametrize("url", READING_PAGES)
def test_reading_pages_pass_axe_and_fit_a_phone(page: Any, url: str) -> None:
    page.goto(page.base + url)
    assert axe_violations(page) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"la page déborde : {width} px"


def test_contacts_form_takes_keyboard_users_to_their_departement(page: Any) -> None:
    page.goto(page.base + "contacts/")
    page.select_option("#contacts-departement", "dep-13")
    page.focus("#contacts-departement")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "dep-13"
    assert page.url.endswith("#dep-13")


def test_single_key_shortcuts_are_off(page: Any) -> None:
    page.goto(page.base + "aides/visale/")
    before = page.url
    page.keyboard.press("n")
    page.keyboard.press(".")
    page.wait_for_timeout(200)
    assert page.url == before
