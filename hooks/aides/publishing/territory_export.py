"""``/donnees/territoires.json``: the territories the site's data uses, with their names, for reuse.

Every région and département (the filters and checkers offer them all), the EPCI and
communes the data names. Its JSON Schema is published as ``donnees/schemas/territoires.schema.json``
(an address first used for the schema of the hand-typed ``data/territoires.yml``, which the
Code officiel géographique of ``referentiel/territoires/`` replaced: the address keeps answering).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from aides.model.catalogue import Catalogue


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RegionRecord(_Strict):
    code: str = Field(description="Code INSEE de la région.")
    nom: str


class DepartementRecord(_Strict):
    code: str = Field(description="Code INSEE du département (« 2A », « 974 »).")
    nom: str
    region: str = Field(description="Code INSEE de sa région.")


class EpciRecord(_Strict):
    siren: str = Field(description="SIREN de l'intercommunalité.")
    nom: str
    type: str = Field(description="CC, CA, CU, METRO ou MET69.")
    membres: list[str] = Field(description="Codes INSEE de ses communes.")


class CommuneRecord(_Strict):
    code: str = Field(description="Code INSEE de la commune.")
    nom: str
    departement: str
    epci: str | None = Field(description="SIREN de son intercommunalité.")
    codes_postaux: list[str]


class TerritoiresExport(_Strict):
    """Les territoires qu'utilisent les données du site (Code officiel géographique)."""

    source: str
    regions: list[RegionRecord]
    departements: list[DepartementRecord]
    epci: list[EpciRecord]
    communes: list[CommuneRecord]


SOURCE = "Etalab, @etalab/decoupage-administratif, d'après l'Insee (Code officiel géographique), la DGCL et La Poste"


def territories_export(catalogue: Catalogue) -> dict[str, Any]:
    reference = catalogue.territoires
    named = dict.fromkeys(code for t in catalogue.all_territories() for code in [*t.communes, *t.sauf.communes])
    communes = [commune for code in named if (commune := reference.current_commune(code))]
    export = TerritoiresExport(
        source=SOURCE,
        regions=[RegionRecord(code=r.code, nom=r.nom) for r in catalogue.regions],
        departements=[DepartementRecord(code=d.code, nom=d.nom, region=d.region) for d in catalogue.departements],
        epci=[
            EpciRecord(siren=e.siren, nom=e.nom, type=e.type, membres=list(e.membres))
            for e in (reference.epci[siren] for siren in catalogue.epci_used)
        ],
        communes=[
            CommuneRecord(code=c.code, nom=c.nom, departement=c.departement, epci=c.epci, codes_postaux=list(c.codes_postaux))
            for c in communes
        ],
    )
    return export.model_dump()
