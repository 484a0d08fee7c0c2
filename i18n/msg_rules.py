"""Messages for validation rules (``rule.<name>``): row, column, value found and the fix."""

MESSAGES: dict[str, dict[str, str]] = {}
