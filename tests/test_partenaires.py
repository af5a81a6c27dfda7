"""Issue 11, for partners: the link builder of /pour-les-partenaires/, the embeddable views
under /integrer/ (framed by another origin, resized by postMessage, keyboard reachable), the
framing policy of ``_headers`` (applied by a test server as Netlify and Cloudflare Pages do),
"Imprimer mon récapitulatif", and the regional sheets (a few aids per public, and the list of
the rest: checked on the seed and on 60 synthetic aids of one région). Every link the builder
makes is opened in Chromium and every QR code is read back with zxing-cpp."""

from __future__ import annotations

import io
import json
import re
import shutil
import urllib.parse
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import yaml
import zxingcpp
from aides.data.loading import load_catalogue
from aides.model.conditions import evaluate
from aides.site import facets, urls
from aides.site.partner_pages import age_bands, age_limits, region_sheet, tools
from aides.site.pieces import Pieces
from aides.site.sheets import PER_GROUP
from conftest import DATA, TODAY, Builder, axe_violations, local_page, serve_directory
from headers import headers_for, parse
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

TOOLS = urls.PARTNER_TOOLS
PACA = "93"
CANONICAL = "http://127.0.0.1:8000/"  # site_url of test builds


def decode(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.fixture(scope="module")
def views(catalogue: Any) -> Pieces:
    return Pieces(catalogue, CANONICAL)


# --- _headers ------------------------------------------------------------------------------


def test_only_embeds_may_be_framed_and_rules_never_overlap(site: Path) -> None:
    rules = parse((site / "_headers").read_text(encoding="utf-8"))
    for path in ["/", "/index.html", "/aides/visale/", "/eligibilite/", f"/{TOOLS}", "/404.html", "/aides/region/93/imprimer/"]:
        headers = headers_for(rules, path)
        assert headers["Content-Security-Policy"].endswith("frame-ancestors 'none'"), path
        assert "," not in headers["Content-Security-Policy"], path  # one policy: no rule overlaps
        assert headers["X-Frame-Options"] == "DENY", path
    for path in ["/integrer/aides/visale/", "/integrer/aides/", "/integrer/eligibilite/"]:
        headers = headers_for(rules, path)
        assert headers["Content-Security-Policy"].endswith("frame-ancestors *"), path
        assert "," not in headers["Content-Security-Policy"] and "X-Frame-Options" not in headers, path


# --- the link builder ----------------------------------------------------------------------


def open_builder(page: Any) -> None:
    page.goto(page.base + TOOLS)
    page.wait_for_selector("[data-constructeur]:not([hidden])")


def built_link(page: Any) -> str:
    return page.input_value("#lien-adresse")


def builder_qr(page: Any) -> list[str]:
    return decode(page.locator("[data-qr] svg").screenshot())


def test_builder_links_to_an_aid_section(page: Any, views: Pieces) -> None:
    open_builder(page)
    page.select_option("#lien-aide", "visale")
    page.select_option("#lien-section", "conditions")
    link = built_link(page)
    assert link == page.base + "aides/visale/#conditions"
    assert builder_qr(page) == [link]
    page.goto(link)
    assert page.text_content(".fiche-aide h1").strip() == views.cards.aid("visale").titre
    assert page.evaluate("location.hash") == "#conditions" and page.locator("h2#conditions").count() == 1


def test_builder_links_to_a_filtered_list(page: Any, site: Path, views: Pieces) -> None:
    open_builder(page)
    page.check("#cible-catalogue")
    assert page.is_visible("#filtre-public-jeunes") and page.is_hidden("#lien-aide")
    page.check("#filtre-public-jeunes")
    page.select_option("#filtre-departement", "69")
    link = built_link(page)
    assert link == page.base + "aides/?public=jeunes&departement=69"
    assert builder_qr(page) == [link]
    page.goto(link)
    page.wait_for_function("() => !document.querySelector('[data-catalogue]').hasAttribute('aria-busy')")
    shown = page.eval_on_selector_all(
        "[data-catalogue] .carte-aide__titre a",
        "links => links.filter((a) => a.offsetParent !== null).map((a) => new URL(a.href).pathname.split('/').at(-2))",
    )
    index = json.loads((site / "aides" / "catalogue.json").read_text(encoding="utf-8"))
    departements = {dep.code: [dep.nom, dep.region] for dep in views.cat.departements}
    expected = facets.matching(
        facets.decode_index(index, departements), {"public": ["jeunes"], "departement": "69", "statut": None}, views.cat.region_of
    )
    assert shown == expected and shown


def shown_aids(page: Any) -> list[str]:
    """The ids of the aids a catalogue shows, once filtered."""
    page.wait_for_function("() => !document.querySelector('[data-catalogue]').hasAttribute('aria-busy')")
    return page.eval_on_selector_all(
        "[data-catalogue] .carte-aide__titre a",
        "links => links.filter((a) => a.offsetParent !== null).map((a) => new URL(a.href).pathname.split('/').at(-2))",
    )


def expected_aids(site: Path, views: Pieces, state: dict[str, Any]) -> list[str]:
    index = json.loads((site / "aides" / "catalogue.json").read_text(encoding="utf-8"))
    departements = {dep.code: [dep.nom, dep.region] for dep in views.cat.departements}
    return facets.matching(facets.decode_index(index, departements), {"statut": None, **state}, views.cat.region_of)


def test_builder_fixes_the_filters_of_an_embedded_list(browser: Any, server: str, site: Path, views: Pieces) -> None:
    """A partner for young people in Paca fixes « Pour qui » and « Territoire »: the embed applies them, does not
    offer them, says « Liste limitée à : … », and keeps them through « Effacer tous les filtres » and other choices."""
    with local_page(browser, server, width=390) as page:
        open_builder(page)
        page.check("#cible-catalogue")
        page.check("#filtre-public-jeunes")
        page.check(f"#filtre-region-{PACA}")
        page.check("#fixe-filtre-public")
        page.check("#fixe-filtre-region")
        page.check("#fixe-filtre-type")  # no type chosen: nothing to fix
        assert built_link(page) == page.base + f"aides/?public=jeunes&region={PACA}"  # the link itself fixes nothing
        embed = page.base + f"integrer/aides/?public=jeunes&region={PACA}&fixe=public,region"
        assert f'<iframe src="{embed.replace("&", "&amp;")}"' in page.input_value("#lien-code")
        assert axe_violations(page) == []

        page.goto(embed)
        expected = expected_aids(site, views, {"public": ["jeunes"], "region": [PACA]})
        assert shown_aids(page) == expected and expected
        limits = page.locator(".filtres-fixes").inner_text().replace("\u00a0", " ")
        assert limits.startswith("Liste limitée à :")
        assert "Pour qui : Jeunes" in limits and "Territoire : Provence-Alpes-Côte d'Azur" in limits
        assert page.locator("fieldset[data-facette=public]").is_hidden()
        assert page.locator("fieldset[data-facette=region]").is_hidden()
        page.click("[data-filtres-details] summary")
        assert page.locator("fieldset[data-facette=type]").is_visible()
        assert page.inner_text("[data-filtres-actifs]") == ""  # the fixed filters are not the reader's
        assert axe_violations(page) == []

        page.click("[data-effacer]")  # the reader cannot remove them
        assert "public=jeunes" in page.url and f"region={PACA}" in page.url and "fixe=public,region" in page.url
        assert shown_aids(page) == expected
        page.locator("fieldset[data-facette=type] input").first.check()
        type_id = page.locator("fieldset[data-facette=type] input").first.get_attribute("value")
        page.wait_for_function(f"() => location.search.includes('type={type_id}')")
        assert shown_aids(page) == expected_aids(site, views, {"public": ["jeunes"], "region": [PACA], "type": [type_id]})
        assert "fixe=public,region" in page.url and page.inner_text("[data-filtres-actifs]") == "(1 filtre actif)"


def test_the_technical_notes_example_opens_a_fixed_list(page: Any) -> None:
    page.goto(page.base + TOOLS)
    example = page.locator("#integrer a", has_text="fixe=").get_attribute("href")
    page.goto(urllib.parse.urljoin(page.base + TOOLS, example))
    page.wait_for_function("() => !document.querySelector('[data-catalogue]').hasAttribute('aria-busy')")
    assert page.locator(".filtres-fixes").inner_text().startswith("Liste limitée à")


def test_only_an_embed_fixes_filters(page: Any) -> None:
    page.goto(page.base + "aides/?public=jeunes&fixe=public")
    page.wait_for_function("() => !document.querySelector('[data-catalogue]').hasAttribute('aria-busy')")
    assert page.locator(".filtres-fixes").count() == 0
    page.click("[data-filtres-details] summary")
    assert page.locator("fieldset[data-facette=public]").is_visible()


def test_builder_prefills_the_questionnaire_and_its_embed(page: Any) -> None:
    open_builder(page)
    page.check("#cible-questionnaire")
    page.check("#lien-profil-particulier")
    page.select_option("#lien-age-valeur", label="18 à 25\u00a0ans")
    page.select_option("#lien-departement-valeur", "69")
    page.check("#fixe-profil")
    link = built_link(page)
    assert link == page.base + "eligibilite/#profil=particulier&age=25&departement=69"
    assert builder_qr(page) == [link]
    snippet = page.input_value("#lien-code")
    embed = page.base + "integrer/eligibilite/?fixe=profil#profil=particulier&age=25&departement=69"
    assert f'<iframe src="{embed.replace("&", "&amp;")}" title="Suis-je concerné\u00a0? (Aides au logement)"' in snippet
    assert f'<script src="{page.base}{urls.EMBED_HOST_SCRIPT}" defer></script>' in snippet
    page.goto(link)
    page.wait_for_selector("[data-questionnaire]:not([hidden])")
    answers = page.inner_text("[data-reponses]")
    assert "Un particulier" in answers and "25\u00a0ans" in answers and "Rhône" in answers


def test_age_bands_never_straddle_an_age_limit_of_the_conditions(views: Pieces) -> None:
    """Every age of a band meets the same age conditions as the age its link carries; partners' usual bands stay."""
    age = next(field for field in tools(views).questions if field.id == "age")
    assert age.widget == "liste"
    labels = [label for _, label in age.options]
    assert labels == ["Moins de 18\u00a0ans", "18 à 25\u00a0ans", "26 à 29\u00a0ans", "30 à 59\u00a0ans", "60\u00a0ans ou plus"]
    limits = age_limits(views, "age")
    assert limits == {30}  # Visale: « Avoir moins de 30 ans »
    criteria = [
        {"type": "critere", "question": "age", "operateur": op, "valeur": limit}
        for limit in limits
        for op in ("moins_de", "au_moins")
    ]
    meets = {a: [evaluate(criterion, {"age": a}) for criterion in criteria] for a in range(age.min, age.max + 1)}
    values = [int(value) for value, _ in age.options]
    for a in range(age.min, age.max + 1):
        carried = next(
            (value for value in values[:-1] if a <= value), values[-1]
        )  # a band carries its highest age, the last its lowest
        assert meets[a] == meets[carried], a


def test_age_bands_are_cut_at_every_limit() -> None:
    assert age_bands({18, 26, 28, 60}, 14, 120) == [
        ("17", "Moins de 18\u00a0ans"),
        ("25", "18 à 25\u00a0ans"),
        ("27", "26 à 27\u00a0ans"),
        ("59", "28 à 59\u00a0ans"),
        ("60", "60\u00a0ans ou plus"),
    ]
    assert age_bands({15, 16, 200}, 14, 120) == [
        ("14", "Moins de 15\u00a0ans"),
        ("15", "15\u00a0ans"),
        ("16", "16\u00a0ans ou plus"),
    ]


def test_builder_prefills_an_age_band_that_the_checker_understands(browser: Any, server: str) -> None:
    with local_page(browser, server, width=390) as page:
        open_builder(page)
        page.select_option("#lien-aide", "visale")
        options = page.eval_on_selector_all("#lien-age-valeur option", "options => options.map((o) => o.textContent)")
        assert "26 à 29\u00a0ans" in options and "60\u00a0ans ou plus" in options
        assert page.locator("#lien-age-valeur").get_attribute("inputmode") is None  # no age in years to type
        page.select_option("#lien-age-valeur", label="26 à 29\u00a0ans")
        link = built_link(page)
        assert link == page.base + "aides/visale/#age=29"
        assert axe_violations(page) == []
        page.goto(link)
        page.wait_for_selector("[data-checker]:not([hidden])")
        assert page.input_value("#verif-age-valeur") == "29"
        assert "(remplie)" in page.locator("[data-etats] li", has_text="moins de 30").first.inner_text()


def test_builder_copies_with_an_announcement_and_downloads_png_and_svg(browser: Any, server: str, tmp_path: Path) -> None:
    with local_page(browser, server, width=1000) as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        open_builder(page)
        page.select_option("#lien-aide", "visale")
        page.click("[data-copier=lien]")
        page.wait_for_function("() => document.querySelector('[data-constructeur] [data-annonce]').textContent === 'Lien copié.'")
        assert page.evaluate("navigator.clipboard.readText()") == page.base + "aides/visale/"
        assert page.get_attribute("[data-constructeur] [data-annonce]", "role") == "status"
        for fmt in ("png", "svg"):
            with page.expect_download() as info:
                page.click(f"[data-telecharger={fmt}]")
            target = tmp_path / f"qr.{fmt}"
            info.value.save_as(target)
            if fmt == "png":
                assert decode(target.read_bytes()) == [page.base + "aides/visale/"]
            else:
                page.set_content(f'<body style="margin:0;background:#fff">{target.read_text(encoding="utf-8")}</body>')
                assert decode(page.locator("svg").screenshot()) == [page.base + "aides/visale/"]


# --- embeds, framed by another origin --------------------------------------------------------


def host_page(partner_site: tuple[Path, str], name: str, snippet: str) -> str:
    folder, url = partner_site
    html = f"""<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Site partenaire</title></head>
<body><h1>Notre accueil</h1><p><button id="avant">Avant le cadre</button></p>
<script>window.messages = []; addEventListener("message", (e) => window.messages.push(e.data));</script>
{snippet}
<p><button id="apres">Après le cadre</button></p></body></html>"""
    (folder / name).write_text(html, encoding="utf-8")
    return url + name


def snippet(src: str, title: str, script: str) -> str:
    return (
        f'<iframe src="{src}" title="{title}" data-aides-logement style="width:100%;border:0" height="700" loading="lazy"></iframe>\n'
        f'<script src="{script}" defer></script>'
    )


def frame_height(page: Any) -> float:
    return page.locator("iframe").evaluate("f => f.getBoundingClientRect().height")


@pytest.fixture
def host(browser: Any, headers_server: str, partner_site: tuple[Path, str]) -> Any:
    with local_page(browser, headers_server, width=1000, height=900) as page:
        yield page


def test_embedded_questionnaire_loads_resizes_and_keeps_fixed_answers(host: Any, headers_server: str, partner_site: Any) -> None:
    src = headers_server + "integrer/eligibilite/?fixe=profil#profil=particulier&departement=13"
    url = host_page(
        partner_site, "questionnaire.html", snippet(src, "Suis-je concerné ?", headers_server + urls.EMBED_HOST_SCRIPT)
    )
    host.goto(url)
    frame = host.frame_locator("iframe")
    frame.locator("[data-questionnaire]:not([hidden])").wait_for()
    assert frame.locator(".md-header").count() == 0 and frame.locator(".md-footer").count() == 0
    assert frame.locator("[data-source-integre]").get_attribute("target") == "_blank"
    host.wait_for_function("() => document.querySelector('iframe').style.height !== ''")
    inner = frame.locator("[data-integre]").evaluate("e => e.getBoundingClientRect().bottom")
    assert abs(frame_height(host) - (inner + 32)) <= 2
    # The fixed answer cannot be changed, and survives « Recommencer ».
    answers = frame.locator("[data-reponses]")
    assert answers.locator("[data-modifier=profil]").count() == 0 and answers.locator("[data-modifier=departement]").count() == 1
    frame.locator("[data-recommencer]").click()
    assert "profil=particulier" in frame.locator("body").evaluate("() => location.hash")
    assert "departement" not in frame.locator("body").evaluate("() => location.hash")
    # Only heights ever reach the host page.
    messages = host.evaluate("window.messages")
    assert messages and all(set(m) == {"type", "hauteur"} and m["type"] == "aides-logement:hauteur" for m in messages)


def test_embed_is_reached_with_the_keyboard(host: Any, headers_server: str, partner_site: Any) -> None:
    src = headers_server + "integrer/eligibilite/?fixe=profil#profil=particulier"
    url = host_page(partner_site, "clavier.html", snippet(src, "Suis-je concerné ?", headers_server + urls.EMBED_HOST_SCRIPT))
    host.goto(url)
    frame = host.frame_locator("iframe")
    frame.locator("[data-questionnaire]:not([hidden])").wait_for()
    host.focus("#avant")
    inside = None
    for _ in range(15):
        host.keyboard.press("Tab")
        inside = frame.locator("body").evaluate(
            "() => document.activeElement.closest('fieldset[data-question]')?.dataset.question"
        )
        if inside:
            break
    assert inside, "la touche Tab n'atteint pas les questions du cadre"
    host.keyboard.press("Space")  # the first choice of the question (a radio or a box), or a space in a field
    host.keyboard.press("Enter")  # « Valider ma réponse »: the answer goes to the frame's own address
    frame.locator(f"[data-modifier={inside}], fieldset[data-question={inside}] [data-erreur]:not(:empty)").first.wait_for()


def test_embedded_aid_and_list(host: Any, headers_server: str, partner_site: Any) -> None:
    script = headers_server + urls.EMBED_HOST_SCRIPT
    page_snippet = snippet(headers_server + "integrer/aides/visale/#age=25", "Visale", script)
    host.goto(host_page(partner_site, "aide.html", page_snippet))
    frame = host.frame_locator("iframe")
    frame.locator(".fiche-aide h1").wait_for()
    frame.locator("[data-checker]:not([hidden])").wait_for()
    assert frame.locator("#verif-age-valeur").input_value() == "25"
    host.wait_for_function("() => parseFloat(document.querySelector('iframe').style.height) > 1500")
    host.goto(
        host_page(
            partner_site, "liste.html", snippet(headers_server + "integrer/aides/?public=jeunes&departement=69", "Aides", script)
        )
    )
    frame = host.frame_locator("iframe")
    frame.locator("[data-catalogue]:not([aria-busy])").wait_for()
    assert frame.locator("[data-catalogue] .carte-aide__titre a:visible").count() > 0


def test_a_page_other_than_an_embed_refuses_to_be_framed(host: Any, headers_server: str, partner_site: Any) -> None:
    errors: list[str] = []
    host.on("console", lambda message: errors.append(message.text))
    host.goto(host_page(partner_site, "interdit.html", snippet(headers_server + "aides/visale/", "Visale", "data:,")))
    host.wait_for_timeout(1000)
    frame = host.frames[1]
    assert frame.url != headers_server + "aides/visale/" or frame.locator("h1").count() == 0
    assert any("frame-ancestors" in text for text in errors), errors


def test_host_script_ignores_messages_from_elsewhere(host: Any, headers_server: str, partner_site: Any) -> None:
    src = headers_server + "integrer/aides/visale/"
    host.goto(host_page(partner_site, "autre.html", snippet(src, "Visale", headers_server + urls.EMBED_HOST_SCRIPT)))
    host.frame_locator("iframe").locator(".fiche-aide h1").wait_for()
    host.wait_for_function("() => document.querySelector('iframe').style.height !== ''")
    before = frame_height(host)
    for _ in range(20):  # the embed posts its height again while its page settles: wait until it stays put
        host.wait_for_timeout(300)
        if frame_height(host) == before:
            break
        before = frame_height(host)
    # The host page itself (another origin than the site's) posts a forged height: ignored.
    host.evaluate("window.postMessage({type: 'aides-logement:hauteur', hauteur: 123}, '*')")
    host.wait_for_timeout(300)
    assert frame_height(host) == before


@pytest.mark.parametrize("path", [TOOLS, "integrer/aides/visale/", "integrer/aides/", "integrer/eligibilite/#profil=particulier"])
def test_axe_on_partner_pages_and_embeds(page: Any, path: str) -> None:
    page.goto(page.base + path)
    page.wait_for_timeout(300)
    assert axe_violations(page) == []


def test_embeds_are_not_indexed(site: Path) -> None:
    page = (site / "integrer" / "aides" / "visale" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in page and '<meta name="robots" content="noindex">' in page and '<html lang="fr"' in page
    assert "data-pagefind-body" in (site / "aides" / "visale" / "index.html").read_text(encoding="utf-8")


# --- « Imprimer mon récapitulatif » --------------------------------------------------------

PERSONA = "profil=particulier&age=25&statut=etudiant&entree_logement=oui&locataire=non&difficulte=aucune&departement=13&decision_dalo=non"


def print_summary(page: Any) -> Any:
    page.evaluate("window.print = () => { window.imprime = true; }")
    page.click("[data-imprimer-recapitulatif]")
    page.wait_for_function("() => window.imprime === true")  # the QR library is loaded on demand first
    page.emulate_media(media="print")
    return page.locator(".recapitulatif-boite")


def test_questionnaire_summary_prints_answers_results_and_its_qr(browser: Any, server: str) -> None:
    with local_page(browser, server, width=1280, height=900) as page:
        page.goto(server + "eligibilite/#" + PERSONA)
        page.wait_for_selector("[data-questionnaire]:not([hidden])")
        summary = print_summary(page)
        expect(summary).to_be_visible()  # waits for the print styles to apply (is_visible() would not, under load)
        assert page.locator(".questionnaire").is_hidden() and page.locator(".md-header").is_hidden()
        text = summary.inner_text()
        assert "Vos réponses" in text and "25\u00a0ans" in text and "Étudiant ou étudiante" in text
        assert "Vous pourriez y avoir droit" in text and "À vérifier" in text and "Reste à préciser" in text
        assert "Récapitulatif établi le " in text
        assert decode(summary.locator("svg.qr").screenshot()) == [server + "eligibilite/#" + PERSONA]
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
        assert len(pdf.pages) <= 2, len(pdf.pages)


def test_checker_summary_prints_verdict_and_contacts(browser: Any, server: str) -> None:
    fragment = "profil=particulier&age=25&statut=salarie&departement=13&difficulte=perte_emploi"
    aid = "accompagnement-social-action-logement-services"
    with local_page(browser, server, width=1280, height=900) as page:
        page.goto(f"{server}aides/{aid}/#{fragment}")
        page.wait_for_selector("[data-checker]:not([hidden])")
        summary = print_summary(page)
        expect(summary).to_be_visible()
        assert page.locator(".fiche-aide").is_hidden()
        text = summary.inner_text()
        assert "Résultat indicatif" in text and "Salarié ou salariée" in text and "Vos réponses" in text
        assert decode(summary.locator("svg.qr").screenshot())[0].startswith(f"{server}aides/{aid}/#")
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
        assert len(pdf.pages) <= 2


# --- regional sheets -----------------------------------------------------------------------

SYNTHETIC = 60
# Where the synthetic aids apply, from the most local: Toulon, Toulon Provence Méditerranée, the
# Bouches-du-Rhône, the région, the whole country (then Toulon again: two commune aids per public).
PLACES: list[dict[str, list[str]]] = [
    {"communes": ["83137"]},
    {"epci": ["248300543"]},
    {"departements": ["13"]},
    {"regions": [PACA]},
    {},
]


def index_place(index: int) -> int:
    """Aids 0-9 in Toulon, 10-19 in its EPCI, and so on: each public gets one aid of each ten."""
    return index // 10 % len(PLACES)


def synthetic_aid(index: int, public: str, source: str) -> dict[str, Any]:
    """An aid shaped like scripts/bench.py's, for one public and one kind of place (PLACES)."""
    return {
        "titre": f"Aide fictive {(index * 37) % 61:02d}",  # titles in another order than ids
        "resume": "Dispositif fictif pour une fiche de région très fournie.",
        "description": "Cette aide fictive sert à vérifier la fiche à imprimer d'une région.",
        "publics": [public],
        "types": ["aide_financiere"],
        "territoire": PLACES[index_place(index)],
        "pour_qui": ["Les ménages de la région"],
        "conditions": {"toutes": [{"profil": "particulier"}]},
        "demarche": ["Contacter l'organisme"],
        "partenaires": [{"partenaire": "action-logement-services", "role": "Porte l'aide"}],
        "sources": [{"article": source}],
        "enregistre_le": "2026-11-22",
    }


@pytest.fixture(scope="module")
def large_region(tmp_path_factory: pytest.TempPathFactory, build_site: Builder) -> tuple[Path, Path]:
    """data/ plus 60 aids of PACA, six for each of the ten publics; and the site built from it."""
    folder = tmp_path_factory.mktemp("grande-region")
    data = folder / "data"
    shutil.copytree(DATA, data)
    publics = [entry["id"] for entry in yaml.safe_load((DATA / "referentiels.yml").read_text(encoding="utf-8"))["publics"]]
    source = yaml.safe_load((DATA / "sources.yml").read_text(encoding="utf-8"))["sources"][0]["id"]
    for index in range(SYNTHETIC):
        aid = synthetic_aid(index, publics[index % len(publics)], source)
        (data / "aides" / f"aide-fictive-{index:02d}.yml").write_text(yaml.safe_dump(aid, allow_unicode=True), encoding="utf-8")
    result = build_site(folder / "site", data)
    assert result.returncode == 0, result.stderr
    return data, folder / "site"


@pytest.fixture(scope="module")
def large_server(large_region: tuple[Path, Path]) -> Iterator[str]:
    httpd, url = serve_directory(large_region[1])
    yield url
    httpd.shutdown()


def sheet_aid_ids(html: str) -> list[str]:
    """The aids a built sheet prints, from their links (../../../<id>/)."""
    return [href.rstrip("/").rsplit("/", 1)[1] for href in re.findall(r'<h3><a href="([^"]+)">', html)]


def list_address(*filters: tuple[str, str]) -> str:
    return CANONICAL + urls.CATALOGUE + "?" + "&".join(f"{key}={value}" for key, value in filters)


def decoded_index(site: Path, views: Pieces) -> list[dict[str, Any]]:
    index = json.loads((site / urls.CATALOGUE_INDEX).read_text(encoding="utf-8"))
    return facets.decode_index(
        index, {dep.code: [dep.nom, dep.region] for dep in views.cat.departements}, views.cat.places["epci_of"]
    )


def test_every_region_with_aids_has_a_sheet_linked_from_the_tools_page(site: Path, views: Pieces) -> None:
    tools = (site / TOOLS / "index.html").read_text(encoding="utf-8")
    regions = views.cat.served_regions
    assert regions
    for region in regions:
        assert (site / urls.region_sheet(region.code) / "index.html").exists()
        assert f'href="../{urls.region_sheet(region.code)}"' in tools


def test_with_the_seed_every_sheet_prints_all_the_current_aids_of_its_region(site: Path, views: Pieces) -> None:
    """The région filter of /aides/ (facets.filters) says which aids each sheet owes; the seed is small enough for all."""
    current = [a for a in views.cat.aides if views.cat.is_offered(views.cat.aides[a])]
    for region in views.cat.served_regions:
        html = (site / urls.region_sheet(region.code) / "index.html").read_text(encoding="utf-8")
        expected = {a for a in current if region.code in views.facets.filters(a)["region"]}
        assert sorted(sheet_aid_ids(html)) == sorted(expected), region.nom
        assert "Cette fiche les présente toutes" in html and "autres aides" not in html


def test_every_printed_aid_carries_its_notice(site: Path, views: Pieces) -> None:
    """« Information de 2017, non confirmée depuis… » goes to paper with the aid: each sheet prints its card's notice."""
    noticed = 0
    for region in views.cat.served_regions:
        html = (site / urls.region_sheet(region.code) / "index.html").read_text(encoding="utf-8")
        items = html.split('<li class="feuille-region__aide">')[1:]
        assert len(items) == len(sheet_aid_ids(html)), region.nom
        for item, aid_id in zip(items, sheet_aid_ids(html), strict=True):
            avis = views.cards.aid(aid_id).avis
            shown = re.findall(r'<p class="feuille-region__avis">([^<]*)</p>', item.split("</li>", 1)[0])
            assert [unescape(text) for text in shown] == ([avis] if avis else []), (region.nom, aid_id)
            noticed += bool(avis)
    assert noticed  # at the tests' date, the seed's information is past review


def test_paca_sheet_fits_and_its_qr_codes_open_the_lists(browser: Any, server: str, views: Pieces) -> None:
    sheet = region_sheet(views, PACA)
    with local_page(browser, server, width=1280, height=900) as page:
        page.goto(server + urls.region_sheet(PACA))
        page.emulate_media(media="print")
        codes = page.locator(".feuille-region__qr svg")
        expected = [list_address(("region", PACA))] + [list_address(("region", PACA), ("public", g.id)) for g in sheet.groupes]
        assert codes.count() == len(sheet.groupes) + 1 == len(expected)
        assert [decode(code.screenshot(scale="device")) for code in codes.all()] == [[address] for address in expected]
        assert len(page.locator(".feuille-region__aide").all()) == sheet.imprimees == sheet.nombre > 0
        notices = [aide.avis for groupe in sheet.groupes for aide in groupe.aides if aide.avis]
        assert page.locator(".feuille-region__avis:visible").all_inner_texts() == notices and notices
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
        assert len(pdf.pages) <= 2, len(pdf.pages)
        assert page.locator(".fiche-contact").count() == len(sheet.contacts) > 0
        page.emulate_media(media="screen")
        assert axe_violations(page) == []


def test_large_region_sheet_shows_a_few_aids_per_public_by_the_stated_rule(large_region: tuple[Path, Path]) -> None:
    """Per public: the commune aids by title, then the EPCI one; nothing wider fits (PER_GROUP is 3)."""
    data, site = large_region
    views = Pieces(load_catalogue(data, today=TODAY), CANONICAL)
    publics = [entry.id for entry in views.cat.referentiels.publics]
    sheet = region_sheet(views, PACA)
    assert [group.id for group in sheet.groupes] == publics and sheet.par_public == PER_GROUP == 3
    for position, group in enumerate(sheet.groupes):
        mine = [index for index in range(SYNTHETIC) if index % len(publics) == position]
        communes = sorted((i for i in mine if index_place(i) == 0), key=lambda i: (i * 37) % 61)
        epci = [i for i in mine if index_place(i) == 1]
        assert [aide.url for aide in group.aides] == [f"aides/aide-fictive-{i:02d}/" for i in [*communes, *epci]]
        listed = facets.matching(
            decoded_index(site, views), {"region": [PACA], "public": [group.id], "statut": None}, views.cat.region_of
        )
        assert group.autres == len(listed) - len(group.aides) > 0
    html = (site / urls.region_sheet(PACA) / "index.html").read_text(encoding="utf-8")
    assert len(sheet_aid_ids(html)) == sheet.imprimees == len(publics) * PER_GROUP < sheet.nombre
    assert html.count("data-qr-adresse=") == len(publics) + 1  # one code per public, one for the whole région


def test_large_region_sheet_sends_to_each_public_list(browser: Any, large_server: str) -> None:
    """Each public's code and link open /aides/?region=93&public=<id>, which lists the « N autres » the sheet announces."""
    with local_page(browser, large_server, width=1280, height=900) as page:
        page.goto(large_server + urls.region_sheet(PACA))
        printed = set(sheet_aid_ids(page.content()))
        assert decode(page.locator(".feuille-region__tete svg").screenshot(scale="device")) == [list_address(("region", PACA))]
        groups = page.locator(".feuille-region__groupe").all()
        announced = []
        for group in groups:
            public = group.locator("h2").get_attribute("id").removeprefix("public-")
            assert group.locator(".feuille-region__aide").count() == PER_GROUP
            assert decode(group.locator("svg").screenshot(scale="device")) == [list_address(("region", PACA), ("public", public))]
            others = re.search(r"Et (\d+) autres aides pour ce public", group.inner_text())
            announced.append((group.locator(".feuille-region__liste a").get_attribute("href"), int(others.group(1))))
        assert len(announced) == 10
        for href, others in announced:
            page.goto(urllib.parse.urljoin(large_server + urls.region_sheet(PACA), href))
            page.wait_for_function("() => !document.querySelector('[data-catalogue]').hasAttribute('aria-busy')")
            shown = page.eval_on_selector_all(
                "[data-resultats] .carte-aide__titre a", "links => links.map((a) => new URL(a.href).pathname.split('/').at(-2))"
            )
            assert page.locator("[data-plus]").is_hidden() and shown
            assert len(set(shown) - printed) == others, href


def test_large_region_sheet_prints_on_few_pages_and_passes_axe(browser: Any, large_server: str) -> None:
    with local_page(browser, large_server, width=1280, height=900) as page:
        page.goto(large_server + urls.region_sheet(PACA))
        page.emulate_media(media="print")
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
        assert len(pdf.pages) <= 3, len(pdf.pages)
        text = " ".join(p.extract_text() for p in pdf.pages)
        assert "au plus 3 par public principal, les plus locales d'abord" in text.replace("\n", " ")
        page.emulate_media(media="screen")
        assert axe_violations(page) == []


def test_partner_page_text_is_french_typography(site: Path) -> None:
    text = re.sub(r"<[^>]+>", "", (site / TOOLS / "index.html").read_text(encoding="utf-8"))
    assert not re.search(r"\w [:;!?](\s|$)", text)
