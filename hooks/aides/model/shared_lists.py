"""Pydantic models of the data files that hold the lists records refer to by id: the vocabularies
(``data/referentiels.yml``), the articles the data comes from (``data/sources.yml``) and the questions
that conditions are stated over (``data/questions.yml``).
"""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from typing import Annotated

from pydantic import Field, model_validator

from aides.model.field_types import Date, Id, Model, Text, Url
from aides.model.question_types import QUESTION_TYPES, QuestionKind


class Entree(Model):
    """An item of a controlled vocabulary (public, type of aid, choice)."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")] = Field(
        description="Identifiant, en minuscules sans accents ni espaces : c'est lui qu'écrivent les fiches et les conditions."
    )
    libelle: Text = Field(description="Ce que lit le public.")
    description: Text | None = Field(None, description="Une phrase d'explication, si besoin.")


class Referentiels(Model):
    """data/referentiels.yml: the vocabularies used to describe and filter aids and partners."""

    publics: list[Entree] = Field(description="Les publics des aides (jeunes, salariés…), pour les fiches et les filtres.")
    types: list[Entree] = Field(description="Les types d'aide (aide financière, accompagnement…).")
    categories: list[Entree] = Field(description="Catégories de partenaires : qui publie ou porte des aides.")


class Source(Model):
    """An article the data comes from."""

    id: Id = Field(description="Identifiant de l'article, que citent les fiches (sources, article).")
    titre: Text = Field(description="Titre de l'article.")
    editeur: Text | None = Field(None, description="Le journal ou le site qui l'a publié.")
    date: Date | None = Field(None, description="Date de publication, si l'article la donne.")
    date_texte: Text | None = Field(None, description="Ce que l'on sait de la date quand elle n'est pas donnée.")
    annee: int | None = Field(
        None, ge=1900, le=2100, description="Année de l'information quand l'article ne donne pas sa date (déduite)."
    )
    raisonnement: Text | None = Field(None, description="Comment l'année a été déduite du texte de l'article.")
    fichier: Text | None = Field(None, description="Fichier de l'article dans les sources du projet.")
    url: Url | None = Field(None, description="Adresse de l'article en ligne, s'il y en a une.")

    @model_validator(mode="after")
    def _year_explained(self) -> Source:
        if self.annee is not None and not self.raisonnement:
            raise ValueError("une année déduite (annee) doit dire comment (raisonnement)")
        if self.date is not None and self.annee is not None and self.annee != self.date.year:
            raise ValueError("annee et date disent deux années différentes")
        return self


class Sources(Model):
    """data/sources.yml: the articles the data comes from."""

    sources: list[Source] = Field(description="Les articles, un par élément (bloc Article).")


# The types of question, from their one description (question_types.py).
QuestionType = StrEnum("QuestionType", {name: name for name in QUESTION_TYPES})


class Question(Model):
    """A question asked by the checkers; conditions of aids are stated over these."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")] = Field(
        description="Identifiant, en minuscules sans accents : la clé des conditions et des réponses (age, statut)."
    )
    type: Annotated[QuestionType, Field(strict=False)] = Field(description=f"Sa sorte : {', '.join(QUESTION_TYPES)}.")
    libelle: Text = Field(description="La question posée, avec son point d'interrogation.")
    aide: Text | None = Field(None, description="Une phrase d'aide sous la question.")
    choix: list[Entree] = Field([], description="Les réponses possibles d'une question à choix (bloc Choix).")
    unite: Text | None = Field(None, description="L'unité d'une réponse numérique : « ans », « personnes ».")
    min: int | None = Field(None, description="La plus petite réponse numérique acceptée.")
    max: int | None = Field(None, description="La plus grande réponse numérique acceptée.")
    pas: float | None = Field(None, gt=0, description="Pas d'une réponse numérique non entière (0.5 pour des demi-parts).")
    deduite_de: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")] | None = Field(
        None, description="Question dont la réponse donne celle-ci (la région se déduit du département)."
    )
    phrases: dict[str, Text] = Field(
        description=(
            "Phrase française de chaque opérateur (moins_de, au_moins, parmi, oui, non), où {valeur} est remplacé par "
            "la valeur, et {lieu} par un lieu avec sa préposition (« à La Réunion », « en Corse », « dans le Var »)."
        )
    )

    # Both read for every criterion of every aid (tens of thousands of times a build): once per question.
    @cached_property
    def kind(self) -> QuestionKind:
        return QUESTION_TYPES[self.type.value]

    @cached_property
    def operators(self) -> tuple[str, ...]:
        """The operators conditions may use on this question: its type's, each given a phrase here."""
        return tuple(operator for operator in self.kind.operators if operator in self.phrases)

    @model_validator(mode="after")
    def _choices_match_type(self) -> Question:
        has_choices = self.kind.has_own_choices
        if has_choices and not self.choix:
            raise ValueError("une question à choix doit lister ses choix (choix)")
        if not has_choices and self.choix:
            raise ValueError(f"une question de type {self.type.value} n'a pas de choix")
        return self


class Questions(Model):
    """data/questions.yml: the questions of the checkers."""

    questions: list[Question] = Field(description="Les questions, une par élément (bloc Question).")
