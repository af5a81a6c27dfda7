"""Pydantic models of the records: one file per aid, partner, agreement, contact and archived aid, the
pieces they share (territory, figures, sources; the three dates are in ``dates``), and the site settings
(``data/site.yml``).

Field names are the French YAML keys editors type; the field types and the strict base are in
``field_types``, the lists records refer to (vocabularies, sources, questions) in ``shared_lists``.
Cross-file checks (references, duplicates) live in ``aides.data.references``; these models only know
one file at a time.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from aides.model.access import Acces
from aides.model.dates import Dates
from aides.model.field_types import CommuneCode, Date, Email, Id, Model, Phone, Siren, TerritoryCode, Text, Url
from aides.model.french_names import Article

# What an editor writes to say a change to the public in their own words (trust/changes.py).
CHANGE_DESCRIPTION = (
    "Ce qui change pour le public, en une phrase : « Le montant passe de 150 € à 200 € par mois. » Elle remplace "
    "les phrases écrites par le site dans « Dernières modifications », l'historique de la fiche et les flux Atom, "
    "pour la modification qui l'ajoute ou la change ; texte simple, sans balise."
)

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
    unite: Literal["nombre", "euros", "pourcentage"] = Field(
        "nombre", description="Ce que compte la valeur : nombre (par défaut), euros ou pourcentage."
    )
    libelle: Text = Field(description="Ce qui est compté, au pluriel : « ménages accompagnés ».")
    approximation: Annotated[Approximation, Field(strict=False)] = Field(
        Approximation.exact,
        description="Comment la source le dit : exact (par défaut), environ, pres_de (près de), plus_de ou jusqu_a.",
    )
    periode: Text | None = Field(None, description="Année ou période : « 2020 », « l'an passé ».")
    territoire: Text | None = Field(None, description="Où ce chiffre a été compté, si la source le dit : « en Île-de-France ».")
    source: Id = Field(description="Identifiant de l'article de data/sources.yml qui donne ce chiffre.")


class SourceRef(Model):
    """Which article supports a record, and what it says in its own words."""

    article: Id = Field(description="Identifiant d'une source de data/sources.yml.")
    extrait: Text | None = Field(None, description="Courte citation de l'article.")


class Validite(Model):
    """When an aid is open: after its end, it is marked ended and leaves the default lists."""

    debut: Date | None = Field(None, description="Premier jour de l'aide (AAAA-MM-JJ), si la source le donne.")
    fin: Date | None = Field(
        None, description="Dernier jour de l'aide (AAAA-MM-JJ) ; après, l'aide est marquée terminée et sort des listes."
    )
    precision: Text | None = Field(None, description="D'où viennent ces dates (« trois ans à compter de... »).")

    @model_validator(mode="after")
    def _end_after_start(self) -> Validite:
        if self.debut and self.fin and self.fin < self.debut:
            raise ValueError("la date de fin (fin) est antérieure à la date de début (debut)")
        return self


class Exemple(Model):
    """A worked case: answers and the outcome the rules must give. The build fails if it changes."""

    titre: Text = Field(description="La personne de l'exemple, en quelques mots : « Jeune salariée de 25 ans ».")
    reponses: dict[str, Any] = Field(
        description="Ses réponses, question par question (identifiants de data/questions.yml) : { age: 25, statut: salarie }."
    )
    resultat: Literal["eligible", "a_verifier", "non_eligible"] = Field(
        description="Le résultat que les conditions doivent donner : eligible, a_verifier ou non_eligible."
    )


# --- entities ----------------------------------------------------------------

ARTICLE_DESCRIPTION = (
    "L'article que prend le nom dans une phrase : le, la, les, l' ou aucun. « les » pour « Comités locaux… » "
    "donne « auprès des Comités locaux… » ; « aucun » pour « Action Logement » donne « auprès d'Action Logement »."
)


class Role(Model):
    """A partner and what it does for an aid or in an agreement."""

    partenaire: Id = Field(description="Identifiant du partenaire : le nom de son fichier dans data/partenaires/.")
    role: Text = Field(description="Ce que fait ce partenaire pour cette aide ou dans cette convention.")


class LigneMontant(Model):
    """A row of an amounts table: one product, its amount in each zone."""

    libelle: Text = Field(description="Le produit : « Prêt PLUS », « Subvention PLAI ».")
    valeurs: dict[str, int] = Field(description="Montant en euros par zone (clé : id de la zone).")


class Zone(Model):
    """A column of an amounts table: a zone, and where it applies."""

    id: Id = Field(description="Identifiant de la zone, que reprennent les valeurs de chaque ligne.")
    libelle: Text = Field(description="Ce que lit le public en tête de colonne : « Métropoles de Marseille, Toulon et Nice ».")
    territoire: Territoire | None = Field(
        None, description="Où s'applique cette zone : les questionnaires montrent la ligne de la commune de la personne."
    )


class Tableau(Model):
    """Amounts that vary by zone and product, rendered as an accessible table."""

    titre: Text = Field(description="Le titre du tableau : « Prêts PLUS et PLAI par logement ».")
    zones: list[Zone] = Field(description="Les colonnes : une zone par élément (bloc Zone).")
    lignes: list[LigneMontant] = Field(description="Les lignes : un produit par élément (bloc Ligne de montant).")
    note: Text | None = Field(None, description="Une note sous le tableau.")

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

    libelle: Text = Field(description="Ce qui est versé ou prêté : « Prêt », « Aide mensuelle ».")
    montant: int | None = Field(None, ge=0, description="En euros entiers, sans espace ni « € » : 1500.")
    pourcentage: int | float | None = Field(
        None, ge=0, le=100, description="Un taux en pour cent (de 0 à 100), à la place d'un montant."
    )
    periodicite: Literal["unique", "par_mois", "par_an"] = Field("unique", description="unique (par défaut), par_mois ou par_an.")
    duree_max_mois: int | None = Field(None, ge=1, description="Durée la plus longue du versement, en mois.")
    precision: Text | None = Field(None, description="Assiette, plafond, conditions : en toutes lettres.")

    @model_validator(mode="after")
    def _one_amount(self) -> Valeur:
        if (self.montant is None) == (self.pourcentage is None):
            raise ValueError("indiquez soit un montant (montant), soit un pourcentage (pourcentage)")
        return self


class Montant(Model):
    """What an aid pays or lends: plain amounts, or tables by place and product."""

    valeurs: list[Valeur] = Field([], description="Montants simples, un par élément (bloc Valeur).")
    tableaux: list[Tableau] = Field([], description="Montants qui varient selon le lieu et le produit (bloc Tableau).")
    precision: Text | None = Field(None, description="Ce que la source dit de plus sur le montant.")


# Statuses an editor states; « en_cours » and « termine » follow from the validity dates.
StatutDeclare = Literal["suspendu", "budget_epuise", "a_confirmer"]


class Aide(Dates):
    """data/aides/<id>.yml: one aid or scheme."""

    titre: Text = Field(description="Le nom de l'aide, tel que le public le lit : titre de sa page, des listes et des résultats.")
    resume: Text = Field(description="Une ou deux phrases : ce que l'aide apporte.")
    description: Text | None = Field(
        None,
        description="Le texte de la page : ce que l'aide apporte et comment elle marche (paragraphes séparés par une ligne vide).",
    )
    publics: list[str] = Field(min_length=1, description="Identifiants de data/referentiels.yml (publics).")
    types: list[str] = Field(min_length=1, description="Identifiants de data/referentiels.yml (types).")
    territoire: Territoire = Field(Territoire(), description="Où l'aide s'applique (bloc Territoire) ; absent : toute la France.")
    pour_qui: list[Text] = Field(min_length=1, description="Phrases de la section « Pour qui ? ».")
    conditions: dict[str, Any] = Field(
        description="Conditions sur les questions de data/questions.yml (toutes, une_de, a_verifier)."
    )
    precisions_conditions: list[Text] = Field(
        [], description="Phrases sous les conditions : ce que la source précise et qu'aucune question ne vérifie."
    )
    montant: Montant | None = Field(None, description="Ce que l'aide verse ou prête (bloc Montant), si la source le dit.")
    demarche: list[Text] = Field(min_length=1, description="Étapes de « Comment en bénéficier ? ».")
    partenaires: list[Role] = Field([], description="Les organismes qui portent l'aide, chacun avec son rôle (bloc Rôle).")
    contacts: list[Id] = Field(
        [], description="Identifiants de data/contacts/ : à qui s'adresser. Sans contact, la page renvoie vers les partenaires."
    )
    chiffres: list[Chiffre] = Field(
        [], description="Chiffres cités par les sources : ménages aidés, sommes engagées (bloc Chiffre)."
    )
    sources: list[SourceRef] = Field(
        min_length=1, description="Les articles d'où vient l'information, au moins un (bloc Source)."
    )
    validite: Validite = Field(Validite(), description="Dates d'ouverture et de fin (bloc Validité).")
    statut: StatutDeclare | None = Field(
        None,
        description=(
            "suspendu, budget_epuise, ou a_confirmer (mesure temporaire dont la source ne donne pas la fin : "
            "elle n'est plus proposée par défaut une fois passé son délai de revue sans confirmation) ; "
            "absent : en cours ou terminé selon validite."
        ),
    )
    statut_precision: Text | None = Field(None, description="Ce que dit la source du statut (obligatoire avec statut).")
    revue_mois: int | None = Field(
        None, ge=1, le=120, description="Délai de revue propre à cette aide, en mois (sinon celui de data/site.yml)."
    )
    exemples: list[Exemple] = Field(
        [], description="Cas types rejoués à chaque vérification : des réponses et le résultat attendu (bloc Exemple)."
    )
    anciens_ids: list[Id] = Field([], description="Anciens identifiants : leurs adresses redirigent ici.")
    changement_public: Text | None = Field(None, description=CHANGE_DESCRIPTION)

    @model_validator(mode="after")
    def _status_explained(self) -> Aide:
        if self.statut is not None and not self.statut_precision:
            raise ValueError("un statut (statut) doit être expliqué (statut_precision)")
        return self


class Signataire(Model):
    """A person who signed an agreement, for an organisation."""

    nom: Text = Field(description="Nom de la personne qui a signé, tel que la source le donne.")
    fonction: Text = Field(description="Sa fonction : « directeur général ».")
    partenaire: Id = Field(description="Identifiant du partenaire qu'elle représentait (data/partenaires/).")


class Convention(Dates):
    """data/conventions/<id>.yml: an agreement, protocol or amendment."""

    titre: Text = Field(description="Le nom de la convention, tel que le public le lit.")
    nature: Literal[
        "convention_partenariat",
        "convention_cadre",
        "convention_mecenat",
        "convention_regionale",
        "convention_quinquennale",
        "avenant",
        "protocole_accord",
    ] = Field(
        description=(
            "La sorte de texte : convention_partenariat, convention_cadre, convention_mecenat, convention_regionale, "
            "convention_quinquennale, avenant ou protocole_accord."
        )
    )
    date_signature: Date | None = Field(None, description="Date de signature (AAAA-MM-JJ) ; sinon, date_texte.")
    date_texte: Text | None = Field(None, description="Ce que la source dit de la date quand elle est incomplète.")
    duree: Text | None = Field(None, description="Sa durée, en toutes lettres : « trois ans ».")
    objet: Text = Field(description="Ce que prévoit la convention, en une ou deux phrases.")
    engagements: list[Text] = Field([], description="Ce à quoi s'engagent les parties, une phrase par engagement.")
    parties: list[Role] = Field(min_length=1, description="Les organismes qui l'ont conclue, chacun avec son rôle (bloc Rôle).")
    signataires: list[Signataire] = Field([], description="Les personnes qui l'ont signée (bloc Signataire).")
    aides: list[Id] = Field([], description="Identifiants des aides (data/aides/) que la convention met en place ou finance.")
    suit: list[Id] = Field([], description="Conventions antérieures que celle-ci prolonge.")
    chiffres: list[Chiffre] = Field([], description="Chiffres cités par les sources (bloc Chiffre).")
    sources: list[SourceRef] = Field(min_length=1, description="Les articles qui en parlent, au moins un (bloc Source).")

    @model_validator(mode="after")
    def _has_date(self) -> Convention:
        if self.date_signature is None and self.date_texte is None:
            raise ValueError("indiquez date_signature, ou date_texte si la source ne donne pas la date")
        return self


class Partenaire(Dates):
    """data/partenaires/<id>.yml: an organisation."""

    nom: Text = Field(
        description="Le nom de l'organisme, sans article : « Comités locaux pour le logement autonome des jeunes »."
    )
    article: Article | None = Field(None, description=ARTICLE_DESCRIPTION)
    sigle: Text | None = Field(None, description="Son sigle, s'il en a un : « Cllaj ».")
    categorie: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")] = Field(
        description="Identifiant d'une catégorie de data/referentiels.yml (categories)."
    )
    description: Text = Field(description="Ce que fait l'organisme, en une ou deux phrases.")
    rattachement: Id | None = Field(None, description="Organisation dont celle-ci fait partie.")
    territoire: Territoire = Field(Territoire(), description="Où l'organisme agit (bloc Territoire) ; absent : toute la France.")
    chiffres: list[Chiffre] = Field([], description="Chiffres cités par les sources (bloc Chiffre).")
    sources: list[SourceRef] = Field(min_length=1, description="Les articles qui en parlent, au moins un (bloc Source).")
    acces: Acces | None = Field(
        None,
        description=(
            "Comment le public joint l'organisme (site, telephone, formulaire), tel qu'il le publie lui-même : "
            "chaque moyen cite la page de son site où on l'a relevé. Sert de contact quand aucun contact local n'existe."
        ),
    )


class Contact(Dates):
    """data/contacts/<id>.yml: a functional contact point (a service, never a person's own line)."""

    nom: Text = Field(description="Le service : « Accompagnement social Action Logement Services Paca ».")
    article: Article | None = Field(None, description=ARTICLE_DESCRIPTION)
    partenaire: Id = Field(description="Identifiant du partenaire dont relève ce service (data/partenaires/).")
    nature: Literal["service", "personne"] = Field(
        "service", description="« personne » pour les coordonnées propres à une personne nommée."
    )
    consentement_publication: Date | None = Field(
        None, description="Date à laquelle la personne a accepté la publication de ses coordonnées."
    )
    description: Text | None = Field(None, description="Ce que fait ce service, pour qui, quand le joindre.")
    email: Email | None = Field(None, description="Adresse électronique du service, jamais celle d'une personne (voir nature).")
    telephone: Phone | None = Field(None, description="Numéro du service ou du standard : « 01 23 45 67 89 ».")
    url: Url | None = Field(None, description="Page web du service, commençant par https://.")
    adresse: Text | None = Field(None, description="Adresse postale ou d'accueil du service.")
    territoire: Territoire = Field(
        Territoire(), description="Où ce service répond (bloc Territoire) : « Où s'adresser ? » le montre à qui y habite."
    )
    sources: list[SourceRef] = Field(min_length=1, description="Les articles qui le citent, au moins un (bloc Source).")
    changement_public: Text | None = Field(None, description=CHANGE_DESCRIPTION)


class Site(Model):
    """data/site.yml: settings of the whole site."""

    revue_mois: int = Field(12, ge=1, le=120, description="Délai de revue par défaut, en mois, après la date de l'information.")
    source_ancienne_ans: int = Field(
        4, ge=1, le=50, description="Au-delà de cet âge (en années), une source est signalée par make revue."
    )
    depot: Url | None = Field(
        None,
        description=(
            "L'adresse du dépôt du site sur GitHub (https://github.com/…), que /contribuer/ donne aux éditeurs ; "
            "vide : la page n'en montre aucun lien."
        ),
    )


class Archive(Model):
    """data/archives/<id>.yml: an aid that no longer exists; its address shows this tombstone."""

    titre: Text = Field(description="Le titre qu'avait l'aide.")
    retiree_le: Date = Field(description="Date du retrait de l'aide.")
    raison: Text = Field(description="Pourquoi l'aide n'existe plus.")
    remplacee_par: Id | None = Field(None, description="Identifiant de l'aide qui la remplace, s'il y en a une.")
