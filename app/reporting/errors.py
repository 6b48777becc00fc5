"""The error every reporting service raises when it refuses: its message is translated and
meant for the person."""

from __future__ import annotations


class ReportingError(Exception):
    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = str(message)
