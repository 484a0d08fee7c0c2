"""Drive v3 (and the v2 CSV upload): the file-level calls gspread makes around a spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import zipfile
from typing import TYPE_CHECKING, Any

from . import resources, values_api
from .store import JSON, ApiError, MetadataList, Sheet, Spreadsheet, bad_request
from .values import parse_input

if TYPE_CHECKING:
    from .api import Api, Call


CSV = "text/csv"
TSV = "text/tab-separated-values"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP = "application/zip"


def _rows(book: Spreadsheet, title: str, render: str) -> list[list[Any]]:
    rows: list[list[Any]] = values_api.get(
        book, resources.quote_for_range(title), {"valueRenderOption": render}
    ).get("values", [])
    return rows


def _html(rows: list[list[Any]]) -> str:
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for row in rows)
    return f"<html><body><table>{body}</table></body></html>"


def _xlsx(book: Spreadsheet) -> bytes:
    """Values (unformatted, formulas as text) of every sheet in an .xlsx built with openpyxl."""
    from openpyxl import Workbook  # a runtime dependency of the project; imported only when exporting

    workbook = Workbook()
    default = workbook.active
    for sheet in book.ordered():
        ws = workbook.create_sheet(sheet.title[:31])
        for row in _rows(book, sheet.title, "FORMULA"):
            ws.append(row)
    if default is not None:
        workbook.remove(default)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class Drive:
    """Files, permissions, export and import on top of the same store as the Sheets endpoints."""

    def __init__(self, api: Api) -> None:
        self.api = api

    def handle(self, call: Call, params: dict[str, Any], body: JSON) -> tuple[int, JSON | None]:
        """Serve one Drive call (files, permissions, export, CSV import)."""
        ep = call.endpoint
        if ep == "drive:import":
            return self._import_csv(call, params)
        fields = params.get("fields")
        if ep == "drive:create":
            mime = body.get("mimeType", resources.SPREADSHEET_MIME)
            if mime != resources.SPREADSHEET_MIME:
                raise bad_request(f"The emulator only creates spreadsheets, not {mime}")
            book = self.api.create_book(str(body.get("name", "Untitled spreadsheet")))
            book.parents = [str(p) for p in body.get("parents") or []]
            book.app_properties = {str(k): str(v) for k, v in (body.get("appProperties") or {}).items()}
            return 200, resources.drive_file(book, fields, ("kind", "id", "name", "mimeType"))
        if ep == "drive:list":
            return 200, self._list(params)
        found = self.api.store.books.get(call.book_id or "")
        if found is None:
            raise ApiError(404, f"File not found: {call.book_id}.", drive_reason="notFound")
        book = found
        if ep == "drive:get":
            return 200, resources.drive_file(book, fields, ("kind", "id", "name", "mimeType"))
        if ep == "drive:comments":
            return 200, {"comments": []}
        if ep == "drive:export":
            return 200, self._export(book, str(params.get("mimeType", "")))
        if ep.startswith("drive:permissions"):
            return self._permissions(book, call, params, body)
        if ep == "drive:delete":
            del self.api.store.books[book.spreadsheet_id]
            return 204, None
        if ep == "drive:update":
            if "name" in body:
                book.title = str(body["name"])
                self.api.touch(book)
            if "appProperties" in body:  # a null value removes the property, as Drive's
                for k, v in (body.get("appProperties") or {}).items():
                    if v is None:
                        book.app_properties.pop(str(k), None)
                    else:
                        book.app_properties[str(k)] = str(v)
            return 200, resources.drive_file(book, fields, ("kind", "id", "name", "mimeType"))
        if ep == "drive:copy":
            copy_ = book.clone()
            copy_.spreadsheet_id = self.api.store.new_id()
            copy_.title = str(body.get("name") or f"Copy of {book.title}")
            copy_.created = copy_.modified = self.api.now()
            self.api.store.books[copy_.spreadsheet_id] = copy_
            return 200, resources.drive_file(copy_, fields, ("kind", "id", "name", "mimeType"))
        raise ApiError(404, f"Method not found: {ep}")  # pragma: no cover

    def _list(self, params: dict[str, Any]) -> JSON:
        """files.list: the ``q`` subset below, newest first (or ``orderBy=modifiedTime``), pages of
        ``pageSize`` (default 100, at most 1000) chained by ``nextPageToken`` as Drive's."""
        q = str(params.get("q", ""))
        books = [b for b in self.api.store.books.values() if _drive_query(b, q)]
        order = str(params.get("orderBy", ""))
        if order.startswith("modifiedTime"):
            books.sort(key=lambda b: (b.modified, b.spreadsheet_id), reverse=order.endswith("desc"))
        else:
            books.sort(key=lambda b: (b.created, b.spreadsheet_id), reverse=True)
        try:
            size = int(params.get("pageSize") or 100)
        except ValueError:
            raise bad_request(f"Invalid value for pageSize: {params.get('pageSize')}") from None
        if not 1 <= size <= 1000:
            raise bad_request(
                f"Invalid value for pageSize: {size}. Values must be within the range: [1, 1000]"
            )
        token = str(params.get("pageToken") or "")
        start = int(token) if token.isdigit() else 0
        page = books[start : start + size]
        fields = params.get("fields")
        out: JSON = {"kind": "drive#fileList", "incompleteSearch": False}
        if start + size < len(books):
            out["nextPageToken"] = str(start + size)
        if fields:
            out["files"] = [resources.drive_file(b, "*", ()) for b in page]
            masked: JSON = resources.apply_mask(out, resources.parse_mask(str(fields)))
            return masked
        out["files"] = [resources.drive_file(b, None, ("kind", "id", "name", "mimeType")) for b in page]
        return out

    def _export(self, book: Spreadsheet, mime: str) -> JSON:
        """files.export: CSV/TSV of the first sheet, XLSX and zipped HTML of every sheet; PDF/ODS refused."""
        if mime in (CSV, TSV):
            first = book.ordered()[0]
            rows = _rows(book, first.title, "FORMATTED_VALUE")
            buf = io.StringIO()
            writer = csv.writer(buf, delimiter="," if mime == CSV else "\t", lineterminator="\r\n")
            width = max((len(r) for r in rows), default=0)
            for row in rows:
                writer.writerow([*row, *[""] * (width - len(row))])
            return {"_raw": buf.getvalue().encode("utf-8"), "_type": mime}
        if mime == XLSX:
            return {"_raw": _xlsx(book), "_type": mime}
        if mime == ZIP:
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as archive:
                for sheet in book.ordered():
                    archive.writestr(
                        f"{sheet.title}.html", _html(_rows(book, sheet.title, "FORMATTED_VALUE"))
                    )
            return {"_raw": out.getvalue(), "_type": mime}
        raise bad_request(f"The emulator cannot export {mime!r}: only CSV, TSV, XLSX and zipped HTML")

    def _permissions(
        self, book: Spreadsheet, call: Call, params: dict[str, Any], body: JSON
    ) -> tuple[int, JSON | None]:
        """Drive permissions: enough for gspread's share, list_permissions, remove_permissions, transfer."""
        ep = call.endpoint
        if ep == "drive:permissions.list":
            return 200, {"kind": "drive#permissionList", "permissions": book.permissions}
        if ep == "drive:permissions.create":
            kind = body.get("type")
            role = body.get("role")
            if kind not in ("user", "group", "domain", "anyone") or role not in (
                "owner",
                "organizer",
                "fileOrganizer",
                "writer",
                "commenter",
                "reader",
            ):
                raise bad_request("Invalid permission: type and role are required")
            perm: JSON = {
                "kind": "drive#permission",
                "id": str(self.api.store.new_int_id()),
                "type": kind,
                "role": role,
            }
            if kind == "anyone":
                perm["id"] = "anyoneWithLink" if body.get("withLink") else "anyone"
            if "emailAddress" in body:
                perm["emailAddress"] = str(body["emailAddress"]).lower()
            if "domain" in body:
                perm["domain"] = body["domain"]
            book.permissions = [p for p in book.permissions if p["id"] != perm["id"]] + [perm]
            if book.allowed_users is not None and "emailAddress" in perm:
                book.allowed_users.add(perm["emailAddress"])
            return 200, {k: perm[k] for k in ("kind", "id", "type", "role")}
        for perm in book.permissions:
            if perm["id"] == call.resource_id:
                break
        else:
            raise ApiError(404, f"Permission not found: {call.resource_id}.", drive_reason="notFound")
        if ep == "drive:permissions.get":
            return 200, perm
        if ep == "drive:permissions.delete":
            if perm["role"] == "owner":
                raise ApiError(
                    403, "The owner of a file cannot be removed.", drive_reason="cannotRemoveOwner"
                )
            book.permissions.remove(perm)
            return 204, None
        for key in ("role", "pendingOwner", "expirationTime"):
            if key in body:
                perm[key] = body[key]
        if str(params.get("transferOwnership", "")).lower() == "true" or body.get("role") == "owner":
            for other in book.permissions:
                if other["role"] == "owner" and other is not perm:
                    other["role"] = "writer"
            perm["role"] = "owner"
            perm.pop("pendingOwner", None)
        return 200, {k: perm[k] for k in ("kind", "id", "type", "role")}

    def _import_csv(self, call: Call, params: dict[str, Any]) -> tuple[int, JSON | None]:
        """Drive v2 media upload with convert=true: the CSV replaces every sheet, as gspread's import_csv."""
        book = self.api.store.books.get(call.book_id or "")
        if book is None:
            raise ApiError(404, f"File not found: {call.book_id}.", drive_reason="notFound")
        text = params.get("_raw_body", b"").decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        sheet = Sheet(sheet_id=0, title=book.title, index=0)
        sheet.row_count = max(1000, len(rows))
        sheet.col_count = max(26, max((len(r) for r in rows), default=0))
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                sheet.put(i, j, parse_input(value, "USER_ENTERED", book.locale))
        book.sheets = [sheet]
        book.named_ranges = []
        book.developer_metadata = MetadataList()
        book.time_zone = "America/Los_Angeles"  # Drive conversion resets it to Drive's default zone
        self.api.touch(book)
        return 200, {
            "kind": "drive#file",
            "id": book.spreadsheet_id,
            "title": book.title,
            "mimeType": resources.SPREADSHEET_MIME,
            "createdDate": resources.rfc3339(book.created),
            "modifiedDate": resources.rfc3339(book.modified),
        }


