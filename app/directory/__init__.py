"""Instruments, parties and memberships: who belongs to which treaty, and who owes a report."""
