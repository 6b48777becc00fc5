"""Analysis: the analyst's results, read from the tidy relation of submitted answers."""
