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

import io
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import local_page
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
