"""The automated part of the RGAA 4.1 audit (issue 18), in Chromium, on the sample of tests/rgaa_echantillon.py.

The audit grid refers to these tests by name; each says the RGAA criteria it decides. Every page is reached
the way a reader reaches it (answers given, a commune chosen, a query typed; a missing address gets the 404
page as a static host serves it). axe also runs on one page of every kind (``page_kinds.py``), archive and
redirect included: those come from a small second build, the bundled data having neither.

One browser context per width for the whole module; its pages are reused from test to test.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DATA, ROOT, Builder, _QuietHandler, axe_violations, local_page, serve_directory
from rgaa_echantillon import ECHANTILLON, PAR_ID, SamplePage

# --- what the checks leave out, and why (the grid records each as a derogation or an NC) ---------------

# Nu HTML checker messages that are not errors of ours (each with its reason). Empty: none so far.
VNU_IGNORES: dict[str, str] = {}

# An embeddable view is shown inside a partner's page: the partner's page has the header, the menu, the
# footer and the skip link; the view has none of them, on purpose (partials/integrer.html).
WITHOUT_SITE_FRAME = {page.id for page in ECHANTILLON if page.integree}

# The vnu-jar npm package, pinned in the Makefile (one place), which fetches it into .cache/vnu/ for `make test`.
VNU_VERSION = re.search(r"^VNU_VERSION\s*:=\s*(\S+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)[1]
VNU_JAR = ROOT / ".cache" / "vnu" / VNU_VERSION / "package" / "build" / "dist" / "vnu.jar"

WIDTHS = (390, 1280)
SAMPLE_IDS = [page.id for page in ECHANTILLON]


# --- the site, served as a static host serves it -------------------------------------------------------


class _HostHandler(_QuietHandler):
    """A missing address gets the site's 404.html with the status 404, as Netlify or Cloudflare Pages do."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def host(site: Path) -> Iterator[str]:
    httpd, url = serve_directory(site, _HostHandler)
    yield url
    httpd.shutdown()


@pytest.fixture(scope="module")
def tabs(browser: Any, host: str) -> Iterator[dict[int, Any]]:
    """One page per width, reused by every test of the module (each fails on a request to another host)."""
    with contextlib.ExitStack() as stack:
        yield {width: stack.enter_context(local_page(browser, host, width=width)) for width in (320, *WIDTHS)}


# Finite animations over (Material fades its header's titles in and out on scrolling): colours are read at rest.
SETTLED = (
    "() => document.getAnimations().every((a) => a.playState !== 'running' || !isFinite(a.effect.getComputedTiming().endTime))"
)


def reach(page: Any, sample: SamplePage) -> Any:
    """Open a sample page and take the reader's steps on it."""
    page.emulate_media(reduced_motion="no-preference")
    page.goto(page.base + sample.adresse)
    page.wait_for_load_state("load")
    for step in sample.parcours:
        action, target, *rest = step
        if action == "cocher":
            page.check(target)
        elif action == "cliquer":
            page.click(target)
        elif action == "saisir":
            page.fill(target, rest[0])
            page.press(target, "Enter")
        elif action == "attendre":
            page.wait_for_function(target)
        else:
            raise ValueError(f"étape inconnue : {step}")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function(SETTLED)
    return page


# --- one page of every kind (axe) -------------------------------------------------------------------------


def _kind_pages() -> dict[str, str]:
    """One address per page kind (page_kinds.py), beyond the sample; archive and redirect: the second build."""
    return {
        "aide (terminée)": "aides/reconstitution-offre-renouvellement-urbain/",
        "convention": "conventions/protocole-dalo-ile-de-france-2019/",
        "partenaire": "partenaires/action-logement/",
        "partenaires": "partenaires/",
        "contribuer": "contribuer/",
        "page (données)": "donnees/",
        "page (à propos)": "a-propos/",
        "page (mentions légales)": "mentions-legales/",
        "page (données personnelles)": "donnees-personnelles/",
        "intégrer la liste": "integrer/aides/?public=jeunes",
        "intégrer le questionnaire": "integrer/eligibilite/",
        "intégrer le questionnaire (réponses)": "integrer/eligibilite/#profil=particulier&statut=salarie",
        "feuille de région (Bretagne)": "aides/region/53/imprimer/",
    }


