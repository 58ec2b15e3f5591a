"""Counted words said properly: "1 participant", "3 participants", "used 1 time"."""

from __future__ import annotations

IRREGULAR = {"person": "people", "myth": "myths", "child": "children"}


def plural(word: str) -> str:
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def count(n: int, word: str, many: str | None = None) -> str:
    """`n` and the word in the number it needs: count(1, "card") == "1 card"."""
    return f"{n} {word if n == 1 else (many or plural(word))}"
