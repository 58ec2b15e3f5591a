"""Finding the flex: rules registers, grouping alike rules across a cohort (the crowd view),
self-assessments, and what may be shared with an organisation.

data_files.py reads the choice lists and assessment templates in resources/worksheets/."""
