"""File → Restore from backup…"""
