"""What changed from one revision of a record to the next, said to the public, one sentence per change:
« Le montant passe de 150 € à 200 € par mois. », « Nouvelle condition : « Avoir moins de 26 ans ». »,
« Information confirmée auprès d'Action Logement Services le 3 mars 2027 (par téléphone). »
(``describe_aid``, ``describe_contact``).

Only what a person reads counts: the recording date, sources, examples, review settings, renamed or
unknown fields and formatting say nothing, and a revision that changes only them gives no sentence (its
commit adds no entry). An editor may word a change (``changement_public`` in the record, or a
``Changement-public:`` trailer in the commit): that wording replaces the generated sentences.

Works on the YAML values of two revisions, wherever they come from (``history`` reads them from git);
names of vocabularies, partners and contacts, and the French sentence of each criterion, come from the
catalogue through ``Names``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aides.model import formatting, french_names
from aides.model.labels import CONFIRMATION_MEANS, STATUS_NOTICES
from aides.trust.amount_changes import amounts
from aides.trust.amount_changes import quoted as _quoted

EDITOR_KEY = "changement_public"  # the editor's own wording of a revision, in the record
TRAILER = "Changement-public"  # the same in a commit message (the record's wins: it names one record)

# Keys a person reads on an aid's page; every other key (enregistre_le, sources, exemples, revue_mois...) is
# bookkeeping. A public key renamed in the schema goes in FORMER_KEYS (old name → new), so the renaming
# commit says nothing.
AID_KEYS = (
    "titre",
    "resume",
    "description",
    "publics",
    "types",
    "territoire",
    "pour_qui",
    "conditions",
    "precisions_conditions",
    "montant",
    "demarche",
    "partenaires",
    "contacts",
    "chiffres",
    "validite",
    "statut",
    "statut_precision",
    "confirmation",
)
RULE_KEYS = ("conditions", "territoire")  # what the criteria of an aid's page are compiled from
# What a person never reads (the page may show a date from them, but a change of them is not news).
AID_LEFT_OUT = ("sources", "enregistre_le", "date_information", "revue_mois", "exemples", "anciens_ids")
CONTACT_LEFT_OUT = ("article", "partenaire", "nature", "consentement_publication", "sources", "enregistre_le", "date_information")
CONTACT_KEYS = ("nom", "description", "telephone", "email", "url", "adresse", "territoire", "confirmation")
FORMER_KEYS: dict[str, str] = {}


@dataclass(frozen=True)
class Names:
    """What sentences take from the catalogue. ``key`` changes whenever any of it may (the history is cached on it)."""

    publics: Mapping[str, str] = field(default_factory=dict)  # id → label
    types: Mapping[str, str] = field(default_factory=dict)
    partenaires: Mapping[str, french_names.Name] = field(default_factory=dict)
    contacts: Mapping[str, french_names.Name] = field(default_factory=dict)
    # raw conditions and territory → the criteria the page lists, in French (None: cannot be said)
    criteria: Callable[[Any, Any], list[str] | None] = lambda conditions, territoire: None
    key: str = ""


NO_NAMES = Names()


def public_values(record: dict[str, Any] | None, keys: tuple[str, ...]) -> dict[str, Any]:
    """What a person reads of a record (and the editor's wording): other keys dropped, former names renamed,
    text with its spacing normalised (re-wrapping a paragraph is not a change)."""
    if record is None:
        return {}
    values = {FORMER_KEYS.get(key, key): value for key, value in record.items()}
    return {key: _normalised(values[key]) for key in (*keys, EDITOR_KEY) if values.get(key) not in (None, "", [], {})}


def _normalised(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_normalised(item) for item in value]
    if isinstance(value, dict):
        return {key: _normalised(item) for key, item in value.items()}
    return value


def describe_aid(before: dict[str, Any] | None, after: dict[str, Any], names: Names = NO_NAMES) -> list[str]:
    """The sentences of one revision of an aid; ``[]`` when nothing a person reads changed. ``before`` is None
    for a new aid."""
    if before is None:
        return _created(after, "Nouvelle aide sur ce site.")
    old, new = public_values(before, AID_KEYS), public_values(after, AID_KEYS)

    rules = _conditions(old, new, names) if any(old.get(key) != new.get(key) for key in RULE_KEYS) else []

    def say(key: str) -> list[str]:
        if key in RULE_KEYS:  # a territory is one of the criteria the page lists
            return rules or (["Le territoire où l'aide s'applique change."] if key == "territoire" else [])
        if key == "statut_precision":  # said with the status when it changes too
            same = old.get("statut") == new.get("statut") and key in new
            return ["Les précisions sur le statut de l'aide changent."] if same else []
        return _AID_SENTENCES[key](old.get(key), new.get(key), names)

    return _sentences(old, new, say, AID_KEYS)


def describe_contact(before: dict[str, Any] | None, after: dict[str, Any]) -> list[str]:
    """The sentences of one revision of a contact (the service people call or write to)."""
    name = contact_name(after)
    if before is None:
        return _created(after, f"Nouveau contact : {name.nom}.")
    old, new = public_values(before, CONTACT_KEYS), public_values(after, CONTACT_KEYS)
    return _sentences(old, new, lambda key: _contact_key(key, old.get(key), new.get(key), name), CONTACT_KEYS)


def _sentences(old: dict[str, Any], new: dict[str, Any], say: Callable[[str], list[str]], keys: tuple[str, ...]) -> list[str]:
    wording = new.get(EDITOR_KEY)
    if wording and wording != old.get(EDITOR_KEY):
        return [editor_sentence(wording)]
    said = [text for key in keys if old.get(key) != new.get(key) for text in say(key)]
    return [sentence(text) for text in dict.fromkeys(said)]  # one sentence once (résumé and description: one)


def _created(record: dict[str, Any], text: str) -> list[str]:
    wording = record.get(EDITOR_KEY)
    return [editor_sentence(wording) if isinstance(wording, str) and wording.strip() else sentence(text)]


def editor_sentence(text: str) -> str:
    """An editor's wording, as a sentence: plain text (escaped where it is written), spaced the French way."""
    text = " ".join(text.split())
    return sentence(text if text.endswith((".", "!", "?", "…")) else text + ".")


def sentence(text: str) -> str:
    """French spacing: no-break spaces before « : » and inside « »."""
    return formatting.typography(text)


def contact_name(record: dict[str, Any] | None) -> french_names.Name:
    record = record or {}
    nom, article = record.get("nom"), record.get("article")
    return french_names.organisation(nom if isinstance(nom, str) else "ce contact", article if isinstance(article, str) else None)


# --- an aid ---


def _labels(old: Any, new: Any, labels: Mapping[str, str]) -> tuple[list[str], list[str]]:
    old, new = (value if isinstance(value, list) else [] for value in (old, new))
    label = lambda item: _quoted(labels.get(str(item), str(item)))  # noqa: E731
    return [label(item) for item in new if item not in old], [label(item) for item in old if item not in new]


def _publics(old: Any, new: Any, names: Names) -> list[str]:
    added, removed = _labels(old, new, names.publics)
    said = (
        [f"L'aide s'adresse désormais aussi à ce public{':' if len(added) == 1 else 's :'} {formatting.join_and(added)}."]
        if added
        else []
    )
    if removed:
        said.append(f"L'aide ne s'adresse plus à ce public{':' if len(removed) == 1 else 's :'} {formatting.join_and(removed)}.")
    return said or ["Les publics concernés changent."]


def _types(old: Any, new: Any, names: Names) -> list[str]:
    labels = [_quoted(names.types.get(str(item), str(item))) for item in (new if isinstance(new, list) else [])]
    return [f"Ce que l'aide apporte change : {formatting.join_and(labels)}."] if labels else []


def _conditions(old: dict[str, Any], new: dict[str, Any], names: Names) -> list[str]:
    """The criteria added, removed or reworded; nothing when the page lists the same ones."""
    before = names.criteria(old.get("conditions"), old.get("territoire"))
    after = names.criteria(new.get("conditions"), new.get("territoire"))
    if before is None or after is None:
        return ["Les conditions pour en bénéficier changent."] if old.get("conditions") != new.get("conditions") else []
    added, removed = [text for text in after if text not in before], [text for text in before if text not in after]
    if len(added) == 1 and len(removed) == 1:
        return [f"La condition {_quoted(removed[0])} devient {_quoted(added[0])}."]
    said = [f"Nouvelle condition : {_quoted(text)}." for text in added]
    return said + [f"Condition retirée : {_quoted(text)}." for text in removed]


def _people(old: Any, new: Any, names: Mapping[str, french_names.Name], kind: str) -> list[str]:
    """Partners or contacts, by id: who is added, who is removed, whose role changed."""
    ids = lambda items: {_id(item): item for item in (items if isinstance(items, list) else [])}  # noqa: E731
    before, after = ids(old), ids(new)
    name = lambda key: names[key].nom if key in names else key  # noqa: E731
    said = [f"Nouveau {kind} : {name(key)}." for key in after if key not in before]
    said += [f"{kind.capitalize()} retiré : {name(key)}." for key in before if key not in after]
    said += [
        f"Le rôle {names[key].de if key in names else 'de ' + key} change."
        for key in after
        if key in before and before[key] != after[key]
    ]
    return said


def _id(item: Any) -> str:
    return str(item.get("partenaire")) if isinstance(item, dict) else str(item)


def _validity(old: Any, new: Any, names: Names) -> list[str]:
    old, new = (value if isinstance(value, dict) else {} for value in (old, new))
    said = []
    for key, noun, verb in (("debut", "date de début", "commence"), ("fin", "date de fin", "prend fin")):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if after is None:
            said.append(f"L'aide n'a plus de {noun} connue.")
        elif before is None:
            said.append(f"L'aide {verb} le {_date(after)}.")
        else:
            said.append(f"La {noun} passe du {_date(before)} au {_date(after)}.")
    if old.get("precision") != new.get("precision"):
        said.append("Les précisions sur les dates de l'aide changent.")
    return said


def _date(value: Any) -> str:
    return formatting.date(value) if isinstance(value, dt.date) else str(value)


_NO_LONGER = {
    "suspendu": "L'aide n'est plus suspendue.",
    "budget_epuise": "Le budget de l'aide n'est plus épuisé.",
    "a_confirmer": "L'aide n'est plus signalée comme une mesure temporaire dont la fin n'est pas connue.",
}


def _status(old: Any, new: Any, names: Names) -> list[str]:
    if new in STATUS_NOTICES:
        return [STATUS_NOTICES[new]]
    return [_NO_LONGER[old]] if old in _NO_LONGER else []


def confirmation(value: Any) -> list[str]:
    """« Information confirmée auprès d'Action Logement Services le 3 mars 2027 (par téléphone). »"""
    if not isinstance(value, dict) or not isinstance(value.get("date"), dt.date):
        return []
    par = organisation_in_text(str(value.get("par") or "l'organisme"))
    means = CONFIRMATION_MEANS.get(str(value.get("moyen")), "")
    return [f"Information confirmée auprès {par.de} le {_date(value['date'])}{f' ({means})' if means else ''}."]


def organisation_in_text(text: str) -> french_names.Name:
    """An organisation an editor named in free text, which may start with its article (« le service… »)."""
    for prefix, article in (("les ", "les"), ("le ", "le"), ("la ", "la"), ("l'", "l'"), ("l’", "l'")):
        if text[: len(prefix)].casefold() == prefix:
            return french_names.organisation(text[len(prefix) :], article)
    return french_names.organisation(text, None)


def _said(text: str) -> Callable[[Any, Any, Names], list[str]]:
    return lambda old, new, names: [text]


_AID_SENTENCES: dict[str, Callable[[Any, Any, Names], list[str]]] = {
    "titre": lambda old, new, names: [f"L'aide s'appelle désormais {_quoted(new)}."] if new else [],
    "resume": _said("La présentation de l'aide change."),
    "description": _said("La présentation de l'aide change."),
    "publics": _publics,
    "types": _types,
    "pour_qui": _said("La section « Pour qui ? » change."),
    "precisions_conditions": _said("Les précisions sur les conditions changent."),
    "montant": lambda old, new, names: amounts(old, new),
    "demarche": _said("Les démarches pour en bénéficier changent."),
    "partenaires": lambda old, new, names: _people(old, new, names.partenaires, "partenaire"),
    "contacts": lambda old, new, names: _people(old, new, names.contacts, "contact"),
    "chiffres": _said("Les chiffres clés changent."),
    "validite": _validity,
    "statut": _status,
    "confirmation": lambda old, new, names: confirmation(new),
}


# --- a contact ---

_CONTACT_WAYS = {  # key → (the noun with its article, « nouveau / nouvelle » and the noun, « indiqué(e) »)
    "telephone": ("Le numéro de téléphone", "Nouveau numéro de téléphone", "indiqué"),
    "email": ("L'adresse électronique", "Nouvelle adresse électronique", "indiquée"),
    "url": ("Le site web", "Nouveau site web", "indiqué"),
    "adresse": ("L'adresse", "Nouvelle adresse", "indiquée"),
}


def _contact_key(key: str, old: Any, new: Any, name: french_names.Name) -> list[str]:
    if key in _CONTACT_WAYS:
        noun, novel, given = _CONTACT_WAYS[key]
        if new is None:
            return [f"{noun} {name.de} n'est plus {given}."]
        if old is not None and key == "telephone":
            return [f"{noun} {name.de} passe du {old} au {new}."]
        return [f"{novel} {name.de} : {new}{f' (au lieu de {old})' if old is not None else ''}."]
    if key == "nom":
        return [f"{_quoted(old)} s'appelle désormais {_quoted(new)}."] if old and new else []
    if key == "confirmation":
        return confirmation(new)
    noun = {"description": "La présentation", "territoire": "Le territoire"}[key]
    return [f"{noun} {name.de} change."]
