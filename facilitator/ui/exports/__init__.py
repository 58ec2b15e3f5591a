"""The "Print and export" dialog and the list of what it can make."""
