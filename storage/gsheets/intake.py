"""The officers' intake spreadsheets on Google Drive and Sheets (:class:`core.intake_sheets.IntakeSheets`).

One spreadsheet per grassroots unit, created by the app's account in one Drive folder (a Shared
Drive: a service account has no Drive storage of its own) and marked with ``appProperties``
(``thidua=intake``, ``unit=<id>``) so one listing finds them all, or those changed since a time.

Per tab (one per open form):

* row 1 the headers, row 2 the instructions, frozen; data from row 3;
* the officers' columns with strict dropdowns of labels; then "Kiểm tra", "Trạng thái" and the
  hidden key;
* the whole sheet protected, editable by the app's account only, except the officers' data block
  (``unprotectedRanges``): officers cannot change headers, instructions or the app's columns,
  rename the tab or delete rows; sharing the file with the unit's officers only is what keeps
  other units out (they cannot open it at all).

Sheet ids are derived from the tab titles, so writing back needs no ``spreadsheets.get``. Every
value is written as ``stringValue`` (RAW: ``=HYPERLINK(...)`` typed by an officer and echoed in a
message stays text). Calls: a sync reads a changed file with one ``values:batchGet`` and writes
it back with at most one ``spreadsheets.batchUpdate``; the listing is one Drive call per 1,000
changed files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from email.utils import parsedate_to_datetime
from typing import Any

import gspread

from core.intake_sheets import (
    FIRST_DATA_ROW,
    IntakeFile,
    IntakePlan,
    IntakeSheets,
    IntakeTab,
    ProvisionReport,
    RowWrite,
)
from storage.gsheets.cells import quote_title
from storage.gsheets.retry import SHEETS, _Calls
from storage.gsheets.wire import lean

DRIVE_FILES = "https://www.googleapis.com/drive/v3/files"
SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"
#: appProperties marking an intake spreadsheet (private to the app's Cloud project).
MARK_KEY, MARK_VALUE, UNIT_KEY = "thidua", "intake", "unit"
#: Data rows laid out (with dropdowns and the officers' editable block) when a tab is made.
DATA_ROWS = 2000
FILE_FIELDS = "id,version,modifiedTime,webViewLink,appProperties"
#: The highlight of a wrong cell (Google's light red 3).
BAD_FILL = {"red": 0.957, "green": 0.8, "blue": 0.8}
NO_FILL = {"red": 1.0, "green": 1.0, "blue": 1.0}
HEADER_FILL = {"red": 0.867, "green": 0.922, "blue": 0.969}
NOTE_FILL = {"red": 0.953, "green": 0.953, "blue": 0.953}


def sheet_id(title: str) -> int:
    """The tab's sheet id, derived from its title (1 .. 2**31 - 1; Google accepts a chosen id)."""
    return int(hashlib.sha256(title.encode()).hexdigest()[:8], 16) % (2**31 - 2) + 1


def _text(value: str) -> dict[str, Any]:
    return {"userEnteredValue": {"stringValue": value}}


def _grid(sid: int, r0: int, r1: int, c0: int, c1: int) -> dict[str, int]:
    return {
        "sheetId": sid,
        "startRowIndex": r0,
        "endRowIndex": r1,
        "startColumnIndex": c0,
        "endColumnIndex": c1,
    }


def _rfc3339(http_date: str) -> str:
    """An HTTP ``Date`` header ("Mon, 07 Dec 2026 07:30:00 GMT") as RFC 3339 UTC ("" if none)."""
    if not http_date:
        return ""
    try:
        when = parsedate_to_datetime(http_date)
    except (TypeError, ValueError):
        return ""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _file(raw: Mapping[str, Any]) -> IntakeFile:
    props = raw.get("appProperties") or {}
    return IntakeFile(
        str(raw.get("id", "")),
        str(props.get(UNIT_KEY, "")),
        str(raw.get("version", "")),
        str(raw.get("modifiedTime", "")),
        str(raw.get("webViewLink", "")),
    )


