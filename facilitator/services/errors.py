"""Errors a service raises; the message is meant for the person using the app."""

from __future__ import annotations

from facilitator.store.errors import StoreError


class ServiceError(Exception):
    pass


class NotFound(ServiceError):
    pass


class ValidationError(ServiceError):
    """Field name -> message. str() joins them for a message box."""

    def __init__(self, problems: dict[str, str]):
        self.problems = dict(problems)
        super().__init__("\n".join(self.problems.values()))


__all__ = ["NotFound", "ServiceError", "StoreError", "ValidationError"]
