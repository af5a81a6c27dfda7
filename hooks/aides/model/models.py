"""Pydantic models of the data files: one class per kind of YAML file.

Field names are the French YAML keys editors type. Models are strict: a YAML
value of the wrong type (``010`` read as 8, ``no`` read as False) is an error,
never silently converted. Cross-file checks (references, duplicates) live in
``references.py``; these models only know one file at a time.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from aides.model.question_types import QUESTION_TYPES, QuestionKind

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CODE_PATTERN = r"^(?:[0-9]{2,3}|2A|2B)$"
COMMUNE_PATTERN = r"^(?:[0-9]{5}|2[AB][0-9]{3})$"
SIREN_PATTERN = r"^[0-9]{9}$"
EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
# French numbers: 10 digits starting with 0, or short numbers (3919, 115).
PHONE_PATTERN = re.compile(r"^(?:0[1-9](?: ?[0-9]{2}){4}|[0-9]{3,4})$")
MOBILE_PATTERN = re.compile(r"^0[67]")
URL_PATTERN = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:[/?#][^\s<>\"']*)?$")


def _check_date(value: Any) -> Any:
    """Accept a YAML date or an ISO string, never a number (pydantic would read 2020 as a timestamp)."""
    if isinstance(value, dt.datetime):
        raise ValueError("doit être une date sans heure (AAAA-MM-JJ)")
    if isinstance(value, (int, float, bool)):
        raise ValueError("doit être une date au format AAAA-MM-JJ")
    return value


def _check_email(value: str) -> str:
    if not EMAIL_PATTERN.match(value):
        raise ValueError(f"« {value} » n'est pas une adresse e-mail valide")
    return value


def _check_phone(value: str) -> str:
    if not PHONE_PATTERN.match(value):
        raise ValueError(f"« {value} » n'est pas un numéro de téléphone français (ex. : 01 23 45 67 89)")
    return value


def _check_url(value: str) -> str:
    if not URL_PATTERN.match(value):
        raise ValueError(f"« {value} » n'est pas une adresse web valide (elle doit commencer par https://)")
    return value


Date = Annotated[dt.date, BeforeValidator(_check_date), Field(strict=False)]
Id = Annotated[str, Field(pattern=ID_PATTERN)]
TerritoryCode = Annotated[str, Field(pattern=CODE_PATTERN)]
CommuneCode = Annotated[str, Field(pattern=COMMUNE_PATTERN)]
Siren = Annotated[str, Field(pattern=SIREN_PATTERN)]
Text = Annotated[str, Field(min_length=1)]
Email = Annotated[str, AfterValidator(_check_email)]
Phone = Annotated[str, AfterValidator(_check_phone)]
Url = Annotated[str, AfterValidator(_check_url)]


class Model(BaseModel):
    """Base of every model: unknown keys are typos, types are never coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- shared pieces -----------------------------------------------------------


class Exclusions(Model):
    """Parts of a territory where something does not apply."""

    epci: list[Siren] = Field(default=[], description="SIREN des intercommunalités (EPCI) exclues, entre guillemets.")
    communes: list[CommuneCode] = Field(default=[], description="Codes INSEE des communes exclues, entre guillemets.")


class Territoire(Model):
    """Where something applies: any mix of régions, départements, EPCI and communes. All empty: the whole country."""

    regions: list[TerritoryCode] = Field(default=[], description="Codes INSEE de région, entre guillemets.")
    departements: list[TerritoryCode] = Field(default=[], description="Codes INSEE de département, entre guillemets.")
    epci: list[Siren] = Field(default=[], description="SIREN des intercommunalités (EPCI), entre guillemets : « 248300543 ».")
    communes: list[CommuneCode] = Field(default=[], description="Codes INSEE de commune (pas le code postal), entre guillemets.")
    sauf: Exclusions = Field(Exclusions(), description="Ce qui est exclu du territoire (epci, communes).")
    precision: Text | None = Field(None, description="Ce que la source dit de plus sur le territoire.")

    @property
    def national(self) -> bool:
        return not (self.regions or self.departements or self.epci or self.communes or self.has_exclusions)

    @property
    def has_exclusions(self) -> bool:
        return bool(self.sauf.epci or self.sauf.communes)

    def spec(self) -> dict[str, list[str]]:
        """The territory as ``cog.covers`` and the evaluators read it (empty lists left out)."""
        spec = {
            "regions": self.regions,
            "departements": self.departements,
            "epci": self.epci,
            "communes": self.communes,
            "sauf_epci": self.sauf.epci,
            "sauf_communes": self.sauf.communes,
        }
        return {key: list(value) for key, value in spec.items() if value}


