"""Personal data in the app: erasing a person, the export log."""
