"""What the data is, in memory and in French: the records editors write (``models``, their three dates in ``dates``, the
types of their fields in ``field_types``, the lists they refer to in ``shared_lists``), the words for their values
(``labels``, ``formatting``), names with their article and prepositions in sentences (``french_names``), the kinds
of question (``question_types``), the Code officiel géographique (``cog``, its names normalised for search in
``place_names``), the date of a record's information (``information``), dated reference values such as the SMIC and
income ceilings (``parameters``), the household worked out for income rules (``household``), eligibility rule trees
(``conditions``), the national emergency numbers and the situations that call for them (``emergency``),
territories said in French and as rules (``territory``), and the validated ``Catalogue`` that holds them all.

Imports nothing else of ``aides``: every other sub-package builds on it.
"""
