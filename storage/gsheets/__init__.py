"""The Google Sheets backend: :class:`GoogleSheetsWorkbook`, a :class:`core.ports.Workbook` on gspread 6.

What it promises and how is in ``docs/google-sheets.md``. The package is one class split by what
each part does (each module a layer of the class, bottom first):

* ``retry``: the connection and bounded retries; ``errors``: failures named for a person;
* ``tabs``: sheet ids, grid sizes and header rows (``ensure_tabs``);
* ``handmade``: rows typed into the sheet without an id; ``reading``: reading and typing rows;
* ``plan``: one update's checks and its part of a write batch; ``commit``: the group commit;
* ``provision``: dropdowns, frozen headers, protected columns;
* ``workbook``: the port's methods;

and pure helpers: ``cells`` (A1 notation, values written as text), ``tags`` (row tags and the
guards of a write batch), ``credentials`` (the key and the client).
"""

from storage.gsheets.cells import column_letter, quote_title
from storage.gsheets.credentials import SCOPES, spreadsheet_key
from storage.gsheets.errors import DuplicateRowId
from storage.gsheets.handmade import SHEET_AUTHOR
from storage.gsheets.provision import AWARD_CODE_COLUMNS, PROTECTED_COLUMNS, dropdowns
from storage.gsheets.tags import ROW_TAG_KEY
from storage.gsheets.workbook import GoogleSheetsWorkbook

__all__ = [
    "AWARD_CODE_COLUMNS",
    "PROTECTED_COLUMNS",
    "ROW_TAG_KEY",
    "SCOPES",
    "SHEET_AUTHOR",
    "DuplicateRowId",
    "GoogleSheetsWorkbook",
    "column_letter",
    "dropdowns",
    "quote_title",
    "spreadsheet_key",
]
