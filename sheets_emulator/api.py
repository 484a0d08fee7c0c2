"""REST routing: one raw HTTP request in, one (status, JSON) reply out, with quotas, faults and logging."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from . import batch, limits, pretty_json, resources, values_api
from .controls import Clock, Faults, LogEntry, Network, QuotaConfig, Quotas, RequestLog
from .drive import Drive
from .store import JSON, ApiError, Sheet, Spreadsheet, Store, new_spreadsheet

SHEETS_HOST = "sheets.googleapis.com"
DRIVE_HOSTS = ("www.googleapis.com",)
_BOOK = re.compile(r"^/v4/spreadsheets/([^/:]+)(.*)$")
_VALUES_OP = re.compile(r"^(.*):(append|clear)$")
#: zlib level of the emulator's gzip replies. Google does not say which it uses. Level 1: the
#: emulator compresses inside the caller's process, where Google's own compression costs the
#: caller nothing, and level 1 costs the least time while sending more bytes than a higher level
#: would (the worse case for the network model).
GZIP_LEVEL = 1


@dataclass
class Reply:
    """What the transport turns into an HTTP response; `fault` set to "timeout" means no response."""

    status: int
    body: JSON | None
    fault: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None
    #: seconds the network model says this call takes on the wire (the transport waits them)
    network: float = 0.0
    #: the caller asked ``prettyPrint=false``: JSON without indentation or line breaks
    compact: bool = False
    #: the caller may take a gzip body (see :func:`_dressed`): the bytes on the wire are compressed
    gzip: bool = False
    _wire: bytes | None = field(default=None, init=False, repr=False)

    def payload(self) -> bytes:
        """The response body as the client reads it: pretty-printed like Google's by default (so
        byte counts are realistic), compact when the call said ``prettyPrint=false``."""
        if self.raw is None:
            if self.body is None:
                self.raw = b""
            elif self.compact:
                self.raw = json.dumps(self.body, ensure_ascii=False, separators=(",", ":")).encode()
            else:
                self.raw = pretty_json.dumps(self.body).encode()
        return self.raw

    def wire(self) -> bytes:
        """The body as sent: :meth:`payload`, gzip-compressed when the caller may take it (then
        ``Content-Encoding: gzip`` is among :attr:`headers`)."""
        if self._wire is None:
            body = self.payload()
            if self.gzip and body:
                self._wire = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
                self.headers["Content-Encoding"] = "gzip"
            else:
                self._wire = body
        return self._wire


@dataclass(frozen=True)
class Call:
    """A parsed request: which endpoint, which spreadsheet, the range text and the query."""

    endpoint: str
    kind: str
    book_id: str | None = None
    range_text: str | None = None
    resource_id: str | None = None


def _now(clock: Clock) -> dt.datetime:
    return dt.datetime.fromtimestamp(clock.now(), tz=dt.UTC).replace(tzinfo=None)


class Api:
    """The emulated Google endpoints sharing one store; thread-safe behind a single lock."""

    def __init__(
        self, seed: int | None = 0, clock: Clock | None = None, quotas: QuotaConfig | None = None
    ) -> None:
        self.store = Store(seed)
        self.clock = clock or Clock()
        self.quotas = Quotas(self.clock, quotas)
        self.faults = Faults()
        self.log = RequestLog()
        self.lock = threading.RLock()
        self.drive = Drive(self)
        self.strict = limits.Strict()
        self.network = Network()
        #: APIs switched off in the Cloud project ("sheets", "drive"): every call answers 403
        self.disabled: set[str] = set()

    # ------------------------------------------------------------ routing

    def route(self, method: str, host: str, path: str) -> Call:
        method = method.upper()
        if host in DRIVE_HOSTS or (host != SHEETS_HOST and path.startswith("/drive/")):
            return self._route_drive(method, path)
        if path == "/v4/spreadsheets" and method == "POST":
            return Call("spreadsheets:create", "write")
        m = _BOOK.match(path)
        if not m:
            raise ApiError(404, f"Method not found: {method} {path}", "NOT_FOUND")
        book_id, rest = unquote(m.group(1)), m.group(2)
        if rest == "" and method == "GET":
            return Call("spreadsheets:get", "read", book_id)
        if rest == ":batchUpdate" and method == "POST":
            return Call("spreadsheets:batchUpdate", "write", book_id)
        if rest == ":getByDataFilter" and method == "POST":
            return Call("spreadsheets:getByDataFilter", "read", book_id)
        if rest == "/developerMetadata:search" and method == "POST":
            return Call("developerMetadata:search", "read", book_id)
        copy_to = re.match(r"^/sheets/(\d+):copyTo$", rest)
        if copy_to and method == "POST":
            return Call("sheets:copyTo", "write", book_id, resource_id=copy_to.group(1))
        if rest.startswith("/developerMetadata/") and method == "GET":
            return Call("developerMetadata:get", "read", book_id, resource_id=unquote(rest.split("/")[-1]))
        for op, verb, kind in (
            (":batchGet", "GET", "read"),
            (":batchUpdate", "POST", "write"),
            (":batchClear", "POST", "write"),
            (":batchGetByDataFilter", "POST", "read"),
            (":batchUpdateByDataFilter", "POST", "write"),
            (":batchClearByDataFilter", "POST", "write"),
        ):
            if rest == "/values" + op and method == verb:
                return Call("values" + op, kind, book_id)
        if rest.startswith("/values/"):
            raw = rest[len("/values/") :]
            op_match = _VALUES_OP.match(raw)
            if op_match and method == "POST":
                return Call(f"values:{op_match.group(2)}", "write", book_id, unquote(op_match.group(1)))
            if method == "GET":
                return Call("values:get", "read", book_id, unquote(raw))
            if method == "PUT":
                return Call("values:update", "write", book_id, unquote(raw))
        raise ApiError(404, f"Method not found: {method} {path}", "NOT_FOUND")

    def _route_drive(self, method: str, path: str) -> Call:
        up = re.match(r"^/upload/drive/v2/files/([^/]+)$", path)
        if up and method == "PUT":
            return Call("drive:import", "write", unquote(up.group(1)))
        if path in ("/drive/v3/files", "/drive/v2/files"):
            if method == "POST":
                return Call("drive:create", "write")
            if method == "GET":
                return Call("drive:list", "read")
        perm = re.match(r"^/drive/v3/files/([^/]+)/permissions(?:/([^/]+))?$", path)
        if perm:
            fid, pid = unquote(perm.group(1)), perm.group(2)
            verbs = {"GET": ("drive:permissions.list", "read"), "POST": ("drive:permissions.create", "write")}
            if pid is not None:
                verbs = {
                    "DELETE": ("drive:permissions.delete", "write"),
                    "PATCH": ("drive:permissions.update", "write"),
                    "GET": ("drive:permissions.get", "read"),
                }
            if method in verbs:
                name, kind = verbs[method]
                return Call(name, kind, fid, resource_id=unquote(pid) if pid else None)
        m = re.match(r"^/drive/v3/files/([^/]+)(/copy|/comments|/export)?$", path)
        if m:
            fid = unquote(m.group(1))
            if m.group(2) == "/export" and method == "GET":
                return Call("drive:export", "read", fid)
            if m.group(2) == "/comments" and method == "GET":
                return Call("drive:comments", "read", fid)
            if m.group(2) and method == "POST":
                return Call("drive:copy", "write", fid)
            if method == "GET":
                return Call("drive:get", "read", fid)
            if method == "DELETE":
                return Call("drive:delete", "write", fid)
            if method == "PATCH":
                return Call("drive:update", "write", fid)
        raise ApiError(404, f"Method not found: {method} {path}", "NOT_FOUND")

    # ------------------------------------------------------------ entry point

    def handle(
        self, method: str, url: str, body: bytes | None, headers: dict[str, str] | None = None
    ) -> Reply:
        """Serve one request: route, count quota, maybe inject a fault, dispatch, log."""
        parts = urlsplit(url)
        host = parts.hostname or SHEETS_HOST
        query = {k: v for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        params: dict[str, Any] = {k: (v if k == "ranges" else v[-1]) for k, v in query.items()}
        user = _user(headers or {})
        bytes_in = len(body or b"")
        with self.lock:
            # one moment per request, for its quota and its log entry: another thread may advance
            # a manual clock while this one is served
            at = self.clock.now()
            try:
                call = self.route(method, host, parts.path)
            except ApiError as exc:
                reply = _dressed(Reply(exc.code, exc.to_json()), params, headers or {})
                self._log(method, parts.path, "unknown", "read", bytes_in, reply, at)
                return reply
            refused = self._refuse(call, bytes_in)
            reply = refused or self._serve(call, method, params, body, user, at)
            reply = _dressed(reply, params, headers or {})
            self._log(method, parts.path, call.endpoint, call.kind, bytes_in, reply, at)
            return reply

    def _refuse(self, call: Call, size: int) -> Reply | None:
        """What Google answers before looking at the request: the API switched off in the Cloud
        project (403 SERVICE_DISABLED), a body over the size limit (400)."""
        api = "drive" if call.endpoint.startswith("drive:") else "sheets"
        if api in self.disabled:
            return Reply(403, _service_disabled(api))
        too_large = limits.too_large(size, self.strict)
        if too_large is not None:
            return Reply(too_large.code, too_large.to_json())
        return None

    def _serve(
        self, call: Call, method: str, params: dict[str, Any], body: bytes | None, user: str, at: float
    ) -> Reply:
        fault = self.faults.draw(call.endpoint)
        if fault is not None and fault != "timeout":
            return _fault_reply(fault)
        if call.endpoint.startswith(("spreadsheets:", "values:", "developerMetadata:")):
            exhausted = self.quotas.check(user, call.kind, now=at)
            if exhausted is not None:
                return Reply(
                    429,
                    ApiError(
                        429,
                        f"Quota exceeded for quota metric '{exhausted[0]}' and limit '{exhausted[1]}' of "
                        "service 'sheets.googleapis.com' for consumer 'project_number:0'.",
                    ).to_json(),
                )
        if fault == "timeout" and not self.faults.timeout_after_apply:
            return Reply(0, None, fault="timeout")
        try:
            if call.endpoint == "drive:import":
                params = dict(params, _raw_body=body or b"")
                payload: JSON = {}
            else:
                payload = _json_body(body)
            status, out = self._dispatch(call, params, payload, user)
            if (
                out is not None
                and params.get("fields")
                and call.endpoint not in ("spreadsheets:get", "spreadsheets:getByDataFilter")
                and not call.endpoint.startswith("drive:")
                and "_raw" not in out
            ):  # the standard ``fields`` parameter: only the masked paths of the reply
                out = resources.apply_mask(out, resources.parse_mask(str(params["fields"])))
            reply = Reply(status, out)
            if out is not None and "_raw" in out:
                reply = Reply(status, None, raw=out["_raw"], headers={"Content-Type": str(out["_type"])})
        except ApiError as exc:
            reply = Reply(exc.code, exc.to_json())
        if fault == "timeout":
            reply.fault = "timeout"
        return reply

    def _log(
        self, method: str, path: str, endpoint: str, kind: str, bytes_in: int, reply: Reply, at: float
    ) -> None:
        bytes_out = len(reply.wire()) if reply.fault != "timeout" else 0
        reply.network = self.network.seconds(bytes_in, bytes_out)
        self.log.add(
            LogEntry(
                method=method.upper(),
                path=path,
                endpoint=endpoint,
                kind=kind,
                bytes_in=bytes_in,
                bytes_out=bytes_out,
                status=reply.status,
                fault=reply.fault,
                at=at,
                network=reply.network,
            )
        )

    # ------------------------------------------------------------ handlers

    def _book(self, call: Call) -> Spreadsheet:
        if call.book_id is None:
            raise ApiError(404, "Requested entity was not found.")
        return self.store.get(call.book_id)

    def now(self) -> dt.datetime:
        return _now(self.clock)

    def touch(self, book: Spreadsheet) -> None:
        """Record a change: Drive's modifiedTime follows the emulator clock, its version goes up."""
        book.modified = _now(self.clock)
        book.version += 1

    def _check_access(self, book: Spreadsheet, user: str, drive: bool = False) -> None:
        """A user the spreadsheet was not shared with (see SheetsEmulator.restrict): the Sheets API
        answers 403, Drive answers 404 as for a file that does not exist (it does not say that the
        file exists to someone who may not see it)."""
        if book.allowed_users is not None and user not in book.allowed_users:
            if drive:
                raise ApiError(404, f"File not found: {book.spreadsheet_id}.", drive_reason="notFound")
            raise ApiError(403, "The caller does not have permission")

    def _copy_to(self, book: Spreadsheet, sheet_id: int, body: JSON, user: str) -> JSON:
        dest = self.store.get(str(body.get("destinationSpreadsheetId", "")))
        self._check_access(dest, user)
        source = book.sheet_by_id(sheet_id).clone()
        source.sheet_id = self.store.new_int_id()
        title = f"Copy of {source.title}"
        n = 2
        while dest.sheet_by_title(title) is not None:
            title = f"Copy of {source.title} {n}"
            n += 1
        source.title = title
        source.index = len(dest.sheets)
        source.protected_ranges = []
        dest.sheets.append(source)
        self.touch(dest)
        return source.properties()

    def _dispatch(
        self, call: Call, params: dict[str, Any], body: JSON, user: str = "default"
    ) -> tuple[int, JSON | None]:
        ep = call.endpoint
        if ep.startswith("drive:"):
            if call.book_id and call.book_id in self.store.books:
                self._check_access(self.store.books[call.book_id], user, drive=True)
            return self.drive.handle(call, params, body)
        if ep == "spreadsheets:create":
            return 200, self._create_spreadsheet(body)
        book = self._book(call)
        self._check_access(book, user)
        if ep == "sheets:copyTo":
            return 200, self._copy_to(book, int(call.resource_id or 0), body, user)
        if ep == "spreadsheets:get":
            return 200, resources.spreadsheet_json(book, params)
        if ep == "spreadsheets:getByDataFilter":
            ranges = [f["a1Range"] for f in body.get("dataFilters", []) if "a1Range" in f]
            p = dict(params, ranges=ranges, includeGridData=str(body.get("includeGridData", False)))
            return 200, resources.spreadsheet_json(book, p)
        if ep == "spreadsheets:batchUpdate":
            new_book, out = batch.apply(self.store, book, body, strict=self.strict, user=user)
            self.touch(new_book)
            self.store.books[book.spreadsheet_id] = new_book
            if body.get("includeSpreadsheetInResponse"):
                out["updatedSpreadsheet"] = resources.spreadsheet_json(new_book, {})
            return 200, out
        if ep == "developerMetadata:search":
            return 200, self._search_metadata(book, body)
        if ep == "developerMetadata:get":
            for md in book.developer_metadata:
                if str(md["metadataId"]) == call.resource_id:
                    return 200, md
            raise ApiError(404, f"No developer metadata with ID: {call.resource_id}")
        if ep == "values:batchGetByDataFilter":
            return 200, values_api.batch_get_by_filter(book, body)
        if ep in ("values:get", "values:batchGet"):
            if ep == "values:get":
                return 200, values_api.get(book, call.range_text or "", params)
            return 200, values_api.batch_get(book, list(params.get("ranges") or []), params)
        # value writes are atomic too: work on a copy of the sheets they change, swap it in only on
        # success
        work = book.clone(values_api.written_sheets(book, ep, call.range_text or "", body))
        work.editor = user
        if ep == "values:update":
            out = values_api.update(work, call.range_text or "", params, body)
        elif ep == "values:append":
            out = values_api.append(work, call.range_text or "", params, body)
        elif ep == "values:clear":
            out = values_api.clear(work, call.range_text or "")
        elif ep == "values:batchUpdate":
            out = values_api.batch_update(work, body)
        elif ep == "values:batchClear":
            out = values_api.batch_clear(work, body)
        elif ep == "values:batchUpdateByDataFilter":
            out = values_api.batch_update_by_filter(work, body)
        elif ep == "values:batchClearByDataFilter":
            out = values_api.batch_clear_by_filter(work, body)
        else:  # pragma: no cover - route() only yields known endpoints
            raise ApiError(404, f"Method not found: {ep}")
        limits.check_cells(work, self.strict)  # an append may have grown the grid
        work.editor = None
        self.touch(work)
        self.store.books[book.spreadsheet_id] = work
        return 200, out

    def _search_metadata(self, book: Spreadsheet, body: JSON) -> JSON:
        hits: dict[int, tuple[JSON, list[JSON]]] = {}
        for f in body.get("dataFilters", []):
            for md in batch.candidates(book.developer_metadata, f):
                hits.setdefault(id(md), (md, []))[1].append(f)
        order = {id(md): n for n, md in enumerate(book.developer_metadata)}
        matched = [
            {"developerMetadata": md, "dataFilters": fs}
            for md, fs in sorted(hits.values(), key=lambda h: order[id(h[0])])
        ]
        return {"matchedDeveloperMetadata": matched} if matched else {}

    def create_book(self, title: str) -> Spreadsheet:
        book = new_spreadsheet(self.store.rng, title, _now(self.clock))
        self.store.books[book.spreadsheet_id] = book
        return book

    def _create_spreadsheet(self, body: JSON) -> JSON:
        props = body.get("properties", {})
        book = self.create_book(str(props.get("title", "Untitled spreadsheet")))
        book.locale = props.get("locale", book.locale)
        book.time_zone = props.get("timeZone", book.time_zone)
        sheets = body.get("sheets") or []
        if sheets:
            book.sheets = []
            for i, s in enumerate(sheets):
                p = s.get("properties", {})
                grid = p.get("gridProperties", {})
                book.sheets.append(
                    Sheet(
                        sheet_id=int(p.get("sheetId", 0 if i == 0 else self.store.new_int_id())),
                        title=str(p.get("title", f"Sheet{i + 1}")),
                        index=i,
                        row_count=int(grid.get("rowCount", 1000)),
                        col_count=int(grid.get("columnCount", 26)),
                        frozen_rows=int(grid.get("frozenRowCount", 0)),
                        frozen_cols=int(grid.get("frozenColumnCount", 0)),
                    )
                )
        return resources.spreadsheet_json(book, {})


