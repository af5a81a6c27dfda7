"""Core of the housing-aid site: load, validate, model, compile rules, export.

Nothing here imports MkDocs: ``hooks/site.py`` is the only adapter to the engine.
"""
