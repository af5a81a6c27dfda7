"""The household, worked out from a few answers, for the rules on incomes.

- ``estimated_parts``: the number of fiscal parts of a household when the tax notice's is not given
  (an estimate: a rule never decides on it alone).
- ``category_range``: the household's category for social-housing ceilings (arrêté du 29 juillet 1987,
  article 1er), 1 to 6, and beyond 6 one more per additional person. Unknown answers (a disability, the
  ages of a couple) leave a range of categories, never a guess.
- ``ceilings_zone``: the zone of those ceilings, from the commune.
- ``ceiling``: the figure of a ceilings table for a category and a zone.

The browser's twin is ``lib/model/household.js`` (overrides/assets/js/lib/model/household.js); both follow
``tests/vectors/household.json``.
"""

from __future__ import annotations

from typing import Any

# « Paris et communes limitrophes » (arrêté du 29 juillet 1987, annexe) as INSEE codes of the current COG.
# openfisca-france 176.1.8 (model/prestations/logement_social.py) lists 29 codes: Boulogne-Billancourt (92012) is
# missing there, and its comments name 93001 « Bagnolet » and 93006 « Boulogne-Billancourt » (they are Aubervilliers
# and Bagnolet). tests/test_household.py checks each code's name in referentiel/territoires.
PARIS_AND_NEIGHBOURS = frozenset(
    [
        "75056",
        "93001",
        "93006",
        "92012",
        "94018",
        "92024",
        "94033",
        "94037",
        "92040",
        "94041",
        "94042",
        "94043",
        "93045",
        "93061",
        "92044",
        "92046",
        "93048",
        "92049",
        "92051",
        "94052",
        "93055",
        "92062",
        "92064",
        "93066",
        "94067",
        "94069",
        "93070",
        "92073",
        "92075",
        "94080",
    ]
)
ILE_DE_FRANCE = frozenset({"75", "77", "78", "91", "92", "93", "94", "95"})
ZONES = ("paris_communes_limitrophes", "ile_de_france", "autres_regions")
YOUNG_COUPLE_AGES = 55  # « jeune ménage » : a couple without dependants whose ages add up to 55 at most (same arrêté)


def estimated_parts(couple: bool, dependants: int) -> float:
    """1 or 2 parts, half a part for each of the first two dependants, one for each next, half a part
    more for a single parent (case T of the tax form)."""
    parts = 2.0 if couple else 1.0
    parts += 0.5 * min(dependants, 2) + max(dependants - 2, 0)
    return parts + (0.5 if dependants and not couple else 0.0)


def _category(persons: int, single_parent: bool, disability: bool, young_couple: bool) -> int:
    """Article 1er: each « personne seule avec N personnes à charge » and each household with a person with
    a disability is one category up from its number of persons; a young couple without dependants is in 3."""
    category = persons + (1 if single_parent or disability else 0)
    return max(category, 3) if young_couple else category


def category_range(answers: dict[str, Any]) -> tuple[int, int] | None:
    """The lowest and highest category the answers allow; None without the couple and the dependants."""
    couple, dependants = answers.get("couple"), answers.get("personnes_a_charge")
    if couple not in ("oui", "non") or not isinstance(dependants, int):
        return None
    in_couple = couple == "oui"
    persons = 1 + in_couple + dependants
    disabilities = {"oui": [True], "non": [False]}.get(answers.get("handicap"), [False, True])
    young = [False]
    if in_couple and dependants == 0:
        ages = (answers.get("age"), answers.get("age_conjoint"))
        known = all(isinstance(age, int | float) for age in ages)
        young = [sum(ages) <= YOUNG_COUPLE_AGES] if known else [False, True]
    single_parent = not in_couple and dependants > 0
    found = [_category(persons, single_parent, d, y) for d in disabilities for y in young]
    return min(found), max(found)


def ceilings_zone(commune: Any) -> str | None:
    """The ceilings zone of a commune (its INSEE code); None when no commune is known."""
    if not isinstance(commune, str) or len(commune) != 5:
        return None
    if commune in PARIS_AND_NEIGHBOURS or commune.startswith("751"):  # Paris' arrondissements: 75101…75120
        return ZONES[0]
    return ZONES[1] if commune[:2] in ILE_DE_FRANCE else ZONES[2]


def ceiling(table: dict[str, Any], category: int, zone: str) -> float:
    """``table``: ``{"categories": {zone: [c1…cN]}, "supplement": {zone: amount}}``; past the last category
    (6 in the arrêté), each further person adds the per-person amount."""
    amounts = table["categories"][zone]
    if category <= len(amounts):
        return amounts[category - 1]
    return amounts[-1] + (category - len(amounts)) * table["supplement"][zone]
