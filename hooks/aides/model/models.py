"""Pydantic models of the records: one file per aid, partner, agreement, contact and archived aid, the
pieces they share (territory, figures, sources, the three dates), and the site settings (``data/site.yml``).

Field names are the French YAML keys editors type; the field types and the strict base are in
``field_types``, the lists records refer to (vocabularies, sources, questions) in ``shared_lists``.
Cross-file checks (references, duplicates) live in ``aides.data.references``; these models only know
one file at a time.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from aides.model.field_types import CommuneCode, Date, Email, Id, Model, Phone, Siren, TerritoryCode, Text, Url
from aides.model.french_names import Article

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
        """The territory as its rule node (``territory.criterion``) and the evaluators read it (empty lists left out)."""
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


class Exemple(Model):
    """A worked case: answers and the outcome the rules must give. The build fails if it changes."""

    titre: Text
    reponses: dict[str, Any]
    resultat: Literal["eligible", "a_verifier", "non_eligible"]


# --- entities ----------------------------------------------------------------

ARTICLE_DESCRIPTION = (
    "L'article que prend le nom dans une phrase : le, la, les, l' ou aucun. « les » pour « Comités locaux… » "
    "donne « auprès des Comités locaux… » ; « aucun » pour « Action Logement » donne « auprès d'Action Logement »."
)


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
    article: Article | None = Field(None, description=ARTICLE_DESCRIPTION)
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
    article: Article | None = Field(None, description=ARTICLE_DESCRIPTION)
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
