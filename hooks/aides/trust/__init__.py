"""Is it still true, and who says so: the dates of a record and the notice an old one carries
(``freshness``), what editors must check again (``review``), the public history read from git
(``history``) and what changed said in French (``changes``), external links checked over the network
(``links``), the committed list of public addresses that must keep answering (``public_urls``), and the
site's RGAA accessibility audit, its grid and rate (``rgaa``).

May import ``model`` and ``data``.
"""
