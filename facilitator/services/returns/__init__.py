"""Workbooks handed out and taken back: the exports this database made (exported.py), the rows
each workbook is written from (sources.py), and what a returned workbook may change (targets.py,
applied in one transaction by apply.py)."""
