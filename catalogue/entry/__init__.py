"""The entry format: what an innovation file holds (schema.py, reference data in catalogue/data/), how it is read
(load.py, yamlerrors.py), the model it becomes (model.py), the problems found in it with their Indonesian
wording (problems.py) and how a report is printed (reports.py); the JSON Schema (json_schema.py) and the one
writer of entry files (scaffold.py). The checks themselves are in catalogue/validate/."""
