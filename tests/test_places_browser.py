"""Places in a real browser (Chromium): the catalogue filtered by commune, and « Où s'adresser ? » by commune.

Nothing territorial is in the page: the lookup files (assets/communes/) say a code exists and its
département; the vocabulary's ``epci_of`` gives the EPCI of the communes of the EPCI the data names.
"""

from __future__ import annotations

from typing import Any

from conftest import axe_violations, local_page

LYON_AID = "/aides/logement-temporaire-habitat-humanisme-rhone/"
PACA_AID = "/aides/accompagnement-soli-al/"
NATIONAL_AID = "/aides/accompagnement-jeunes-cllaj/"


def listed_aids(page: Any, query: str) -> list[str]:
    """The links of the aids listed by /aides/ for a query, once filtered."""
    page.goto(page.base.rstrip("/") + "/aides/" + query)
    page.wait_for_selector("[data-resultats]:not([hidden]), [data-avis]:not([hidden])")
    page.wait_for_function("() => !document.querySelector('[data-catalogue]').hasAttribute('aria-busy')")
    return page.eval_on_selector_all("[data-liste] .carte-aide a", "links => links.map((a) => new URL(a.href).pathname)")


def test_lyon_gives_the_rhone_and_national_aids_not_those_of_paca(page: Any) -> None:
    links = listed_aids(page, "?commune=69123")
    assert any(link.endswith(LYON_AID) for link in links), links
    assert any(link.endswith(NATIONAL_AID) for link in links), links
    assert not any(link.endswith(PACA_AID) for link in links), links
    assert "Lyon" in page.locator("#filtre-commune [data-commune-texte]").input_value()


def test_toulon_gives_the_paca_aids(page: Any) -> None:
    links = listed_aids(page, "?commune=83137")
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


# --- /contacts/ : « Près de chez vous » -------------------------------------------------------

PACA_CONTACT = "Accompagnement social d'Action Logement Services en Paca-Corse"


def contacts_search(page: Any, text: str) -> Any:
    page.goto(page.base.rstrip("/") + "/contacts/")
    box = page.locator("[data-contacts-commune]")
    box.wait_for(state="visible")
    box.locator("[data-commune-texte]").fill(text)
    box.locator("[data-commune-texte]").press("Enter")
    page.wait_for_function("() => document.querySelector('[data-contacts-statut]').textContent.length > 0")
    return box


def test_83000_gives_toulon_and_the_paca_contact_first_with_its_aids(page: Any) -> None:
    box = contacts_search(page, "83000")
    assert "Toulon" in box.locator("[data-contacts-statut]").inner_text()
    first = box.locator("[data-contacts-resultats] .fiche-contact").first
    assert PACA_CONTACT in first.inner_text()
    assert "Soli'AL" in first.locator(".pres-de-chez-vous__liens").inner_text()
    assert "Soli'AL" in box.locator("[data-contacts-resultats]").inner_text()  # a partner active there
    assert "commune=83137" in page.evaluate("() => location.hash")


def test_lyon_has_no_paca_contact(page: Any) -> None:
    box = contacts_search(page, "69001")
    assert PACA_CONTACT not in box.locator("[data-contacts-resultats]").inner_text()
    assert "Habitat et Humanisme Rhône" in box.locator("[data-contacts-resultats]").inner_text()


def test_a_link_opens_on_the_contacts_of_its_commune(page: Any) -> None:
    page.goto(page.base.rstrip("/") + "/contacts/#commune=13055")
    page.wait_for_function("() => document.querySelector('[data-contacts-statut]').textContent.includes('Marseille')")
    assert "Marseille" in page.locator("#contacts-commune [data-commune-texte]").input_value()
    assert PACA_CONTACT in page.locator("[data-contacts-resultats] .fiche-contact").first.inner_text()


def contacts_status_says(page: Any, name: str) -> None:
    page.wait_for_function(f"() => document.querySelector('[data-contacts-statut]').textContent.includes({name!r})")


