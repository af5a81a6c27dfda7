"""Search and filters: Pagefind over the built site, the /aides/ catalogue, the URL contract.

Browser tests run in Debian's Chromium (375 px wide) against the real build served on
127.0.0.1; the ``page`` fixture fails any test that requests another host.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from aides.model import territory
from aides.registry import Registry
from aides.site import listing as listing_module
from aides.site.facets import ALL_PAGES_TERM, FACETS, Facets
from aides.site.listing import Listing
from conftest import DATA, axe_violations, serve_directory

NATIONAL = [
    "accompagnement-jeunes-cllaj",
    "accompagnement-social-action-logement-services",
    "visale",
]
ENDED = "sous-location-femmes-victimes-violences"
# National too, but a temporary measure of 2020 never confirmed since: out of the default view (issue 19).
STALE = "aide-exceptionnelle-loyer-150-euros"
RHONE = ["logement-temporaire-habitat-humanisme-rhone", "sous-location-glissement-bail-alliade-habitat"]
PACA = ["accompagnement-soli-al", "reconstitution-offre-renouvellement-urbain", "requalification-logements-sociaux"]
DALO_IDF = "relogement-prioritaires-dalo-ile-de-france"


@pytest.fixture(scope="module")
def search(catalogue: Any) -> Facets:
    return Facets(catalogue)


# --- the data behind the filters (no browser) -----------------------------------------------


def test_a_national_aid_covers_every_region_and_every_departement(search: Facets) -> None:
    filters = search.filters("visale")
    assert filters["region"] == [region.code for region in search.cat.regions]
    assert filters["zone"] == [territory.NATIONAL]
    covered = territory.departements_covered(search.cat, search.cat.aides["visale"].territoire)
    assert len(covered) == len(search.cat.departements)


def test_filter_values_are_the_data_ids(search: Facets) -> None:
    filters = search.filters("reconstitution-offre-renouvellement-urbain")
    assert filters["region"] == ["93", "94"]
    assert filters["public"] == ["bailleurs_sociaux"]
    assert "ar-hlm-paca-corse" in filters["partenaire"]
    assert search.filters(ENDED)["statut"] == ["termine"]
    assert search.filters(RHONE[0])["region"] == ["84"]  # a département counts for its region
    vocabulary = search.vocabulary
    assert set(vocabulary["facettes"]) == {"rubrique", *FACETS}
    assert vocabulary["facettes"]["public"]["jeunes"] == "Jeunes"
    assert vocabulary["departements"]["13"] == ["Bouches-du-Rhône", "93"]


def test_departement_filter_matches_exactly_the_aids_covering_it(search: Facets) -> None:
    """The compact ``zone`` values sent to Pagefind mean the same as the plain definition."""
    for aid_id, aide in search.cat.aides.items():
        zone = set(search.filters(aid_id)["zone"])
        covered = set(territory.departements_covered(search.cat, aide.territoire))
        for dep in search.cat.departements:
            accepted = set(territory.zone_query(dep.code, search.cat.region_of))
            assert bool(zone & accepted) == (dep.code in covered), (aid_id, dep.code)


def test_default_counts_are_those_of_current_aids(search: Facets) -> None:
    counts = search.default_counts
    # The crisis aid: a temporary measure of 2020, end unknown, never confirmed since (catalogue.STALE_MEASURE).
    assert counts["statut"] == {"en_cours": 9, "mesure_ancienne": 1, "termine": 1}
    assert counts["public"]["femmes_victimes_violences"] == 1  # its dedicated aid has ended; the social support remains
    assert counts["region"]["11"] == len(NATIONAL) + 1


def test_the_static_list_is_split_in_pages_keeping_every_aid_once(search: Facets, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing_module, "PAGE_SIZE", 4)
    listing = Listing(search.cat)
    listed = [aid for number in range(1, listing.page_count + 1) for _, ids in listing.page(number).runs for aid in ids]
    assert listing.page_count == 3
    assert sorted(listed) == sorted(search.cat.aides)
    assert listed[-1] == ENDED  # ended schemes come last, apart
    pages = [entry.path for entry in Registry(search.cat).generated if entry.kind.name == "catalogue"]
    assert pages == ["aides/index.md", "aides/liste/2.md", "aides/liste/3.md"]


# --- what Pagefind indexes (built site, no browser) -------------------------------------------


def _read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_aid_pages_carry_their_filters_and_result_metadata(site: Path) -> None:
    page = _read(site, "aides/visale")
    for value in (
        "rubrique:aide",
        "public:jeunes",
        "type:garantie",
        "region:11",
        "zone:f",
        "partenaire:cllaj",
        "statut:en_cours",
    ):
        assert f'data-pagefind-filter="{value}"' in page, value
    assert 'data-pagefind-meta="rubrique:Aide"' in page
    assert 'data-pagefind-meta="territoire:Toute la France"' in page
    assert 'data-pagefind-filter="statut:termine"' in _read(site, f"aides/{ENDED}")


def test_only_content_is_indexed_never_listings(site: Path) -> None:
    indexed = {
        "aides/visale": "aide",
        "partenaires/soli-al": "partenaire",
        "conventions/protocole-dalo-ile-de-france-2019": "convention",
        "a-propos": "page",
        "mentions-legales": "page",
    }
    for url, kind in indexed.items():
        page = _read(site, url)
        assert "data-pagefind-body" in page, url
        assert f'data-pagefind-filter="rubrique:{kind}"' in page, url
    for url in ("", "aides", "partenaires", "contacts", "plan-du-site", "recherche", "eligibilite"):
        assert "data-pagefind-body" not in _read(site, url), url or "accueil"
    assert "data-pagefind-body" not in (site / "404.html").read_text(encoding="utf-8")
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    counts = {kind: len(list((DATA / kind).glob("*.yml"))) for kind in ("aides", "partenaires", "conventions")}
    content_pages = 6  # à propos, accessibilité, mentions légales, données personnelles, données ouvertes, pour les partenaires
    assert entry["languages"]["fr"]["page_count"] == sum(counts.values()) + content_pages


def test_every_indexed_page_carries_the_word_that_lists_them_all(site: Path) -> None:
    """Filter-only lists query this word instead of `null`, which would download the whole index."""
    for url in ("aides/visale", "partenaires/soli-al", "conventions/protocole-dalo-ile-de-france-2019", "a-propos"):
        assert f'data-pagefind-meta="tout:{ALL_PAGES_TERM}"' in _read(site, url), url


def test_redirect_pages_are_not_indexed(hostile_site: Path) -> None:
    page = _read(hostile_site, "aides/ancienne-aide")
    assert "http-equiv" in page and "data-pagefind-body" not in page


def test_editor_text_reaches_cards_and_results_as_text_only(hostile_site: Path, browser: Any) -> None:
    """Cards (catalogue.json, carte.json) and Pagefind results are built with textContent."""
    httpd, base = serve_directory(hostile_site)
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(base + "aides/?type=garantie")
        _wait(page, "[data-catalogue]")
        cards = page.inner_text("[data-catalogue] [data-liste]")
        assert '<script>alert("titre")</script> Aide piégée' in cards and "<img src=x onerror=alert(1)> résumé" in cards
        assert page.eval_on_selector_all("[data-liste] script, [data-liste] img", "nodes => nodes.length") == 0
        page.goto(base + "recherche/?q=piegee")
        _wait(page, "[data-recherche]")
        assert '<script>alert("titre")</script> Aide piégée' in page.inner_text("[data-recherche] [data-liste]")
        assert page.eval_on_selector_all("[data-liste] script, [data-liste] img", "nodes => nodes.length") == 0
        assert dialogs == []
    finally:
        context.close()
        httpd.shutdown()


def test_catalogue_files_hold_every_aid_in_list_order(site: Path, search: Facets) -> None:
    index = json.loads((site / "aides" / "catalogue.json").read_text(encoding="utf-8"))
    assert index["ids"] == Listing(search.cat).ids
    assert len(index["lignes"]) == len(index["ids"])
    card = json.loads((site / "aides" / ENDED / "carte.json").read_text(encoding="utf-8"))
    assert card["statut"] == "termine" and card["territoire"] == "Toute la France"
    assert set(card) == {"titre", "resume", "types", "territoire", "statut"}


def test_without_javascript_the_catalogue_lists_every_current_aid(site: Path, search: Facets) -> None:
    page = _read(site, "aides")
    current, ended = page.split('id="termines"')
    for aid_id in search.cat.aides:
        assert (f'href="{aid_id}/"' in current) == (aid_id not in (ENDED, STALE)), aid_id
    assert f'href="{ENDED}/"' in ended and f'href="{STALE}/"' in ended
    assert "Dispositifs terminés, fermés ou non confirmés" in ended
    assert re.search(r'<div class="catalogue__filtres" data-filtres hidden>', page), "les filtres ont besoin de JavaScript"


# --- in the browser: search -------------------------------------------------------------------


def _wait(page: Any, root: str) -> None:
    page.wait_for_function(f"() => !document.querySelector('{root}').hasAttribute('aria-busy')")


def _search(page: Any, query: str) -> list[dict[str, str]]:
    page.goto(page.base + "recherche/" + query)
    page.wait_for_selector("[data-recherche]:not([hidden])")
    _wait(page, "[data-recherche]")
    return _results(page)


def _results(page: Any) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        "[data-recherche] .resultat-recherche",
        """items => items.map((li) => ({
            url: new URL(li.querySelector("a").href).pathname,
            kind: li.querySelector(".badge--rubrique").textContent,
            excerpt: li.querySelector(".resultat-recherche__extrait")?.innerHTML ?? "",
        }))""",
    )


def test_an_unaccented_singular_finds_accented_plurals(page: Any) -> None:
    results = _search(page, "?q=menage")
    urls = [result["url"] for result in results]
    assert "/conventions/protocole-relogement-prioritaires-2016/" in urls
    assert any("<mark>ménages</mark>" in result["excerpt"] for result in results)
    assert "Toutes les aides" not in " ".join(result["excerpt"] for result in results)  # breadcrumbs are not indexed


def test_an_inflected_word_finds_its_family(page: Any) -> None:
    results = _search(page, "?q=accompagner")
    urls = [result["url"] for result in results]
    assert "/aides/accompagnement-soli-al/" in urls
    assert "/aides/accompagnement-social-action-logement-services/" in urls


def test_results_say_what_each_hit_is_and_hide_ended_schemes_unless_asked(page: Any) -> None:
    results = _search(page, "?q=violences")
    kinds = {result["kind"] for result in results}
    assert {"Aide", "Partenaire", "Convention"} <= kinds
    assert f"/aides/{ENDED}/" not in [result["url"] for result in results]
    # The status is the aids': partners and agreements stay, the current aids give way.
    results = _search(page, "?q=violences&statut=termine")
    assert [result["url"] for result in results if result["kind"] == "Aide"] == [f"/aides/{ENDED}/"]
    assert "Partenaire" in {result["kind"] for result in results}


def test_an_old_temporary_measure_is_found_only_when_asked_for(page: Any) -> None:
    """« loyer » used to give the 2020 crisis measure first: it is not current (issue 19)."""
    results = _search(page, "?q=loyer")
    urls = [result["url"] for result in results]
    assert urls and f"/aides/{STALE}/" not in urls
    results = _search(page, "?q=loyer&statut=mesure_ancienne")
    assert [result["url"] for result in results if result["kind"] == "Aide"] == [f"/aides/{STALE}/"]


def test_typing_on_the_search_page_updates_the_url_and_the_filters_narrow_the_kind(page: Any) -> None:
    page.goto(page.base + "recherche/")
    page.wait_for_selector("[data-recherche]:not([hidden])")
    page.fill("#recherche-q", "logement")
    page.wait_for_function("() => location.search === '?q=logement'")
    _wait(page, "[data-recherche]")
    assert len(_results(page)) > 1
    page.click("[data-recherche] .filtres__titre")
    page.check("#recherche-rubrique-partenaire")
    _wait(page, "[data-recherche]")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["logement"], "rubrique": ["partenaire"]}
    assert {result["kind"] for result in _results(page)} == {"Partenaire"}


def test_header_search_shows_results_in_place_with_their_kind(page: Any) -> None:
    page.goto(page.base + "aides/visale/")
    page.click("[data-recherche-bouton]")
    assert page.evaluate("document.activeElement.id") == "recherche-entete-q"
    page.keyboard.type("violence")
    page.wait_for_selector("[data-recherche-entete] .resultat-recherche")
    assert page.url == page.base + "aides/visale/"  # in place: no navigation
    kinds = page.eval_on_selector_all("[data-recherche-entete] .badge--rubrique", "badges => badges.map((b) => b.textContent)")
    assert {"Convention", "Partenaire"} <= set(kinds)
    announced = page.text_content("[data-recherche-entete] [role=status]")
    assert "résultats pour" in announced
    link = page.get_attribute("[data-tout]", "href")
    assert urlsplit(link).path.endswith("/recherche/") and parse_qs(urlsplit(link).query) == {"q": ["violence"]}
    page.keyboard.press("Escape")
    assert page.is_hidden("[data-recherche-entete] [data-resultats]")


# --- in the browser: the catalogue ------------------------------------------------------------


def _catalogue(page: Any, query: str = "") -> list[str]:
    page.goto(page.base + "aides/" + query)
    _wait(page, "[data-catalogue]")
    return _shown(page)


def _shown(page: Any) -> list[str]:
    """Ids of the aids the person sees: the filtered list, or the static list by default."""
    return page.eval_on_selector_all(
        "[data-catalogue] .carte-aide__titre a",
        "links => links.filter((a) => a.offsetParent !== null).map((a) => new URL(a.href).pathname.split('/').at(-2))",
    )


def _status(page: Any) -> str:
    return page.text_content("#resultats")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?public=menages_prioritaires_dalo", [DALO_IDF]),
        ("?type=garantie", ["visale"]),
        ("?region=11", [*NATIONAL, DALO_IDF]),
        ("?region=84", [*NATIONAL, *RHONE]),
        ("?partenaire=alliade-habitat", ["sous-location-glissement-bail-alliade-habitat"]),
        ("?statut=termine", [ENDED]),
        ("?statut=mesure_ancienne", [STALE]),
        ("?departement=13", [*NATIONAL, *PACA]),
        ("?departement=69", [*NATIONAL, *RHONE]),
        ("?departement=01", NATIONAL),  # Ain: same region as the Rhône, but not named by its aids
        (
            "?public=salaries&region=11",
            ["accompagnement-social-action-logement-services", DALO_IDF, "visale"],
        ),
        ("?public=jeunes&public=bailleurs_sociaux", ["accompagnement-jeunes-cllaj", "visale", *PACA[1:]]),
        ("?type=acces_logement", [*RHONE, DALO_IDF]),
        ("?type=acces_logement&statut=termine", [ENDED]),
        ("?type=acces_logement&statut=en_cours&statut=termine", [*RHONE, DALO_IDF, ENDED]),
        ("?public=femmes_victimes_violences", ["accompagnement-social-action-logement-services"]),
    ],
)
def test_each_facet_and_combinations(page: Any, query: str, expected: list[str]) -> None:
    shown = _catalogue(page, query)
    assert sorted(shown) == sorted(expected)
    count = len(expected)
    assert _status(page) == (
        "Aucune aide ne correspond à ces filtres. Retirez un filtre ou effacez-les tous."
        if not count
        else f"{count} aide{'s' if count > 1 else ''} correspond{'ent' if count > 1 else ''} à ces filtres."
    )
    assert page.is_hidden("[data-avis]")


def test_checkbox_counts_follow_the_other_groups(page: Any) -> None:
    _catalogue(page, "?region=11")
    counts = page.eval_on_selector_all(
        "[data-facette=public] [data-nombre-de]",
        "slots => Object.fromEntries(slots.map((s) => [s.dataset.nombreDe, s.textContent]))",
    )
    assert counts["menages_prioritaires_dalo"] == "(1)"
    assert counts["bailleurs_sociaux"] == "(0)"  # its aids are in Paca and Corsica
    assert counts["salaries"] == "(3)"


def test_the_url_round_trips_through_clicks_reload_back_and_forward(page: Any) -> None:
    page.goto(page.base + "aides/")
    page.click("[data-catalogue] .filtres__titre")  # folded on a phone
    page.check("#filtre-public-salaries")
    _wait(page, "[data-catalogue]")
    page.check("#filtre-region-11")
    _wait(page, "[data-catalogue]")
    assert urlsplit(page.url).query == "public=salaries&region=11"
    both = _shown(page)
    assert sorted(both) == sorted(["accompagnement-social-action-logement-services", DALO_IDF, "visale"])

    page.reload()
    _wait(page, "[data-catalogue]")
    assert page.is_checked("#filtre-public-salaries") and page.is_checked("#filtre-region-11")
    assert page.is_checked("#filtre-statut-en_cours") and not page.is_checked("#filtre-statut-termine")
    assert _shown(page) == both

    page.go_back()
    page.wait_for_function("() => location.search === '?public=salaries'")
    _wait(page, "[data-catalogue]")
    assert page.is_checked("#filtre-public-salaries") and not page.is_checked("#filtre-region-11")
    assert len(_shown(page)) == 5  # the 2020 crisis measure is no longer among them (issue 19)
    page.go_forward()
    page.wait_for_function("() => location.search === '?public=salaries&region=11'")
    _wait(page, "[data-catalogue]")
    assert page.is_checked("#filtre-region-11")
    assert _shown(page) == both

    page.click("[data-catalogue] .filtres__titre")  # folded again after the reload
    page.click("[data-effacer]")
    page.wait_for_function("() => location.search === ''")
    assert not page.is_checked("#filtre-public-salaries")
    assert _status(page) == "9 aides en cours."  # the 2020 crisis measure is not current (issue 19)


def test_an_unknown_value_is_ignored_with_a_visible_notice(page: Any) -> None:
    shown = _catalogue(page, "?public=inconnu")
    assert page.is_visible("[data-avis]")
    notice = page.text_content("[data-avis]")
    assert "inconnu" in notice and "ignoré" in notice
    assert len(shown) == 11  # the whole static list, current aids and, apart, the ended one and the 2020 measure
    shown = _catalogue(page, "?public=inconnu&region=11&statut=inconnu")
    assert sorted(shown) == sorted([*NATIONAL, DALO_IDF])
    assert page.is_visible("[data-avis]")


def test_keyboard_only(page: Any) -> None:
    page.goto(page.base + "aides/")
    page.focus("[data-catalogue] .filtres__titre")
    page.keyboard.press("Enter")  # unfold the filters
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filtre-public-jeunes"
    before = _status(page)
    page.keyboard.press("Space")
    _wait(page, "[data-catalogue]")
    assert page.is_checked("#filtre-public-jeunes")
    assert page.get_attribute("#resultats", "role") == "status"
    assert _status(page) != before and _status(page) == "2 aides correspondent à ces filtres."
    assert page.evaluate("document.activeElement.id") == "filtre-public-jeunes"  # focus stays put
    assert urlsplit(page.url).query == "public=jeunes"


def test_without_javascript_filters_stay_hidden_and_every_aid_is_listed(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "aides/?public=jeunes")
    assert page.is_hidden("[data-filtres]")
    links = page.eval_on_selector_all(".carte-aide__titre a", "links => links.length")
    assert links == 11
    page.goto(server + "recherche/")
    assert page.is_visible("[data-recherche-sans-js]")
    context.close()


# --- accessibility ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "aides/",
        "aides/?public=salaries&region=11&statut=termine",
        "aides/?public=inconnu",
        "recherche/",
        "recherche/?q=logement&rubrique=aide",
    ],
)
def test_search_and_catalogue_pass_axe(page: Any, url: str) -> None:
    page.goto(page.base + url)
    root = "[data-catalogue]" if url.startswith("aides") else "[data-recherche]"
    _wait(page, root)
    page.click(f"{root} .filtres__titre")  # unfold the filters too
    assert axe_violations(page) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"la page déborde : {width} px"


def test_header_search_panel_passes_axe(page: Any) -> None:
    page.goto(page.base + "aides/visale/")
    page.click("[data-recherche-bouton]")
    page.keyboard.type("jeunes")
    page.wait_for_selector("[data-recherche-entete] .resultat-recherche")
    assert axe_violations(page) == []


# --- reproducible builds: Pagefind's filter files in a fixed order ------------------------------


def test_pagefind_filter_files_are_rewritten_in_a_fixed_order(site: Path) -> None:
    from aides.publishing import pagefind_stable

    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = pagefind_stable._read(bundle / f"pagefind.{entry['languages']['fr']['hash']}.pf_meta")
    names = [name for name, _ in meta[3]]
    assert names == sorted(names) and "public" in names
    for _, chunk in meta[3]:
        _, values = pagefind_stable._read(bundle / "filter" / f"{chunk}.pf_filter")
        assert [value for value, _ in values] == sorted(value for value, _ in values)


def test_an_unexpected_pagefind_format_is_left_untouched(tmp_path: Path) -> None:
    import gzip

    from aides.publishing import pagefind_stable

    (tmp_path / "pagefind-entry.json").write_text('{"languages":{"fr":{"hash":"fr_1"}}}', encoding="utf-8")
    (tmp_path / "pagefind.fr_1.pf_meta").write_bytes(gzip.compress(b"pagefind_dcd\xa1\x01\x02"))  # a CBOR map
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    assert pagefind_stable.stabilise(tmp_path) is False
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before
