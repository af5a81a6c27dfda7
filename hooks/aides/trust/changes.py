"""What changed from one revision of an aid to the next, in French, for the public history and the
feeds: « aide créée », « montant modifié : 8 000 € → 10 000 € », « nouvelle source »… (``describe``).

Works on the YAML values of two revisions, wherever they come from (``history`` reads them from git).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from aides.model import formatting

# key → (noun, agreement of « modifié / ajouté / retiré »), in the order of the aid pages.
LABELS: dict[str, tuple[str, str]] = {
    "titre": ("titre", ""),
    "resume": ("résumé", ""),
    "description": ("description", "e"),
    "publics": ("publics", "s"),
    "types": ("types d'aide", "s"),
    "territoire": ("territoire", ""),
    "pour_qui": ("section « Pour qui ? »", "e"),
    "conditions": ("conditions", "es"),
    "precisions_conditions": ("précisions sur les conditions", "es"),
    "montant": ("montant", ""),
    "demarche": ("démarche", "e"),
    "partenaires": ("partenaires", "s"),
    "contacts": ("contacts", "s"),
    "chiffres": ("chiffres clés", "s"),
    "sources": ("sources", "s"),
    "verifie_le": ("date de vérification", "e"),
    "validite": ("validité", "e"),
    "statut": ("statut", ""),
    "statut_precision": ("précision sur le statut", "e"),
    "date_information": ("date de l'information", "e"),
    "enregistre_le": ("date d'enregistrement sur ce site", "e"),
    "confirmation": ("confirmation auprès de l'organisme", "e"),
    "revue_mois": ("délai avant la prochaine confirmation", ""),
    "exemples": ("exemples", "s"),
    "anciens_ids": ("anciennes adresses", "s"),
}


def describe(before: dict[str, Any] | None, after: dict[str, Any]) -> list[str]:
    """What changed from one revision of an aid to the next, in French; ``[]`` when nothing did."""
    if before is None:
        return ["aide créée"]
    keys = sorted(
        set(before) | set(after), key=lambda key: (key not in LABELS, list(LABELS).index(key) if key in LABELS else 0, key)
    )
    phrases: list[str] = []
    for key in keys:
        old, new = before.get(key), after.get(key)
        if old != new:
            phrases.extend(phrase(text) for text in _describe_key(key, old, new))
    return phrases


def _describe_key(key: str, old: Any, new: Any) -> list[str]:
    noun, agreement = LABELS.get(key, (f"champ « {key} »", ""))
    if old is None:
        return [f"{noun} ajouté{agreement}"]
    if new is None:
        return [f"{noun} retiré{agreement}"]
    special: dict[str, Callable[[Any, Any], list[str]]] = {
        "montant": _amounts,
        "sources": _sources,
        "validite": _validity,
        "verifie_le": lambda a, b: [f"date de vérification : {_date(a)} → {_date(b)}"],
    }
    return special[key](old, new) if key in special else [f"{noun} modifié{agreement}"]


def _amounts(old: Any, new: Any) -> list[str]:
    """``montant modifié : 8 000 € → 10 000 €`` when only amounts changed, else ``montant modifié``."""
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return ["montant modifié"]
    rest = lambda montant: {key: value for key, value in montant.items() if key != "valeurs"}  # noqa: E731
    old_values, new_values = old.get("valeurs") or [], new.get("valeurs") or []
    if rest(old) != rest(new) or len(old_values) != len(new_values):
        return ["montant modifié"]
    phrases = []
    for before, after in zip(old_values, new_values, strict=True):
        if before == after:
            continue
        if not _only_amount_changed(before, after):
            return ["montant modifié"]
        label = f" ({after.get('libelle')})" if len(new_values) > 1 and after.get("libelle") else ""
        phrases.append(f"montant modifié{label} : {_euros(before.get('montant'))} → {_euros(after.get('montant'))}")
    return phrases or ["montant modifié"]


def _only_amount_changed(before: Any, after: Any) -> bool:
    if not (isinstance(before, dict) and isinstance(after, dict)):
        return False
    others = lambda value: {key: item for key, item in value.items() if key != "montant"}  # noqa: E731
    amounts = (before.get("montant"), after.get("montant"))
    return others(before) == others(after) and all(isinstance(amount, int | None) for amount in amounts)


def _euros(amount: int | None) -> str:
    return formatting.euros(amount) if amount is not None else "non précisé"


def _sources(old: Any, new: Any) -> list[str]:
    if not (isinstance(old, list) and isinstance(new, list)):
        return ["sources modifiées"]
    before, after = [_source_key(item) for item in old], [_source_key(item) for item in new]
    added = sum(1 for key in after if key not in before)
    removed = sum(1 for key in before if key not in after)
    phrases = []
    if added:
        phrases.append("nouvelle source" if added == 1 else f"{added} nouvelles sources")
    if removed:
        phrases.append("source retirée" if removed == 1 else f"{removed} sources retirées")
    return phrases or ["sources modifiées"]


def _source_key(source: Any) -> str:
    if isinstance(source, dict):
        return str(source.get("article") or source.get("url") or sorted(source.items()))
    return str(source)


def _validity(old: Any, new: Any) -> list[str]:
    old, new = (value if isinstance(value, dict) else {} for value in (old, new))
    phrases = [
        f"{label} : {_date(old.get(key))} → {_date(new.get(key))}"
        for key, label in (("debut", "date de début"), ("fin", "date de fin"))
        if old.get(key) != new.get(key)
    ]
    return phrases or ["statut / validité modifiée"]


def _date(value: Any) -> str:
    if isinstance(value, dt.date):
        return formatting.date(value)
    return "non précisée" if value is None else str(value)


def phrase(text: str) -> str:
    """French spacing for the page: no-break spaces before « : » and inside « »."""
    return formatting.typography(text)
