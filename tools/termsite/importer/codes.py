"""Problem codes of ``termsite import``, beside those of the content model (docs/lint-codes.md lists all)."""

CSV_SYNTAX = "csv-syntax"  # a spreadsheet whose quoting is broken
MISSING_COLUMN = "missing-column"  # no column holds a field every term needs
RDF_SYNTAX = "rdf-syntax"  # a SKOS file that does not parse
BAD_WORKBOOK = "bad-workbook"  # an .xlsx file that cannot be opened
