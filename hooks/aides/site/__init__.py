"""What each page shows: every URL (``urls``), the small pieces several pages share (``cards``), the
filters (``facets``), the checkers (``fields``, ``checkers``), the static catalogue (``listing``), the
région sheets (``sheets``), the « En cas d'urgence » block (``emergency``), the field reference of /contribuer/ (``reference``), the accessibility declaration (``declaration``) and the typed view of each
page (``pageviews``). Engine-free: nothing here imports MkDocs.

May import ``model``, ``data`` and ``trust``.
"""
