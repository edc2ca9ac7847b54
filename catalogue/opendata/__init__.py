"""The open data: the catalogue as CSV, JSON, Atom and the Kemendagri report layout (export.py), the Excel
workbook (spreadsheet.py, zipparts.py), the Frictionless data package (datapackage.py), and the way back in:
`catalogue import` of a spreadsheet (importer/)."""