def _json_body(body: bytes | None) -> JSON:
    if not body:
        return {}
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApiError(400, f"Invalid JSON payload received. {exc}", field="") from exc
    if not isinstance(data, dict):
        raise ApiError(400, "Invalid JSON payload received. Expected an object.", field="")
    return data


def _service_disabled(api: str) -> JSON:
    """Google's answer when the API is not enabled in the caller's Cloud project."""
    host = "sheets.googleapis.com" if api == "sheets" else "drive.googleapis.com"
    name = "Google Sheets API" if api == "sheets" else "Google Drive API"
    project = "123456789012"
    message = (
        f"{name} has not been used in project {project} before or it is disabled. Enable it by visiting "
        f"https://console.developers.google.com/apis/api/{host}/overview?project={project} then retry. "
        "If you enabled this API recently, wait a few minutes for the action to propagate to our "
        "systems and retry."
    )
    return {
        "error": {
            "code": 403,
            "message": message,
            "status": "PERMISSION_DENIED",
            "details": [
                {
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "SERVICE_DISABLED",
                    "domain": "googleapis.com",
                    "metadata": {"service": host, "consumer": f"projects/{project}"},
                }
            ],
        }
    }


def _fault_reply(fault: str) -> Reply:
    code = int(fault) if fault.isdigit() else 500
    messages = {
        429: "Quota exceeded (injected by the emulator).",
        500: "Internal error encountered.",
        502: "Bad Gateway",
        503: "The service is currently unavailable.",
    }
    status = {429: "RESOURCE_EXHAUSTED", 503: "UNAVAILABLE", 500: "INTERNAL"}.get(code, "UNKNOWN")
    return Reply(code, ApiError(code, messages.get(code, "Error"), status).to_json(), fault=fault)


def _dressed(reply: Reply, params: dict[str, Any], headers: dict[str, str]) -> Reply:
    """How the reply goes on the wire, as every Google API does it: compact JSON for the standard
    ``prettyPrint=false`` parameter, gzip when the caller both accepts it and says so in its user
    agent (Google's performance guide: ``Accept-Encoding: gzip`` and ``gzip`` in ``User-Agent``;
    with only the first, as gspread's plain ``python-requests`` agent sends, the recorded replies
    come uncompressed)."""
    reply.compact = str(params.get("prettyPrint", "true")).lower() == "false"
    lowered = {k.lower(): v for k, v in headers.items()}
    accepts = [p.split(";")[0].strip().lower() for p in lowered.get("accept-encoding", "").split(",")]
    reply.gzip = "gzip" in accepts and "gzip" in lowered.get("user-agent", "").lower()
    return reply


def _user(headers: dict[str, str]) -> str:
    """Quota user: an explicit X-Emulator-User header, else the bearer token, else "default"."""
    lowered = {k.lower(): v for k, v in headers.items()}
    if "x-emulator-user" in lowered:
        return lowered["x-emulator-user"]
    auth = lowered.get("authorization", "")
    return auth.split(" ", 1)[-1] if auth else "default"
