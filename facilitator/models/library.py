"""The tool library: method cards a facilitator can find, run and link to agenda items."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.models.base import Entity


class Tool(Entity):
    """One method card. Lists (themes, materials, tips, considerations) are stored one item per
    line; steps are a JSON list of {"minutes": int, "text": str}.

    A built-in card carries the content version it was loaded from; once a user edits it,
    `user_modified` keeps later built-in versions from overwriting the user's text."""

    __tablename__ = "tools"

    key: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(String(300), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    when_to_use: Mapped[str] = mapped_column(Text, default="")
    themes: Mapped[str] = mapped_column(Text, default="")
    duration_min: Mapped[int] = mapped_column(Integer, default=15)
    duration_max: Mapped[int] = mapped_column(Integer, default=15)
    group_min: Mapped[int] = mapped_column(Integer, default=1)
    group_max: Mapped[int] = mapped_column(Integer, default=30)
    materials: Mapped[str] = mapped_column(Text, default="")
    steps: Mapped[str] = mapped_column(Text, default="[]")
    tips: Mapped[str] = mapped_column(Text, default="")
    considerations: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(300), default="")
    licence: Mapped[str] = mapped_column(String(120), default="")
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    builtin_version: Mapped[int] = mapped_column(Integer, default=0)
    user_modified: Mapped[bool] = mapped_column(Boolean, default=False)
    favourite: Mapped[bool] = mapped_column(Boolean, default=False)
