"""PySide6 user interface. Never imports sqlalchemy: every change goes through a service."""
