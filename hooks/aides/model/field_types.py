"""The constrained types of the data's fields, and the strict base every model of a data file builds on.

A YAML value of the wrong type (``010`` read as 8, ``no`` read as False) is an error, never silently
converted: codes are quoted strings of a known shape, dates are dates, e-mail addresses, phone numbers
and web addresses are checked with a French message.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CODE_PATTERN = r"^(?:[0-9]{2,3}|2A|2B)$"
COMMUNE_PATTERN = r"^(?:[0-9]{5}|2[AB][0-9]{3})$"
SIREN_PATTERN = r"^[0-9]{9}$"
EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
# French numbers: 10 digits starting with 0, or short numbers (17, 115, 3919).
PHONE_PATTERN = re.compile(r"^(?:0[1-9](?: ?[0-9]{2}){4}|[1-9][0-9]{1,3})$")
MOBILE_PATTERN = re.compile(r"^0[67]")
URL_PATTERN = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:[/?#][^\s<>\"']*)?$")


def _check_date(value: Any) -> Any:
    """Accept a YAML date or an ISO string, never a number (pydantic would read 2020 as a timestamp)."""
    if isinstance(value, dt.datetime):
        raise ValueError("doit être une date sans heure (AAAA-MM-JJ)")
    if isinstance(value, (int, float, bool)):
        raise ValueError("doit être une date au format AAAA-MM-JJ")
    return value


def _check_email(value: str) -> str:
    if not EMAIL_PATTERN.match(value):
        raise ValueError(f"« {value} » n'est pas une adresse e-mail valide")
    return value


def _check_phone(value: str) -> str:
    if not PHONE_PATTERN.match(value):
        raise ValueError(f"« {value} » n'est pas un numéro de téléphone français (ex. : 01 23 45 67 89)")
    return value


def _check_url(value: str) -> str:
    if not URL_PATTERN.match(value):
        raise ValueError(f"« {value} » n'est pas une adresse web valide (elle doit commencer par https://)")
    return value


Date = Annotated[dt.date, BeforeValidator(_check_date), Field(strict=False)]
Id = Annotated[str, Field(pattern=ID_PATTERN)]
TerritoryCode = Annotated[str, Field(pattern=CODE_PATTERN)]
CommuneCode = Annotated[str, Field(pattern=COMMUNE_PATTERN)]
Siren = Annotated[str, Field(pattern=SIREN_PATTERN)]
Text = Annotated[str, Field(min_length=1)]
Email = Annotated[str, AfterValidator(_check_email)]
Phone = Annotated[str, AfterValidator(_check_phone)]
Url = Annotated[str, AfterValidator(_check_url)]


class Model(BaseModel):
    """Base of every model: unknown keys are typos, types are never coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
