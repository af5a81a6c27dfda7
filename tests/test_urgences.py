"""A woman victim of violence, as she meets the site (issue 19, point 3): the public filter finds a current
aid, the questionnaire asks about violence even to someone who is not a tenant, and the pages about
violence, urgent housing and eviction give the national emergency numbers (data/urgences.yml); the page
of an ended aid points to the current aids for the same public."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from aides.data.errors import DataErrors
from aides.data.loading import load_catalogue
from aides.model.conditions import normalise, outcome
from aides.registry import Registry
from aides.site import record_pages
from aides.site.emergency import concerns
from conftest import TODAY, axe_violations, local_page
from test_checkers_browser import current_question, fragment, open_questionnaire

ENDED = "sous-location-femmes-victimes-violences"  # the only aid dedicated to them, ended on 2023-09-22
ALS = "accompagnement-social-action-logement-services"  # lists « violences conjugales » among its situations
RHONE = "logement-temporaire-habitat-humanisme-rhone"  # for employees who lost their housing
NUMBERS = {"3919": "tel:3919", "115": "tel:115", "17": "tel:17", "114": "sms:114"}
# A woman without a job who left home: neither an employee nor a tenant, so no current aid asks her about
# difficulties (an employee is asked before « locataire ? », for the aids of employees in difficulty).
NOT_TENANT = {"profil": "particulier", "age": 34, "statut": "autre", "locataire": "non"}


def links(source: str) -> dict[str, str]:
    """The emergency block's numbers and their links, in a page's HTML."""
    block = source[source.index('class="urgences"') : source.index("</section>", source.index('class="urgences"'))]
    return {number: href for href, number in re.findall(r'href="((?:tel|sms):\d+)"><span[^>]*>[^<]*</span>(\d+)</a>', block)}


# --- the data -------------------------------------------------------------------------------------


def test_every_number_cites_an_official_page(catalogue: Any) -> None:
    urgences = catalogue.urgences
    assert {entry.numero for entry in urgences.numeros} == set(NUMBERS)
    for entry in urgences.numeros:
        assert entry.sources and all(source.url.startswith("https://") for source in entry.sources), entry.numero
    hosts = {source.url.split("/")[2] for entry in urgences.numeros for source in entry.sources}
    assert {"arretonslesviolences.gouv.fr", "www.service-public.fr"} <= hosts


def test_the_public_of_women_victims_of_violence_has_a_current_aid(catalogue: Any) -> None:
    current = [aid for aid in catalogue.current_aids if "femmes_victimes_violences" in catalogue.aides[aid].publics]
    assert current == [ALS]


def test_which_aid_pages_show_the_numbers(catalogue: Any) -> None:
    shown = sorted(aid for aid in catalogue.aides if concerns(catalogue, aid))
    # For women victims of violence (public); violence or losing one's home among their conditions.
    assert shown == [ALS, RHONE, ENDED]


@pytest.mark.parametrize(
    ("answers", "status", "missing"),
    [
        (NOT_TENANT, "a_verifier", ["difficulte"]),  # still asked about violence
        ({**NOT_TENANT, "difficulte": ["violences_conjugales"]}, "eligible", []),
        ({**NOT_TENANT, "difficulte": ["rupture_logement"]}, "eligible", []),
        ({**NOT_TENANT, "difficulte": ["aucune"]}, "non_eligible", []),
        ({"profil": "bailleur_social"}, "non_eligible", []),  # a social landlord is never asked
    ],
)
def test_the_questionnaire_rule_of_the_numbers(catalogue: Any, answers: dict[str, Any], status: str, missing: list[str]) -> None:
    result = outcome(catalogue.emergency.questionnaire, normalise(answers, catalogue.questions, catalogue.places))
    assert (result["statut"], result["questions_manquantes"]) == (status, missing)


def test_no_current_aid_asks_a_woman_who_is_not_a_tenant_about_difficulties(catalogue: Any) -> None:
    """Why the numbers' rule has to ask: without it the difficulties question never comes (the bug)."""
    answers = normalise(NOT_TENANT, catalogue.questions, catalogue.places)
    missing = {q for aid in catalogue.current_aids for q in outcome(catalogue.rules[aid], answers)["questions_manquantes"]}
    assert "difficulte" not in missing


