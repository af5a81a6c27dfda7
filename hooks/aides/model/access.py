"""How the public reaches an organisation, as the organisation itself publishes it: its official website,
a public phone line, an online form (the ``acces`` block of data/partenaires/*.yml). Each way in cites the
page of the organisation's site it was read on; aid pages, results and /contacts/ offer them where no
local contact exists."""

from __future__ import annotations

from pydantic import Field, model_validator

from aides.model.field_types import Date, Id, Model, Phone, Text, Url


class SiteAcces(Model):
    """An organisation's official website."""

    url: Url = Field(description="Adresse du site officiel de l'organisme (https://…).")
    precision: Text | None = Field(None, description="Ce qu'il faut savoir de ce site : « site national du mouvement ».")
    source: Url = Field(description="Page du site de l'organisme où l'on a relevé cette adresse (souvent la même).")


class TelephoneAcces(Model):
    """An organisation's public phone line (a switchboard or a national line, never a person's own)."""

    numero: Phone = Field(description="Le numéro, par paires de chiffres : « 09 70 80 08 00 ».")
    precision: Text | None = Field(None, description="Coût de l'appel, horaires, sans point final : « appel non surtaxé ».")
    source: Url = Field(description="Page du site de l'organisme qui donne ce numéro.")


class FormulaireAcces(Model):
    """A form on the organisation's website where a person makes a request or asks a question."""

    libelle: Text = Field(description="Ce que le formulaire permet, à l'infinitif : « Demander la garantie Visale en ligne ».")
    url: Url = Field(description="Adresse du formulaire ou de la page qui y mène.")
    aides: list[Id] = Field(
        [], description="Les aides pour lesquelles ce formulaire sert (identifiants de data/aides/) ; vide : toutes."
    )
    source: Url = Field(description="Page du site de l'organisme qui présente ce formulaire.")


class Acces(Model):
    """How the public reaches an organisation, as the organisation itself publishes it."""

    site: SiteAcces | None = Field(None, description="Le site officiel (url, source).")
    telephone: TelephoneAcces | None = Field(
        None, description="Une ligne publique, nationale ou d'accueil (numero, precision, source)."
    )
    formulaire: FormulaireAcces | None = Field(None, description="Un formulaire en ligne (libelle, url, aides, source).")
    releve_le: Date = Field(description="Date à laquelle ces moyens ont été relevés sur le site de l'organisme (AAAA-MM-JJ).")

    @model_validator(mode="after")
    def _one_way_in(self) -> Acces:
        if self.site is None and self.telephone is None and self.formulaire is None:
            raise ValueError("indiquez au moins un moyen de joindre l'organisme : site, telephone ou formulaire")
        return self
