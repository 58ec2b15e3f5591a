"""Personal data: erasure that reaches the backups, consent history, the export log."""
