"""Is it still true? The three dates of a record, its review date, and the notice an old,
unconfirmed aid carries everywhere it is shown.

- **Date of the information**: the record's own ``date_information`` when it states one, else
  its newest source (the article's date, or the year inferred from it, with the reasoning).
- **Recorded** (``enregistre_le``): when it was typed here; says nothing about its truth.
- **Confirmed** (``confirmation``): when, with whom and how the organisation confirmed it.

An aid is due for review ``revue_mois`` months (its own, else ``data/site.yml``'s, default 12)
after its last confirmation, or after its information date when never confirmed. A due aid, or
a temporary measure whose end is unknown (``a_confirmer``), carries a notice (``avis``) on its
page, its card, its search result, and in the checkers, where it is a layer on top of the
rules' outcome (``with_notice``; JS twin ``lib/trust/freshness.js``, shared vectors
``tests/vectors/freshness.json``): it never turns into « vous pourriez y avoir droit ».

Engine-independent (no MkDocs import).
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass
from typing import Any

from aides.model import formatting as fmt
from aides.model.catalogue import Catalogue
from aides.model.dates import Dates
from aides.model.french_names import Name
from aides.model.models import Aide, SourceRef


@dataclass(frozen=True, slots=True)
class InfoDate:
    """When the information dates from: an exact day, or a year with the reasoning."""

    annee: int
    date: dt.date | None
    raisonnement: str

    @property
    def earliest(self) -> dt.date:
        """The earliest day it may be: a year alone counts from its 1 January (never younger than it is)."""
        return self.date or dt.date(self.annee, 1, 1)

    @property
    def text(self) -> str:
        return fmt.date(self.date) if self.date else str(self.annee)


# The date of each source, by catalogue: thousands of aids cite the same few articles, and each page,
# card and export asks for their dates (its reasoning goes through typography, which is not free).
_SOURCE_DATES: weakref.WeakKeyDictionary[Catalogue, dict[str, InfoDate | None]] = weakref.WeakKeyDictionary()


def _source_date(catalogue: Catalogue, article: str) -> InfoDate | None:
    known = _SOURCE_DATES.setdefault(catalogue, {})
    if article not in known:
        known[article] = _date_of_source(catalogue, article)
    return known[article]


def _date_of_source(catalogue: Catalogue, article: str) -> InfoDate | None:
    source = catalogue.sources[article]
    if source.date is not None:
        return InfoDate(source.date.year, source.date, "")
    if source.annee is not None:
        return InfoDate(source.annee, None, fmt.typography(source.raisonnement or ""))
    return None


def information_date(catalogue: Catalogue, record: Dates, refs: list[SourceRef]) -> InfoDate | None:
    """The record's own date of information, else that of its newest dated source; None if nothing is dated."""
    own = record.date_information
    if own is not None:
        year = own.date.year if own.date else own.annee or 0
        return InfoDate(year, own.date, fmt.typography(own.raisonnement or ""))
    dated = [found for ref in refs if (found := _source_date(catalogue, ref.article)) is not None]
    return max(dated, key=lambda info: (info.annee, info.date or dt.date(info.annee, 1, 1)), default=None)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def review_months(catalogue: Catalogue, aide: Aide) -> int:
    return aide.revue_mois or catalogue.site.revue_mois


def review_date(catalogue: Catalogue, aide: Aide) -> dt.date | None:
    """When the aid must be confirmed again; None when nothing dates it (it is then due at once)."""
    if aide.confirmation is not None:
        start: dt.date | None = aide.confirmation.date
    else:
        info = information_date(catalogue, aide, aide.sources)
        start = info.earliest if info else None
    return _add_months(start, review_months(catalogue, aide)) if start else None


def is_review_due(catalogue: Catalogue, aide: Aide) -> bool:
    due = review_date(catalogue, aide)
    return due is None or due <= catalogue.today


def _names(catalogue: Catalogue, aide: Aide) -> list[Name]:
    """Whom to ask: the aid's contacts, else its (first two) partners."""
    if aide.contacts:
        return [catalogue.contact_name(cid) for cid in aide.contacts]
    return [catalogue.partner_name(role.partenaire) for role in aide.partenaires[:2]]


def ask(catalogue: Catalogue, aide: Aide) -> str:
    """« auprès d'Action Logement ou des Comités locaux… »: whom to ask, each with its article (french_names.py)."""
    names = _names(catalogue, aide)
    return "auprès " + " ou ".join(name.de for name in names) if names else "auprès de l'organisme qui la propose"


def notice(catalogue: Catalogue, aide: Aide) -> str:
    """The notice of an aid that may no longer be true, in French; "" when it is current.

    Ended, suspended and exhausted aids have their own status notice instead (they are not offered).
    """
    status = catalogue.status(aide)
    if status not in ("en_cours", "a_confirmer"):
        return ""
    check = f"vérifiez {ask(catalogue, aide)}."
    if is_review_due(catalogue, aide):
        if aide.confirmation is not None:
            confirmed = fmt.date(aide.confirmation.date)
            return f"Information confirmée le {confirmed}, sans nouvelle confirmation depuis{fmt.NBSP}: {check}"
        info = information_date(catalogue, aide, aide.sources)
        year = f"de {info.annee}" if info else "non datée"
        return f"Information {year}, non confirmée depuis{fmt.NBSP}: {check}"
    if status == "a_confirmer":
        return f"Mesure temporaire dont la fin n'est pas connue{fmt.NBSP}: {check}"
    return ""


# --- the layer on top of the rules' outcome (twin: overrides/assets/js/lib/trust/freshness.js) ---------


def with_notice(result: dict[str, Any], avis: str) -> dict[str, Any]:
    """The outcome shown to a person: with a notice, « eligible » becomes « a_verifier » for that
    reason, and the notice leads the reasons of an undecided aid. « non_eligible » stays: an unmet
    criterion is unmet whatever the date. The rules' own outcome is left untouched (a copy)."""
    if not avis or result["statut"] == "non_eligible":
        return result
    if result["statut"] == "eligible":
        return {**result, "statut": "a_verifier", "raisons": [avis], "questions_manquantes": [], "avis": avis}
    return {**result, "raisons": [avis, *result["raisons"]], "avis": avis}
