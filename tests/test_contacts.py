"""Issue 19, point 1: someone to reach everywhere, not only in Paca.

The partners publish their own ways in (``acces`` in data/partenaires/: official website, national phone
line, online form, each with the page of their site it was read on). Where no contact of an aid covers a
person's place, its partners' ways in are the next step: on the aid page (« Où s'adresser ? »), in the
results of the checkers and of the questionnaire, on /contacts/ for any commune, on the région sheets.
Checked over the data (every current aid, in every région it applies to), in the built pages, and in
Chromium for the Lyon tenant who lost income (/contacts/#commune=69123, Visale's page, the questionnaire).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from aides.model.catalogue import Catalogue
from conftest import axe_violations, local_page
from test_site import read, visible_text

LYON = "69123"
PACA_CONTACT = "Accompagnement social d'Action Logement Services en Paca-Corse"
AL_SITE = "https://www.actionlogement.fr"


# --- the data: every current aid has someone to reach, wherever it applies ----------------------


def _regions_of(catalogue: Catalogue, territoire: Any) -> set[str]:
    every = {region.code for region in catalogue.regions}
    return every if territoire.national else set(catalogue.regions_of(territoire)) & every


def test_every_current_aid_has_someone_to_reach_in_every_region_it_applies_to(catalogue: Catalogue) -> None:
    """A contact of the aid, or a partner's way in, covers each région where the aid applies: never a dead end."""
    assert catalogue.current_aids
    for aid_id in catalogue.current_aids:
        aide = catalogue.aides[aid_id]
        assert catalogue.reachable(aid_id), f"{aid_id} : ni contact ni moyen d'accès d'un partenaire"
        covered: set[str] = set()
        for contact_id in aide.contacts:
            covered |= _regions_of(catalogue, catalogue.contacts[contact_id].territoire)
        for partner_id in catalogue.ways_in(aid_id):
            covered |= _regions_of(catalogue, catalogue.partenaires[partner_id].territoire)
        missing = sorted(_regions_of(catalogue, aide.territoire) - covered)
        assert not missing, f"{aid_id} : personne à joindre dans les régions {missing}"


def test_action_logement_and_its_services_publish_their_ways_in_with_sources(catalogue: Catalogue) -> None:
    for partner_id in ("action-logement", "action-logement-services"):
        acces = catalogue.partenaires[partner_id].acces
        assert acces is not None and acces.site is not None, partner_id
        assert acces.site.url == AL_SITE and acces.site.source.startswith(AL_SITE)
    form = catalogue.partenaires["action-logement"].acces.formulaire
    assert form is not None and form.aides == ["visale"] and form.source.startswith("https://www.visale.fr/")


# --- the built pages, without JavaScript --------------------------------------------------------


def _section(html: str, anchor: str) -> str:
    """The HTML from the heading ``anchor`` to the next h2."""
    start = html.index(f'id="{anchor}"')
    end = html.find("<h2", start + 1)
    return html[start : end if end > 0 else len(html)]


def test_visale_page_gives_action_logement_s_website_and_form(site: Path) -> None:
    where = _section(read(site, "aides/visale"), "contacts")
    assert f'href="{AL_SITE}"' in where
    assert 'href="https://www.visale.fr"' in where and "Demander la garantie Visale en ligne" in where
    assert "La source ne cite pas de contact pour cette aide." in where
    assert "La source ne donne pas de contact public" not in where  # the dead end of before


def test_hlm_loans_do_not_offer_the_visale_form(site: Path) -> None:
    where = _section(read(site, "aides/requalification-logements-sociaux"), "contacts")
    assert f'href="{AL_SITE}"' in where and "visale.fr" not in where


def test_partner_page_says_how_to_reach_it_and_where_it_was_read(site: Path) -> None:
    html = read(site, "partenaires/action-logement")
    ways = _section(html, "acces")
    assert "Pour le joindre" in ways and f'href="{AL_SITE}"' in ways
    assert ways.count("Source") == 2  # each way in with the page it was read on
    text = visible_text(site / "partenaires" / "action-logement" / "index.html").replace("\u00a0", " ")
    assert "relevées le 4 décembre 2026" in text