class GoogleIntakeSheets(_Calls, IntakeSheets):
    """Intake spreadsheets in one Drive folder or Shared Drive (``folder``: its id)."""

    def __init__(
        self,
        client: gspread.Client,
        folder: str,
        *,
        account: str = "",
        attempts: int = 6,
        backoff: float = 2.0,
        max_backoff: float = 32.0,
        sleep: Callable[[float], None] = time.sleep,
        seed: int | None = None,
        data_rows: int = DATA_ROWS,
    ) -> None:
        self.data_rows = data_rows
        self.key = folder
        self.folder = folder
        self.client = client
        self._http = lean(client.http_client)  # compact, gzip-compressed replies
        self._account = account
        self._attempts = attempts
        self._backoff = backoff
        self._max_backoff = max_backoff
        self._sleep = sleep
        self._rng = random.Random(seed)
        self._lock = threading.RLock()
        self._answered = ""

    # -- Drive ---------------------------------------------------------------------------------------

    def _drive(self, method: str, url: str, params: dict[str, Any] | None = None, body: Any = None) -> Any:
        query = {"supportsAllDrives": "true", **(params or {})}
        response = self._retry(lambda: self._http.request(method, url, params=query, json=body))
        self._answered = str(response.headers.get("Date", ""))
        return response.json() if response.content else {}

    def _list(self, q: str) -> list[IntakeFile]:
        out: list[IntakeFile] = []
        token = ""
        while True:
            params = {
                "q": q,
                "fields": f"nextPageToken,files({FILE_FIELDS})",
                "pageSize": "1000",
                "includeItemsFromAllDrives": "true",
                **({"pageToken": token} if token else {}),
            }
            reply = self._drive("get", DRIVE_FILES, params)
            out += [_file(f) for f in reply.get("files", [])]
            token = str(reply.get("nextPageToken") or "")
            if not token:
                return out

    def _query(self) -> str:
        return (
            f"appProperties has {{ key='{MARK_KEY}' and value='{MARK_VALUE}' }} and "
            f"'{self.folder}' in parents and trashed = false"
        )

    def files(self) -> list[IntakeFile]:
        return self._list(self._query())

    def changed_since(self, since: str) -> tuple[list[IntakeFile], str]:
        q = self._query()
        if since:
            q += f" and modifiedTime > '{since}'"
        self._answered = ""
        found = self._list(q)
        return found, _rfc3339(self._answered)

    def _get(self, file_id: str) -> IntakeFile:
        return _file(self._drive("get", f"{DRIVE_FILES}/{file_id}", {"fields": FILE_FIELDS}))

    def _share(self, file_id: str, editors: Sequence[str]) -> tuple[list[str], list[str]]:
        """Exactly ``editors`` may edit (writers): the missing ones added, the others removed (the
        owner, organisers and the app's account are left alone)."""
        reply = self._drive(
            "get",
            f"{DRIVE_FILES}/{file_id}/permissions",
            {"fields": "permissions(id,type,role,emailAddress)"},
        )
        have = {
            str(p.get("emailAddress", "")).lower(): str(p["id"])
            for p in reply.get("permissions", [])
            if p.get("type") == "user" and p.get("role") in ("writer", "commenter", "reader")
        }
        wanted = {e.lower() for e in editors}
        added = sorted(wanted - set(have))
        removed = sorted(set(have) - wanted - {self._account.lower()})
        for email in added:
            self._drive(
                "post",
                f"{DRIVE_FILES}/{file_id}/permissions",
                {"sendNotificationEmail": "true"},
                {"type": "user", "role": "writer", "emailAddress": email},
            )
        for email in removed:
            self._drive("delete", f"{DRIVE_FILES}/{file_id}/permissions/{have[email]}")
        return added, removed

    # -- provisioning --------------------------------------------------------------------------------

    def provision(self, plan: IntakePlan, existing: IntakeFile | None) -> ProvisionReport:
        created = existing is None
        if existing is None:
            body = {
                "name": plan.title,
                "mimeType": SPREADSHEET_MIME,
                "parents": [self.folder],
                "appProperties": {MARK_KEY: MARK_VALUE, UNIT_KEY: plan.unit_id},
            }
            file_id = str(self._drive("post", DRIVE_FILES, {"fields": "id"}, body)["id"])
            have = {"": 0}  # a new spreadsheet's one sheet has id 0 (its title depends on the locale)
        else:
            file_id = existing.file_id
            reply = self._retry(
                lambda: self._http.request(
                    "get", f"{SHEETS}/{file_id}", params={"fields": "sheets.properties(sheetId,title)"}
                ).json()
            )
            have = {
                str(s["properties"]["title"]): int(s["properties"]["sheetId"])
                for s in reply.get("sheets", [])
            }
        missing = [tb for tb in plan.tabs if tb.title not in have]
        requests_: list[dict[str, Any]] = []
        if created:
            requests_.append(
                {
                    "updateSpreadsheetProperties": {
                        "properties": {
                            "title": plan.title,
                            "locale": "vi_VN",
                            "timeZone": "Asia/Ho_Chi_Minh",
                        },
                        "fields": "title,locale,timeZone",
                    }
                }
            )
        for tb in missing:
            requests_ += _tab_requests(tb, self.data_rows)
        if created and missing and have:  # the default empty "Sheet1" goes once the tabs exist
            requests_ += [{"deleteSheet": {"sheetId": sid}} for sid in have.values()]
        if requests_:
            self._retry(lambda: self._post(f"{SHEETS}/{file_id}:batchUpdate", {"requests": requests_}))
        added, removed = self._share(file_id, plan.editors)
        return ProvisionReport(self._get(file_id), created, [tb.title for tb in missing], added, removed)

    # -- sync ----------------------------------------------------------------------------------------

    def read(self, file_id: str, tabs: Sequence[str]) -> dict[str, list[list[Any]]]:
        """The tabs' cells as formatted (what the officer sees: "15/03/2024", "8.500.000"), in one
        ``values:batchGet``; a tab the file does not have is left out (one more call to learn
        which ones it has, only then)."""
        params: dict[str, Any] = {"valueRenderOption": "FORMATTED_VALUE", "majorDimension": "ROWS"}
        try:
            reply = self._retry(
                lambda: self._http.values_batch_get(file_id, [quote_title(tb) for tb in tabs], params)
            )
        except gspread.exceptions.APIError as exc:
            if exc.response.status_code != 400 or "Unable to parse range" not in str(exc):
                raise
            meta = self._retry(
                lambda: self._http.request(
                    "get", f"{SHEETS}/{file_id}", params={"fields": "sheets.properties.title"}
                ).json()
            )
            titles = {str(s["properties"]["title"]) for s in meta.get("sheets", [])}
            present = [tb for tb in tabs if tb in titles]
            if not present:
                return {}
            return self.read(file_id, present)
        out: dict[str, list[list[Any]]] = {}
        for title, vr in zip(tabs, reply.get("valueRanges", []), strict=False):
            out[title] = [list(r) for r in vr.get("values", [])]
        return out

    def write_back(self, file_id: str, writes: Mapping[str, tuple[int, Sequence[RowWrite]]]) -> None:
        requests_: list[dict[str, Any]] = []
        for title, (width, rows) in writes.items():
            sid = sheet_id(title)
            for w in rows:
                r = w.row - 1
                requests_.append(
                    {
                        "updateCells": {
                            "rows": [{"values": [_text(w.check), _text(w.state), _text(w.key)]}],
                            "fields": "userEnteredValue",
                            "start": {"sheetId": sid, "rowIndex": r, "columnIndex": width},
                        }
                    }
                )
                bad = set(w.bad)
                requests_.append(
                    {
                        "updateCells": {
                            "rows": [
                                {
                                    "values": [
                                        {
                                            "userEnteredFormat": {
                                                "backgroundColor": BAD_FILL if j in bad else NO_FILL
                                            }
                                        }
                                        for j in range(width)
                                    ]
                                }
                            ],
                            "fields": "userEnteredFormat.backgroundColor",
                            "start": {"sheetId": sid, "rowIndex": r, "columnIndex": 0},
                        }
                    }
                )
        if requests_:
            self._retry(
                lambda: self._post(
                    f"{SHEETS}/{file_id}:batchUpdate", {"requests": requests_}, {"fields": "spreadsheetId"}
                )
            )


