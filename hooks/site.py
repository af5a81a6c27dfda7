"""MkDocs hooks: thin event functions. The work is done in the ``aides`` package
(engine-independent: its page registry says which pages exist and what each shows) and
in ``mkdocs_adapter`` (the only MkDocs-specific code)."""

from __future__ import annotations

from typing import Any

import mkdocs_adapter as adapter
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    adapter.load(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return adapter.add_generated_files(files, config)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    adapter.configure_templates(env)
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    adapter.page_template(page)
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    return adapter.page_context(context, page)


def on_post_build(config: MkDocsConfig) -> None:
    adapter.post_build(config)