def test_the_contacts_follow_a_new_fragment_as_the_other_pages_do(browser: Any, server: str) -> None:
    """#commune=83137, then #commune=13055 typed in the address bar: Marseille's contacts, without a reload, the focus
    left where it was and the change said in the live region; Back returns to Toulon, an anchor changes nothing."""
    with local_page(browser, server, width=390) as page:
        page.goto(server.rstrip("/") + "/contacts/#commune=83137")
        contacts_status_says(page, "Toulon")
        page.locator("#contacts-departement").focus()
        page.evaluate("() => { window.notReloaded = true; location.hash = 'commune=13055'; }")
        contacts_status_says(page, "Marseille")
        assert page.evaluate("() => window.notReloaded")
        assert page.locator("#contacts-commune [data-commune-texte]").input_value() == "Marseille"
        assert page.locator("[data-contacts-resultats] h3").first.inner_text() == "Contacts pour Marseille"
        assert page.locator("[data-contacts-statut]").get_attribute("role") == "status"
        assert page.evaluate("() => document.activeElement.id") == "contacts-departement"
        assert axe_violations(page) == []
        page.evaluate("() => history.back()")
        contacts_status_says(page, "Toulon")
        assert page.locator("#contacts-commune [data-commune-texte]").input_value() == "Toulon"
        page.evaluate("() => { location.hash = 'pres-de-chez-vous'; }")  # an anchor of the page, not a commune
        assert "Toulon" in page.locator("[data-contacts-statut]").inner_text()
        assert "Toulon" in page.locator("[data-contacts-resultats] h3").first.inner_text()


def test_contacts_by_keyboard_only_and_axe_after_a_search(page: Any) -> None:
    page.goto(page.base.rstrip("/") + "/contacts/")
    page.locator("[data-contacts-commune]").wait_for(state="visible")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement?.matches('[data-commune-texte]')"):
            break
    else:
        raise AssertionError("the commune field is not reachable by Tab")
    page.keyboard.type("13001")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('[data-contacts-statut]').textContent.includes('Marseille')")
    assert PACA_CONTACT in page.locator("[data-contacts-resultats]").inner_text()
    assert axe_violations(page) == []


def test_without_javascript_contacts_stay_listed_by_region(browser: Any, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.rstrip("/") + "/contacts/")
        assert not page.locator("[data-contacts-commune]").is_visible()
        assert PACA_CONTACT in page.locator("#region-93 ~ *").first.inner_text() or PACA_CONTACT in page.content()
    finally:
        context.close()


# --- « Où s'adresser ? » on an aid page, and the questionnaire's results, for the person's place -------

ALS_AID = "/aides/accompagnement-social-action-logement-services/"  # national, its only contact for Paca-Corse


def open_aid(page: Any, path: str, fragment: str = "") -> Any:
    page.goto(page.base.rstrip("/") + path + fragment)
    page.wait_for_selector("[data-checker]:not([hidden])")
    return page.locator("[data-contacts-aide]")


def test_an_aid_page_lists_all_its_contacts_while_the_place_is_unknown(page: Any) -> None:
    section = open_aid(page, ALS_AID)
    assert section.locator("[data-contacts-lieu]").is_hidden()
    assert section.locator(".fiche-contact").first.is_visible()
    assert section.locator("[data-contacts-bascule]").is_hidden()


def test_the_commune_typed_in_the_checker_picks_the_aids_contacts(page: Any) -> None:
    section = open_aid(page, ALS_AID)
    field = page.locator("#verif-commune")
    field.locator("[data-commune-texte]").fill("83000")
    field.locator("[data-commune-texte]").press("Enter")
    page.wait_for_function("() => document.querySelector('[data-contacts-lieu]').textContent.includes('Toulon')")
    where = section.locator("[data-contacts-lieu]").inner_text().replace("\u00a0", " ")
    assert "Pour Toulon : 2 contacts de cette aide, du plus local au plus général" in where  # Paca-Corse, then national
    card = section.locator(".fiche-contact").first
    assert PACA_CONTACT in card.inner_text() and card.is_visible()
    link = section.locator("[data-contacts-repertoire] a")
    assert link.get_attribute("href").endswith("contacts/#commune=83137")
    assert "83137" in page.evaluate("() => location.hash")  # a link that reopens this answer


