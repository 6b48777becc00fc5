"""The public pages: the accepted reports of a questionnaire and its aggregated results, once
its secretariat has published them, for anyone, without signing in."""
