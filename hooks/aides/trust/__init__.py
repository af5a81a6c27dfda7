"""Is it still true, and who says so: the dates of a record and the notice an old one carries
(``freshness``), what editors must check again (``review``), the public history read from git
(``history``, its revisions parsed lazily in ``revisions``) and what changed said to the public in a
sentence (``changes``, amounts in ``amount_changes``), external links checked over the network
(``links``), the committed list of public addresses that must keep answering (``public_urls``), and the
site's RGAA accessibility audit, its grid and rate (``rgaa``).

May import ``model`` and ``data``.
"""
