"""Core of the housing-aid site: load, validate, model, compile rules, export.

Nothing here imports MkDocs: ``hooks/mkdocs_adapter.py`` (called by ``hooks/site.py``) is the only adapter to the engine.
"""