def test_an_ended_aid_points_to_current_aids_for_its_publics(catalogue: Any) -> None:
    pieces = Registry(catalogue).pieces
    view = record_pages.aid(pieces, ENDED)
    assert view.alternatives is not None and view.urgences is not None
    assert view.alternatives.aides[0].id == ALS  # it shares the rarest public: women victims of violence
    assert len(view.alternatives.aides) <= record_pages.ALTERNATIVES_SHOWN
    first = view.alternatives.listes[0]
    assert (first.requete, first.nombre) == ("public=femmes_victimes_violences", 1)
    current = record_pages.aid(pieces, "visale")
    assert current.alternatives is None and current.urgences is None


def test_make_serve_remakes_an_ended_aid_page_when_an_aid_it_lists_changes(data_copy: Path) -> None:
    def inputs() -> str:
        registry = Registry(load_catalogue(data_copy, today=TODAY))
        return registry.inputs(next(e for e in registry.generated if e.kind.name == "aide" and e.key == ENDED))

    before = inputs()
    bailleurs = data_copy / "aides" / "requalification-logements-sociaux.yml"  # for social landlords only
    bailleurs.write_text(bailleurs.read_text(encoding="utf-8").replace("titre: ", "titre: Nouveau titre, ", 1), encoding="utf-8")
    assert inputs() == before
    als = data_copy / "aides" / f"{ALS}.yml"
    als.write_text(als.read_text(encoding="utf-8").replace("titre: ", "titre: Nouveau titre, ", 1), encoding="utf-8")
    assert inputs() != before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  difficulte: { parmi: [violences_conjugales, rupture_logement] }", ""),  # the real file: no error
        ("  difficulte: { parmi: [violence] }", "« violence » n'est pas une réponse possible à « difficulte »"),
        ("  difficultes: { parmi: [violences_conjugales] }", "« difficultes » n'est ni une question"),
        ("  age: { moins_de: 30 }", "écrivez les réponses sous la forme { parmi: [...] }"),
    ],
)
def test_a_mistake_in_the_situations_is_reported_at_its_line(data_copy: Path, text: str, expected: str) -> None:
    path = data_copy / "urgences.yml"
    source = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^  difficulte: .*$", text, source), encoding="utf-8")
    if not expected:
        load_catalogue(data_copy, today=TODAY)
        return
    with pytest.raises(DataErrors) as raised:
        load_catalogue(data_copy, today=TODAY)
    line = source.splitlines().index(next(line for line in source.splitlines() if line.startswith("  difficulte:"))) + 1
    assert [(error.line, expected in error.message) for error in raised.value.errors] == [(line, True)]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("publics: [femmes_victimes_violences]", "publics: [femmes_victimes]", "« femmes_victimes » n'est pas un public connu"),
        ('numero: "17"', 'numero: "17 17"', "« 17 17 » n'est pas un numéro de téléphone français"),
        ("https://www.service-public.fr/particuliers/vosdroits/F33954", "http://example.org", "doit commencer par https://"),
    ],
)
def test_an_unknown_public_a_wrong_number_or_address_is_refused(data_copy: Path, old: str, new: str, expected: str) -> None:
    path = data_copy / "urgences.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(DataErrors) as raised:
        load_catalogue(data_copy, today=TODAY)
    assert [expected in error.message for error in raised.value.errors] == [True]


def test_without_the_file_no_page_shows_the_block(data_copy: Path) -> None:
    (data_copy / "urgences.yml").unlink()
    catalogue = load_catalogue(data_copy, today=TODAY)
    pieces = Registry(catalogue).pieces
    assert catalogue.emergency is None and record_pages.aid(pieces, ENDED).urgences is None
    assert "urgence" not in {k for k, v in pieces.checkers.questionnaire(pieces.emergency).donnees.items() if v}


# --- the built pages, without JavaScript ----------------------------------------------------------


@pytest.mark.parametrize("url", [f"aides/{ENDED}", f"aides/{ALS}", f"aides/{RHONE}", "contacts", f"integrer/aides/{ENDED}"])
def test_the_numbers_are_in_the_page_as_plain_links(site: Path, url: str) -> None:
    source = (site / url / "index.html").read_text(encoding="utf-8")
    assert "En cas d'urgence" in html.unescape(source)
    assert links(source) == NUMBERS


