"""Messages for intake (vi + en)."""

MESSAGES: dict[str, dict[str, str]] = {}
