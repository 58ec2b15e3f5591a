"""The Plans area: cohort timeline, event agendas, running the day, attendance."""
