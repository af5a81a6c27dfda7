"""Territories: how one is said in French, and its one encoding for the filters.

The encoding is shared by every filter of the site: Pagefind's ``zone`` filter on each
aid page (``/recherche/``), the catalogue's own index (``/aides/``, ``facets.py``) and
the browser (``overrides/assets/js/lib/model/territory.js``), checked against
``tests/vectors/facets.json``:

- ``f``: the whole of France;
- ``r<code>``: a whole région (INSEE code: ``r93``);
- ``d<code>``: a département (``d13``, ``d2A``, ``d974``);
- ``e<siren>``: an intercommunalité (EPCI: ``e248300543``);
- ``c<code>``: a commune (INSEE code, ``c83137``);
- ``-e<siren>``, ``-c<code>``: an exclusion (``sauf``) of the territory.

A ``commune=<code>`` filter (``commune_zones``) matches the aids whose zones include ``f``, the
commune's région, département, EPCI or the commune itself, and exclude neither its EPCI nor it.

A ``departement=<code>`` filter matches the aids whose zones include ``f``, the
département's région or the département itself (``zone_query``): one value per
national aid instead of a hundred département codes keeps the filter index small.
"""

from __future__ import annotations

from typing import Any

from aides.model.catalogue import Catalogue
from aides.model.conditions import EXCLUDED, INCLUDED, Node
from aides.model.formatting import join_and, typography
from aides.model.models import Territoire
from aides.model.question_types import commune_departement

NATIONAL = "f"
REGION = "r"
DEPARTEMENT = "d"
EPCI = "e"
COMMUNE = "c"
EXCLUDE = "-"


def zones(territoire: Territoire) -> list[str]:
    """The zone codes of a territory."""
    included = [REGION + code for code in territoire.regions] + [DEPARTEMENT + code for code in territoire.departements]
    included += [EPCI + siren for siren in territoire.epci] + [COMMUNE + code for code in territoire.communes]
    excluded = [EXCLUDE + EPCI + siren for siren in territoire.sauf.epci]
    excluded += [EXCLUDE + COMMUNE + code for code in territoire.sauf.communes]
    return (included or [NATIONAL]) + excluded


def commune_zones(code: str, region_of: dict[str, str], epci_of: dict[str, str]) -> list[str]:
    """The zone codes that contain a commune (a ``commune=<code>`` filter accepts any of them)."""
    departement = commune_departement(code) or ""
    found = [NATIONAL, REGION + region_of.get(departement, ""), DEPARTEMENT + departement]
    if code in epci_of:
        found.append(EPCI + epci_of[code])
    return [*found, COMMUNE + code]


def covers_commune(aid_zones: set[str], code: str, region_of: dict[str, str], epci_of: dict[str, str]) -> bool:
    """Whether zones cover a commune: one of its places included, none excluded."""
    places = commune_zones(code, region_of, epci_of)
    return bool(aid_zones & set(places)) and not any(EXCLUDE + place in aid_zones for place in places)


def zone_query(departement: str, region_of: dict[str, str]) -> list[str]:
    """The zone codes a ``departement=<code>`` filter accepts (any of them)."""
    return [NATIONAL, REGION + region_of[departement], DEPARTEMENT + departement]


def regions_touched(catalogue: Catalogue, territoire: Territoire) -> list[str]:
    """Every région a territory touches: all for a national one; a département counts for its région."""
    if territoire.national:
        return [region.code for region in catalogue.regions]
    return catalogue.regions_of(territoire)


def departements_covered(catalogue: Catalogue, territoire: Territoire) -> list[str]:
    """Département codes where something applies: the plain definition ``zone_query`` implements."""
    codes = [dep.code for dep in catalogue.departements]
    if territoire.national:
        return codes
    return [code for code in codes if code in territoire.departements or catalogue.region_of[code] in territoire.regions]


def _epci_names(catalogue: Catalogue, sirens: list[str]) -> list[str]:
    return [catalogue.territoires.epci[siren].nom for siren in sirens if siren in catalogue.territoires.epci]


def _commune_names(catalogue: Catalogue, codes: list[str]) -> list[str]:
    found = [(code, catalogue.territoires.communes.get(code)) for code in codes]
    return [f"{commune.nom} ({commune.departement})" for _, commune in found if commune]


def describe(catalogue: Catalogue, territoire: Territoire) -> str:
    """« Toute la France », « Provence-Alpes-Côte d'Azur et Corse », « Rhône (69) », « … sauf Métropole … »."""
    names = [catalogue.region_names.get(code, code) for code in territoire.regions]
    names += [f"{catalogue.departement_names.get(code, code)} ({code})" for code in territoire.departements]
    names += _epci_names(catalogue, territoire.epci) + _commune_names(catalogue, territoire.communes)
    text = join_and(names) if names else "Toute la France"
    excluded = _epci_names(catalogue, territoire.sauf.epci) + _commune_names(catalogue, territoire.sauf.communes)
    return f"{text}, sauf {join_and(excluded)}" if excluded else text


def _departements_of(catalogue: Catalogue, key: str, codes: list[str]) -> list[str]:
    """The départements where an EPCI or a commune lies (to decide when only the département is known)."""
    ref = catalogue.territoires
    communes = (
        [member for siren in codes for member in (ref.epci[siren].membres if siren in ref.epci else ())]
        if key.endswith("epci")
        else codes
    )
    return sorted({departement for code in communes if (departement := commune_departement(code))})


def criterion(catalogue: Catalogue, territoire: Territoire) -> Node | None:
    """The aid's territory as a node of its rule tree (conditions.in_territory); None for the whole country."""
    spec = territoire.spec()
    if not spec:
        return None
    by_choices = {question.kind.choices: qid for qid, question in catalogue.questions.items()}
    lieux = {key: by_choices[key] for key in INCLUDED if key in by_choices}
    asked = lieux.get("communes") or lieux.get("departements")
    if asked is None:
        return None  # no question can place a person: the territory stays informative
    node: dict[str, Any] = {
        "type": "territoire",
        "question": asked,
        "texte": typography(f"Habiter ou avoir son projet dans le territoire de l'aide : {describe(catalogue, territoire)}"),
        "lieux": lieux,
        "zones": spec,
        "departements_de": {
            key: _departements_of(catalogue, key, spec[key]) for key in ("epci", "communes", *EXCLUDED) if key in spec
        },
    }
    return node
