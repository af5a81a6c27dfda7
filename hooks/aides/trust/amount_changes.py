"""What changed in an aid's amounts, in sentences for the public: « Le montant passe de 150 € à 200 € par
mois. », « Prêt PLUS (Métropoles…) : le montant passe de 8 000 € à 8 500 €. » (``amounts``, for ``changes``).
Amounts and percentages go through Babel (``formatting``); a zone's territory (read by the checker, not
shown) is not a change.
"""

from __future__ import annotations

from typing import Any

from aides.model import formatting
from aides.model.labels import PERIODICITIES


def quoted(text: Any) -> str:
    return f"« {text} »"


def amounts(old: Any, new: Any) -> list[str]:
    old, new = (value if isinstance(value, dict) else {} for value in (old, new))
    if not new:
        return ["Le montant n'est plus précisé."]
    said = _values(old.get("valeurs") or [], new.get("valeurs") or [])
    said += _tables(old.get("tableaux") or [], new.get("tableaux") or [])
    if old.get("precision") != new.get("precision"):
        said.append("Les précisions sur le montant changent.")
    return said  # empty when only what the checker reads changed (the zones' territories)


def _values(old: list[Any], new: list[Any]) -> list[str]:
    """One sentence per amount added, removed or changed, amounts matched by their label."""
    label = lambda value: value.get("libelle") if isinstance(value, dict) else None  # noqa: E731
    before = {label(value): value for value in old if isinstance(value, dict)}
    after = {label(value): value for value in new if isinstance(value, dict)}
    several = len(after) > 1 or len(before) > 1
    said = []
    for key, value in after.items():
        prefix = f"{key} : " if several and key else ""
        if key not in before:
            said.append(f"{prefix}nouveau montant, {_amount(value)}." if prefix else f"Nouveau montant : {_amount(value)}.")
        elif before[key] != value:
            said.extend(prefix + (text[0].lower() + text[1:] if prefix else text) for text in _value(before[key], value))
    said += [f"Montant retiré : {quoted(key)}." if key else "Un montant est retiré." for key in before if key not in after]
    return said


def _amount(value: dict[str, Any]) -> str:
    """« 200 € par mois », « 25 % »."""
    if isinstance(value.get("montant"), int):
        text = formatting.euros(value["montant"])
    elif isinstance(value.get("pourcentage"), int | float):
        text = formatting.percent(value["pourcentage"])
    else:
        text = "non précisé"
    return text + PERIODICITIES.get(str(value.get("periodicite", "unique")), "")


def _value(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    said = []
    before, after = _amount(old), _amount(new)
    if before != after:
        every, at = PERIODICITIES.get(str(new.get("periodicite", "unique")), ""), before
        if every and before.endswith(every):
            at = before.removesuffix(every)
        said.append(f"Le montant passe de {at} à {after}.")
    if old.get("duree_max_mois") != new.get("duree_max_mois"):
        months = new.get("duree_max_mois")
        said.append(f"Le versement dure au plus {months} mois." if months else "La durée du versement n'est plus limitée.")
    if old.get("precision") != new.get("precision"):
        said.append("Les précisions sur le montant changent.")
    return said or ["Le montant change."]


def _tables(old: list[Any], new: list[Any]) -> list[str]:
    """A table of the same shape: one sentence per amount changed (« Prêt PLUS, Métropoles… : … »); else the table."""
    said = []
    for index, table in enumerate(new):
        before = old[index] if index < len(old) else None
        if before == table or not isinstance(table, dict):
            continue
        if not isinstance(before, dict) or _columns(before) != _columns(table) or _rows(before) != _rows(table):
            said.append(f"Le tableau des montants {quoted(table.get('titre'))} change.")
            continue
        zones = dict(_columns(table))
        for line_before, line in zip(before.get("lignes") or [], table.get("lignes") or [], strict=True):
            for zone, amount in (line.get("valeurs") or {}).items():
                was = (line_before.get("valeurs") or {}).get(zone)
                if was != amount and isinstance(amount, int) and isinstance(was, int):
                    said.append(
                        f"{line.get('libelle')} ({zones.get(zone, zone)}) : le montant passe de "
                        f"{formatting.euros(was)} à {formatting.euros(amount)}."
                    )
        if before.get("note") != table.get("note"):
            said.append(f"Le tableau des montants {quoted(table.get('titre'))} change.")
    if len(old) > len(new):
        said.append("Un tableau des montants est retiré.")
    return said


def _columns(table: dict[str, Any]) -> list[Any]:
    """What a person reads of the zones: their headings (their territories are for the checker)."""
    return [(zone.get("id"), zone.get("libelle")) for zone in table.get("zones") or [] if isinstance(zone, dict)]


def _rows(table: dict[str, Any]) -> list[Any]:
    return [
        (line.get("libelle"), sorted(line.get("valeurs") or {})) for line in table.get("lignes") or [] if isinstance(line, dict)
    ]
