"""The public address of a built site: a build meant for publishing must know it.

``site_url`` (mkdocs.yml: ``!ENV [SITE_URL, "http://127.0.0.1:8000/"]``) is printed on the région
sheets (address and QR code), in the printed footer, in every canonical link and in the sitemap. Left
to its default, a published site would send people who scan a sheet to their own computer. So a build
refuses a missing or local address, unless it says it is for local use (``AIDES_LOCAL=1``: tests,
benchmarks, the preview attached to a pull request). ``mkdocs serve`` never asks: it is local by nature.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

LOCAL_FLAG = "AIDES_LOCAL"  # =1: a build for this computer only, never published
LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1", ""}


def is_local(site_url: str) -> bool:
    """An address that only answers on the computer that built the site (or no address at all)."""
    parts = urlsplit(site_url or "")
    host = (parts.hostname or "").lower()
    return parts.scheme not in ("http", "https") or host in LOCAL_HOSTS or host.startswith("127.")


def problem(site_url: str, environ: Mapping[str, str]) -> str | None:
    """Why a build with this address must not go on, in French; None when it may."""
    if environ.get(LOCAL_FLAG) == "1" or not is_local(site_url):
        return None
    given = environ.get("SITE_URL")
    where = f"« {site_url} », qui ne répond que sur ce poste" if site_url else "aucune adresse"
    cause = f"SITE_URL vaut « {given} », une adresse locale" if given else "SITE_URL n'est pas définie"
    return (
        f"Adresse publique du site manquante : {cause}. Les codes QR et adresses des fiches à imprimer, le pied de "
        f"page imprimé, les liens canoniques et le plan du site enverraient vers {where}. Donnez l'adresse publique "
        f"(SITE_URL=https://exemple.fr/ make build) ou, pour un site à consulter sur ce poste seulement, "
        f"{LOCAL_FLAG}=1 make build."
    )
