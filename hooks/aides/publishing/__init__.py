"""Files beside the pages and the finishing of the built site: open data exports and schemas
(``exports``, ``schemas``, the schema of conditions made from the questions in ``conditions_schema``,
``territory_export``), Atom feeds (``feeds``), the Content-Security-Policy
(``csp``), Pagefind's stable output (``pagefind_stable``), pages written from a frame (``frames``) and
the work shared between processes (``parallel``), and the public address a published build must
have (``public_address``).

May import ``model``, ``data``, ``trust`` and ``site``.
"""
