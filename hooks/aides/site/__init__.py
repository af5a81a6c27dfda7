"""What the pages show, engine-free: every URL (``urls``), one typed view per page kind (``pageviews``),
the pieces several pages share (``cards``, ``fields``), the filters and the static catalogue
(``facets``, ``listing``), the checkers' data (``checkers``), the regional sheets (``sheets``) and the
field reference of /contribuer/ (``reference``).

May import ``model``, ``data`` and ``trust``.
"""
