"""Is it still true? Dates of information, review, tombstones, the URL registry, history and feeds,
internal links (issue 9). Builds as of the tests' date (2026-11-22) and as of 22 November 2025."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from aides.data.loading import load_catalogue
from aides.model.catalogue import STALE_MEASURE
from aides.registry import Registry
from aides.trust import freshness, public_urls
from aides.trust.review import NO_END, OLD_SOURCE, REVIEW_PAST, review
from conftest import DATA, EPOCH, REMOVED, ROOT, TODAY, Builder, local_page, remove_aid

EPOCH_2025 = "1763769600"  # 2025-11-22, the date of the issue's « done when »
LOYER_150 = "aide-exceptionnelle-loyer-150-euros"


def _text(page: str) -> str:
    return html.unescape(re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", page)))


def _read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site_2025(tmp_path_factory: pytest.TempPathFactory, build_site: Builder) -> Path:
    site = tmp_path_factory.mktemp("fraicheur2025") / "site"
    result = build_site(site, SOURCE_DATE_EPOCH=EPOCH_2025)
    assert result.returncode == 0, result.stderr
    return site


# --- the three dates -------------------------------------------------------------------------


def test_information_dates_come_from_the_sources_with_the_reasoning(catalogue: Any) -> None:
    visale = catalogue.aides["visale"]
    info = catalogue.information_date(visale, visale.sources)
    assert (info.annee, info.date) == (2017, None)
    assert "7 juin 2016" in info.raisonnement and "il y a un an" in info.raisonnement
    dalo = catalogue.aides["relogement-prioritaires-dalo-ile-de-france"]
    assert catalogue.information_date(dalo, dalo.sources).date == dt.date(2019, 9, 26)


def test_nothing_from_the_seeds_claims_a_confirmation(catalogue: Any) -> None:
    for kind in ("aides", "partenaires", "conventions", "contacts"):
        for record_id, record in getattr(catalogue, kind).items():
            assert record.confirmation is None, (kind, record_id)
            assert record.enregistre_le == dt.date(2026, 11, 22)


@pytest.mark.parametrize("epoch", [EPOCH, EPOCH_2025])
def test_every_current_seed_aid_is_old_unconfirmed_information(epoch: str) -> None:
    today = dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    catalogue = load_catalogue(DATA, today=today)
    for aid_id, aide in catalogue.aides.items():
        if catalogue.is_offered(aide):
            notice = freshness.notice(catalogue, aide)
            assert re.match(r"Information de 20(1[5-9]|2[01]), non confirmée depuis\u00a0: vérifiez auprès d", notice), aid_id


def test_a_confirmation_within_the_review_period_removes_the_notice(catalogue: Any) -> None:
    from aides.model.dates import Confirmation

    aide = catalogue.aides["visale"]
    confirmed = aide.model_copy(update={"confirmation": Confirmation(date=TODAY, par="Action Logement", moyen="courriel")})
    assert freshness.notice(catalogue, confirmed) == ""
    later = dt.date(TODAY.year + 2, 1, 1)
    catalogue_later = load_catalogue(DATA, today=later)
    assert "Information confirmée le 22" in freshness.notice(catalogue_later, confirmed)


def test_an_old_unconfirmed_temporary_measure_is_no_longer_offered(catalogue: Any) -> None:
    """The May-2020 crisis measure (information of 2021, never confirmed) is past its review date: issue 19."""
    from aides.model.dates import Confirmation, DateInformation

    aide = catalogue.aides[LOYER_150]
    assert catalogue.status(aide) == STALE_MEASURE and not catalogue.is_offered(aide) and not catalogue.is_closed(aide)
    assert LOYER_150 not in catalogue.current_aids
    assert freshness.notice(catalogue, aide) == (
        "Mesure temporaire de 2020, jamais confirmée depuis\u00a0: elle n'est plus proposée par défaut. "
        "Renseignez-vous auprès de l'Accompagnement social d'Action Logement Services en Paca-Corse "
        "pour savoir si elle existe encore."
    )
    # Confirmed within its review period, or of recent information: offered again, « à confirmer ».
    confirmed = aide.model_copy(update={"confirmation": Confirmation(date=TODAY, par="Action Logement", moyen="courriel")})
    recent = aide.model_copy(update={"date_information": DateInformation(date=TODAY)})
    for fresh in (confirmed, recent):
        assert catalogue.status(fresh) == "a_confirmer" and catalogue.is_offered(fresh)
    # Only a temporary measure leaves: a scheme as old and unconfirmed (Visale, 2017) stays offered, with its notice.
    visale = catalogue.aides["visale"]
    assert catalogue.is_review_due(visale) and catalogue.status(visale) == "en_cours" and catalogue.is_offered(visale)
    # Past its end date, it is ended, whatever its information.
    ended = aide.model_copy(update={"validite": aide.validite.model_copy(update={"fin": dt.date(2021, 1, 1)})})
    assert catalogue.status(ended) == "termine" and catalogue.is_closed(ended)


# --- pages -------------------------------------------------------------------------------------


@pytest.mark.build  # the site comes from request.getfixturevalue, which the markers cannot see
@pytest.mark.parametrize("which", ["site", "site_2025"])
def test_every_page_dates_its_information_and_says_nothing_is_confirmed(which: str, request: Any, catalogue: Any) -> None:
    site = request.getfixturevalue(which)
    pages = [f"aides/{a}" for a in catalogue.aides] + [f"partenaires/{p}" for p in catalogue.partenaires]
    pages += [f"conventions/{c}" for c in catalogue.conventions]
    for path in pages:
        text = _text(_read(site, path))
        assert "Dernière vérification" not in text, path
        assert "Date de l'information" in text and "Enregistrée sur ce site le 22\u00a0novembre 2026" in text, path
        assert "Confirmée auprès de l'organisme jamais" in text, path
    contacts = _text(_read(site, "contacts"))
    assert "Information de 2021 · enregistrée ici le 22\u00a0novembre 2026 · jamais confirmée auprès de l'organisme" in contacts


@pytest.mark.build  # the site comes from request.getfixturevalue, which the markers cannot see
@pytest.mark.parametrize("which", ["site", "site_2025"])
def test_old_information_is_never_presented_as_current(which: str, request: Any) -> None:
    """At the top of its page, on its card (carte.json) and in its search data: the notice."""
    site = request.getfixturevalue(which)
    visale = _read(site, "aides/visale")
    top = _text(visale[visale.find("<h1") : visale.find('class="chapo"')])
    assert "Information de 2017, non confirmée depuis\u00a0: vérifiez auprès d'Action Logement ou des Comités locaux" in top
    assert 'data-pagefind-meta="avis:Information de 2017' in visale
    card = json.loads((site / "aides" / "visale" / "carte.json").read_text(encoding="utf-8"))
    assert card["avis"].startswith("Information de 2017, non confirmée depuis")
    crisis = _read(site, f"aides/{LOYER_150}")
    top = _text(crisis[crisis.find("<h1") : crisis.find('class="chapo"')])
    assert "Mesure temporaire de 2020, jamais confirmée depuis\u00a0: elle n'est plus proposée par défaut." in top
    assert "Statut Ancienne mesure non confirmée" in _text(crisis) and "Statut En cours" not in _text(crisis)
    rules = json.loads((site / "assets" / "questionnaire.json").read_text(encoding="utf-8"))
    notices = [rules["suites"][suite][1] for suite in rules["aides"]["suite"]]
    assert all(index is not None and rules["avis"][index].startswith("Information de ") for index in notices)


def test_an_old_temporary_measure_is_among_no_current_aids_and_its_page_says_why(site: Path, catalogue: Any) -> None:
    """The May-2020 crisis measure (issue 19): out of /aides/ by default, of every région sheet, of the
    questionnaire; its page stays, says why, and keeps its checker (« à vérifier » at best)."""
    listing = _read(site, "aides")
    current, _ = listing.split('id="termines"')
    assert f'href="{LOYER_150}/"' not in current
    assert f"{len(catalogue.current_aids)} aides en cours" in _text(current) and len(catalogue.current_aids) == 9
    sheets = sorted((site / "aides" / "region").glob("*/imprimer/index.html"))
    assert len(sheets) == len(catalogue.served_regions) > 0
    for sheet in sheets:
        assert LOYER_150 not in sheet.read_text(encoding="utf-8"), sheet
    rules = json.loads((site / "assets" / "questionnaire.json").read_text(encoding="utf-8"))
    assert LOYER_150 not in rules["aides"]["id"] and len(rules["aides"]["id"]) == 9
    records = {record["id"]: record for record in json.loads((site / "donnees" / "aides.json").read_text(encoding="utf-8"))}
    assert records[LOYER_150]["statut"] == "mesure_ancienne"
    card = json.loads((site / "aides" / LOYER_150 / "carte.json").read_text(encoding="utf-8"))
    assert card["avis"].startswith(
        "Mesure temporaire de 2020, jamais confirmée depuis\u00a0: elle n'est plus proposée par défaut."
    )
    page = _read(site, f"aides/{LOYER_150}")
    top = _text(page[page.find("<h1") : page.find('class="chapo"')])
    assert top.count("Mesure temporaire de 2020") == 1 and "pour savoir si elle existe encore" in top
    assert "data-checker " in page and "Ce dispositif est terminé" not in page
    # The partners' link builder lists it after the current aids, never as « terminée ».
    tools = _text(_read(site, "pour-les-partenaires"))
    assert "pendant la crise sanitaire (plus proposée)" in tools and "(terminée)" not in tools


def test_the_static_catalogue_shows_the_notice_on_each_card(site: Path) -> None:
    page = _read(site, "aides")
    assert page.count('class="carte-aide__avis"') >= 10


def test_information_filter_counts(site: Path) -> None:
    page = _text(_read(site, "aides"))
    assert re.search(r"Information à confirmer \(9\)", page), "every current seed aid is to confirm"


# --- history and feeds -------------------------------------------------------------------------


def test_history_section_feed_and_alternate_link(site: Path) -> None:
    page = _read(site, "aides/visale")
    assert 'id="historique"' in page
    assert '<link rel="alternate feed" type="application/atom+xml" title="Modifications" href="modifications.xml">' in page
    feed = (site / "aides" / "visale" / "modifications.xml").read_text(encoding="utf-8")
    assert feed.startswith('<?xml version="1.0" encoding="utf-8"?>') and "<feed" in feed
    assert (site / "modifications.xml").is_file()
    home = _read(site, "")
    assert "Dernières modifications" in home and 'href="modifications.xml"' in home
    # Changes in plain words: the schema work of 30 November 2026 (« date de vérification retirée ; champ
    # « enregistre_le » ajouté ») is not news; the public reads sentences.
    assert "enregistre_le" not in home and "date de vérification" not in home and "modifié" not in home
    assert "Nouvelle aide sur ce site." in feed or "Nouvelle aide sur ce site." in home


# Feeds and the review are deterministic: test_site.py builds the site twice and compares every file.


def test_outside_git_the_history_says_so(hostile_site: Path) -> None:
    """hostile_site is built from a copy of data/ in a temporary folder (conftest.py)."""
    assert "Historique des modifications indisponible ici (hors dépôt git)" in _text(_read(hostile_site, "aides/visale"))


# --- make revue --------------------------------------------------------------------------------


def test_review_lists_every_reason_most_urgent_first(catalogue: Any) -> None:
    items = review(catalogue)
    assert [item.id for item in items][:2] == [
        "logement-temporaire-habitat-humanisme-rhone",
        "sous-location-glissement-bail-alliade-habitat",
    ]
    crisis = next(item for item in items if item.id == LOYER_150)
    assert crisis.raisons == [REVIEW_PAST, OLD_SOURCE, NO_END]
    assert crisis.fichier == f"data/aides/{LOYER_150}.yml"
    assert all(item.id != "sous-location-femmes-victimes-violences" for item in items)  # ended: nothing to confirm
    lateness = [item.retard_jours for item in items]
    assert lateness == sorted(lateness, reverse=True)


def test_make_revue_prints_the_list_in_french(tmp_path: Path) -> None:
    env = {"PYTHONPATH": "hooks", "SOURCE_DATE_EPOCH": EPOCH, "PATH": "/usr/bin:/bin"}
    out = tmp_path / "revue.json"
    result = subprocess.run(
        [sys.executable, "-m", "aides", "revue", "--json", str(out)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("10 aide(s) à revoir au 22 novembre 2026, la plus urgente d'abord :")
    assert f"data/aides/{LOYER_150}.yml : " in result.stdout
    assert "mesure temporaire sans date de fin connue" in result.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["nombre"] == 10


def test_the_review_is_published(site: Path) -> None:
    data = json.loads((site / "donnees" / "revue.json").read_text(encoding="utf-8"))
    assert data["date"] == "2026-11-22" and data["nombre"] == 10


# --- URL registry and tombstones ------------------------------------------------------------------


def test_the_committed_url_list_is_up_to_date(catalogue: Any) -> None:
    """New addresses are fine: run « make urls » to add them to referentiel/urls-publiques.txt."""
    committed = public_urls.read(public_urls.registry_file(DATA))
    assert committed is not None
    current = Registry(catalogue).public_urls()
    assert public_urls.missing(committed, current) == []
    assert committed == current, "nouvelles adresses publiques : lancez « make urls »"


def test_every_committed_address_is_built(site: Path) -> None:
    for url in public_urls.read(public_urls.registry_file(DATA)) or []:
        path = site / url.lstrip("/")
        assert (path / "index.html" if url.endswith("/") else path).is_file(), url


@pytest.fixture
def data_with_list(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (tmp_path / "referentiel").mkdir()
    shutil.copy(public_urls.registry_file(DATA), tmp_path / "referentiel" / public_urls.FILE_NAME)
    return data


def test_a_vanished_address_fails_the_build(data_with_list: Path, tmp_path: Path, build_site: Builder) -> None:
    remove_aid(data_with_list, REMOVED)
    result = build_site(tmp_path / "site", data_with_list)
    assert result.returncode != 0
    assert "/aides/requalification-logements-sociaux/ : adresse publiée" in result.stderr


def test_a_tombstone_keeps_the_address(data_with_list: Path, tmp_path: Path, build_site: Builder) -> None:
    remove_aid(data_with_list, REMOVED)
    (data_with_list / "archives").mkdir()
    (data_with_list / "archives" / "requalification-logements-sociaux.yml").write_text(
        "titre: Prêt pour la requalification de logements sociaux\n"
        "retiree_le: 2026-10-01\n"
        "raison: Le programme de renouvellement urbain a pris fin.\n"
        "remplacee_par: reconstitution-offre-renouvellement-urbain\n",
        encoding="utf-8",
    )
    result = build_site(tmp_path / "site", data_with_list)
    assert result.returncode == 0, result.stderr
    text = _text(_read(tmp_path / "site", "aides/requalification-logements-sociaux"))
    assert "Cette aide n'existe plus" in text and "retirée le 1er\u00a0octobre 2026" in text
    assert "Le programme de renouvellement urbain a pris fin." in text and "Prêts et subventions" in text


# --- internal links ----------------------------------------------------------------------------------

_HREF = re.compile(r'\s(?:href|src)="([^"]+)"')
_ID = re.compile(r'\sid="([^"]+)"')


def test_no_broken_internal_link_or_anchor(site: Path) -> None:
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(_ID.findall(path.read_text(encoding="utf-8"))) if path.suffix == ".html" else set()
        return ids[path]

    broken = []
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        base = "http://site/" + page.relative_to(site).as_posix()
        for link in _HREF.findall(page.read_text(encoding="utf-8")):
            target = urlsplit(urljoin(base, html.unescape(link)))
            if target.netloc != "site":
                continue
            path = site / unquote(target.path).lstrip("/")
            path = path / "index.html" if path.is_dir() else path
            if not path.is_file():
                broken.append(f"{page.relative_to(site)} → {link}")
            elif target.fragment and "=" not in target.fragment and target.fragment not in anchors(path):
                broken.append(f"{page.relative_to(site)} → {link} (ancre)")
    assert broken == []


# --- browsers: no « vous pourriez y avoir droit » on unconfirmed old information -------------------------


def test_the_aid_checker_sends_old_information_to_check(browser: Any, server: str) -> None:
    """By its rules this persona is eligible to Visale; its information (2017) was never confirmed."""
    with local_page(browser, server) as page:
        page.goto(server + "aides/visale/#profil=particulier&age=25&statut=salarie&entree_logement=oui")
        page.wait_for_selector("[data-checker]:not([hidden])")
        verdict = page.locator("[data-verdict]")
        verdict.locator(".verdict__titre").wait_for()
        text = verdict.inner_text()
        assert "vous pourriez avoir droit" not in text.casefold()
        assert "à vérifier" in text and "Information de 2017, non confirmée depuis" in text
        # The criteria stay explained, each one met.
        assert page.locator("[data-etats] .etat").count() >= 4


def test_the_questionnaire_never_offers_old_information_as_possible(browser: Any, server: str) -> None:
    answers = "profil=particulier&age=41&statut=salarie&departement=93&decision_dalo=oui&locataire=oui"
    answers += "&entree_logement=non&difficulte=aucune"
    with local_page(browser, server) as page:
        page.goto(server + "eligibilite/#" + answers)
        page.wait_for_selector("#a-verifier li")
        assert page.locator("#eligible li").count() == 0
        dalo = page.locator("#a-verifier li", has_text="Logements réservés aux salariés")
        assert "Information de 2019, non confirmée depuis" in dalo.inner_text()


def test_the_build_puts_every_page_under_the_policy(site: Path) -> None:
    """csp.apply is the last step of a build (not of `mkdocs serve`): a meta in every page, and _headers."""
    headers = (site / "_headers").read_text(encoding="utf-8")
    assert "Referrer-Policy: strict-origin-when-cross-origin" in headers and "X-Content-Type-Options: nosniff" in headers
    assert "frame-ancestors 'none'" in headers
    for page in site.rglob("*.html"):
        assert page.read_text(encoding="utf-8").count('http-equiv="Content-Security-Policy"') == 1, page


def test_search_results_carry_the_notice_of_old_information(browser: Any, server: str) -> None:
    """The notice shown on the aid page and its card is also on its search result (Pagefind metadata)."""
    with local_page(browser, server) as page:
        page.goto(server + "recherche/?q=visale")
        page.wait_for_selector("[data-recherche] [data-liste] li")
        notice = page.locator("[data-recherche] [data-liste] li .resultat-recherche__avis").first.inner_text()
        assert notice.startswith("Information de 2017, non confirmée depuis")
