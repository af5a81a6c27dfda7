"""``python -m aides check``: validate the data and list every error; ``python -m aides schemas``: regenerate schemas/;
``python -m aides liens``: check the external links of the data (network)."""

from __future__ import annotations

import sys

from . import links
from .errors import DataErrors
from .loading import data_dir, load_catalogue
from .schemas import write_schemas


def main() -> int:
    if sys.argv[1:] == ["schemas"]:
        write_schemas()
        print("schemas/ régénérés à partir des modèles.")
        return 0
    if sys.argv[1:2] == ["liens"]:
        return links.main(sys.argv[2:])
    try:
        catalogue = load_catalogue()
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    print(
        f"{data_dir()} : {len(catalogue.aides)} aides, {len(catalogue.partenaires)} partenaires, "
        f"{len(catalogue.conventions)} conventions, {len(catalogue.contacts)} contacts : aucune erreur."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
