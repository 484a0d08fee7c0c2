"""In-memory spreadsheets: sheets with a row-major grid, named and protected ranges, developer metadata."""

from __future__ import annotations

import copy
import datetime as dt
import random
import string
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .a1 import A1Error, Bounds, looks_like_a1, parse_bounds, split_title
from .values import Cell

JSON = dict[str, Any]


class ApiError(Exception):
    """An error answered with Google's envelope {"error": {"code", "message", "status"}}."""

    STATUS: ClassVar[dict[int, str]] = {
        400: "INVALID_ARGUMENT",
        403: "PERMISSION_DENIED",
        404: "NOT_FOUND",
        429: "RESOURCE_EXHAUSTED",
    }

    def __init__(
        self,
        code: int,
        message: str,
        status: str | None = None,
        drive_reason: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status or self.STATUS.get(code, "INTERNAL" if code >= 500 else "FAILED_PRECONDITION")
        self.drive_reason = drive_reason
        # set for request-shape errors, which Google details as a google.rpc.BadRequest field violation
        self.field = field

    def to_json(self) -> JSON:
        if self.drive_reason is not None:
            # Drive v3 still answers with the older envelope: an errors list and no status
            item = {"domain": "global", "reason": self.drive_reason, "message": self.message}
            if self.drive_reason == "notFound":
                item.update({"locationType": "parameter", "location": "fileId"})
            return {"error": {"code": self.code, "message": self.message, "errors": [item]}}
        error: JSON = {"code": self.code, "message": self.message, "status": self.status}
        if self.field is not None:
            violation = (
                {"field": self.field, "description": self.message}
                if self.field
                else {"description": self.message}
            )
            error["details"] = [
                {"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [violation]}
            ]
        return {"error": error}


def bad_request(message: str) -> ApiError:
    return ApiError(400, message)


def _is_default(value: Any) -> bool:
    """Proto3 JSON leaves out fields holding their default (false, 0, "", empty message)."""
    return value is None or value is False or value == 0 or value == "" or value == {}


def _metadata_size(md: JSON) -> tuple[int | None, int]:
    """(sheet id or None, characters of key + value) of one developer metadata entry: what
    Google counts against 30,000 per sheet and per spreadsheet."""
    loc = md.get("location", {})
    if "dimensionRange" in loc:
        sid: int | None = int(loc["dimensionRange"].get("sheetId", 0))
    elif "sheetId" in loc:
        sid = int(loc["sheetId"])
    else:
        sid = None
    return sid, len(str(md.get("metadataKey", ""))) + len(str(md.get("metadataValue", "")))


class MetadataList(list[JSON]):
    """A spreadsheet's developer metadata, in the order created, with an index by metadataId and
    the characters used per sheet, kept up to date by every change (metadata is looked up by id,
    and its size checked, on every row write; ids are unique in a spreadsheet). Entries are never
    changed in place (:func:`own_metadata`): a change replaces the entry."""

    by_id: dict[Any, JSON]
    #: sheet id (None: the spreadsheet itself) -> characters of keys and values
    chars: dict[int | None, int]

    def __init__(self, entries: Iterable[JSON] = ()) -> None:
        super().__init__(entries)
        self._reindex()

    def _reindex(self) -> None:
        self.by_id = {md["metadataId"]: md for md in self}
        self.chars = {}
        for md in self:
            self._count(md, 1)

    def _count(self, md: JSON, sign: int) -> None:
        sid, size = _metadata_size(md)
        self.chars[sid] = self.chars.get(sid, 0) + sign * size

    def with_id(self, mid: Any) -> list[JSON]:
        """The entry whose metadataId is ``mid`` (none or one)."""
        md = self.by_id.get(mid)
        return [] if md is None else [md]

    def copy(self) -> MetadataList:
        out = MetadataList.__new__(MetadataList)
        list.__init__(out, self)
        out.by_id, out.chars = dict(self.by_id), dict(self.chars)
        return out

    def without(self, dropped: Iterable[JSON]) -> MetadataList:
        """A copy without the entries ``dropped`` (entries of this list)."""
        out = self.copy()
        for md in dropped:
            list.__delitem__(out, out.index(md))  # list.index stops at the entry itself
            if out.by_id.get(md["metadataId"]) is md:
                del out.by_id[md["metadataId"]]
            out._count(md, -1)
        return out

    def move_entry(self, n: int, start: int, end: int) -> None:
        """Anchor entry ``n`` to the dimension range [start, end) of its sheet (a copy replaces it:
        entries are shared with the file before a batch)."""
        md = own_metadata(self[n])
        md["location"]["dimensionRange"].update(startIndex=start, endIndex=end)
        self[n] = md

    def append(self, md: JSON) -> None:
        super().append(md)
        self.by_id[md["metadataId"]] = md
        self._count(md, 1)

    def __setitem__(self, key: Any, value: Any) -> None:
        if not isinstance(key, int):
            super().__setitem__(key, value)
            self._reindex()
            return
        old = self[key]
        super().__setitem__(key, value)
        if self.by_id.get(old["metadataId"]) is old:
            del self.by_id[old["metadataId"]]
        self.by_id[value["metadataId"]] = value
        self._count(old, -1)
        self._count(value, 1)

    # every other change of membership: index again (none of them is on a hot path)
    def __delitem__(self, key: Any) -> None:
        super().__delitem__(key)
        self._reindex()

    def __iadd__(self, other: Iterable[JSON]) -> MetadataList:  # type: ignore[override,misc]
        super().__iadd__(other)
        self._reindex()
        return self

    def extend(self, other: Iterable[JSON]) -> None:
        super().extend(other)
        self._reindex()

    def insert(self, index: Any, md: JSON) -> None:
        super().insert(index, md)
        self._reindex()

    def pop(self, index: Any = -1) -> JSON:
        md = super().pop(index)
        self._reindex()
        return md

    def remove(self, md: JSON) -> None:
        super().remove(md)
        self._reindex()

    def clear(self) -> None:
        super().clear()
        self._reindex()


@dataclass
class Sheet:
    """One tab: properties plus a ragged row-major grid that only stores rows up to the last used one."""

    sheet_id: int
    title: str
    index: int
    row_count: int = 1000
    col_count: int = 26
    frozen_rows: int = 0
    frozen_cols: int = 0
    hidden: bool = False
    extra_props: JSON = field(default_factory=dict)
    extra_grid: JSON = field(default_factory=dict)
    rows: list[list[Cell | None]] = field(default_factory=list)
    protected_ranges: list[JSON] = field(default_factory=list)
    merges: list[JSON] = field(default_factory=list)
    basic_filter: JSON | None = None
    # DimensionProperties set by updateDimensionProperties, keyed by index ({"pixelSize", "hiddenByUser"})
    dim_props: dict[str, dict[int, JSON]] = field(default_factory=lambda: {"ROWS": {}, "COLUMNS": {}})
    row_groups: list[JSON] = field(default_factory=list)
    #: ids of the row lists this sheet may change in place; any other row list may be shared with
    #: a copy (see :meth:`clone`) and is copied before its first change
    _owned: set[int] = field(default_factory=set, repr=False, compare=False)

    def clone(self) -> Sheet:
        """Copy cheap enough to take before every batchUpdate: cells are immutable and row lists
        are copied on their first change (copy on write), so the copy shares them until then."""
        other = copy.copy(self)
        other.rows = list(self.rows)
        other._owned = set()
        self._owned = set()  # shared from now on, by both sides
        other.extra_props = copy.deepcopy(self.extra_props)
        other.extra_grid = copy.deepcopy(self.extra_grid)
        other.protected_ranges = copy.deepcopy(self.protected_ranges)
        other.merges = copy.deepcopy(self.merges)
        other.basic_filter = copy.deepcopy(self.basic_filter)
        other.dim_props = {k: {i: dict(p) for i, p in v.items()} for k, v in self.dim_props.items()}
        other.row_groups = copy.deepcopy(self.row_groups)
        return other

    # ------------------------------------------------------------ cells

    def get(self, row: int, col: int) -> Cell | None:
        if row < len(self.rows):
            r = self.rows[row]
            if col < len(r):
                return r[col]
        return None

    def put(self, row: int, col: int, cell: Cell | None) -> None:
        """Store a cell (None clears) and keep the grid ragged but never padded past the last value."""
        if cell is None and self.get(row, col) is None:
            return
        while len(self.rows) <= row:
            self.rows.append([])
        r = self.rows[row]
        if id(r) not in self._owned:
            r = list(r)
            self.rows[row] = r
            self._owned.add(id(r))
        while len(r) <= col:
            r.append(None)
        r[col] = cell

    def write_value(self, row: int, col: int, cell: Cell | None) -> None:
        """A value write: content replaced, the note and formats of the old cell kept (as in the UI)."""
        old = self.get(row, col)
        self.put(row, col, old.with_value(cell) if old is not None else cell)

    def last_row(self) -> int:
        """How many rows down the last non-blank cell is (0 for an empty sheet): looked for from
        the bottom, where it nearly always is at once."""
        for i in range(len(self.rows) - 1, -1, -1):
            if any(c is not None and not c.is_blank for c in self.rows[i]):
                return i + 1
        return 0

    def extent(self) -> tuple[int, int]:
        """(rows, cols) of the smallest top-left rectangle holding every non-blank cell."""
        last_row = 0
        last_col = 0
        for i, r in enumerate(self.rows):
            for j in range(len(r) - 1, -1, -1):
                c = r[j]
                if c is not None and not c.is_blank:
                    last_row = i + 1
                    last_col = max(last_col, j + 1)
                    break
        return last_row, last_col

    def is_filled(self, row: int, col: int) -> bool:
        c = self.get(row, col)
        return c is not None and not c.is_blank

    # ------------------------------------------------------------ dimensions

    def insert_rows(self, start: int, count: int) -> None:
        if start < len(self.rows):
            self.rows[start:start] = [[] for _ in range(count)]
        self.row_count += count

    def delete_rows(self, start: int, end: int) -> None:
        del self.rows[start:end]
        self.row_count -= end - start

    def insert_cols(self, start: int, count: int) -> None:
        self.rows = [[*r[:start], *[None] * count, *r[start:]] if start < len(r) else r for r in self.rows]
        self.col_count += count

    def delete_cols(self, start: int, end: int) -> None:
        self.rows = [[*r[:start], *r[end:]] if start < len(r) else r for r in self.rows]
        self.col_count -= end - start

    def properties(self) -> JSON:
        grid: JSON = {"rowCount": self.row_count, "columnCount": self.col_count}
        if self.frozen_rows:
            grid["frozenRowCount"] = self.frozen_rows
        if self.frozen_cols:
            grid["frozenColumnCount"] = self.frozen_cols
        grid.update({k: v for k, v in self.extra_grid.items() if not _is_default(v)})
        props: JSON = {
            "sheetId": self.sheet_id,
            "title": self.title,
            "index": self.index,
            "sheetType": "GRID",
            "gridProperties": grid,
        }
        if self.hidden:
            props["hidden"] = True
        props.update({k: v for k, v in self.extra_props.items() if not _is_default(v)})
        return props


@dataclass(frozen=True)
class Target:
    """A resolved range: the sheet plus concrete zero-based half-open bounds clipped to the grid."""

    sheet: Sheet
    start_row: int
    end_row: int
    start_col: int
    end_col: int
    raw: Bounds


def _ids(rng: random.Random, length: int = 44) -> str:
    alphabet = string.ascii_letters + string.digits + "-_"
    return "1" + "".join(rng.choice(alphabet) for _ in range(length - 1))


@dataclass
class Spreadsheet:
    """A spreadsheet file: Drive metadata, spreadsheet properties, sheets and spreadsheet-wide objects."""

    spreadsheet_id: str
    title: str
    created: dt.datetime
    modified: dt.datetime
    locale: str = "en_US"
    time_zone: str = "Etc/GMT"
    sheets: list[Sheet] = field(default_factory=list)
    named_ranges: list[JSON] = field(default_factory=list)
    developer_metadata: MetadataList = field(default_factory=MetadataList)
    extra_props: JSON = field(default_factory=dict)
    owner: str = "emulator@thidua.local"
    permissions: list[JSON] = field(default_factory=list)
    # None: everyone may call; a set: only these quota users (X-Emulator-User / bearer token) may
    allowed_users: set[str] | None = None
    #: Drive's ``version``: goes up with every change of the file, whoever made it
    version: int = 1
    #: who is writing right now (the API caller or the person editing), for protected ranges
    editor: str | None = None
    #: Drive: the folders (or shared drive) the file sits in, and the app's private properties
    parents: list[str] = field(default_factory=list)
    app_properties: dict[str, str] = field(default_factory=dict)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "developer_metadata" and not isinstance(value, MetadataList):
            value = MetadataList(value)  # every list of metadata carries its index
        super().__setattr__(name, value)

    def __post_init__(self) -> None:
        if not self.permissions:
            self.permissions = [
                {
                    "kind": "drive#permission",
                    "id": "00000000000000000001",
                    "type": "user",
                    "emailAddress": self.owner,
                    "role": "owner",
                    "displayName": self.owner.split("@")[0],
                    "deleted": False,
                    "pendingOwner": False,
                }
            ]

    def clone(self, sheets: Collection[int] | None = None) -> Spreadsheet:
        """A copy to change and swap in on success; with ``sheets``, only the sheets with those ids
        are copied and the others are shared, so the caller must change no other sheet."""
        other = copy.copy(self)
        other.sheets = [s.clone() if sheets is None or s.sheet_id in sheets else s for s in self.sheets]
        other.named_ranges = copy.deepcopy(self.named_ranges)
        # an entry is never changed in place (a change replaces it: :func:`own_metadata`), so the
        # copy shares the entries
        other.developer_metadata = self.developer_metadata.copy()
        other.extra_props = copy.deepcopy(self.extra_props)
        other.permissions = copy.deepcopy(self.permissions)
        other.allowed_users = None if self.allowed_users is None else set(self.allowed_users)
        other.parents = list(self.parents)
        other.app_properties = dict(self.app_properties)
        return other

    def ordered(self) -> list[Sheet]:
        return sorted(self.sheets, key=lambda s: s.index)

    def reindex(self) -> None:
        for i, s in enumerate(self.ordered()):
            s.index = i

    def sheet_by_id(self, sheet_id: int) -> Sheet:
        for s in self.sheets:
            if s.sheet_id == sheet_id:
                return s
        raise bad_request(f"No grid with id: {sheet_id}")

    def sheet_by_title(self, title: str) -> Sheet | None:
        for s in self.sheets:
            if s.title == title:
                return s
        low = title.lower()
        for s in self.sheets:
            if s.title.lower() == low:
                return s
        return None

    def named_range(self, name: str) -> JSON | None:
        for nr in self.named_ranges:
            if nr["name"].lower() == name.lower():
                return nr
        return None

    # ------------------------------------------------------------ range resolution

    def resolve(self, text: str, *, check_limits: bool = True) -> Target:
        """Resolve an A1 range or named range into a concrete target, failing like Google does."""
        try:
            title, part = split_title(text)
        except A1Error as exc:
            raise bad_request(f"Unable to parse range: {text}") from exc
        sheet: Sheet | None
        if title is None:
            bare = (part or "").strip()
            sheet = self.sheet_by_title(bare)
            if sheet is not None:
                return self._target(sheet, Bounds(None, None, None, None), text, check_limits)
            nr = self.named_range(bare)
            if nr is not None:
                return self._grid_target(nr["range"], text)
            if not looks_like_a1(bare):
                raise bad_request(f"Unable to parse range: {text}")
            sheet = self.ordered()[0]
            return self._target(sheet, parse_bounds(bare), text, check_limits)
        sheet = self.sheet_by_title(title)
        if sheet is None:
            raise bad_request(f"Unable to parse range: {text}")
        if part is None or part == "":
            return self._target(sheet, Bounds(None, None, None, None), text, check_limits)
        try:
            bounds = parse_bounds(part)
        except A1Error as exc:
            nr = self.named_range(part)
            if nr is not None:
                return self._grid_target(nr["range"], text)
            raise bad_request(f"Unable to parse range: {text}") from exc
        return self._target(sheet, bounds, text, check_limits)

    def _target(self, sheet: Sheet, b: Bounds, text: str, check_limits: bool) -> Target:
        sr = b.start_row or 0
        sc = b.start_col or 0
        er = b.end_row if b.end_row is not None else sheet.row_count
        ec = b.end_col if b.end_col is not None else sheet.col_count
        if check_limits and (
            (b.end_row is not None and b.end_row > sheet.row_count)
            or (b.end_col is not None and b.end_col > sheet.col_count)
            or (b.start_row is not None and b.start_row >= sheet.row_count)
            or (b.start_col is not None and b.start_col >= sheet.col_count)
        ):
            raise bad_request(
                f"Range ({text}) exceeds grid limits. Max rows: {sheet.row_count}, "
                f"max columns: {sheet.col_count}"
            )
        return Target(sheet, sr, max(er, sr), sc, max(ec, sc), b)

    def _grid_target(self, gr: JSON, text: str) -> Target:
        sheet = self.sheet_by_id(int(gr.get("sheetId", 0)))
        b = Bounds(
            gr.get("startRowIndex"),
            gr.get("endRowIndex"),
            gr.get("startColumnIndex"),
            gr.get("endColumnIndex"),
        )
        return self._target(sheet, b, text, False)

    def grid_target(self, gr: JSON) -> Target:
        """Resolve a GridRange object (absent indices mean unbounded)."""
        return self._grid_target(gr, str(gr))


def own_metadata(md: JSON) -> JSON:
    """A copy of one developer metadata entry deep enough to change (its location): entries are
    shared between a spreadsheet and the copy a batch works on, so a change replaces the entry."""
    out = dict(md)
    loc = dict(md.get("location", {}))
    if "dimensionRange" in loc:
        loc["dimensionRange"] = dict(loc["dimensionRange"])
    out["location"] = loc
    return out


def new_spreadsheet(rng: random.Random, title: str, now: dt.datetime) -> Spreadsheet:
    """A fresh spreadsheet as Drive creates it: one 1000x26 sheet called Sheet1 with sheetId 0."""
    book = Spreadsheet(_ids(rng), title, now, now)
    book.sheets.append(Sheet(sheet_id=0, title="Sheet1", index=0))
    return book


class Store:
    """Every spreadsheet the emulator knows, keyed by id, plus the deterministic id generator."""

    def __init__(self, seed: int | None = None) -> None:
        self.books: dict[str, Spreadsheet] = {}
        self.rng = random.Random(seed)
        self.trashed: set[str] = set()

    def new_id(self) -> str:
        return _ids(self.rng)

    def new_int_id(self) -> int:
        return self.rng.randint(1, 2**31 - 1)

    def get(self, spreadsheet_id: str) -> Spreadsheet:
        book = self.books.get(spreadsheet_id)
        if book is None:
            raise ApiError(404, "Requested entity was not found.")
        return book
