"""Outgoing mail, rendered in the recipient's language."""
