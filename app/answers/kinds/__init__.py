"""One module per answer type (two where a pair shares everything but one rule)."""