KIND_PAGES = _kind_pages()


def test_every_page_kind_is_checked() -> None:
    """A new page kind must come with a page here or in the sample (test over all kinds)."""
    from aides.site import page_kinds

    covered = {
        "aide",
        "catalogue",
        "accueil",
        "questionnaire",
        "contacts",
        "recherche",
        "outils",
        "integrer_aide",
        "feuille_region",
        "page",
        "plan",
        "convention",
        "partenaire",
        "partenaires",
        "reference",
        "integrer_catalogue",
        "integrer_questionnaire",
        "archive",
        "redirection",
        "declaration",  # /accessibilite/, P10 of the sample
    }
    kinds = {kind.name for kind in vars(page_kinds).values() if isinstance(kind, page_kinds.PageKind)}
    assert kinds <= covered, f"type de page sans contrôle d'accessibilité : {sorted(kinds - covered)}"


@pytest.fixture(scope="module")
def retired_site(tmp_path_factory: pytest.TempPathFactory, build_site: Builder) -> Iterator[str]:
    """The bundled data with a renamed aid (its old address redirects) and a removed one (its archive page)."""
    data = tmp_path_factory.mktemp("retrait") / "data"
    shutil.copytree(DATA, data)
    visale = yaml.safe_load((data / "aides" / "visale.yml").read_text(encoding="utf-8"))
    visale["anciens_ids"] = ["ancienne-garantie"]
    (data / "aides" / "visale.yml").write_text(yaml.safe_dump(visale, allow_unicode=True), encoding="utf-8")
    (data / "archives").mkdir()
    (data / "archives" / "aide-retiree.yml").write_text(
        "titre: Une aide retirée\nretiree_le: 2026-10-01\nraison: Fin du programme.\nremplacee_par: visale\n",
        encoding="utf-8",
    )
    result = build_site(data.parent / "site", data)
    assert result.returncode == 0, result.stderr
    httpd, url = serve_directory(data.parent / "site", _HostHandler)
    yield url
    httpd.shutdown()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("sample_id", SAMPLE_IDS)
def test_axe_sans_violation(tabs: dict[int, Any], sample_id: str, width: int) -> None:
    """RGAA, all the criteria axe-core decides (WCAG 2.1 A and AA rules), on every page of the sample."""
    page = reach(tabs[width], PAR_ID[sample_id])
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", list(KIND_PAGES))
def test_axe_sans_violation_par_type_de_page(tabs: dict[int, Any], kind: str, width: int) -> None:
    """The same on one page of every other kind: embeds, région sheets, partner pages, agreements, open data."""
    page = reach(tabs[width], SamplePage(kind, kind, KIND_PAGES[kind]))
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("address", ["aides/aide-retiree/", "integrer/aides/aide-retiree/", "aides/ancienne-garantie/"])
def test_axe_sans_violation_archive_et_redirection(browser: Any, retired_site: str, address: str) -> None:
    """An archived aid's page and its embeddable view, and an old address (shown before the browser goes on)."""
    with local_page(browser, retired_site, width=390) as page:
        if "ancienne" in address:  # stay on the old address: the new one answers « no content », the browser stays
            page.route("**/aides/visale/", lambda route: route.fulfill(status=204))
        page.goto(retired_site + address)
        assert page.locator("h1").count() == 1
        violations = axe_violations(page)
    assert violations == [], "\n".join(violations)


# --- 8.1, 8.2: valid code (Nu HTML checker on the DOM the reader has) ---------------------------------------


