"""Accounts, sign-in, password reset and role grants."""
