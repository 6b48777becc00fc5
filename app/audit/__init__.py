"""The audit log: who changed what, readable by admins."""