def test_contacts_page_never_contradicts_itself(site: Path) -> None:
    """« Partout en France » lists the national ways in; a région without its own contact says what exists."""
    html = read(site, "contacts")
    text = " ".join(visible_text(site / "contacts" / "index.html").split())
    national = _section(html, "national")
    assert national.count("fiche-contact fiche-contact--acces") >= 2 and f'href="{AL_SITE}"' in national
    for phrase in ("voyez les contacts nationaux", "Aucun contact national", "ne citent aucun contact qui vaille"):
        assert phrase not in text
    sections = re.findall(r'<section aria-labelledby="region-(\w+)">(.*?)</section>', html, re.S)
    assert len(sections) >= 18
    for code, body in sections:
        own = body.split('<ul class="departements">')[0]
        assert "fiche-contact" in own or "valent aussi ici" in own, f"région {code} : ni contact ni renvoi"


def test_a_region_sheet_without_contact_of_its_own_gives_the_national_lines(site: Path, catalogue: Catalogue) -> None:
    breton = next(region.code for region in catalogue.regions if region.nom == "Bretagne")
    sheet = site / "aides" / "region" / breton / "imprimer" / "index.html"
    assert sheet.is_file(), "la Bretagne a une fiche : des aides nationales y valent"
    assert AL_SITE in sheet.read_text(encoding="utf-8")


# --- in Chromium, for a tenant in Lyon who lost income ------------------------------------------


def test_lyon_on_contacts_gets_someone_to_reach_and_passes_axe_at_390(browser: Any, server: str) -> None:
    with local_page(browser, server, width=390) as page:
        page.goto(page.base.rstrip("/") + f"/contacts/#commune={LYON}")
        page.wait_for_function("() => document.querySelector('[data-contacts-statut]').textContent.includes('Lyon')")
        status = page.locator("[data-contacts-statut]").inner_text()
        assert not status.startswith("0"), status
        results = page.locator("[data-contacts-resultats]")
        cards = results.locator(".fiche-contact")
        assert cards.count() >= 1
        assert results.locator(f"a[href='{AL_SITE}']").first.is_visible()
        assert results.locator(f"a[href='{AL_SITE}']").first.is_visible()
        assert PACA_CONTACT not in results.inner_text()
        services = cards.filter(has_text="Action Logement Services").first
        aids = services.locator(".pres-de-chez-vous__liens").inner_text()
        assert "Accompagnement social" in aids
        assert "Soli'AL" not in aids and "Île-de-France" not in aids  # aids of other régions are not offered in Lyon
        assert "Habitat et Humanisme Rhône" in results.inner_text()  # the Rhône's own partner, with its website
        assert axe_violations(page) == []
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"la page déborde : {width} px"


def test_visale_page_shows_action_logement_s_website_and_form(page: Any) -> None:
    page.goto(page.base.rstrip("/") + "/aides/visale/")
    section = page.locator("[data-contacts-aide]")
    card = section.locator(".fiche-contact", has_text="Action Logement").first
    assert card.is_visible()
    assert card.locator(f"a[href='{AL_SITE}']").is_visible()
    assert card.locator("a[href='https://www.visale.fr']").inner_text() == "Demander la garantie Visale en ligne"


def test_questionnaire_gives_the_lyon_tenant_a_next_step_for_every_aid_kept(page: Any) -> None:
    answers = "#profil=particulier&age=40&statut=salarie&locataire=oui&difficulte=chomage_partiel&commune=" + LYON
    page.goto(page.base.rstrip("/") + "/eligibilite/" + answers)
    page.wait_for_function(
        "() => document.querySelector('[data-questionnaire] [data-resultats]').textContent.includes('pour Lyon')"
    )
    kept = page.locator("[data-questionnaire] [data-resultats] .resultat:has([data-contacts])")
    assert kept.count() >= 1
    for index in range(kept.count()):
        result = kept.nth(index)
        title = result.locator("[data-lien]").inner_text()
        assert (
            result.locator(
                "[data-contacts] .fiche-contact a[href^='tel:'], [data-contacts] .fiche-contact a[href^='https:']"
            ).count()
            >= 1
        ), title
        assert "Nos sources ne citent pas" not in result.inner_text(), title
    social = kept.filter(has_text="Accompagnement social").first
    assert social.locator(f"a[href='{AL_SITE}']").is_visible()


def test_partner_page_gives_its_ways_in_first_and_passes_axe_at_390(browser: Any, server: str) -> None:
    with local_page(browser, server, width=390) as page:
        page.goto(page.base.rstrip("/") + "/partenaires/action-logement/")
        headings = page.locator("h2").all_inner_texts()
        assert headings[:2] == ["Pour le joindre", "Présentation"], headings
        assert page.locator(f"#acces ~ ul a[href='{AL_SITE}']").first.is_visible()
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
