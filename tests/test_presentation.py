"""Issue 19, what a person sees (points 5, 7 and 8), on a phone (390 px) in Chromium.

- Every form control shows its edge: WCAG 1.4.11 asks 3:1 between a field's boundary and what is
  around it, which axe does not check. Text fields and lists are measured from their computed styles;
  checkboxes and radio buttons that the browser draws itself (``appearance: auto``) have no border in
  their style, so their drawing is measured: the darkest pixel of their box against the background.
- /pour-les-partenaires/ fits a phone, puts its link builder first, and offers an aid's own questions.
- The public pages speak plain French; an aid page has one notice, no past date to "confirm before",
  its editorial notes folded away, and one first step to take.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aides.data.loading import load_catalogue
from aides.model.models import Aide, Contact
from aides.site import urls
from aides.site.pieces import Pieces
from aides.trust import changes
from conftest import DATA, axe_violations, local_page
from PIL import Image

PHONE = 390

# --- point 5: every control shows its edge ------------------------------------------------------

# For each visible control: where it is (page coordinates), the colour behind it, and for a field drawn
# from its styles, the contrast of its border (or outline, or its own fill) with that colour.
CONTROLS_JS = """() => {
  const rgba = (text) => { const v = text.match(/[\\d.]+/g).map(Number); return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
  const over = (top, below) => top.slice(0, 3).map((v, i) => v * top[3] + below[i] * (1 - top[3]));
  const backdrop = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const colour = rgba(getComputedStyle(e).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] === 1) break;
    }
    return layers.reduceRight((below, colour) => over(colour, below), [255, 255, 255]);
  };
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const luminance = (c) => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const selector = "input:not([type=hidden]):not([type=button]):not([type=submit]):not([type=reset]), select, textarea";
  return [...document.querySelectorAll(selector)].flatMap((el) => {
    const box = el.getBoundingClientRect();
    if (box.width < 4 || box.height < 4 || !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return [];
    const style = getComputedStyle(el);
    const around = backdrop(el.parentElement);
    const drawn = ["checkbox", "radio"].includes(el.type) && style.appearance !== "none";
    const edge = (colour, width, line) => (parseFloat(width) > 0 && line !== "none" ? contrast(over(rgba(colour), around), around) : 0);
    const sides = ["Top", "Right", "Bottom", "Left"].map((s) => edge(style[`border${s}Color`], style[`border${s}Width`], style[`border${s}Style`]));
    const styled = Math.max(Math.min(...sides), edge(style.outlineColor, style.outlineWidth, style.outlineStyle),
                            contrast(over(rgba(style.backgroundColor), around), around));
    return [{ name: `${el.type} #${el.id || el.name}`, drawn, contrast: styled, around,
              x: box.left + scrollX, y: box.top + scrollY, width: box.width, height: box.height }];
  });
}"""


def _luminance(colour: tuple[float, ...]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in colour[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    light, dark = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def weak_controls(page: Any) -> tuple[int, list[str]]:
    """How many visible controls the page has, and those whose edge is under 3:1 against their background."""
    controls = page.evaluate(CONTROLS_JS)
    shot = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB") if any(c["drawn"] for c in controls) else None
    weak = []
    for control in controls:
        measured = control["contrast"]
        if control["drawn"] and shot is not None:
            left, top = int(control["x"]), int(control["y"])
            box = shot.crop(
                (left, top, int(control["x"] + control["width"] + 0.99), int(control["y"] + control["height"] + 0.99))
            )
            data = box.tobytes()
            measured = max(contrast(tuple(data[i : i + 3]), control["around"]) for i in range(0, len(data), 3))
        if measured < 3:
            weak.append(f"{control['name']} : {measured:.2f}")
    return len(controls), weak


def _search_a_commune(page: Any) -> None:
    """Type a postcode in the page's first commune field and search: its matches are radio buttons too."""
    field = page.locator("[data-commune-texte]:visible").first
    if field.count():
        field.fill("83000")
        page.locator("[data-commune-chercher]:visible").first.click()
        page.locator("[data-commune-resultats] input[type=radio]").first.wait_for()


@pytest.fixture
def phone(browser: Any, server: str) -> Iterator[Any]:
    with local_page(browser, server, width=PHONE) as opened:
        yield opened


