"""Excel workbooks with openpyxl: a small kit (schema.py declares each sheet once; cells.py
writes text safely; book.py writes lists, protection, metadata and baseline, atomically) and
one module per workbook: cohort, organisation, participant. No Qt."""
