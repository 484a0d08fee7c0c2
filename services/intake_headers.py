"""Find the form's columns in an officer's own sheet: the header row under a title block, headers
matched by name with the usual variants, extra columns (STT, Ghi chú...) set aside.

Officers paste last year's list: a title ("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2024", "(Kèm theo
Tờ trình số ...)") above the table, "Họ tên" or "Họ và tên" for our "Họ và tên / Tên tập thể",
an "STT" column first and a "Ghi chú" column last, sometimes a row "(1) (2) (3)" numbering the
columns under the header. :func:`find_header` looks at the first rows for the one naming most of
the form's columns (or two rows together, for a two-level header) and maps each column to a field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.text import clean, fold
from schemas.choices import choice_key
from schemas.registry import spec as tab_spec

#: What officers call our columns, besides the schema's labels (vi, en) and the field name.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "subject_kind": (
        "Đối tượng",
        "Cá nhân/Tập thể",
        "CN/TT",
        "Loại đối tượng",
        "Đối tượng khen thưởng",
        "Đối tượng đề nghị",
    ),
    "full_name": (
        "Họ và tên",
        "Họ tên",
        "Họ và tên / Tên tập thể",
        "Tên tập thể",
        "Tên cá nhân, tập thể",
        "Tên cá nhân/tập thể",
        "Họ tên cá nhân/tập thể",
        "Họ và tên cá nhân",
        "Họ và tên người được đề nghị",
        "Name",
    ),
    "position": (
        "Chức vụ",
        "Chức danh",
        "Chức vụ, đơn vị công tác",
        "Chức vụ/Đơn vị",
        "Chức vụ, nghề nghiệp",
        "Nghề nghiệp, chức vụ",
        "Chức vụ công tác",
    ),
    "award_code": (
        "Danh hiệu",
        "Hình thức",
        "Danh hiệu / hình thức",
        "Hình thức khen thưởng",
        "Danh hiệu thi đua",
        "Danh hiệu đề nghị",
        "Danh hiệu, hình thức khen thưởng",
        "Hình thức khen thưởng đề nghị",
        "Đề nghị khen thưởng",
        "Danh hiệu/Hình thức đề nghị",
        "Award",
    ),
    "achievement": (
        "Thành tích",
        "Tóm tắt thành tích",
        "Thành tích đạt được",
        "Thành tích nổi bật",
        "Nội dung thành tích",
        "Tóm tắt thành tích nổi bật",
    ),
    "criterion_path": ("Tiêu chuẩn Bằng khen", "Tiêu chuẩn"),
    "year": ("Năm", "Năm thành tích", "Năm đề nghị"),
    "name_vi": (
        "Tên công trình",
        "Tên công trình, sản phẩm",
        "Tên công trình, sản phẩm, phần việc",
        "Tên công trình/sản phẩm/phần việc",
        "Công trình, sản phẩm",
    ),
    "work_type": ("Loại", "Loại công trình", "Loại công trình, sản phẩm"),
    "level": ("Cấp", "Cấp công trình"),
    "implementing_org": ("Đơn vị thực hiện", "Đơn vị thi công", "Đơn vị chủ trì"),
    "planned_completion": ("Dự kiến hoàn thành", "Thời gian hoàn thành", "Ngày hoàn thành dự kiến"),
    "value_vnd": ("Giá trị", "Giá trị (đồng)", "Giá trị công trình", "Tổng giá trị", "Kinh phí"),
    "title_vi": ("Tên sáng kiến", "Sáng kiến", "Tên sáng kiến, giải pháp"),
    "authors": ("Tác giả", "Tác giả sáng kiến", "Đồng tác giả", "Tác giả, đồng tác giả"),
    "field": ("Lĩnh vực", "Lĩnh vực áp dụng"),
    "first_applied_on": (
        "Ngày áp dụng",
        "Ngày áp dụng lần đầu",
        "Thời gian áp dụng",
        "Ngày áp dụng đầu tiên",
    ),
    "benefit_vnd": ("Giá trị làm lợi", "Số tiền làm lợi", "Hiệu quả (đồng)", "Giá trị làm lợi (đồng)"),
    "influence_scope": ("Phạm vi ảnh hưởng", "Phạm vi áp dụng", "Phạm vi"),
}

#: Rows looked at for the header (a title block is a few rows; a whole instructions page is not).
HEADER_SCAN_ROWS = 30
#: An alias shorter than this (in letters) matches a header only exactly, never as its beginning.
PREFIX_MIN = 5
#: A header at least this long (in letters) that begins one field's name, and no other's, names it.
SHORTENED_MIN = 8
_LABEL_PARTS = re.compile(r"\s*[,/;]\s*|\s+-\s+")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\*")
_COLUMN_NUMBER = re.compile(r"\(?\s*\d{1,2}\s*\)?|\(?[a-zA-Z]\)?")


def header_key(value: Any) -> str:
    """A header as compared: no diacritics, case, spaces or punctuation."""
    return choice_key(value)


def _short_key(value: Any) -> str:
    """The header without what brackets hold or required-marks ("Họ và tên (*)" → "hovaten")."""
    return choice_key(_BRACKETS.sub(" ", clean(value)))


@dataclass(frozen=True)
class Header:
    """Where the header of one sheet is and what its columns hold."""

    row: int  # 1-based number of the (last) header row
    columns: Mapping[str, int]  # field -> 0-based column
    extras: Mapping[int, str]  # 0-based column -> the officer's header, for columns not ours
    found: tuple[str, ...] = field(default_factory=tuple)  # every non-empty header, as written


class HeaderIndex:
    """The form's fields, and every name that stands for each of them."""

    def __init__(
        self, tab: str, fields: Sequence[str], extra_names: Mapping[str, Iterable[str]] | None = None
    ) -> None:
        s = tab_spec(tab)
        self.fields = list(fields)
        self.exact: dict[str, str] = {}
        self.prefixes: list[tuple[str, str]] = []
        primary: dict[str, set[str]] = {}
        parts: dict[str, set[str]] = {}
        for f in self.fields:
            names = {f, s.label(f, "vi"), s.label(f, "en"), *HEADER_ALIASES.get(f, ())}
            names |= set(s.header_names(f))  # a form's own field: its YAML ``headers``
            primary[f] = names | set((extra_names or {}).get(f, ()))
            if s.field_type(f):  # each part of a two-part label ("Doanh nghiệp, nơi làm việc")
                parts[f] = {p for lang in ("vi", "en") for p in _LABEL_PARTS.split(s.label(f, lang)) if p}
        for names_of in (primary, parts):  # a part never takes a name another field is known by
            for f in self.fields:
                for name in names_of.get(f, ()):
                    for key in {header_key(name), _short_key(name)}:
                        if key and key not in self.exact:
                            self.exact[key] = f
                            if len(key) >= PREFIX_MIN:
                                self.prefixes.append((key, f))
        self.prefixes.sort(key=lambda kv: len(kv[0]), reverse=True)

    def field_of(self, header: Any) -> str | None:
        """The field a header names: by its whole name, its name without brackets, or (for
        longer names) its beginning ("Họ và tên người lao động" → full_name)."""
        if header is None or not clean(header):
            return None
        for key in (header_key(header), _short_key(header)):
            if key in self.exact:
                return self.exact[key]
        key = _short_key(header) or header_key(header)
        for alias, f in self.prefixes:
            if key.startswith(alias):
                return f
        if len(key) >= SHORTENED_MIN:  # a name cut short ("Đã dự hội thi" for "Đã dự hội thi các năm")
            cut = {f for alias, f in self.prefixes if alias.startswith(key)}
            if len(cut) == 1:
                return cut.pop()
        return None

    def map_row(self, cells: Sequence[Any], ignored: set[str]) -> tuple[dict[str, int], dict[int, str]]:
        """field -> column for the cells of one header row, and the other non-empty columns."""
        columns: dict[str, int] = {}
        extras: dict[int, str] = {}
        for j, h in enumerate(cells):
            text = clean(h) if h is not None else ""
            if not text or header_key(text) in ignored:
                continue
            f = self.field_of(text)
            if f is not None and f not in columns:
                columns[f] = j
            else:
                extras[j] = text
        return columns, extras


