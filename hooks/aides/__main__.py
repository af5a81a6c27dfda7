"""``python -m aides check``: validate the data and list every error, then the warnings;
``python -m aides schemas``: regenerate schemas/; ``python -m aides liens``: check the
external links of the data (network); ``python -m aides revue``: what to confirm again."""

from __future__ import annotations

import sys

from aides.data.errors import DataErrors, DataWarning, warnings_report
from aides.data.loading import data_dir, load_catalogue, load_with_warnings
from aides.publishing.schemas import write_schemas
from aides.trust import links, public_urls, review


def _print_warnings(warnings: list[DataWarning]) -> None:
    # Errors go to stderr first (flushed), the warnings after them on stdout.
    sys.stderr.flush()
    if warnings:
        print(warnings_report(warnings), flush=True)


def check() -> int:
    """Exit code 1 only when there are errors: warnings never block."""
    try:
        catalogue, warnings = load_with_warnings()
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        _print_warnings(errors.warnings)
        return 1
    _print_warnings(warnings)
    print(
        f"{data_dir()} : {len(catalogue.aides)} aides, {len(catalogue.partenaires)} partenaires, "
        f"{len(catalogue.conventions)} conventions, {len(catalogue.contacts)} contacts : aucune erreur."
    )
    return 0


def write_public_urls() -> int:
    """``make urls``: write the committed list of public addresses from the page registry."""
    from aides.registry import Registry

    path = public_urls.registry_file(data_dir())
    addresses = Registry(load_catalogue()).public_urls()
    public_urls.write(path, addresses)
    print(f"{path} : {len(addresses)} adresses publiques.")
    return 0


def main() -> int:
    if sys.argv[1:] == ["schemas"]:
        write_schemas()
        print("schemas/ régénérés à partir des modèles.")
        return 0
    if sys.argv[1:2] == ["liens"]:
        return links.main(sys.argv[2:])
    if sys.argv[1:2] == ["revue"]:
        return review.main(sys.argv[2:])
    if sys.argv[1:] == ["urls"]:
        return write_public_urls()
    return check()


if __name__ == "__main__":
    sys.exit(main())
