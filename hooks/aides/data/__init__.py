"""Reading the data directory: YAML with the position of every value (``yamlsource``), validation and the
errors editors read, in French, with file and line (``errors``, ``translate``, ``references``, ``places``),
the warnings that do not block (``data_warnings``), and ``loading``, which makes the ``Catalogue``.

May import ``model``.
"""
