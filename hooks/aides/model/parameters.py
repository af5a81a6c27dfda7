"""Dated reference values that eligibility rules compare answers with: series (the SMIC brut mensuel)
and barèmes (social-housing income ceilings by household category and zone).

Read from ``referentiel/parametres/*.yml``, written by ``scripts/parametres.py`` (``make parametres``)
from a pinned version of OpenFisca-France; loaded and checked with the data (``data/loading.py``).

The lookup rules call: ``catalogue.parameter(id).at(day)`` gives the value in force that day, with its
start date and source; for a barème, ``.at(day).ceiling(category, zone)``. A value is never handed out
once stale: a parameter revised each year (``revision: annuelle``) whose last value is older than
``REVISION_MONTHS`` on the day asked raises ``StaleParameter`` (« périmé ») instead, so that a build
of 2026 never compares incomes with a barème that stopped in 2022.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, RootModel

from aides.model import household
from aides.model.field_types import Date, Model, Text, Url
from aides.model.formatting import date as french_date

PARAMETERS = Path(__file__).resolve().parents[3] / "referentiel" / "parametres"
PARAMETER_ID = r"^[a-z0-9]+(?:_[a-z0-9]+)*$"
# Revised every 1st January (by decree or arrêté, published in late December): one month of grace for
# the new value to reach OpenFisca and `make parametres`, then the last value is no longer trusted.
REVISION_MONTHS = {"annuelle": 13}
EXTRA_PERSON = "par_personne_supplementaire"

# A place in a file (keys and list indexes), as ``aides.data.errors.error_at`` reads it.
Loc = tuple[str | int, ...]
Problem = tuple[Loc, str]


class ParameterError(ValueError):
    """A lookup that cannot give a value; the message says why, in French."""


class UnknownParameter(ParameterError):
    """An id with no file in referentiel/parametres/; ``baremes`` are the barèmes there are."""

    def __init__(self, parameter_id: str, known: dict[str, Serie | Bareme]) -> None:
        self.parameter_id = parameter_id
        self.baremes = sorted(key for key, parameter in known.items() if isinstance(parameter, Bareme))
        super().__init__(f"paramètre inconnu : « {parameter_id} » (paramètres : {', '.join(sorted(known)) or 'aucun'})")


class StaleParameter(ParameterError):
    """The last value is older than the parameter's revision period on the day asked: « périmé »."""

    def __init__(self, parameter_id: str, last: dt.date, since: dt.date) -> None:
        self.parameter_id, self.last, self.since = parameter_id, last, since
        super().__init__(
            f"« {parameter_id} » est périmé depuis le {french_date(since)} : sa dernière valeur date du "
            f"{french_date(last)}, alors qu'il est révisé chaque année ; importez une version à jour (make parametres)"
        )


# --- the files ------------------------------------------------------------------------


class Reference(Model):
    """The legal text a value comes from."""

    titre: Text = Field(description="Intitulé du texte : « Décret n° 2025-1228 du 17/12/2025 ».")
    url: Url | None = Field(None, description="Adresse du texte (Légifrance).")


class Origine(Model):
    """Where the generated file was read from."""

    paquet: Text
    version: Text
    chemin: Text = Field(description="Fichier ou dossier des paramètres dans le paquet.")


class Correction(Model):
    """A value of the source that the import changed, and why."""

    debut: Date
    categorie: Text
    zone: Text
    lu: int = Field(description="La valeur de la source.")
    retenu: int = Field(description="La valeur importée.")
    raison: Text


class Parametre(Model):
    """What every kind of parameter states."""

    id: Annotated[str, Field(pattern=PARAMETER_ID)] = Field(description="Le nom du fichier, sans .yml.")
    libelle: Text
    unite: Literal["euros_par_mois", "euros_par_an"]
    revision: Literal["annuelle"] = Field(description="annuelle : révisé au moins chaque 1er janvier.")
    origine: Origine
    remarques: list[Text] = Field(default=[], description="Ce qu'il faut savoir pour s'en servir.")

    def _index(self, starts: list[dt.date], day: dt.date) -> int:
        """The index of the value in force on ``day``; raises when there is none or it is stale."""
        index = bisect.bisect_right(starts, day) - 1
        if index < 0:
            raise ParameterError(f"« {self.id} » n'a pas de valeur avant le {french_date(starts[0])}")
        since = stale_since(starts[-1], self.revision)
        if index == len(starts) - 1 and day >= since:
            raise StaleParameter(self.id, starts[-1], since)
        return index

    def _date_problems(self, starts: list[dt.date]) -> list[Problem]:
        return [
            (("valeurs", index, "debut"), f"les dates doivent croître : {starts[index]} vient après {starts[index - 1]}")
            for index in range(1, len(starts))
            if starts[index] <= starts[index - 1]
        ]


class Valeur(Model):
    debut: Date = Field(description="Date d'entrée en vigueur (AAAA-MM-JJ).")
    valeur: float = Field(ge=0)
    source: Reference


class Serie(Parametre):
    """One amount that changes on given dates (the SMIC brut mensuel)."""

    nature: Literal["serie"]
    valeurs: list[Valeur] = Field(min_length=1, description="Dans l'ordre des dates.")

    def at(self, day: dt.date) -> InForce:
        """The value in force on ``day``; raises ``ParameterError`` (``StaleParameter`` when périmé)."""
        entry = self.valeurs[self._index([entry.debut for entry in self.valeurs], day)]
        return InForce(self.id, entry.debut, entry.valeur, entry.source)

    def problems(self) -> list[Problem]:
        return self._date_problems([entry.debut for entry in self.valeurs])