def _vnu() -> list[str]:
    java = shutil.which("java")
    assert java, "Java manque pour le validateur HTML : « make test » l'installe (sudo apt-get install default-jre-headless)"
    assert VNU_JAR.is_file(), (
        f"Le validateur HTML vnu-jar {VNU_VERSION} manque dans {VNU_JAR.parent} : « make test » le télécharge "
        f"(ou : mkdir -p .cache/vnu/{VNU_VERSION} && cd .cache/vnu/{VNU_VERSION} && npm pack vnu-jar@{VNU_VERSION} "
        "&& tar xzf vnu-jar-*.tgz ; npm s'installe avec sudo apt-get install npm)"
    )
    return [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only"]


@pytest.fixture(scope="module")
def vnu_errors(tabs: dict[int, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Every sample page's DOM, as the reader has it after their steps, checked in one run of the validator."""
    command = _vnu()
    folder = tmp_path_factory.mktemp("vnu")
    files = {}
    for sample in ECHANTILLON:
        page = reach(tabs[390], sample)
        files[sample.id] = folder / f"{sample.id}.html"
        files[sample.id].write_text("<!DOCTYPE html>\n" + page.evaluate("document.documentElement.outerHTML"), encoding="utf-8")
    result = subprocess.run([*command, *map(str, files.values())], capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors: dict[str, list[str]] = {sample_id: [] for sample_id in files}
    for message in messages:
        text = message.get("message", "")
        if any(re.search(pattern, text) for pattern in VNU_IGNORES):
            continue
        sample_id = Path(message.get("url", "")).stem
        errors.setdefault(sample_id, []).append(f"ligne {message.get('lastLine')} : {text} ({message.get('extract', '')!r})")
    return errors


@pytest.mark.parametrize("sample_id", SAMPLE_IDS)
def test_html_valide(vnu_errors: dict[str, list[str]], sample_id: str) -> None:
    """RGAA 8.1 and 8.2: the generated code has a doctype and is valid (no error of the Nu HTML checker)."""
    assert vnu_errors[sample_id] == [], "\n".join(vnu_errors[sample_id])


# --- 8.3 to 8.7: title and language ----------------------------------------------------------------------------

LANG_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@pytest.fixture(scope="module")
def titles(tabs: dict[int, Any]) -> dict[str, dict[str, Any]]:
    found = {}
    for sample in ECHANTILLON:
        page = reach(tabs[1280], sample)
        found[sample.id] = page.evaluate(
            """() => ({
                title: document.title,
                h1: (document.querySelector('h1') || {}).textContent || '',
                lang: document.documentElement.lang,
                others: [...document.body.querySelectorAll('[lang]')].map((e) => e.getAttribute('lang')),
            })"""
        )
    return found


def _words(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split()).casefold()


@pytest.mark.parametrize("sample_id", SAMPLE_IDS)
def test_titre_et_langue(titles: dict[str, dict[str, Any]], sample_id: str) -> None:
    """RGAA 8.3 to 8.7: lang="fr"; a title unique in the sample that says the page (its h1 or the site's name on the
    home page, then the site's name); any change of language marked with a valid code."""
    seen = titles[sample_id]
    assert seen["lang"] == "fr"
    title, h1 = _words(seen["title"]), _words(seen["h1"])
    assert title.endswith("aides au logement"), seen["title"]
    assert sample_id == "P01" or h1 in title or title.startswith(h1.split(" :")[0]), (seen["title"], seen["h1"])
    others = [other["title"] for key, other in titles.items() if key != sample_id]
    assert seen["title"] not in others, "titre en double dans l'échantillon"
    assert [code for code in seen["others"] if not LANG_CODE.match(code)] == []


# --- 9.1 and 12.6: headings and regions -------------------------------------------------------------------------

STRUCTURE = """() => {
    const shown = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)
        && !e.closest('[hidden], [aria-hidden=true]');
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')].filter(shown)
        .map((e) => ({level: Number(e.getAttribute('aria-level') || e.tagName.slice(1)), text: e.textContent.trim()}));
    const count = (selector) => [...document.querySelectorAll(selector)].filter(
        (e) => !e.closest('article, aside, main, nav, section') || e.matches('main, [role=main], nav')).length;
    return {
        headings,
        banner: count('header, [role=banner]'),
        nav: document.querySelectorAll('nav, [role=navigation]').length,
        main: document.querySelectorAll('main, [role=main]').length,
        contentinfo: count('footer, [role=contentinfo]'),
    };
}"""


@pytest.mark.parametrize("sample_id", SAMPLE_IDS)
def test_titres_et_regions(tabs: dict[int, Any], sample_id: str) -> None:
    """RGAA 9.1 and 12.6: one h1, no heading level skipped; the regions header, nav, main (once) and footer."""
    page = reach(tabs[1280], PAR_ID[sample_id])
    found = page.evaluate(STRUCTURE)
    levels = [heading["level"] for heading in found["headings"]]
    assert levels.count(1) == 1, found["headings"]
    skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert skips == [], found["headings"]
    assert found["main"] == 1
    if sample_id not in WITHOUT_SITE_FRAME:
        assert found["banner"] == 1 and found["contentinfo"] == 1 and found["nav"] >= 1, found


# --- 10.11, 10.12, 10.4: reflow, text spacing, zoom ------------------------------------------------------------

# Text that cannot be read: cut by an ancestor that hides overflow, or past the viewport's right edge (outside a
# region that scrolls on its own, as a wide table may: RGAA 10.11 allows it for data tables).
LOST_TEXT = """() => {
    const out = [];
    const width = document.documentElement.clientWidth;
    const scrolls = (e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
    const cut = (e) => {
        const style = getComputedStyle(e);
        const hides = (v) => ['hidden', 'clip'].includes(v);
        return (hides(style.overflowX) && e.scrollWidth > e.clientWidth + 2)
            || (hides(style.overflowY) && e.scrollHeight > e.clientHeight + 2);
    };
    // Material's header shortens the site's name and the page's title with « … »: both are whole in the page.
    const whole = [document.title, (document.querySelector('h1') || {}).textContent || ''].join(' ').replace(/\\s+/g, ' ');
    const shortened = (node) => getComputedStyle(node.parentElement).textOverflow === 'ellipsis'
        && whole.includes(node.textContent.trim().replace(/\\s+/g, ' '));
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const element = node.parentElement;
        if (!node.textContent.trim() || seen.has(element)) continue;
        seen.add(element);
        const box = element.getBoundingClientRect();
        if (!box.width || !box.height || getComputedStyle(element).visibility === 'hidden') continue;
        if (element.closest('.md-sidebar, .md-search, [hidden], .md-skip, .sr-only, .visually-hidden')) continue;
        for (let up = element; up && up !== document.body; up = up.parentElement) {
            if (scrolls(up)) break;
            if (cut(up) && up.clientWidth > 1 && up.clientHeight > 1 && !shortened(node)) {
                out.push('coupé : ' + element.tagName + ' « ' + node.textContent.trim().slice(0, 40) + ' »');
                break;
            }
        }
        let inScroller = false;
        for (let up = element; up && up !== document.body; up = up.parentElement) if (scrolls(up)) inScroller = true;
        if (!inScroller && box.right > width + 1) {
            out.push('hors écran : ' + element.tagName + ' « ' + node.textContent.trim().slice(0, 40) + ' »');
        }
    }
    return out.slice(0, 10);
}"""

ROOT_SIZE = "parseFloat(getComputedStyle(document.documentElement).fontSize)"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _lost(page: Any) -> list[str]:
    return page.evaluate(LOST_TEXT)


@pytest.mark.parametrize("sample_id", SAMPLE_IDS)
def test_reflow_320(tabs: dict[int, Any], sample_id: str) -> None:
    """RGAA 10.11: at 320 CSS px, no horizontal scrolling and no text cut or out of the screen."""
    page = reach(tabs[320], PAR_ID[sample_id])
    assert page.evaluate(OVERFLOW) <= 0, f"défilement horizontal de {page.evaluate(OVERFLOW)} px"
    assert _lost(page) == [], "\n".join(_lost(page))


ADD_SHEET = """(css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


@pytest.mark.parametrize("sample_id", SAMPLE_IDS)
def test_espacement_du_texte(tabs: dict[int, Any], sample_id: str) -> None:
    """RGAA 10.12 (WCAG 1.4.12): with the text-spacing bookmarklet's values, no text cut or out of the screen."""
    page = reach(tabs[390], PAR_ID[sample_id])
    page.evaluate(ADD_SHEET, TEXT_SPACING)  # a constructed sheet: the site's policy refuses <style> elements
    assert page.evaluate(OVERFLOW) <= 0, f"défilement horizontal de {page.evaluate(OVERFLOW)} px"
    assert _lost(page) == [], "\n".join(_lost(page))


@pytest.mark.parametrize("sample_id", SAMPLE_IDS)
def test_zoom_200(tabs: dict[int, Any], sample_id: str) -> None:
    """RGAA 10.4: the text alone at 200 % (the root font size doubled, on a 1280 px window): the text grows,
    and none of it is cut or out of the screen."""
    page = reach(tabs[1280], PAR_ID[sample_id])
    size = "parseFloat(getComputedStyle(document.querySelector('main p, main li, main a') || document.body).fontSize)"
    before = page.evaluate(size)
    page.evaluate(ADD_SHEET, f"html {{ font-size: {2 * page.evaluate(ROOT_SIZE)}px !important; }}")
    assert page.evaluate(size) >= 1.9 * before, "le texte ne grandit pas avec la taille de police du navigateur"
    assert page.evaluate(OVERFLOW) <= 0, f"défilement horizontal de {page.evaluate(OVERFLOW)} px"
    assert _lost(page) == [], "\n".join(_lost(page))


# --- 10.7, 12.7 to 12.9: keyboard ----------------------------------------------------------------------------------

FOCUS_STYLE = """(e) => {
    const s = getComputedStyle(e);
    return [s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? s.outlineStyle + s.outlineWidth + s.outlineColor : '',
            s.boxShadow, s.backgroundColor, s.color, s.borderColor, s.textDecorationLine].join('|');
}"""

ACTIVE = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const box = e.getBoundingClientRect();
    return {key: e.tagName + '#' + e.id + '.' + e.className + ' ' + (e.textContent || e.value || '').trim().slice(0, 30),
            inFooter: !!e.closest('footer'), inContent: !!e.closest('.md-content'), shown: box.width > 0 && box.height > 0,
            inView: box.right > 0 && box.left < innerWidth && box.bottom > 0 && box.top < innerHeight};
}"""


# The keyboard starts from the top: the reader's last click no longer sets where Tab goes next.
START_OF_PAGE = """() => {
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute('tabindex');
}"""


def _tab_through(page: Any, limit: int = 600) -> Iterator[dict[str, Any] | None]:
    """Tab from the top of the page: yields what has the focus after each press, until it comes back to the start."""
    page.evaluate(START_OF_PAGE)
    first = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        yield active
        if active is None:
            continue
        if first is None:
            first = active["key"]
        elif active["key"] == first:
            return


@pytest.mark.parametrize("sample_id", SAMPLE_IDS)
def test_focus_visible(tabs: dict[int, Any], sample_id: str) -> None:
    """RGAA 10.7: every element the keyboard reaches looks different when it has the focus."""
    page = reach(tabs[1280], PAR_ID[sample_id])
    unseen = []
    for active in _tab_through(page):
        if active is None or not active["shown"]:
            continue
        focused = page.evaluate(f"({FOCUS_STYLE})(document.activeElement)")
        page.evaluate("window.__focused = document.activeElement; document.activeElement.blur()")
        blurred = page.evaluate(f"({FOCUS_STYLE})(window.__focused)")
        page.evaluate("window.__focused.focus({focusVisible: true})")
        if focused == blurred:
            unseen.append(active["key"])
    assert unseen == [], "\n".join(unseen)


def test_images_et_champs(site: Path) -> None:
    """RGAA 1.2, 1.3, 11.13 in every page as written: the theme's icons are decoration (hidden from assistive
    technologies), the logo's image says nothing its link does not (alt=""), and the commune field, which asks
    where the person lives, says so for the browser's autofill (postal-code: a postcode or a name is typed)."""
    problems = []
    for path in sorted(site.rglob("*.html")):
        html_text = path.read_text(encoding="utf-8")
        name = path.relative_to(site).as_posix()
        problems += [f"{name} : {svg}" for svg in re.findall(r"<svg[^>]*>", html_text) if 'aria-hidden="true"' not in svg]
        problems += [f"{name} : {img}" for img in re.findall(r'<img[^>]*alt="logo"[^>]*>', html_text)]
        fields = re.findall(r"<input[^>]*data-commune-texte[^>]*>", html_text)
        problems += [f"{name} : {field}" for field in fields if 'autocomplete="postal-code"' not in field]
    assert problems == [], "\n".join(problems[:20])


@pytest.mark.parametrize("sample_id", SAMPLE_IDS)
def test_focus_dans_l_ecran(tabs: dict[int, Any], sample_id: str) -> None:
    """RGAA 10.7 on a phone (390 px): what the keyboard reaches is on the screen. The menu of small screens
    is shut: its links, out of sight to the left, must not take the focus."""
    page = reach(tabs[390], PAR_ID[sample_id])
    unseen = [active["key"] for active in _tab_through(page) if active is not None and not active["inView"]]
    assert unseen == [], "\n".join(unseen)


def test_menu_au_clavier(tabs: dict[int, Any]) -> None:
    """RGAA 7.3, 12.1 on a phone: the menu button (a <label> in Material) opens the menu with Entrée, says it is
    open, and its links then take the focus, on the screen; Espace shuts it."""
    page = reach(tabs[390], PAR_ID["P01"])
    page.evaluate(START_OF_PAGE)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-menu]')"):
            break
    else:
        pytest.fail("le bouton du menu ne prend pas le focus")
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "true"
    page.wait_for_timeout(300)  # the menu slides in
    link = page.locator(".md-sidebar--primary a.md-nav__link").first
    link.focus()
    assert page.evaluate(ACTIVE)["inView"], "le menu ouvert au clavier n'est pas à l'écran"
    page.locator("[data-menu]").focus()
    page.keyboard.press(" ")
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"
    assert not page.evaluate("document.getElementById('__drawer').checked")


@pytest.mark.parametrize("sample_id", SAMPLE_IDS)
def test_pas_de_piege_clavier(tabs: dict[int, Any], sample_id: str) -> None:
    """RGAA 12.7 to 12.9: the first Tab reaches a skip link that takes the focus to the main content; Tab goes
    through the whole page, to its end, and comes back to the start (no trap)."""
    sample = PAR_ID[sample_id]
    page = reach(tabs[1280], sample)
    visited = list(_tab_through(page))
    assert visited and visited[-1] is not None and visited[-1]["key"] == visited[0]["key"], "le focus ne revient pas au début"
    if sample_id not in WITHOUT_SITE_FRAME:
        assert any(active and active["inFooter"] for active in visited), "le pied de page n'est pas atteint"
        page.evaluate(START_OF_PAGE)
        page.keyboard.press("Tab")
        skip = page.evaluate("document.activeElement.getAttribute('href')")
        assert skip and skip.startswith("#"), "le premier lien n'est pas un lien d'évitement"
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert page.evaluate(ACTIVE)["inContent"], "après le lien d'évitement, le focus n'est pas dans le contenu"


# --- 3.2, 3.3: contrast, focus and hover states included -------------------------------------------------------------

CONTRAST = """(state) => {
    const parse = (c) => { const m = c.match(/[\\d.]+/g); return m ? m.map(Number) : [0, 0, 0, 0]; };
    const alpha = (c) => (parse(c).length > 3 ? parse(c)[3] : 1);
    const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
    const over = (layers, base) => layers.reverse().reduce((under, [r, g, b, a = 1]) =>
        [r * a + under[0] * (1 - a), g * a + under[1] * (1 - a), b * a + under[2] * (1 - a)], base);
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    // The colour behind an element: its own and its ancestors' backgrounds, translucent ones laid over what is under.
    const background = (e) => {
        const layers = [];
        for (let up = e; up; up = up.parentElement) {
            const s = getComputedStyle(up);
            if (s.backgroundImage !== 'none') return null;  // a gradient or an image: axe's own check, not ours
            if (alpha(s.backgroundColor) > 0) layers.push(parse(s.backgroundColor));
            if (alpha(s.backgroundColor) >= 0.999) break;
        }
        return over(layers, [255, 255, 255]);
    };
    const e = document.activeElement === document.body ? window.__hovered : document.activeElement;
    if (!e) return [];
    const s = getComputedStyle(e);
    const bg = background(e);
    const bgAround = background(e.parentElement || e);
    const out = [];
    const name = e.tagName + ' « ' + (e.textContent || e.value || '').trim().slice(0, 30) + ' »';
    if (bg && e.textContent.trim()) {
        const large = parseFloat(s.fontSize) >= 24 || (parseFloat(s.fontSize) >= 18.66 && Number(s.fontWeight) >= 700);
        const r = ratio(over([parse(s.color)], bg), bg);
        if (r < (large ? 3 : 4.5)) out.push(`${state} : texte ${name} ${r.toFixed(2)}:1`);
    }
    if (state === 'focus' && bgAround && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) {
        const r = ratio(over([parse(s.outlineColor)], bgAround), bgAround);
        if (r < 3) out.push(`focus : contour de ${name} ${r.toFixed(2)}:1`);
    }
    if (['INPUT', 'SELECT', 'TEXTAREA'].includes(e.tagName) && !['radio', 'checkbox'].includes(e.type)
        && bgAround && parseFloat(s.borderBottomWidth) > 0 && ratio(parse(s.borderBottomColor), bgAround) < 3
        && !(bg && ratio(bg, bgAround) >= 3)) {
        out.push(`${state} : bordure du champ ${name} ${ratio(parse(s.borderBottomColor), bgAround).toFixed(2)}:1`);
    }
    return out;
}"""


@pytest.mark.parametrize("sample_id", SAMPLE_IDS)
def test_contraste(tabs: dict[int, Any], sample_id: str) -> None:
    """RGAA 3.2 and 3.3: text at least 4.5:1 (3:1 when large) and form fields' edges 3:1, in the focus and the
    hover states too (the resting state is axe's color-contrast rule); a focus outline at least 3:1."""
    page = reach(tabs[1280], PAR_ID[sample_id])
    problems: list[str] = []
    for active in _tab_through(page):
        if active is None or not active["shown"]:
            continue
        problems += page.evaluate(CONTRAST, "focus")
        element = page.evaluate_handle("document.activeElement")
        page.evaluate("(e) => { window.__hovered = e; e.blur(); }", element)
        try:
            element.hover(timeout=1000)
            problems += page.evaluate(CONTRAST, "survol")
        except Exception:  # covered by another element at this scroll position: its focus state was checked
            pass
        page.mouse.move(0, 0)
        page.evaluate("(e) => e.focus()", element)
    assert problems == [], "\n".join(problems)


# --- 13.7, 13.8: motion ----------------------------------------------------------------------------------------------

RUNNING = """() => document.getAnimations().filter((a) => a.playState === 'running').map((a) => ({
    name: a.animationName || a.transitionProperty || 'animation',
    target: a.effect && a.effect.target ? a.effect.target.tagName + '.' + a.effect.target.className : '',
    infinite: a.effect ? a.effect.getComputedTiming().iterations === Infinity : false,
    duration: a.effect ? Number(a.effect.getComputedTiming().duration) || 0 : 0,
}))"""

MEDIA = """() => [...document.querySelectorAll('video, audio, marquee, blink, img[src$=".gif"]')]
    .filter((e) => e.autoplay || ['MARQUEE', 'BLINK', 'IMG'].includes(e.tagName)).map((e) => e.outerHTML.slice(0, 80))"""


@pytest.mark.parametrize("sample_id", SAMPLE_IDS)
def test_mouvement(tabs: dict[int, Any], sample_id: str) -> None:
    """RGAA 13.7 and 13.8: nothing moves, blinks or plays by itself; with « réduire les animations », no
    animation runs, even when the reader acts on the page."""
    sample = PAR_ID[sample_id]
    page = reach(tabs[1280], sample)
    assert page.evaluate(MEDIA) == []
    assert [a for a in page.evaluate(RUNNING) if a["infinite"]] == []
    page.emulate_media(reduced_motion="reduce")
    page.goto(page.base + sample.adresse)
    page.wait_for_load_state("load")
    moving = list(page.evaluate(RUNNING))
    for active in _tab_through(page, limit=40):  # a focus, a hover: their transitions too
        if active is not None and active["shown"]:
            page.hover(":focus", timeout=1000, force=True)
            moving += page.evaluate(RUNNING)
    assert [a for a in moving if a["duration"] > 50] == []
    page.emulate_media(reduced_motion="no-preference")
