"""Operating the application: backups and their restore (flask backup)."""