class Approximation(StrEnum):
    """How exact a figure is: « environ », « près de », « plus de »..."""

    exact = "exact"
    environ = "environ"
    pres_de = "pres_de"
    plus_de = "plus_de"
    jusqu_a = "jusqu_a"


class Chiffre(Model):
    """A figure given by a source: « 1 500 ménages accompagnés en 2020 »."""

    valeur: int | float = Field(description="Le nombre, sans unité (1,3 million s'écrit 1300000).")
    unite: Literal["nombre", "euros", "pourcentage"] = "nombre"
    libelle: Text = Field(description="Ce qui est compté, au pluriel : « ménages accompagnés ».")
    approximation: Annotated[Approximation, Field(strict=False)] = Approximation.exact
    periode: Text | None = Field(None, description="Année ou période : « 2020 », « l'an passé ».")
    territoire: Text | None = None
    source: Id


class SourceRef(Model):
    """Which article supports a record, and what it says in its own words."""

    article: Id = Field(description="Identifiant d'une source de data/sources.yml.")
    extrait: Text | None = Field(None, description="Courte citation de l'article.")


class Confirmation(Model):
    """When, with whom and how the organisation confirmed a record's information."""

    date: Date = Field(description="Date de la confirmation (AAAA-MM-JJ).")
    par: Text = Field(description="Le service qui a confirmé : « Action Logement Services, accompagnement social Paca ».")
    moyen: Literal["courriel", "telephone", "courrier", "rendez_vous", "publication_officielle"] = Field(
        description="Comment : courriel, telephone, courrier, rendez_vous ou publication_officielle."
    )


class DateInformation(Model):
    """The date of a record's information when it is not that of its newest source."""

    date: Date | None = Field(None, description="Date exacte, si elle est connue.")
    annee: int | None = Field(None, ge=1900, le=2100, description="Année, quand seule elle est connue ou déduite.")
    raisonnement: Text | None = Field(None, description="Comment la date a été établie (obligatoire avec annee).")

    @model_validator(mode="after")
    def _date_or_year(self) -> DateInformation:
        if (self.date is None) == (self.annee is None):
            raise ValueError("indiquez soit une date (date), soit une année (annee) avec son raisonnement")
        if self.annee is not None and not self.raisonnement:
            raise ValueError("une année déduite doit dire comment (raisonnement)")
        return self


class Dates(Model):
    """The three dates every record states apart (see the design notes, « Data conventions »)."""

    enregistre_le: Date = Field(description="Date à laquelle l'information a été enregistrée sur ce site.")
    date_information: DateInformation | None = Field(
        None, description="Date de l'information, si ce n'est pas celle de sa source la plus récente."
    )
    confirmation: Confirmation | None = Field(
        None, description="Dernière confirmation auprès de l'organisme (date, par qui, comment) ; absente si jamais confirmée."
    )


class Validite(Model):
    debut: Date | None = None
    fin: Date | None = None
    precision: Text | None = Field(None, description="D'où viennent ces dates (« trois ans à compter de... »).")

    @model_validator(mode="after")
    def _end_after_start(self) -> Validite:
        if self.debut and self.fin and self.fin < self.debut:
            raise ValueError("la date de fin (fin) est antérieure à la date de début (debut)")
        return self


# --- reference lists ---------------------------------------------------------


