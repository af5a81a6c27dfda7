"""What ``make serve`` shows when the data or a template is wrong: the error page, as data
(``error_page``); ``hooks/serve_errors.py`` puts it in the browser.

May import ``model`` and ``data``.
"""
