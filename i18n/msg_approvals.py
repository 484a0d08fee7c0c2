"""Messages for approvals (vi + en)."""

MESSAGES: dict[str, dict[str, str]] = {}
