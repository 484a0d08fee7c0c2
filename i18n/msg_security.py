"""Messages for security (vi + en)."""

MESSAGES: dict[str, dict[str, str]] = {}