def _merged(upper: Sequence[Any], lower: Sequence[Any]) -> list[Any]:
    """Two header rows read as one: the lower cell where it has text, else the upper one."""
    width = max(len(upper), len(lower))
    out = []
    for j in range(width):
        low = lower[j] if j < len(lower) else None
        up = upper[j] if j < len(upper) else None
        out.append(low if low is not None and clean(low) else up)
    return out


def find_header(
    rows: Sequence[Sequence[Any]], index: HeaderIndex, ignored: set[str], required: Sequence[str]
) -> Header | None:
    """The header among the first rows of a sheet: the row (or two rows read together) naming the
    most of the form's fields, at least two of them (one when the form has one field). ``rows``
    are the sheet's first rows, ``rows[0]`` being row 1."""
    best: tuple[tuple[int, int, int], Header] | None = None
    need = min(2, len(index.fields))
    for r, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        candidates = [(r, cells)]
        if r + 1 < len(rows):
            candidates.append((r + 1, _merged(cells, rows[r + 1])))
        for last, merged in candidates:
            columns, extras = index.map_row(merged, ignored)
            if len(columns) < need:
                continue
            has_required = sum(1 for f in required if f in columns)
            # most required fields, then most fields, then the earliest single row
            score = (has_required, len(columns), -(last - r) - r)
            if best is None or score > best[0]:
                found = tuple(clean(c) for c in merged if c is not None and clean(c))
                best = (score, Header(last + 1, columns, extras, found))
    return None if best is None else best[1]


def is_column_numbering(cells: Sequence[Any]) -> bool:
    """A row "(1) (2) (3) ..." or "1 2 3 ..." numbering the columns under a header."""
    texts = [clean(c) for c in cells if c is not None and clean(c)]
    return len(texts) >= 3 and all(_COLUMN_NUMBER.fullmatch(t) for t in texts)


#: How a total row's cell starts, without diacritics ("Tổng cộng", "Cộng:", "Total").
_TOTAL_STARTS = frozenset({"tong", "cong", "tota"})
_TOTAL = re.compile(r"(tong cong|tong so|tong|cong|total)\b[\s:.\-]*(\d[\d.,]*\s*[a-z ]*)?")


def total_marker(cells: Sequence[Any]) -> str | None:
    """The text of a "Tổng cộng" / "Cộng: 25 người" cell when the row is a total row."""
    for c in cells:
        # only cells starting like "Tổng", "Cộng" or "Total" are folded (a row costs nothing else)
        if isinstance(c, str) and fold(c.lstrip()[:4]) in _TOTAL_STARTS and _TOTAL.fullmatch(fold(c)):
            return clean(c)
    return None
