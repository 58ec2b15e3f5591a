"""Finding the flex: rules registers, the cohort view and the self-assessments."""
