"""French formatting through Babel: amounts, numbers, dates, lists, typography.

Babel uses a narrow no-break space as thousands separator (« 8 000 € ») and a
no-break space before « € » and « % ». ``typography`` puts no-break spaces
before « : ; ! ? » and inside « » in editor text, so pages never break a line
before a colon. What the browser writes itself (the day a page is printed, counts) is
formatted the same way by its twin, ``overrides/assets/js/lib/model/formatting.js``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_compact_decimal, format_currency, format_decimal

LOCALE = "fr_FR"
# Formatting functions are cached: Babel and the regexes cost more than a page render,
# and the same amounts, dates and sentences recur across thousands of pages.
NBSP = "\u00a0"
NNBSP = "\u202f"


@lru_cache(maxsize=65536)
def euros(amount: float) -> str:
    """``8000`` → ``8 000 €``; millions in words: ``1300000`` → ``1,3 million d'euros``."""
    if amount >= 1_000_000 and amount % 100_000 == 0:
        words = format_compact_decimal(amount, locale=LOCALE, format_type="long", fraction_digits=1)
        return words.replace(" ", NBSP) + " d'euros"
    return format_currency(amount, "EUR", format=f"#,##0{NBSP}¤", locale=LOCALE, currency_digits=False)


@lru_cache(maxsize=4096)
def euros_cents(amount: float) -> str:
    """``2240.42`` → ``2 240,42 €``; a whole amount without cents: ``1500`` → ``1 500 €``."""
    if amount == int(amount):
        return euros(amount)
    return format_currency(amount, "EUR", format=f"#,##0.00{NBSP}¤", locale=LOCALE, currency_digits=False)


@lru_cache(maxsize=65536)
def number(value: float) -> str:
    """``11500`` → ``11 500``."""
    return format_decimal(value, locale=LOCALE)


@lru_cache(maxsize=65536)
def percent(value: float) -> str:
    return f"{format_decimal(value, locale=LOCALE)}{NBSP}%"


@lru_cache(maxsize=65536)
def date(value: dt.date) -> str:
    """``2020-09-23`` → ``23 septembre 2020``; the first of a month is « 1er »."""
    text = format_date(value, format="long", locale=LOCALE)
    if value.day == 1:
        text = "1er" + text[1:]
    return text.replace(" ", NBSP, 1)


@lru_cache(maxsize=4096)
def month(value: dt.date) -> str:
    """``2018-01-01`` → ``janvier 2018``."""
    return format_date(value, format="MMMM y", locale=LOCALE).replace(" ", NBSP)


def join_or(items: list[str]) -> str:
    return _join(tuple(items), "or")


def join_and(items: list[str]) -> str:
    return _join(tuple(items), "standard")


@lru_cache(maxsize=65536)
def _join(items: tuple[str, ...], style: str) -> str:
    return format_list(list(items), style=style, locale=LOCALE)


_BEFORE = re.compile(r"[ \u00a0\u202f]*([:;!?»])")
_AFTER = re.compile(r"«[ \u00a0\u202f]*")
_URL_COLON = re.compile(r"(https?|mailto|tel)\u00a0:")
_UNIT = re.compile(r"(\d)[ \u00a0\u202f]*([€%])")
_THOUSANDS = re.compile(r"(\d) (?=\d{3}\b)")


@lru_cache(maxsize=65536)
def typography(text: str) -> str:
    """French spacing: no-break space before ``: ; ! ? » € %`` and after ``«``,
    narrow no-break space between groups of thousands (« 1 500 »).

    Applied to plain text before escaping; URLs written in text keep their colon.
    """
    text = _UNIT.sub("\\1" + NBSP + "\\2", text)
    text = _THOUSANDS.sub("\\1" + NNBSP, text)
    text = _BEFORE.sub(lambda m: (NBSP if m.group(1) in ":»" else NNBSP) + m.group(1), text)
    text = _AFTER.sub("«" + NBSP, text)
    return _URL_COLON.sub(r"\1:", text)


def sort_key(text: str) -> str:
    """The one order of French names and titles, everywhere: accent- and case-free, so that « Étudiant »
    sorts with « etudiant » and « Île-de-France » among the I, not after « z »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
