"""When a record's information dates from: an exact day, or a year with the reasoning.

The record's own ``date_information`` when it states one, else its newest source (the article's date,
or the year inferred from it). ``Catalogue.information_date`` picks among them, and
``Catalogue.review_date`` counts the review period from there: whether an aid is still current
depends on it (a temporary measure past its review date is no longer offered, see catalogue.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from aides.model import formatting as fmt
from aides.model.models import Dates
from aides.model.shared_lists import Source


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


def of_source(source: Source) -> InfoDate | None:
    if source.date is not None:
        return InfoDate(source.date.year, source.date, "")
    if source.annee is not None:
        return InfoDate(source.annee, None, fmt.typography(source.raisonnement or ""))
    return None


def of_record(record: Dates) -> InfoDate | None:
    """The record's own date of information (``date_information``), None when it states none."""
    own = record.date_information
    if own is None:
        return None
    year = own.date.year if own.date else own.annee or 0
    return InfoDate(year, own.date, fmt.typography(own.raisonnement or ""))


def newest(dates: list[InfoDate]) -> InfoDate | None:
    return max(dates, key=lambda info: (info.annee, info.earliest), default=None)


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))
