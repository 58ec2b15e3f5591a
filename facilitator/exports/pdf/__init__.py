"""Printable PDF packs built with reportlab (platypus), one module per pack."""