def test_the_checker_follows_a_new_fragment(page: Any) -> None:
    open_aid(page, ALS_AID, "#commune=83137")
    page.wait_for_function("() => document.querySelector('[data-contacts-lieu]').textContent.includes('Toulon')")
    page.evaluate("() => { location.hash = 'commune=69123'; }")
    page.wait_for_function("() => document.querySelector('[data-contacts-lieu]').textContent.includes('Lyon')")
    assert page.locator("#verif-commune [data-valeur]").input_value() == "69123"


def test_a_contact_for_elsewhere_waits_behind_a_button(page: Any) -> None:
    section = open_aid(page, ALS_AID, "#commune=69123")  # Lyon: the Paca-Corse contact is not for it
    page.wait_for_function("() => document.querySelector('[data-contacts-lieu]').textContent.includes('Lyon')")
    where = section.locator("[data-contacts-lieu]").inner_text().replace("\u00a0", " ")
    assert "Pour Lyon : 1 contact de cette aide" in where  # Action Logement Services' website (issue 19)
    national = section.locator(".fiche-contact").first
    assert national.is_visible() and "Action Logement Services" in national.inner_text()
    assert national.locator("a[href='https://www.actionlogement.fr']").count() == 1
    card = section.locator(".fiche-contact", has_text=PACA_CONTACT)
    button = section.locator("[data-contacts-tous]")
    assert card.is_hidden() and button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert card.is_visible() and button.get_attribute("aria-expanded") == "true"
    assert "Masquer" in button.inner_text()
    assert axe_violations(page) == []


def test_the_questionnaire_shows_the_amounts_of_the_persons_zone(page: Any) -> None:
    page.goto(page.base.rstrip("/") + "/eligibilite/#profil=bailleur_social&commune=83137")
    page.wait_for_function(
        "() => document.querySelector('[data-resultats] [data-montants-zone]')?.textContent.includes('à Toulon')"
    )
    amounts = (
        page.locator("[data-resultats] [data-montants-zone]").first.inner_text().replace("\u00a0", " ").replace("\u202f", " ")
    )
    assert "Métropole Toulon-Provence-Méditerranée" in amounts and "Prêt PLUS : 8 000 €" in amounts, amounts
    page.goto(page.base.rstrip("/") + "/eligibilite/#profil=bailleur_social&commune=04070")  # Digne-les-Bains
    page.wait_for_function("() => document.querySelector('[data-resultats] [data-montants-zone]')?.textContent.includes('Digne')")
    amounts = (
        page.locator("[data-resultats] [data-montants-zone]").first.inner_text().replace("\u00a0", " ").replace("\u202f", " ")
    )
    assert "Reste des régions" in amounts and "Prêt PLUS : 6 700 €" in amounts, amounts


def result_of(page: Any, aid_path: str) -> Any:
    return page.locator(f"[data-questionnaire] [data-resultats] .resultat:has(a[href$='{aid_path}'])")


def test_the_questionnaire_results_give_the_contacts_of_the_persons_commune(page: Any) -> None:
    answers = "#profil=particulier&statut=salarie&locataire=oui&difficulte=arret_maladie"
    page.goto(page.base.rstrip("/") + "/eligibilite/" + answers + "&commune=83137")
    page.wait_for_function(
        "() => document.querySelector('[data-questionnaire] [data-resultats]').textContent.includes('pour Toulon')"
    )
    result = result_of(page, ALS_AID)
    assert "Où s'adresser pour Toulon" in result.inner_text()
    assert PACA_CONTACT in result.locator(".fiche-contact").first.inner_text()  # then the national line
    page.goto(page.base.rstrip("/") + "/eligibilite/" + answers + "&commune=69123")
    page.wait_for_function(
        "() => document.querySelector('[data-questionnaire] [data-resultats]').textContent.includes('pour Lyon')"
    )
    result = result_of(page, ALS_AID)
    # No local contact in Lyon: Action Logement Services' website, never a dead end (issue 19).
    card = result.locator(".fiche-contact")
    assert PACA_CONTACT not in result.locator("[data-contacts]").inner_text()
    assert card.count() == 1 and "Action Logement Services" in card.inner_text()
    assert card.locator("a[href='https://www.actionlogement.fr']").is_visible()