# Every kind of page with form controls; /eligibilite/ shows all its questions at once for the measure.
CONTROL_PAGES = {
    "aides/": "",
    "integrer/aides/": "",
    "eligibilite/": "document.querySelectorAll('[data-etape] fieldset[data-question]').forEach((f) => { f.hidden = false; })",
    "aides/visale/": "",
    "contacts/": "",
    "recherche/": "",
}


@pytest.mark.parametrize("path", CONTROL_PAGES)
def test_every_control_shows_its_edge(phone: Any, path: str) -> None:
    phone.goto(phone.base + path)
    phone.wait_for_load_state("networkidle")
    phone.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    if CONTROL_PAGES[path]:
        phone.evaluate(CONTROL_PAGES[path])
    _search_a_commune(phone)
    count, weak = weak_controls(phone)
    assert count >= 2 and weak == [], f"{path} : {count} contrôles, trop peu visibles : {weak}"


def test_every_control_of_the_link_builder_shows_its_edge(phone: Any) -> None:
    phone.goto(phone.base + "pour-les-partenaires/")
    phone.wait_for_selector("[data-constructeur]:not([hidden])")
    for target in ("aide", "catalogue", "questionnaire"):
        phone.check(f"#cible-{target}")
        count, weak = weak_controls(phone)
        assert count >= 4 and weak == [], f"générateur, {target} : {count} contrôles, trop peu visibles : {weak}"


# --- point 7: /pour-les-partenaires/ on a phone --------------------------------------------------

TOOLS = "pour-les-partenaires/"


def open_builder(page: Any) -> None:
    page.goto(page.base + TOOLS)
    page.wait_for_selector("[data-constructeur]:not([hidden])")


@pytest.mark.parametrize("width", [PHONE, 320])  # 320 CSS px: a 1,280 px screen at 400 % zoom, a phone at 200 %
def test_the_tools_page_fits_a_phone_and_a_zoomed_screen(browser: Any, server: str, width: int) -> None:
    with local_page(browser, server, width=width) as page:
        open_builder(page)
        for target in ("aide", "catalogue", "questionnaire"):
            page.check(f"#cible-{target}")
            page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{target} : la page déborde ({scroll} px pour {width} px)"


def test_the_link_builder_comes_first_and_the_technical_notes_are_folded(phone: Any) -> None:
    open_builder(phone)
    top = phone.evaluate("(selector) => document.querySelector(selector).getBoundingClientRect().top + scrollY", "#generateur")
    assert top < 800, f"le générateur commence à {top} px"
    notes = phone.locator("details.note-technique")
    assert notes.count() >= 4
    for index in range(notes.count()):
        note = notes.nth(index)
        assert note.evaluate("(d) => !d.open && d.compareDocumentPosition(document.querySelector('[data-constructeur]')) === 2")
    syntax = ["postMessage", "aides-logement:hauteur", "_headers", "?fixe="]
    shown = phone.evaluate("document.querySelector('article').innerText")
    assert [word for word in syntax if word in shown] == [], "des détails techniques sont dépliés"
    # The fragments of the URL contract stay addresses of the page: a link to one unfolds it.
    phone.goto(phone.base + TOOLS + "#integrer")
    assert phone.locator("#integrer").evaluate("(d) => d.tagName === 'DETAILS'")
    assert axe_violations(phone) == []


