"""MkDocs hooks: thin event functions. The work is done in the ``aides`` package
(engine-independent: its page registry says which pages exist and what each shows), in
``mkdocs_adapter`` (the only MkDocs-specific code) and, for ``mkdocs serve`` only, in
``serve_errors`` (data and template errors shown in the browser)."""

from __future__ import annotations

from typing import Any

import mkdocs_adapter as adapter
import serve_errors
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_startup(command: str, dirty: bool) -> None:
    serve_errors.on_startup(command)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    adapter.start_build(serving=serve_errors.serving())
    if serve_errors.serving():  # mkdocs serve: data errors become the error page, not an abort
        serve_errors.load(adapter.load, config)
        return config
    adapter.load(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if serve_errors.failed():
        return serve_errors.error_files(files, config)
    return adapter.add_generated_files(files, config)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    adapter.remember_nav(nav)
    return nav


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    if serve_errors.failed():
        return serve_errors.error_env(env)
    adapter.configure_templates(env, files)
    serve_errors.guard_templates(env)
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not serve_errors.failed():
        adapter.page_template(page)
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    if serve_errors.failed():
        return context
    return adapter.page_context(context, page)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return adapter.page_output(output, page)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return adapter.protect(output_content, template_name)


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    if template_name == "sitemap.xml" and not serve_errors.failed():
        return adapter.sitemap_context(context)
    if template_name == "404.html" and not serve_errors.failed():
        return adapter.theme_page_context(context)
    return context


def on_post_build(config: MkDocsConfig) -> None:
    if serve_errors.failed():
        return
    adapter.post_build(config)
