"""Is it still true? The notice an old, unconfirmed aid carries everywhere it is shown, from the three
dates of a record and its review date (``Catalogue.information_date``, ``Catalogue.review_date``).

- **Date of the information**: the record's own ``date_information`` when it states one, else
  its newest source (the article's date, or the year inferred from it, with the reasoning).
- **Recorded** (``enregistre_le``): when it was typed here; says nothing about its truth.
- **Confirmed** (``confirmation``): when, with whom and how the organisation confirmed it.

An aid is due for review ``revue_mois`` months (its own, else ``data/site.yml``'s, default 12)
after its last confirmation, or after its information date when never confirmed. A due aid, or
a temporary measure whose end is unknown (``a_confirmer``), carries a notice (``avis``) on its
page, its card, its search result, and in the checkers. A temporary measure past its review date
is no longer offered (``STALE_MEASURE``): its notice says so (``stale_notice``). In the checkers the
notice is a layer on top of the rules' outcome (``with_notice``; JS twin ``lib/trust/freshness.js``,
shared vectors ``tests/vectors/freshness.json``): it never turns into « vous pourriez y avoir droit ».

Engine-independent (no MkDocs import).
"""

from __future__ import annotations

from typing import Any

from aides.model import formatting as fmt
from aides.model.catalogue import STALE_MEASURE, Catalogue
from aides.model.french_names import Name
from aides.model.models import Aide


def _names(catalogue: Catalogue, aide: Aide) -> list[Name]:
    """Whom to ask: the aid's contacts, else its (first two) partners."""
    if aide.contacts:
        return [catalogue.contact_name(cid) for cid in aide.contacts]
    return [catalogue.partner_name(role.partenaire) for role in aide.partenaires[:2]]


def ask(catalogue: Catalogue, aide: Aide) -> str:
    """« auprès d'Action Logement ou des Comités locaux… »: whom to ask, each with its article (french_names.py)."""
    names = _names(catalogue, aide)
    return "auprès " + " ou ".join(name.de for name in names) if names else "auprès de l'organisme qui la propose"


def notice(catalogue: Catalogue, aide: Aide) -> str:
    """The notice of an aid that may no longer be true, in French; "" when it is current.

    Ended, suspended and exhausted aids have their own status notice instead (they are not offered).
    """
    status = catalogue.status(aide)
    if status == STALE_MEASURE:
        return stale_notice(catalogue, aide)
    if status not in ("en_cours", "a_confirmer"):
        return ""
    check = f"vérifiez {ask(catalogue, aide)}."
    if catalogue.is_review_due(aide):
        if aide.confirmation is not None:
            confirmed = fmt.date(aide.confirmation.date)
            return f"Information confirmée le {confirmed}, sans nouvelle confirmation depuis{fmt.NBSP}: {check}"
        info = catalogue.information_date(aide, aide.sources)
        year = f"de {info.annee}" if info else "non datée"
        return f"Information {year}, non confirmée depuis{fmt.NBSP}: {check}"
    if status == "a_confirmer":
        return f"Mesure temporaire dont la fin n'est pas connue{fmt.NBSP}: {check}"
    return ""


def stale_notice(catalogue: Catalogue, aide: Aide) -> str:
    """Why a temporary measure is no longer offered (catalogue.STALE_MEASURE): its year, its last confirmation."""
    info = catalogue.information_date(aide, aide.sources)
    year = aide.validite.debut.year if aide.validite.debut else info.annee if info else None
    measure = f"Mesure temporaire de {year}" if year else "Mesure temporaire non datée"
    if aide.confirmation is not None:
        confirmed = f"confirmée pour la dernière fois le {fmt.date(aide.confirmation.date)}"
    else:
        confirmed = "jamais confirmée depuis" if year else "jamais confirmée"
    return (
        f"{measure}, {confirmed}{fmt.NBSP}: elle n'est plus proposée par défaut. "
        f"Renseignez-vous {ask(catalogue, aide)} pour savoir si elle existe encore."
    )


# --- the layer on top of the rules' outcome (twin: overrides/assets/js/lib/trust/freshness.js) ---------


def with_notice(result: dict[str, Any], avis: str) -> dict[str, Any]:
    """The outcome shown to a person: with a notice, « eligible » becomes « a_verifier » for that
    reason, and the notice leads the reasons of an undecided aid. « non_eligible » stays: an unmet
    criterion is unmet whatever the date. The rules' own outcome is left untouched (a copy)."""
    if not avis or result["statut"] == "non_eligible":
        return result
    if result["statut"] == "eligible":
        return {**result, "statut": "a_verifier", "raisons": [avis], "questions_manquantes": [], "avis": avis}
    return {**result, "raisons": [avis, *result["raisons"]], "avis": avis}
