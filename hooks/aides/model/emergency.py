"""The national emergency numbers (``data/urgences.yml``) and when pages show them.

They are national facts, not in the press articles: each number cites the official page it is taken
from. The same file says, once, which situations call for them: publics (the page of an aid for one of
them) and answers (the page of an aid whose conditions name one, and the questionnaire's results of a
person who gave one). ``poser_a`` says who the questionnaire asks those questions even when no current
aid needs the answer: a woman who is not a tenant is still asked about violence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from aides.model.conditions import Node, leaves
from aides.model.field_types import Date, Model, Phone, Text, Url


class PageSource(Model):
    """An official public web page a fact is taken from."""

    url: Url = Field(description="Adresse de la page, en https://.")
    titre: Text = Field(
        description="Le titre de la page et qui la publie : « Appeler le 3919 (Fédération nationale Solidarité Femmes) »."
    )


class NumeroUrgence(Model):
    """One emergency number: « 3919, Violences Femmes Info »."""

    numero: Phone = Field(description="Le numéro court, entre guillemets : « 3919 ».")
    moyen: Literal["appel", "sms"] = Field("appel", description="appel (lien tel:) ou sms (lien sms:).")
    nom: Text = Field(description="Le nom du service : « Violences Femmes Info ».")
    description: Text = Field(description="Pour quoi l'appeler, et s'il est gratuit, anonyme, joignable jour et nuit.")
    sources: list[PageSource] = Field(min_length=1, description="Les pages officielles qui le disent.")


class Urgences(Model):
    """data/urgences.yml: the national emergency numbers, and which pages show them."""

    numeros: list[NumeroUrgence] = Field(min_length=1, description="Dans l'ordre de l'encadré.")
    publics: list[str] = Field(
        [], description="Identifiants de data/referentiels.yml : la fiche d'une aide pour l'un d'eux montre l'encadré."
    )
    reponses: dict[str, Any] = Field(
        {},
        description=(
            "Par question de data/questions.yml, les réponses qui appellent l'encadré ({ parmi: [...] }) : sur la fiche "
            "d'une aide dont les conditions en citent une, et dans les résultats du questionnaire de qui en a donné une."
        ),
    )
    poser_a: dict[str, Any] | None = Field(
        None,
        description="À qui le questionnaire pose ces questions même quand aucune aide n'en dépend (écrit comme des conditions).",
    )
    enregistre_le: Date = Field(description="Date à laquelle ces numéros ont été vérifiés et enregistrés ici.")


@dataclass(frozen=True, slots=True)
class EmergencyRules:
    """``Urgences`` compiled against the questions: its situations and the questionnaire's tree."""

    situations: list[Node]  # one criterion per question of ``reponses``
    questionnaire: Node | None  # met: the results show the numbers; unknown: its questions are still asked
    publics: frozenset[str]

    def concerns(self, publics: list[str], tree: Node) -> bool:
        """Whether an aid's page shows the numbers: one of its publics, or a criterion that shares an answer."""
        if self.publics.intersection(publics):
            return True
        wanted = {(node["question"], value) for node in self.situations for value in node["valeur"]}
        return any(
            (leaf.get("question"), value) in wanted
            for leaf in leaves(tree)
            if isinstance(leaf.get("valeur"), list)
            for value in leaf["valeur"]
        )
