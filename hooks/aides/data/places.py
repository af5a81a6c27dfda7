"""What is wrong with an EPCI or a commune code of the data, in French (for references.py and loading.py).

An unknown code gives the closest names; an old commune code names its current commune (in a territory,
a condition or an example); a commune listed with a département it is not in is an error (the territory
would say two different things).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from aides.data.yamlsource import Loc
from aides.model import cog

MERGED_KINDS = {"deleguee": "commune déléguée", "associee": "commune associée", "ancienne": "ancienne commune"}


def key_path(key: str, inner: str) -> tuple[str, ...]:
    """Where a list sits in a territory: ``epci`` or ``sauf.epci``."""
    return ("sauf", inner) if key == "sauf" else (key,)


def value_key(loc: Loc) -> str:
    """The key a code stands under, past list indexes and « parmi »: ``communes`` for
    ``territoire.sauf.communes[0]``, the question for ``conditions.toutes[0].commune.parmi[1]``."""
    return next((part for part in reversed(loc) if isinstance(part, str) and part != "parmi"), "")


def epci_problem(ref: cog.Referentiel, siren: str) -> str | None:
    if siren in ref.epci:
        return None
    names = {epci.nom: code for code, epci in ref.epci.items()}
    close = [f"{name} ({names[name]})" for name in _close_sirens(ref, siren)]
    hint = f" ; SIREN proches : {', '.join(close)}" if close else ""
    return f"« {siren} » n'est le SIREN d'aucune intercommunalité (EPCI) connue{hint}"


def _close_sirens(ref: cog.Referentiel, siren: str) -> list[str]:
    """EPCI whose SIREN differs by one or two digits (a typo), closest first."""
    distances = {epci.nom: sum(a != b for a, b in zip(code, siren, strict=False)) for code, epci in ref.epci.items()}
    return sorted((name for name, distance in distances.items() if distance <= 2), key=lambda name: (distances[name], name))[:3]


def commune_problem(ref: cog.Referentiel, code: str, departements: Sequence[str]) -> str | None:
    commune = ref.communes.get(code)
    if commune is not None:
        if departements and commune.departement not in departements:
            listed = ", ".join(departements)
            return (
                f"la commune {commune.nom} ({code}) est dans le département {commune.departement}, "
                f"pas dans {listed} : vérifiez son code INSEE"
            )
        return None
    old = old_commune_problem(ref, code)
    if old is not None:
        return old
    by_postcode = ref.by_postcode.get(code, [])
    if by_postcode:
        names = ", ".join(f"{c.nom} ({c.code})" for c in by_postcode[:5])
        return f"« {code} » est un code postal, pas un code INSEE de commune : {names}"
    close = [f"{ref.communes[c].nom} ({c})" for c in difflib.get_close_matches(code, list(ref.communes), n=3, cutoff=0.8)]
    hint = f" ; codes proches : {', '.join(close)}" if close else ""
    return f"« {code} » n'est le code INSEE d'aucune commune actuelle{hint}"


def old_commune_problem(ref: cog.Referentiel, code: str) -> str | None:
    """For the code of a merged, delegated or former commune, or of an arrondissement: its current commune.
    Also said of conditions and examples (loading.py), where the reference changed under them on 1 January."""
    successors = ref.successors(code)
    if len(successors) > 1:
        shared = " et ".join(f"{commune.nom} ({commune.code})" for commune in successors)
        return (
            f"« {code} » est le code {_old_name(ref, code)}, partagée entre {shared} : indiquez celle ou celles qui conviennent"
        )
    if successors:
        return f"« {code} » est le code {_old_name(ref, code)} : indiquez la commune actuelle, {successors[0].nom} ({successors[0].code})"
    return None


def _old_name(ref: cog.Referentiel, code: str) -> str:
    """« de l'arrondissement municipal Marseille 1er Arrondissement », « de la commune déléguée Châtillon-en-Michaille »:
    the kind first, so that no « de » falls before a name that starts with its article (« Le Mesnil… »)."""
    if code in ref.arrondissements:
        return f"de l'arrondissement municipal {ref.arrondissements[code].nom}"
    former = ref.former[code]
    kind = MERGED_KINDS.get(former.type, "ancienne commune")
    article = "l'" if kind.startswith("ancienne") else "la "
    return f"de {article}{kind} {former.nom}" if former.nom else f"d'une {kind}"
