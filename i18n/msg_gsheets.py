"""Messages for gsheets (vi + en)."""

MESSAGES: dict[str, dict[str, str]] = {}
