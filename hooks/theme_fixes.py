"""The template environment's additions: Material's templates as this site needs them, fixed as Jinja reads
them (no copy of the theme to keep in step), and every template kept compiled from one build to the next."""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from jinja2.ext import Extension

# Material's templates, as read, made conform. Valid HTML (RGAA 8.2; the Nu HTML checker failed every page on
# them): base.html's hidden toggles (menu, search) carry ``autocomplete="off"``, which HTML forbids on a checkbox;
# toc.html's title is a <label> for the ``__toc`` toggle, which only a page of the navigation has. A skip link on
# every page (RGAA 12.7): base.html has one only where the page has a table of contents, to its first heading;
# here it always leads to the page's own content, past the header, the menu and the navigation. The logo's
# image is inside a link named after the site: "logo" said nothing (RGAA 1.3), the link's name says it all.
# Every icon of the theme is decoration beside a text or a named control: hidden from assistive
# technologies (RGAA 1.2).
_SKIP_LINK = """{% if page.toc | first is defined %}
        {% set skip = page.toc | first %}
        <a href="{{ skip.url | url }}" class="md-skip">"""
_THEME_FIXES = {
    "base.html": [
        ('id="__drawer" autocomplete="off"', 'id="__drawer"'),
        ('id="__search" autocomplete="off"', 'id="__search"'),
        (_SKIP_LINK, '{% if true %}\n        <a href="#contenu-principal" class="md-skip">'),
        (
            '<article class="md-content__inner md-typeset">',
            '<article class="md-content__inner md-typeset" id="contenu-principal">',
        ),
    ],
    "partials/logo.html": [('alt="logo"', 'alt=""')],
    "partials/toc.html": [
        (
            '<label class="md-nav__title" for="__toc">',
            '{% if page in nav.pages %}<label class="md-nav__title" for="__toc">{% else %}<div class="md-nav__title">{% endif %}',
        ),
        ("</label>", "{% if page in nav.pages %}</label>{% else %}</div>{% endif %}"),
    ],
}


class ValidThemeMarkup(Extension):
    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        for old, new in _THEME_FIXES.get(name or "", []):
            source = source.replace(old, new)
        if (name or "").startswith(".icons/"):
            source = source.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
        return source


class CompiledTemplates(BytecodeCache):
    """`mkdocs serve` makes a new template environment at every build: templates stay compiled from one build
    to the next (Jinja compiles again a template whose source changed: it checks each source's checksum)."""

    def __init__(self) -> None:
        self.stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.stored:
            bucket.bytecode_from_string(self.stored[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.stored[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()