class Entree(Model):
    """An item of a controlled vocabulary (public, type of aid, choice)."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    libelle: Text
    description: Text | None = None


class Referentiels(Model):
    """data/referentiels.yml: the vocabularies used to describe and filter aids and partners."""

    publics: list[Entree]
    types: list[Entree]
    categories: list[Entree] = Field(description="Catégories de partenaires : qui publie ou porte des aides.")


class Source(Model):
    """An article the data comes from."""

    id: Id
    titre: Text
    editeur: Text | None = None
    date: Date | None = Field(None, description="Date de publication, si l'article la donne.")
    date_texte: Text | None = Field(None, description="Ce que l'on sait de la date quand elle n'est pas donnée.")
    annee: int | None = Field(
        None, ge=1900, le=2100, description="Année de l'information quand l'article ne donne pas sa date (déduite)."
    )
    raisonnement: Text | None = Field(None, description="Comment l'année a été déduite du texte de l'article.")
    fichier: Text | None = Field(None, description="Fichier de l'article dans les sources du projet.")
    url: Url | None = None

    @model_validator(mode="after")
    def _year_explained(self) -> Source:
        if self.annee is not None and not self.raisonnement:
            raise ValueError("une année déduite (annee) doit dire comment (raisonnement)")
        if self.date is not None and self.annee is not None and self.annee != self.date.year:
            raise ValueError("annee et date disent deux années différentes")
        return self


class Sources(Model):
    sources: list[Source]


# --- questions and conditions ------------------------------------------------


# The types of question, from their one description (question_types.py).
QuestionType = StrEnum("QuestionType", {name: name for name in QUESTION_TYPES})


class Question(Model):
    """A question asked by the checkers; conditions of aids are stated over these."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    type: Annotated[QuestionType, Field(strict=False)]
    libelle: Text = Field(description="La question posée, avec son point d'interrogation.")
    aide: Text | None = Field(None, description="Une phrase d'aide sous la question.")
    choix: list[Entree] = []
    unite: Text | None = None
    min: int | None = None
    max: int | None = None
    deduite_de: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")] | None = Field(
        None, description="Question dont la réponse donne celle-ci (la région se déduit du département)."
    )
    phrases: dict[str, Text] = Field(
        description=("Phrase française de chaque opérateur, {valeur} étant remplacé : moins_de, au_moins, parmi, oui, non.")
    )

    @property
    def kind(self) -> QuestionKind:
        return QUESTION_TYPES[self.type.value]

    @model_validator(mode="after")
    def _choices_match_type(self) -> Question:
        has_choices = self.kind.has_own_choices
        if has_choices and not self.choix:
            raise ValueError("une question à choix doit lister ses choix (choix)")
        if not has_choices and self.choix:
            raise ValueError(f"une question de type {self.type.value} n'a pas de choix")
        return self


class Questions(Model):
    questions: list[Question]


class Exemple(Model):
    """A worked case: answers and the outcome the rules must give. The build fails if it changes."""

    titre: Text
    reponses: dict[str, Any]
    resultat: Literal["eligible", "a_verifier", "non_eligible"]


# --- entities ----------------------------------------------------------------


class Role(Model):
    partenaire: Id
    role: Text = Field(description="Ce que fait ce partenaire pour cette aide ou dans cette convention.")


class LigneMontant(Model):
    libelle: Text = Field(description="Le produit : « Prêt PLUS », « Subvention PLAI ».")
    valeurs: dict[str, int] = Field(description="Montant en euros par zone (clé : id de la zone).")


class Zone(Model):
    id: Id
    libelle: Text
    territoire: Territoire | None = Field(
        None, description="Où s'applique cette zone : les questionnaires montrent la ligne de la commune de la personne."
    )


class Tableau(Model):
    """Amounts that vary by zone and product, rendered as an accessible table."""

    titre: Text
    zones: list[Zone]
    lignes: list[LigneMontant]
    note: Text | None = None

    @model_validator(mode="after")
    def _values_per_zone(self) -> Tableau:
        zone_ids = [zone.id for zone in self.zones]
        for line in self.lignes:
            unknown = sorted(set(line.valeurs) - set(zone_ids))
            if unknown:
                raise ValueError(
                    f"la ligne « {line.libelle} » cite une zone inconnue ({', '.join(unknown)} ; zones : {', '.join(zone_ids)})"
                )
        return self


class Valeur(Model):
    """One amount: a sum in euros or a rate in percent."""

    libelle: Text
    montant: int | None = Field(None, ge=0, description="En euros entiers.")
    pourcentage: int | float | None = Field(None, ge=0, le=100)
    periodicite: Literal["unique", "par_mois", "par_an"] = "unique"
    duree_max_mois: int | None = Field(None, ge=1)
    precision: Text | None = Field(None, description="Assiette, plafond, conditions : en toutes lettres.")

    @model_validator(mode="after")
    def _one_amount(self) -> Valeur:
        if (self.montant is None) == (self.pourcentage is None):
            raise ValueError("indiquez soit un montant (montant), soit un pourcentage (pourcentage)")
        return self


class Montant(Model):
    valeurs: list[Valeur] = []
    tableaux: list[Tableau] = []
    precision: Text | None = None


# Statuses an editor states; « en_cours » and « termine » follow from the validity dates.
StatutDeclare = Literal["suspendu", "budget_epuise", "a_confirmer"]