def test_the_link_builder_offers_only_the_questions_of_the_chosen_aid(phone: Any) -> None:
    open_builder(phone)
    every = phone.eval_on_selector_all(
        "[data-reponses-lien] fieldset[data-question]", "sets => sets.map((f) => f.dataset.question)"
    )
    offered = phone.eval_on_selector_all("#lien-aide option", "options => options.map((o) => o.value)")
    asked = {}
    for aid_id in offered:  # what each aid page's checker asks (nothing when the aid has ended)
        phone.goto(f"{phone.base}aides/{aid_id}/")
        asked[aid_id] = phone.eval_on_selector_all(
            "[data-checker-form] fieldset[data-question]", "sets => sets.map((f) => f.dataset.question)"
        )
    open_builder(phone)
    visible = "sets => sets.filter((f) => f.checkVisibility()).map((f) => f.dataset.question)"
    for aid_id in offered:
        phone.select_option("#lien-aide", aid_id)
        shown = phone.eval_on_selector_all("[data-reponses-lien] fieldset[data-question]", visible)
        assert shown == [qid for qid in every if qid in asked[aid_id]], aid_id
    assert len({tuple(questions) for questions in asked.values()}) > 2  # the aids differ: the test tells them apart
    # The questionnaire asks them all; an answer to a question the aid does not ask stays out of its link.
    phone.check("#cible-questionnaire")
    assert phone.eval_on_selector_all("[data-reponses-lien] fieldset[data-question]", visible) == every
    phone.select_option("#lien-age-valeur", label="18 à 25\u00a0ans")  # an age band: the link carries 25
    phone.check("#fixe-age")
    phone.check("#cible-aide")
    phone.select_option("#lien-aide", next(aid for aid in offered if "age" not in asked[aid]))
    assert "age=" not in phone.input_value("#lien-adresse") and "fixe" not in phone.input_value("#lien-code")
    phone.select_option("#lien-aide", "visale")
    assert phone.input_value("#lien-adresse") == phone.base + "aides/visale/#age=25"
    assert "?fixe=age#age=25" in phone.input_value("#lien-code")


# --- point 8: plain French for the public, one notice, one first step -----------------------------

DEVELOPER_WORDS = ["YAML", "pull request", "<identifiant>"]
FOR_DEVELOPERS = ("contribuer/", "pour-les-partenaires/")  # the pages that may speak of them


def page_text(path: Path) -> str:
    """The text of a built page as a reader gets it: tags, scripts and data left out, entities decoded."""
    source = re.sub(r"<(script|style|template)\b.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", source))


def test_no_public_page_speaks_to_developers(site: Path) -> None:
    pages = [page for page in site.rglob("*.html") if not page.relative_to(site).as_posix().startswith(FOR_DEVELOPERS)]
    assert len(pages) > 50
    found = [
        f"{page.relative_to(site)} : {word}"
        for page in pages
        for word in DEVELOPER_WORDS
        if word.casefold() in page_text(page).casefold()
    ]
    assert found == []
    home = page_text(site / "index.html")
    assert "#conditions" not in home and "/aides/" not in home


def test_the_history_says_or_leaves_out_every_field_on_purpose() -> None:
    """Every field of an aid and of a contact is either said to the public in a sentence or left out as
    bookkeeping: a new field needs that choice, and the history never names a key (« enregistre_le »)."""
    aid_keys = {*changes.AID_KEYS, *changes.AID_LEFT_OUT, changes.EDITOR_KEY}
    assert set(Aide.model_fields) == aid_keys
    assert set(Contact.model_fields) == {*changes.CONTACT_KEYS, *changes.CONTACT_LEFT_OUT, changes.EDITOR_KEY}
    said = {*changes._AID_SENTENCES, *changes.RULE_KEYS, "statut_precision"}
    assert set(changes.AID_KEYS) <= said


def test_a_review_date_past_is_said_plainly(catalogue: Any) -> None:
    """Visale's information (2017) was due for confirmation on 1 January 2018: before that day, a deadline; after, a fact."""
    now = Pieces(catalogue, "http://site/").review("visale")
    assert now == "Cette information aurait dû être confirmée en janvier\u00a02018\u202f; elle ne l'a pas été."
    then = Pieces(load_catalogue(DATA, today=dt.date(2017, 6, 1)), "http://site/").review("visale")
    assert then == "À confirmer de nouveau auprès de l'organisme avant le 1er\u00a0janvier 2018."


CRISIS = "aide-exceptionnelle-loyer-150-euros"
ENDED = "sous-location-femmes-victimes-violences"


