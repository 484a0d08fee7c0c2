"""Messages for exports (vi + en)."""

MESSAGES: dict[str, dict[str, str]] = {}
