"""Place names as people type them and as the commune search finds them: the twin of ``normalise`` and
``nameKeys`` in ``overrides/assets/js/lib/model/place-names.js`` (``tests/vectors/communes.json`` runs through both).

``scripts/territoires.py`` files each commune of the browser's lookup files under its name keys; the
reference (``cog``) orders communes sharing a postcode by their normalised name.
"""

from __future__ import annotations

import re
import unicodedata

# Typed by people for "Saint", "Sainte"…: replaced as whole words.
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
# Words a name is not indexed from: "rochelle" finds "La Rochelle", "etienne" finds "Saint-Étienne",
# but "saint jean" does not find every "…-Saint-Jean" (there are too many).
STOPWORDS = frozenset(
    {"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "lez", "s", "sous", "sur"}
    | {"saint", "sainte", "saints", "saintes", "arrondissement"}
)
_MARKS = re.compile("[\u0300-\u036f]")
_NOT_ALNUM = re.compile("[^a-z0-9]+")


def normalise_name(text: str) -> str:
    """Lower case, no accents, œ → oe, any run of other characters → one space, "st" → "saint"."""
    text = _MARKS.sub("", unicodedata.normalize("NFD", text.lower()))
    text = text.replace("œ", "oe").replace("æ", "ae")
    return " ".join(ABBREVIATIONS.get(word, word) for word in _NOT_ALNUM.sub(" ", text).split())


def name_keys(text: str) -> list[str]:
    """Compact forms a name is found by: the whole name, then from each later word that is not a stopword."""
    words = normalise_name(text).split(" ")
    keys = ["".join(words[i:]) for i, word in enumerate(words) if i == 0 or word not in STOPWORDS]
    return list(dict.fromkeys(key for key in keys if key))
