"""Small helpers of the security suite (imported by name: tests/security is on sys.path under pytest)."""

from __future__ import annotations

import re

_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape(markdown: str) -> str:
    """Text as a reader sees it (the pages escape Markdown in user-visible values)."""
    return _ESCAPED.sub(r"\1", markdown)
