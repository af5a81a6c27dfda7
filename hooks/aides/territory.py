"""Territories: how one is said in French, and its one encoding for the filters.

The encoding is shared by every filter of the site: Pagefind's ``zone`` filter on each
aid page (``/recherche/``), the catalogue's own index (``/aides/``, ``facets.py``) and
the browser (``overrides/assets/js/lib/territory.js``), checked against
``tests/vectors/facets.json``:

- ``f``: the whole of France;
- ``r<code>``: a whole région (INSEE code: ``r93``);
- ``d<code>``: a département (``d13``, ``d2A``, ``d974``).

A ``departement=<code>`` filter matches the aids whose zones include ``f``, the
département's région or the département itself (``zone_query``): one value per
national aid instead of a hundred département codes keeps the filter index small.
"""

from __future__ import annotations

from .catalogue import Catalogue
from .formatting import join_and
from .models import Territoire

NATIONAL = "f"
REGION = "r"
DEPARTEMENT = "d"


def zones(territoire: Territoire) -> list[str]:
    """The zone codes of a territory."""
    if territoire.national:
        return [NATIONAL]
    return [REGION + code for code in territoire.regions] + [DEPARTEMENT + code for code in territoire.departements]


def zone_query(departement: str, region_of: dict[str, str]) -> list[str]:
    """The zone codes a ``departement=<code>`` filter accepts (any of them)."""
    return [NATIONAL, REGION + region_of[departement], DEPARTEMENT + departement]


def regions_touched(catalogue: Catalogue, territoire: Territoire) -> list[str]:
    """Every région a territory touches: all for a national one; a département counts for its région."""
    if territoire.national:
        return [region.code for region in catalogue.territoires.regions]
    return catalogue.regions_of(territoire)


def departements_covered(catalogue: Catalogue, territoire: Territoire) -> list[str]:
    """Département codes where something applies: the plain definition ``zone_query`` implements."""
    codes = [dep.code for dep in catalogue.territoires.departements]
    if territoire.national:
        return codes
    return [code for code in codes if code in territoire.departements or catalogue.region_of[code] in territoire.regions]


def describe(catalogue: Catalogue, territoire: Territoire) -> str:
    """« Toute la France », « Provence-Alpes-Côte d'Azur et Corse », « Rhône (69) »."""
    if territoire.national:
        return "Toute la France"
    names = [catalogue.region_names[code] for code in territoire.regions]
    names += [f"{catalogue.departement_names[code]} ({code})" for code in territoire.departements]
    return join_and(names)