def test_an_aid_page_has_one_notice_and_no_past_deadline(phone: Any) -> None:
    # Visale: old unconfirmed information; the crisis aid: a stale temporary measure (its notice says so, once).
    for aid_id, phrase in [("visale", "Information de 2017"), (CRISIS, "Mesure temporaire de 2020")]:
        phone.goto(f"{phone.base}aides/{aid_id}/")
        assert phone.locator(".fiche-aide .admonition").count() == 1, aid_id
        assert phrase in phone.inner_text(".fiche-aide .admonition"), aid_id
        text = phone.inner_text("article")
        top = text.split("Que faire maintenant")[0]  # further down, a contact card dates its own information
        assert top.count(phrase) == 1, aid_id
        assert "confirmer de nouveau" not in text, aid_id
        assert axe_violations(phone) == [], aid_id
    phone.goto(f"{phone.base}aides/visale/")
    assert "Cette information aurait dû être confirmée en " in phone.inner_text("article")


def test_editorial_notes_are_folded_under_where_the_information_comes_from(phone: Any) -> None:
    phone.goto(phone.base + "aides/visale/")
    notes = [
        "l'article ne précise pas l'année",
        "L'article renvoie à un article antérieur",
        "L'article ne donne ni date de début",
    ]
    text = phone.inner_text("article")
    assert [note for note in notes if note in text] == []
    assert "Date non précisée" in phone.inner_text("#conventions + .frise")
    assert phone.locator(".frise__date--inconnue").first.evaluate("(e) => getComputedStyle(e).fontWeight") == "400"
    phone.click("details.provenance > summary")
    assert "D'où vient cette information" in phone.inner_text("details.provenance > summary")
    unfolded = phone.inner_text("details.provenance")
    assert (
        "L'article renvoie à un article antérieur" in unfolded
        and "Visale, le service gratuit de cautionnement des loyers" in unfolded
    )
    assert axe_violations(phone) == []
    # A link to the dates of the information unfolds them.
    phone.goto(phone.base + "aides/visale/#dates")
    assert phone.locator("details.provenance").evaluate("(d) => d.open") and phone.is_visible("h3#dates")
    # On paper the sources and dates stay, unfolded, without the summary to click.
    phone.goto(phone.base + "aides/visale/")
    phone.emulate_media(media="print")
    assert phone.is_visible("details.provenance .sources") and phone.is_visible(".dates-information")
    assert phone.is_hidden("details.provenance > summary") and phone.is_hidden(".premier-pas")


@pytest.mark.parametrize("section", [*urls.AID_SECTIONS, "dates", "que-faire"])
def test_every_section_of_an_aid_page_is_reached_by_its_fragment(phone: Any, section: str) -> None:
    phone.goto(f"{phone.base}aides/{CRISIS}/#{section}")
    phone.wait_for_load_state("networkidle")  # the checker, shown by its script, comes above some sections
    target = phone.locator(f"#{section}")
    assert target.is_visible()
    assert target.evaluate("(e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"), section


def test_each_current_aid_page_gives_one_first_step(phone: Any, catalogue: Any) -> None:
    for aid_id in catalogue.aides:
        phone.goto(f"{phone.base}aides/{aid_id}/")
        step = phone.locator("#que-faire")
        if catalogue.is_closed(catalogue.aides[aid_id]):
            assert step.count() == 0, aid_id  # nothing to ask for: its notice says it has ended
            continue
        box = phone.locator(".premier-pas")
        # Near the top; only the emergency numbers (issue 19) and the current alternatives may come first.
        above = phone.evaluate(
            "() => [...document.querySelectorAll('.fiche-aide .urgences, .fiche-aide .alternatives')]"
            ".reduce((sum, e) => sum + e.getBoundingClientRect().height, 0)"
        )
        top = box.evaluate("(e) => e.getBoundingClientRect().top + scrollY")
        assert box.is_visible() and top < 1400 + above, aid_id
        assert phone.inner_text(".premier-pas p") == phone.locator("#demarche + ol > li").first.inner_text(), aid_id
        assert box.locator("a[href='#contacts']").count() == 1, aid_id
    phone.goto(f"{phone.base}aides/{ENDED}/")
    assert axe_violations(phone) == []


def test_the_home_page_speaks_plain_french(phone: Any) -> None:
    phone.goto(phone.base)
    text = phone.inner_text("article")
    assert [word for word in [*DEVELOPER_WORDS, "#conditions", "/aides/"] if word in text] == []
    phone.get_by_role("link", name="Partager une aide").click()
    assert phone.url == phone.base + "pour-les-partenaires/"
    phone.goto(phone.base)
    assert axe_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE
