"""Names in French sentences: each with its article and its prepositions, said once here.

A name is said four ways: with its article (« les Comités locaux… », « l'Union nationale… »), after
« de » (« des Comités locaux… », « d'Action Logement », « du Var »), after « à » (« aux Comités locaux… »,
« à l'Union nationale… », « au Havre ») and, for a place, where one lives (« à La Réunion »,
« en Île-de-France », « dans les Hauts-de-France »). Every sentence that puts « de », « à », « auprès
de » or « en » before a name takes it from here.

Where the article comes from:

- an organisation (partner, contact): the field ``article`` its editor writes (le, la, les, l' or aucun);
- a région or a département: the Insee's « type de nom en clair » of the Code officiel géographique
  (``cog.Region.tncc``): 2 le, 3 la, 4 les, 5 l', 0 and 1 none (1: « d' »);
- a commune: its official name starts with its article (« Le Havre », « Les Mureaux », « La Rochelle »),
  which a sentence contracts (« au Havre », « des Mureaux ») or keeps (« à La Rochelle »). Read from the
  name, it is right for the few communes whose type the Code gets wrong or lacks (« Le Vernet-Chaméane »,
  « Le Mont-Dore »). The browser's twin for communes is ``lib/model/french-names.js``
  (shared vectors: ``tests/vectors/french-names.json``). Before a commune without article, « de » elides
  before a vowel and an h, mute in two thirds of the Code's names: no page says « de » before a commune
  (they say « à », or put the kind first: « de la commune déléguée … », data/places.py).

Where one lives: « à » for a commune, an island (La Réunion, Mayotte) or Paris; « dans le » and « dans
les » for a région or a département whose name takes « le » or « les »; « en » otherwise (the name without
its article: « en Guadeloupe », « en Ardèche », « en Maine-et-Loire »).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# What editors write in a partner's or contact's ``article``.
Article = Literal["le", "la", "les", "l'", "aucun"]
ARTICLES: tuple[str, ...] = ("le", "la", "les", "l'", "aucun")
NO_ARTICLE = "aucun"

# The Insee's « type de nom en clair » → the article (0 and 1: none; 1 elides « de » into « d' »).
_TNCC_ARTICLES = {2: "le", 3: "la", 4: "les", 5: "l'"}
# Islands and a city: one lives « à » them, whatever their article (« à La Réunion », « à Mayotte », « à Paris »).
AT_PLACES = {"regions": {"04", "06"}, "departements": {"974", "976", "75"}}
# The articles an official commune name may start with (the Code's types 2 to 8), in the order they are tried.
_NAME_ARTICLES = (("Les ", "les"), ("Le ", "le"), ("La ", "la"), ("L'", "l'"), ("Aux ", "aux"), ("Las ", "las"), ("Los ", "los"))
_VOWELS = "aeiouyhàâäéèêëîïôöùûüœæ"

_OF = {"le": "du ", "les": "des ", "aux": "des ", "la": "de la ", "l'": "de l'"}
_TO = {"le": "au ", "les": "aux ", "aux": "aux ", "la": "à la ", "l'": "à l'"}


@dataclass(frozen=True, slots=True)
class Name:
    """A name and how sentences say it. ``avant_de`` and ``avant_a`` are what comes before the name
    itself (« des  », « à l' »), for a template that links the name alone."""

    nom: str  # as written, for titles and lists: « Comités locaux… », « Le Havre », « Var »
    avec_article: str  # « les Comités locaux… », « Action Logement », « Le Havre », « le Var »
    avant_de: str  # « des  » → « des Comités locaux… »; « d' »; « du  » (then the name without its article)
    avant_a: str  # « aux  », « à  », « au  »
    reste: str  # the name after avant_de and avant_a: « Comités locaux… », « Havre » (its article contracted)
    lieu: str  # where one lives, for a place: « à La Réunion », « en Normandie », « dans le Var » (else the « à » form)

    @property
    def de(self) -> str:
        """« des Comités locaux… », « d'Action Logement », « du Havre », « de La Réunion »."""
        return self.avant_de + self.reste

    @property
    def a(self) -> str:
        """« aux Comités locaux… », « à Action Logement », « au Havre », « à La Réunion »."""
        return self.avant_a + self.reste


def _elides(word: str) -> bool:
    """« d' » before a vowel or a mute h: « d'Action Logement », « d'Habitat et Humanisme »."""
    return word[:1].casefold() in _VOWELS


def _with_article(article: str, bare: str) -> str:
    return f"{article}{bare}" if article.endswith("'") else f"{article} {bare}"


def _split(nom: str, prefixes: tuple[tuple[str, str], ...] = _NAME_ARTICLES) -> tuple[str, str]:
    """(article, name without it) of a name that starts with its article; ("", name) otherwise."""
    for prefix, article in prefixes:
        if nom.startswith(prefix):
            return article, nom[len(prefix) :]
    return "", nom


def _name(nom: str, article: str, in_name: bool, elides: bool) -> Name:
    """The forms of a name. ``in_name``: the name starts with its article (« Le Havre »); ``elides``:
    « d' » rather than « de » before a name without article. Where one lives: the « à » form."""
    if not article:
        return Name(nom, nom, "d'" if elides else "de ", "à ", nom, f"à {nom}")
    if in_name:
        if article in ("le", "les", "aux"):  # « du Havre », « aux Mureaux »
            rest = _split(nom)[1]
            return Name(nom, nom, _OF[article], _TO[article], rest, _TO[article] + rest)
        return Name(nom, nom, "de ", "à ", nom, f"à {nom}")  # « de La Rochelle », « à L'Haÿ-les-Roses »: kept whole
    return Name(nom, _with_article(article, nom), _OF[article], _TO[article], nom, _TO[article] + nom)


def organisation(nom: str, article: str | None) -> Name:
    """A partner or a contact, with the article its editor wrote (None, not said: none, as « aucun »)."""
    if article in (None, NO_ARTICLE):
        return _name(nom, "", False, _elides(nom))
    return _name(nom, article, False, False)


def commune(nom: str) -> Name:
    """A commune (or an arrondissement, a commune déléguée…) by its official name: the article is in it."""
    article = _split(nom)[0]
    return _name(nom, article, bool(article), _elides(nom))


def territory(kind: Literal["regions", "departements"], code: str, nom: str, tncc: int) -> Name:
    """A région or a département of the Code officiel géographique, with its type of name (``tncc``).
    « La Réunion » is written with its article (and typed 0): the name says it then."""
    written, bare = _split(nom, _NAME_ARTICLES[:4])
    article = written or _TNCC_ARTICLES.get(tncc, "")
    place = _name(nom, article, bool(written), tncc == 1)
    if code in AT_PLACES[kind]:
        return place
    lieu = f"dans {_with_article(article, bare)}" if article in ("le", "les") else f"en {bare}"
    return Name(place.nom, place.avec_article, place.avant_de, place.avant_a, place.reste, lieu)