class Periode(Model):
    """A barème from one date on: by category, then zone."""

    debut: Date
    sources: list[Reference] = Field(min_length=1)
    plafonds: dict[str, dict[str, Annotated[int, Field(gt=0)]]] = Field(description="categorie_N → zone → montant.")
    par_personne_supplementaire: dict[str, Annotated[int, Field(gt=0)]] = Field(
        description="zone → montant ajouté par personne au-delà de la dernière catégorie."
    )


class Bareme(Parametre):
    """Amounts by household category and zone that change on given dates (the PLUS income ceilings)."""

    nature: Literal["bareme"]
    categories: dict[str, Text] = Field(description="categorie_1, categorie_2… → définition (arrêté).")
    zones: dict[str, Text] = Field(description="Identifiant de zone → libellé.")
    valeurs: list[Periode] = Field(min_length=1, description="Dans l'ordre des dates.")
    corrections: list[Correction] = Field(default=[], description="Valeurs de la source changées à l'import, et pourquoi.")

    def at(self, day: dt.date) -> ScaleInForce:
        """The barème in force on ``day``; raises ``ParameterError`` (``StaleParameter`` when périmé)."""
        period = self.valeurs[self._index([period.debut for period in self.valeurs], day)]
        return ScaleInForce(self, period)

    def problems(self) -> list[Problem]:
        """Categories numbered from 1, every period with every category and zone, corrections that hold."""
        found = self._date_problems([period.debut for period in self.valeurs])
        expected = [f"categorie_{number}" for number in range(1, len(self.categories) + 1)]
        if list(self.categories) != expected:
            found.append((("categories",), f"les catégories doivent être {', '.join(expected)}, dans l'ordre"))
        zones = set(self.zones)
        for index, period in enumerate(self.valeurs):
            loc: Loc = ("valeurs", index)
            if set(period.plafonds) != set(self.categories):
                found.append(((*loc, "plafonds"), f"il faut une ligne par catégorie : {', '.join(self.categories)}"))
            rows = [((*loc, "plafonds", key), row) for key, row in period.plafonds.items()]
            for row_loc, row in [*rows, ((*loc, EXTRA_PERSON), period.par_personne_supplementaire)]:
                if set(row) != zones:
                    found.append((row_loc, f"il faut un montant par zone : {', '.join(self.zones)}"))
        found += [(("corrections", index), message) for index, message in self._correction_problems()]
        return found

    def _correction_problems(self) -> list[tuple[int, str]]:
        periods = {period.debut: period for period in self.valeurs}
        found = []
        for index, fix in enumerate(self.corrections):
            period = periods.get(fix.debut)
            row = period and (
                period.par_personne_supplementaire if fix.categorie == EXTRA_PERSON else period.plafonds.get(fix.categorie)
            )
            if not row or row.get(fix.zone) != fix.retenu:
                found.append((index, f"les valeurs du {fix.debut} ne donnent pas {fix.retenu} en {fix.categorie}, {fix.zone}"))
        return found


class ParametreFichier(RootModel[Annotated[Serie | Bareme, Field(discriminator="nature")]]):
    """A file of referentiel/parametres/: a series (nature: serie) or a barème (nature: bareme)."""


def stale_since(last: dt.date, revision: str) -> dt.date:
    """The first day on which a last value that started on ``last`` is no longer trusted."""
    months = last.month - 1 + REVISION_MONTHS[revision]
    return dt.date(last.year + months // 12, months % 12 + 1, 1)


# --- what a lookup gives ----------------------------------------------------------------


@dataclass(frozen=True)
class InForce:
    """A series' value in force on a day: since ``debut``, set by ``source``."""

    parametre: str
    debut: dt.date
    valeur: float
    source: Reference


@dataclass(frozen=True)
class ScaleInForce:
    """A barème in force on a day: since ``debut``, set by ``sources``."""

    bareme: Bareme
    periode: Periode

    @property
    def debut(self) -> dt.date:
        return self.periode.debut

    @property
    def sources(self) -> list[Reference]:
        return self.periode.sources

    def table(self) -> dict[str, dict[str, Any]]:
        """Its amounts as the rule trees carry them (household.ceiling reads them, and its JS twin)."""
        zones, categories = list(self.bareme.zones), self.bareme.categories
        return {
            "categories": {zone: [self.periode.plafonds[key][zone] for key in categories] for zone in zones},
            "supplement": dict(self.periode.par_personne_supplementaire),
        }

    def ceiling(self, category: int, zone: str) -> int:
        """The amount of a household category (1…) in a zone; past the last category, each further
        person adds the per-person amount (category 8 = category 6 + 2 × the per-person amount)."""
        if zone not in self.bareme.zones:
            raise ParameterError(f"« {self.bareme.id} » : zone inconnue « {zone} » (zones : {', '.join(self.bareme.zones)})")
        if category < 1:
            raise ParameterError(f"« {self.bareme.id} » : catégorie {category} impossible (la première est 1)")
        return household.ceiling(self.table(), category, zone)
