"""The Google Sheets backend (see :mod:`storage.gsheets.workbook`)."""

from storage.gsheets.workbook import (
    ROW_TAG_KEY,
    SCOPES,
    DuplicateRowId,
    GoogleSheetsWorkbook,
    _tag,
    column_letter,
    dropdowns,
    quote_title,
    spreadsheet_key,
)

__all__ = [
    "ROW_TAG_KEY",
    "SCOPES",
    "DuplicateRowId",
    "GoogleSheetsWorkbook",
    "_tag",
    "column_letter",
    "dropdowns",
    "quote_title",
    "spreadsheet_key",
]
