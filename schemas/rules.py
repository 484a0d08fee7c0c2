"""Pandera checks for the Unicode rules (R-FMT-NFC, R-FMT-WS) and the ``rules`` tab's seed.

The defaults of DOMAIN.md §4 live in ``workflows/rules.yaml`` (data, not code); this module reads
that file when asked (never at import time) so the demo seed and the fallback rule book share it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
import yaml
from pandera.api.extensions import register_check_method

RULES_FILE = Path(__file__).resolve().parents[1] / "workflows" / "rules.yaml"
#: Characters that must never sit in keys or names (R-FMT-WS), and those ``clean`` drops or folds.
FORBIDDEN_CHARS = frozenset("\u00a0\u200b\ufeff")
_FORBIDDEN = re.compile("[\u00a0\u2007\u202f\u200b\u200c\u200d\u2060\ufeff]")
#: Leading/trailing whitespace, a run of two, or whitespace other than a space or a line break.
_BAD_SPACE = re.compile(r"^\s|\s$|[^\S\n]{2}|[^\S \n]| \n|\n ")


def is_nfc_clean(value: object) -> bool:
    """True when ``value`` is NFC, trimmed and free of NBSP, ZWSP and BOM (R-FMT-NFC, R-FMT-WS)."""
    if not isinstance(value, str):
        return True
    if not unicodedata.is_normalized("NFC", value):
        return False
    return _FORBIDDEN.search(value) is None and _BAD_SPACE.search(value) is None


def nfc_clean(value: object) -> bool:
    """Pandera check ``nfc_clean``: the cell is NFC and has no stray whitespace (R-FMT-*)."""
    return is_nfc_clean(value)


# Registered once per process: Streamlit re-executes modules on file changes, and pandera
# refuses a second registration of the same name.
if not hasattr(pa.Check, "nfc_clean"):
    register_check_method(check_type="element_wise")(nfc_clean)


def nfc_clean_schema(columns: Iterable[str]) -> pa.DataFrameSchema:
    """A schema asserting R-FMT-NFC/WS on ``columns`` (for rows typed straight into the sheet)."""
    return pa.DataFrameSchema(
        {c: pa.Column(object, pa.Check.nfc_clean(), nullable=True, required=False) for c in columns}
    )


def frame_failures(frame: pd.DataFrame, columns: Iterable[str]) -> list[tuple[int, str, Any]]:
    """(index, column, value) of every cell of ``frame`` breaking R-FMT-NFC/WS."""
    cols = [c for c in columns if c in frame.columns]
    try:
        nfc_clean_schema(cols).validate(frame[cols], lazy=True)
    except pa.errors.SchemaErrors as exc:
        out: list[tuple[int, str, Any]] = []
        for rec in exc.failure_cases.to_dict("records"):
            if rec.get("index") is not None and not pd.isna(rec.get("index")):
                out.append((int(rec["index"]), str(rec["column"]), rec["failure_case"]))
        return out
    return []


def default_rule_rows(path: Path = RULES_FILE) -> list[dict[str, Any]]:
    """Rows for the ``rules`` tab from ``workflows/rules.yaml``; ids are ``code@valid_from``."""
    data = (
        yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        or []
    )
    rows: list[dict[str, Any]] = []
    for item in data:
        rec: Mapping[str, Any] = item
        row = {
            k: "" if rec.get(k) is None else str(rec.get(k))
            for k in ("code", "value", "valid_from", "valid_to", "status", "source_url", "note")
        }
        row["id"] = f"{row['code']}@{row['valid_from']}"
        rows.append(row)
    return rows