_CLAUSE = re.compile(
    r"""^\s*(\w+)\s*(=|!=|<=|>=|<|>|contains)\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(\w+))\s*$"""
)
_IN_PARENTS = re.compile(r"""^\s*'((?:[^'\\]|\\.)*)'\s+in\s+parents\s*$""", re.IGNORECASE)
_APP_PROPERTY = re.compile(
    r"""appProperties\s+has\s*\{\s*key\s*=\s*'((?:[^'\\]|\\.)*)'\s+and\s+value\s*=\s*'((?:[^'\\]|\\.)*)'\s*\}""",
    re.IGNORECASE,
)


def _time(text: str) -> dt.datetime:
    """An RFC 3339 time of a query ("2012-06-04T12:00:00", UTC by default, or with Z / an offset)."""
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise bad_request(f"Invalid Value: {text!r} is not an RFC 3339 date-time") from None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _compare(actual: Any, op: str, value: Any) -> bool:
    return bool(
        {
            "=": actual == value,
            "!=": actual != value,
            "<": actual < value,
            "<=": actual <= value,
            ">": actual > value,
            ">=": actual >= value,
        }[op]
    )


def _drive_query(book: Spreadsheet, q: str) -> bool:
    """The subset of Drive's q language the app and gspread send, clauses joined by ``and``:
    ``mimeType``, ``name`` (=, !=, contains), ``trashed``, ``modifiedTime`` / ``createdTime``
    (=, !=, <, <=, >, >= an RFC 3339 time), ``'<id>' in parents`` and
    ``appProperties has { key='k' and value='v' }``."""
    if not q.strip():
        return True
    for key, value in _APP_PROPERTY.findall(q):
        if book.app_properties.get(key.replace("\\'", "'")) != value.replace("\\'", "'"):
            return False
    rest = _APP_PROPERTY.sub(" ", q)
    for clause in re.split(r"(?:^|\s+)and(?:\s+|$)", rest.strip(), flags=re.IGNORECASE):
        if not clause.strip():
            continue
        parent = _IN_PARENTS.match(clause)
        if parent:
            if parent.group(1) not in book.parents:
                return False
            continue
        m = _CLAUSE.match(clause)
        if not m:
            raise bad_request(f"Invalid Value: the query clause {clause.strip()!r} is not understood")
        key, op, dq, sq, bare = m.groups()
        value = dq if dq is not None else sq if sq is not None else bare or ""
        value = value.replace('\\"', '"').replace("\\'", "'")
        if key in ("modifiedTime", "createdTime"):
            if op == "contains":
                raise bad_request(f"Invalid Value: {key} does not support contains")
            actual_time = book.modified if key == "modifiedTime" else book.created
            if not _compare(actual_time, op, _time(value)):
                return False
            continue
        actual = {"name": book.title, "mimeType": resources.SPREADSHEET_MIME, "trashed": "false"}.get(key)
        if actual is None:
            continue
        if op == "contains":
            if value.lower() not in actual.lower():
                return False
        elif op in ("=", "!=") and not _compare(actual, op, value):
            return False
    return True
