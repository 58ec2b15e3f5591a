"""The tool library: method cards, built-in and the user's own, searchable and exchangeable.

cards.py is the schema; forms.py the edit form's text view of a card; tools.py the card rows;
builtin.py the shipped cards; search.py full-text search; packs.py tool-pack files."""

from facilitator.services.library.builtin import reset_to_builtin, sync_builtin_cards
from facilitator.services.library.search import Query, search_tools
from facilitator.services.library.tools import list_tool_choices, tool_defaults

__all__ = [
    "Query",
    "list_tool_choices",
    "reset_to_builtin",
    "search_tools",
    "sync_builtin_cards",
    "tool_defaults",
]
