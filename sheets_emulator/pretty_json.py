"""Google's pretty-printed JSON (``json.dumps(obj, ensure_ascii=False, indent=2)``), faster.

With ``indent`` set, the standard library encodes in pure Python, every token passed up through
one generator per nesting level: for a values:batchGet of 100,000 rows that is seconds per
response. Here the values of a range (a list of non-empty lists of plain scalars) are encoded by
the C encoder in one call, and each other list of plain scalars in one call too, with the item
separator carrying the indentation; everything else is walked as ``json`` walks it, and anything
unusual (tuples, subclasses, non-string keys, empty containers) is left to ``json`` itself. The
text is the same, byte for byte (tests/emulator/test_pretty_json.py compares them).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from itertools import chain
from typing import Any

_PLAIN = frozenset({str, int, float, bool, type(None)})
_key: Callable[[str], str] = json.encoder.encode_basestring


@cache
def _encoder(level: int) -> json.JSONEncoder:
    """Encodes plain scalars sitting at ``level`` (indent=None: the C encoder)."""
    return json.JSONEncoder(ensure_ascii=False, separators=(",\n" + "  " * level, ": "))


def dumps(obj: Any) -> str:
    parts: list[str] = []
    _encode(obj, 0, parts.append)
    return "".join(parts)


def _is_matrix(o: list[Any]) -> bool:
    """A list of non-empty lists of plain scalars (the values of a range)."""
    if not all(type(r) is list and r for r in o):
        return False
    return set(map(type, chain.from_iterable(o))) <= _PLAIN


def _matrix(rows: list[list[Any]], level: int) -> str:
    """A matrix in one C-encoder call: cells are separated by a newline and their indentation; a
    row ends where "]" + that separator + "[" appears, which no cell can hold (encoded strings
    have no raw newline, and no scalar starts with "[" or ends with "]")."""
    cells = "\n" + "  " * (level + 2)
    row = "\n" + "  " * (level + 1)
    text = _encoder(level + 2).encode(rows)
    text = text.replace("]," + cells + "[", row + "]," + row + "[" + cells)
    return "".join(("[" + row + "[" + cells, text[2:-2], row + "]\n" + "  " * level + "]"))


def _encode(o: Any, level: int, out: Callable[[str], None]) -> None:
    inner = "\n" + "  " * (level + 1)
    if type(o) is list and o:
        if _is_matrix(o):
            out(_matrix(o, level))
            return
        if all(type(x) in _PLAIN for x in o):
            out("[" + inner + _encoder(level + 1).encode(o)[1:-1] + "\n" + "  " * level + "]")
            return
        sep = "[" + inner
        for x in o:
            out(sep)
            _encode(x, level + 1, out)
            sep = "," + inner
        out("\n" + "  " * level + "]")
    elif type(o) is dict and o and all(type(k) is str for k in o):
        sep = "{" + inner
        for k, v in o.items():
            out(sep + _key(k) + ": ")
            _encode(v, level + 1, out)
            sep = "," + inner
        out("\n" + "  " * level + "}")
    else:
        # scalars and the unusual: json's own text, re-indented (with ensure_ascii=False a newline
        # inside a string is written as the two characters \n, so every real newline is layout)
        text = json.dumps(o, ensure_ascii=False, indent=2)
        out(text.replace("\n", "\n" + "  " * level) if level and "\n" in text else text)
