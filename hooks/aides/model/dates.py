"""The three dates every record states apart (see the design notes, « Data conventions »): the date of its
information (``date_information``, when it is not that of its newest source), when it was recorded here
(``enregistre_le``), and its last confirmation by the organisation (``confirmation``). What they mean for
a record's notice and review is ``trust/freshness.py``'s.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from aides.model.field_types import Date, Model, Text


class Confirmation(Model):
    """When, with whom and how the organisation confirmed a record's information."""

    date: Date = Field(description="Date de la confirmation (AAAA-MM-JJ).")
    par: Text = Field(description="Le service qui a confirmé : « Action Logement Services, accompagnement social Paca ».")
    moyen: Literal["courriel", "telephone", "courrier", "rendez_vous", "publication_officielle"] = Field(
        description="Comment : courriel, telephone, courrier, rendez_vous ou publication_officielle."
    )


class DateInformation(Model):
    """The date of a record's information when it is not that of its newest source."""

    date: Date | None = Field(None, description="Date exacte, si elle est connue.")
    annee: int | None = Field(None, ge=1900, le=2100, description="Année, quand seule elle est connue ou déduite.")
    raisonnement: Text | None = Field(None, description="Comment la date a été établie (obligatoire avec annee).")

    @model_validator(mode="after")
    def _date_or_year(self) -> DateInformation:
        if (self.date is None) == (self.annee is None):
            raise ValueError("indiquez soit une date (date), soit une année (annee) avec son raisonnement")
        if self.annee is not None and not self.raisonnement:
            raise ValueError("une année déduite doit dire comment (raisonnement)")
        return self


class Dates(Model):
    """The three dates every record states apart (see the design notes, « Data conventions »)."""

    enregistre_le: Date = Field(description="Date à laquelle l'information a été enregistrée sur ce site.")
    date_information: DateInformation | None = Field(
        None, description="Date de l'information, si ce n'est pas celle de sa source la plus récente."
    )
    confirmation: Confirmation | None = Field(
        None, description="Dernière confirmation auprès de l'organisme (date, par qui, comment) ; absente si jamais confirmée."
    )