class Aide(Dates):
    """data/aides/<id>.yml: one aid or scheme."""

    titre: Text
    resume: Text = Field(description="Une ou deux phrases : ce que l'aide apporte.")
    description: Text | None = None
    publics: list[str] = Field(min_length=1, description="Identifiants de data/referentiels.yml (publics).")
    types: list[str] = Field(min_length=1, description="Identifiants de data/referentiels.yml (types).")
    territoire: Territoire = Territoire()
    pour_qui: list[Text] = Field(min_length=1, description="Phrases de la section « Pour qui ? ».")
    conditions: dict[str, Any] = Field(
        description="Conditions sur les questions de data/questions.yml (toutes, une_de, a_verifier)."
    )
    precisions_conditions: list[Text] = []
    montant: Montant | None = None
    demarche: list[Text] = Field(min_length=1, description="Étapes de « Comment en bénéficier ? ».")
    partenaires: list[Role] = []
    contacts: list[Id] = []
    chiffres: list[Chiffre] = []
    sources: list[SourceRef] = Field(min_length=1)
    validite: Validite = Validite()
    statut: StatutDeclare | None = Field(
        None,
        description=(
            "suspendu, budget_epuise, ou a_confirmer (mesure temporaire dont la source ne donne pas la fin) ; "
            "absent : en cours ou terminé selon validite."
        ),
    )
    statut_precision: Text | None = Field(None, description="Ce que dit la source du statut (obligatoire avec statut).")
    revue_mois: int | None = Field(
        None, ge=1, le=120, description="Délai de revue propre à cette aide, en mois (sinon celui de data/site.yml)."
    )
    exemples: list[Exemple] = []
    anciens_ids: list[Id] = Field([], description="Anciens identifiants : leurs adresses redirigent ici.")

    @model_validator(mode="after")
    def _status_explained(self) -> Aide:
        if self.statut is not None and not self.statut_precision:
            raise ValueError("un statut (statut) doit être expliqué (statut_precision)")
        return self


class Signataire(Model):
    nom: Text
    fonction: Text
    partenaire: Id


class Convention(Dates):
    """data/conventions/<id>.yml: an agreement, protocol or amendment."""

    titre: Text
    nature: Literal[
        "convention_partenariat",
        "convention_cadre",
        "convention_mecenat",
        "convention_regionale",
        "convention_quinquennale",
        "avenant",
        "protocole_accord",
    ]
    date_signature: Date | None = None
    date_texte: Text | None = Field(None, description="Ce que la source dit de la date quand elle est incomplète.")
    duree: Text | None = None
    objet: Text
    engagements: list[Text] = []
    parties: list[Role] = Field(min_length=1)
    signataires: list[Signataire] = []
    aides: list[Id] = []
    suit: list[Id] = Field([], description="Conventions antérieures que celle-ci prolonge.")
    chiffres: list[Chiffre] = []
    sources: list[SourceRef] = Field(min_length=1)

    @model_validator(mode="after")
    def _has_date(self) -> Convention:
        if self.date_signature is None and self.date_texte is None:
            raise ValueError("indiquez date_signature, ou date_texte si la source ne donne pas la date")
        return self


class Partenaire(Dates):
    """data/partenaires/<id>.yml: an organisation."""

    nom: Text
    sigle: Text | None = None
    categorie: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")] = Field(
        description="Identifiant d'une catégorie de data/referentiels.yml (categories)."
    )
    description: Text
    rattachement: Id | None = Field(None, description="Organisation dont celle-ci fait partie.")
    territoire: Territoire = Territoire()
    chiffres: list[Chiffre] = []
    sources: list[SourceRef] = Field(min_length=1)


class Contact(Dates):
    """data/contacts/<id>.yml: a functional contact point (a service, never a person's own line)."""

    nom: Text = Field(description="Le service : « Accompagnement social Action Logement Services Paca ».")
    partenaire: Id
    nature: Literal["service", "personne"] = Field(
        "service", description="« personne » pour les coordonnées propres à une personne nommée."
    )
    consentement_publication: Date | None = Field(
        None, description="Date à laquelle la personne a accepté la publication de ses coordonnées."
    )
    description: Text | None = None
    email: Email | None = None
    telephone: Phone | None = None
    url: Url | None = None
    adresse: Text | None = None
    territoire: Territoire = Territoire()
    sources: list[SourceRef] = Field(min_length=1)


class Site(Model):
    """data/site.yml: settings of the whole site."""

    revue_mois: int = Field(12, ge=1, le=120, description="Délai de revue par défaut, en mois, après la date de l'information.")
    source_ancienne_ans: int = Field(
        4, ge=1, le=50, description="Au-delà de cet âge (en années), une source est signalée par make revue."
    )


class Archive(Model):
    """data/archives/<id>.yml: an aid that no longer exists; its address shows this tombstone."""

    titre: Text = Field(description="Le titre qu'avait l'aide.")
    retiree_le: Date = Field(description="Date du retrait de l'aide.")
    raison: Text = Field(description="Pourquoi l'aide n'existe plus.")
    remplacee_par: Id | None = Field(None, description="Identifiant de l'aide qui la remplace, s'il y en a une.")