def _tab_requests(tb: IntakeTab, data_rows: int) -> list[dict[str, Any]]:
    """One tab laid out: headers, instructions, dropdowns, the hidden key, the protection."""
    sid = sheet_id(tb.title)
    width = len(tb.columns)
    total = width + len(tb.system)
    rows = data_rows + FIRST_DATA_ROW - 1
    headers = [c.header for c in tb.columns]
    instructions = [c.instruction for c in tb.columns] + list(tb.system_instructions)
    out: list[dict[str, Any]] = [
        {
            "addSheet": {
                "properties": {
                    "sheetId": sid,
                    "title": tb.title,
                    "gridProperties": {"rowCount": rows, "columnCount": total, "frozenRowCount": 2},
                }
            }
        },
        {
            "updateCells": {
                "rows": [
                    {
                        "values": [
                            {
                                **_text(h),
                                "userEnteredFormat": {
                                    "backgroundColor": HEADER_FILL,
                                    "textFormat": {"bold": True},
                                },
                            }
                            for h in [*headers, *tb.system]
                        ]
                    },
                    {
                        "values": [
                            {
                                **_text(h),
                                "userEnteredFormat": {"backgroundColor": NOTE_FILL, "wrapStrategy": "WRAP"},
                            }
                            for h in instructions
                        ]
                    },
                ],
                "fields": "userEnteredValue,userEnteredFormat(backgroundColor,textFormat,wrapStrategy)",
                "start": {"sheetId": sid, "rowIndex": 0, "columnIndex": 0},
            }
        },
        {
            "updateDimensionProperties": {
                "range": {"sheetId": sid, "dimension": "COLUMNS", "startIndex": 0, "endIndex": total},
                "properties": {"pixelSize": 180},
                "fields": "pixelSize",
            }
        },
        {
            "updateDimensionProperties": {
                "range": {"sheetId": sid, "dimension": "COLUMNS", "startIndex": total - 1, "endIndex": total},
                "properties": {"hiddenByUser": True},
                "fields": "hiddenByUser",
            }
        },
    ]
    for j, c in enumerate(tb.columns):
        if not c.choices:
            continue
        out.append(
            {
                "setDataValidation": {
                    "range": _grid(sid, FIRST_DATA_ROW - 1, rows, j, j + 1),
                    "rule": {
                        "condition": {
                            "type": "ONE_OF_LIST",
                            "values": [{"userEnteredValue": v} for v in c.choices],
                        },
                        "strict": True,
                        "showCustomUi": True,
                        "inputMessage": c.instruction,
                    },
                }
            }
        )
    out.append(
        {
            "addProtectedRange": {
                "protectedRange": {
                    "range": {"sheetId": sid},
                    "description": "thidua: tiêu đề, hướng dẫn và các cột của ứng dụng",
                    "unprotectedRanges": [_grid(sid, FIRST_DATA_ROW - 1, rows, 0, width)],
                    "editors": {"users": []},
                }
            }
        }
    )
    return out
