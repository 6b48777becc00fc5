"""Landing page, dashboard, language switch, health check and error pages."""