def test_other_aid_pages_do_not_show_them(site: Path) -> None:
    assert 'class="urgences"' not in (site / "aides" / "visale" / "index.html").read_text(encoding="utf-8")


def test_the_questionnaire_carries_them_hidden_until_the_answers_call_for_them(site: Path) -> None:
    source = (site / "eligibilite" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<section class="urgences"[^>]*data-urgences hidden', source)
    assert links(source) == NUMBERS


# --- in the browser, on a phone -------------------------------------------------------------------


def filtered(page: Any, query: str) -> list[str]:
    """The aids /aides/ shows for a query, once its filters have run (tests/test_search.py reads it the same way)."""
    page.goto(page.base + "aides/" + query)
    page.wait_for_function("() => !document.querySelector('[data-catalogue]').hasAttribute('aria-busy')")
    return page.eval_on_selector_all(
        "[data-catalogue] .carte-aide__titre a",
        "links => links.filter((a) => a.offsetParent !== null).map((a) => new URL(a.href).pathname.split('/').at(-2))",
    )


def test_the_public_filter_shows_a_current_aid(page: Any) -> None:
    assert filtered(page, "?public=femmes_victimes_violences") == [ALS]
    assert page.text_content("#resultats") == "1 aide correspond à ces filtres."


def test_a_woman_who_is_not_a_tenant_is_asked_about_violence_and_gets_the_numbers(page: Any) -> None:
    open_questionnaire(page, NOT_TENANT)
    asked = []
    while (question := current_question(page)) not in (None, "difficulte"):
        asked.append(question)
        page.goto(page.base + "eligibilite/#" + fragment({**NOT_TENANT, **dict.fromkeys(asked, "nsp")}))
        page.wait_for_selector("[data-questionnaire]:not([hidden])")
    assert current_question(page) == "difficulte", f"questions posées : {asked}"
    assert page.is_hidden("[data-urgences]")

    page.check("#q-difficulte input[value=violences_conjugales]")
    page.click("[data-valider]")
    block = page.locator("[data-urgences]")
    block.wait_for(state="visible")
    assert block.locator("a[href='tel:3919']").evaluate("a => a.textContent.trim()") == "Appeler le 3919"
    assert "numéros d'urgence" in page.text_content("[data-questionnaire] [data-annonce]")
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [390])
def test_the_ended_aid_page_gives_the_numbers_and_what_exists_now(browser: Any, server: str, width: int) -> None:
    with local_page(browser, server, width=width) as page:
        page.goto(page.base + f"aides/{ENDED}/")
        assert page.locator(".urgences a[href='tel:3919']").is_visible()
        alternatives = page.locator("#aides-en-cours + .cartes a")
        assert alternatives.first.get_attribute("href").endswith(f"{ALS}/")
        href = page.locator(".alternatives__listes a").first.evaluate("a => a.href")
        assert href == page.base + "aides/?public=femmes_victimes_violences"
        assert filtered(page, "?public=femmes_victimes_violences") == [ALS]


def test_a_printed_aid_page_keeps_the_numbers_beside_its_qr_code(page: Any) -> None:
    page.emulate_media(media="print")
    page.goto(page.base + f"aides/{ALS}/")
    assert page.is_hidden(".fiche-aide > .urgences")  # the framed block is for screens; tests/test_impression.py: 2 pages
    line = page.locator(".impression__urgences")
    assert line.is_visible()
    assert line.inner_text() == (
        "En cas d'urgence\u00a0: 3919 Violences Femmes Info, 115 Samu social, 17 Police secours, 114 Urgence par SMS."
    )


@pytest.mark.parametrize(
    "url",
    [f"aides/{ENDED}/", f"aides/{ALS}/", "contacts/", "aides/?public=femmes_victimes_violences"],
)
def test_those_pages_pass_axe_and_fit_390_px(browser: Any, server: str, url: str) -> None:
    with local_page(browser, server, width=390) as page:
        page.goto(page.base + url)
        page.wait_for_load_state("networkidle")
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_questionnaire_with_violence_passes_axe_at_390_px(browser: Any, server: str) -> None:
    with local_page(browser, server, width=390) as page:
        open_questionnaire(page, {**NOT_TENANT, "difficulte": ["violences_conjugales"]})
        assert page.locator("[data-urgences] a[href='tel:3919']").is_visible()
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
