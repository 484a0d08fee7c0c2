"""Excel/CSV round trip for one campaign form (pure: bytes in, bytes or rows out; openpyxl only).

* :func:`template` builds the "Tải mẫu Excel" workbook from the schema and the form's fields:
  Vietnamese headers, dropdown lists, date and number formats, a frozen header, a "Hướng dẫn"
  sheet, and a hidden key sheet naming the campaign, the form and each column's field, so a
  renamed header or a file made for another form is recognised.
* :func:`read_upload` turns an uploaded .xlsx or .csv into raw rows keyed by field name, or
  raises :class:`UploadRejected` with a vi/en message. It never lets another exception out.
* :func:`rejected_rows_xlsx` gives back only the rows that were not imported, in the same
  template, with an error column, so the officer fixes those and uploads them again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from core.errors import FieldError, ThiduaError
from core.legacy import has_legacy_characters, suspicious_words, to_unicode, unicode_cells
from core.text import clean
from i18n import label as pick_label
from i18n import t
from schemas.choices import Choices
from schemas.columns import shown, typed_number
from schemas.registry import spec as tab_spec
from schemas.validate import column_choices
from services.intake_headers import (
    HEADER_SCAN_ROWS,
    Header,
    HeaderIndex,
    find_header,
    header_key,
    is_column_numbering,
    total_marker,
)
from workflows.spec import CampaignSpec, FormSpec

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: An .xlsx is a zip: refuse archives that unpack to more than this (zip bombs).
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
#: Data rows one upload may hold (all sheets together); a file with more is refused as soon as
#: the reader passes this many, so a 300,000-row file costs a few seconds, not minutes.
MAX_UPLOAD_ROWS = 30_000
#: Rows the template prepares (validation lists and formats reach this far).
TEMPLATE_ROWS = 10_000
TEMPLATE_MARK = "thidua-template"
TEMPLATE_VERSION = "2"
DATA_SHEET = "Dữ liệu"
HELP_SHEET = "Hướng dẫn"
KEY_SHEET = "_thidua"
LIST_SHEET = "_danh_muc"
DATE_FORMAT = "DD/MM/YYYY"
MONEY_FORMAT = "#,##0"

#: Characters of TCVN3 text that no name in a European language has (so not "Müller", "José").
_TCVN3_SYMBOLS = re.compile("[¡¢£¤¥¦§¨©ª«¬®µ¶·¸¹»¼½¾×÷Þþ]")

_HEADER_FILL = PatternFill("solid", fgColor="FFDDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FFFCE4D6")
_ERROR_FILL = PatternFill("solid", fgColor="FFFFC7CE")
_EXTRA_FILL = PatternFill("solid", fgColor="FFEDEDED")


class UploadRejected(ThiduaError):
    """The uploaded file cannot be read as this form's rows; the message says why and what to do."""

    code = "intake.not_spreadsheet"


@dataclass(frozen=True)
class Upload:
    """Rows read from a file: raw cells keyed by field, with where each row is in the file.

    A row is known by its sheet (``sheet_of``; "" unless several sheets were read) and its row
    number in that sheet, as the officer sees it. ``notes`` holds what reading found besides the
    rows: cells converted from a legacy encoding (warnings), total rows and sheets skipped (notes).
    """

    filename: str
    campaign_id: str
    form: str
    tab: str
    fields: tuple[str, ...]
    rows: list[dict[str, Any]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    from_template: bool = False
    #: per row, the sheet it came from ([] when one sheet was read)
    sheets: list[str] = field(default_factory=list)
    #: per row, the "Dòng gốc" of a rejected-rows file uploaded again ([] when there is none)
    origins: list[str] = field(default_factory=list)
    #: per row, the officer's own columns (header -> cell), kept for the file given back
    extras: list[dict[str, Any]] = field(default_factory=list)
    extra_headers: tuple[str, ...] = ()
    notes: list[FieldError] = field(default_factory=list)
    sheet_names: tuple[str, ...] = ()

    def sheet_of(self, i: int) -> str:
        return self.sheets[i] if self.sheets else ""

    def origin_of(self, i: int) -> str:
        return self.origins[i] if self.origins else ""

    def ref(self, i: int) -> tuple[str, int]:
        """Where row ``i`` is: (sheet, row number)."""
        return self.sheet_of(i), self.row_numbers[i]


# ---------------------------------------------------------------------------------------- template


def _form(campaign: CampaignSpec, form: str) -> FormSpec:
    try:
        return campaign.forms[form]
    except KeyError:
        raise UploadRejected("campaign.unknown_form", form=form, campaign=campaign.id) from None


def _fields(f: FormSpec) -> list[str]:
    return [fs.name for fs in f.fields]


def _allowed(f: FormSpec, column: str) -> tuple[str, ...] | None:
    if column == "award_code" and f.awards:
        return f.awards
    found = column_choices(f.tab, column)
    return found.codes if found is not None and column != "award_code" else None


def _choice_labels(
    f: FormSpec, column: str, lang: str, catalogue: Mapping[str, Mapping[str, Any]] | None
) -> list[str] | None:
    """What a coded column's dropdown offers: the labels of its codes (the codes stay inside)."""
    allowed = _allowed(f, column)
    if not allowed:
        return None
    coded: Choices | None = column_choices(f.tab, column, catalogue)
    return [coded.label(code, lang) if coded is not None else code for code in allowed]


def _dropdown(
    f: FormSpec, column: str, lang: str, catalogue: Mapping[str, Mapping[str, Any]] | None = None
) -> tuple[str, ...] | None:
    """What a template's dropdown offers: a declared choice's labels (the import reads a label or a
    code), Có/Không for a yes/no field, no list for a multi-choice (several values in one cell)."""
    s = tab_spec(f.tab)
    ftype = s.field_type(column)
    if ftype == "multi_choice":
        return None
    if ftype == "yes_no":
        return (t("ui.yes", lang), t("ui.no", lang))
    if s.options(column):
        return tuple(s.option_label(column, code, lang) or code for code in s.options(column))
    labels = _choice_labels(f, column, lang, catalogue)
    return tuple(labels) if labels else None


def error_column_labels() -> set[str]:
    """Headers of the error and "Dòng gốc" columns in both languages, as compared (a rejected-rows
    file read back: the errors are ignored, the original rows kept apart)."""
    return {
        header_key(t(key, lang))
        for key in ("intake.error_column", "intake.original_row_header")
        for lang in ("vi", "en")
    }


def template(
    campaign: CampaignSpec,
    form: str,
    lang: str = "vi",
    *,
    catalogue: Mapping[str, Mapping[str, Any]] | None = None,
) -> bytes:
    """The Excel template of ``form``: headers, dropdowns, formats, instructions, hidden keys."""
    wb = _template_book(campaign, form, lang, catalogue)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _template_book(
    campaign: CampaignSpec, form: str, lang: str, catalogue: Mapping[str, Mapping[str, Any]] | None
) -> openpyxl.Workbook:
    f = _form(campaign, form)
    s = tab_spec(f.tab)
    fields = _fields(f)
    required = {fs.name for fs in f.fields if fs.required}
    wb = openpyxl.Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = DATA_SHEET
    lists = wb.create_sheet(LIST_SHEET)
    lists.sheet_state = "hidden"
    keys = wb.create_sheet(KEY_SHEET)
    keys.sheet_state = "hidden"
    keys.append([TEMPLATE_MARK, TEMPLATE_VERSION])
    keys.append(["campaign", campaign.id])
    keys.append(["form", form])
    keys.append(["tab", f.tab])
    keys.append(["lang", lang])
    keys.append(["field", "header", "column"])
    list_col = 0
    last = TEMPLATE_ROWS + 1
    for j, name in enumerate(fields, 1):
        letter = get_column_letter(j)
        header = s.label(name, lang)
        keys.append([name, header, j])
        cell = ws.cell(row=1, column=j, value=header)
        cell.font = Font(bold=True)
        cell.fill = _REQUIRED_FILL if name in required else _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        tip = s.help(name, lang)
        if tip:
            cell.comment = Comment(tip, "thidua")
        kind = s.kind(name)
        width = 14 if kind in ("date", "int", "money") else 28
        if name in ("achievement", "full_name", "name_vi", "title_vi"):
            width = 40
        ws.column_dimensions[letter].width = width
        fmt = {"date": DATE_FORMAT, "money": MONEY_FORMAT, "int": "0"}.get(kind, "@")
        for r in range(2, 202):  # formats for the first rows; Excel extends them as people type
            ws.cell(row=r, column=j).number_format = fmt
        allowed = _dropdown(f, name, lang, catalogue)
        if allowed:
            list_col += 1
            ll = get_column_letter(list_col)
            for i, v in enumerate(allowed, 1):
                lists.cell(row=i, column=list_col, value=v)
            dv = DataValidation(
                type="list",
                formula1=f"'{LIST_SHEET}'!${ll}$1:${ll}${len(allowed)}",
                allow_blank=name not in required,
                showErrorMessage=True,
                errorTitle=t("intake.dv_error_title", lang),
                error=t("intake.dv_error", lang, column=header),
            )
            dv.add(f"{letter}2:{letter}{last}")
            ws.add_data_validation(dv)
        elif kind in ("int", "money"):
            dv = DataValidation(
                type="whole",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=t("intake.dv_error_title", lang),
                error=t("intake.dv_number", lang, column=header),
            )
            dv.add(f"{letter}2:{letter}{last}")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 32
    _instructions(wb.create_sheet(HELP_SHEET, 1), campaign, f, lang, catalogue)
    wb.active = 0
    return wb


def _instructions(
    ws: Worksheet,
    campaign: CampaignSpec,
    f: FormSpec,
    lang: str,
    catalogue: Mapping[str, Mapping[str, Any]] | None,
) -> None:
    s = tab_spec(f.tab)
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 90
    ws.append([t("intake.help.title", lang, form=pick_label(f.label, lang))])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([pick_label(campaign.name, lang)])
    ws.append(
        [
            t(
                "intake.help.period",
                lang,
                opens=f"{campaign.opens:%d/%m/%Y}",
                closes=f"{campaign.closes:%d/%m/%Y}",
            )
        ]
    )
    ws.append([])
    for key in ("intake.help.step1", "intake.help.step2", "intake.help.step3", "intake.help.step4"):
        ws.append([t(key, lang, sheet=DATA_SHEET, max_mb=MAX_UPLOAD_BYTES // (1024 * 1024))])
    ws.append([])
    ws.append(
        [
            t("intake.help.col_header", lang),
            t("intake.help.col_required", lang),
            t("intake.help.col_how", lang),
        ]
    )
    for c in ws[ws.max_row]:
        c.font = Font(bold=True)
    for fs in f.fields:
        kind = s.kind(fs.name)
        how = [s.help(fs.name, lang) or t(f"intake.kind.{kind}", lang)]
        options = s.options(fs.name)
        allowed = (
            [s.option_label(fs.name, code, lang) or code for code in options]
            if options
            else _choice_labels(f, fs.name, lang, catalogue)
        )
        if allowed:
            how.append(t("intake.help.choose", lang, allowed="; ".join(allowed)))
            if s.field_type(fs.name) == "multi_choice":
                how.append(t("intake.help.several", lang))
        ws.append(
            [
                s.label(fs.name, lang),
                t("intake.help.yes" if fs.required else "intake.help.no", lang),
                " ".join(h for h in how if h),
            ]
        )
        ws.cell(row=ws.max_row, column=3).alignment = Alignment(wrap_text=True, vertical="top")
    if f.fixed:
        ws.append([])
        fixed = ", ".join(f"{s.label(k, lang)} = {v}" for k, v in f.fixed.items() if k in s.schema.columns)
        ws.append([t("intake.help.fixed", lang, fixed=fixed)])


def fill(template_bytes: bytes, rows: Sequence[Mapping[str, Any]], *, start_row: int = 2) -> bytes:
    """Write ``rows`` (field -> value) into a template's data sheet, typed as Excel cells."""
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes))
    meta = _key_meta(wb[KEY_SHEET].iter_rows(values_only=True))
    ws = wb[DATA_SHEET]
    tab = meta["tab"]
    s = tab_spec(tab)
    for i, row in enumerate(rows):
        for name, col in meta["columns"].items():
            _put(ws, start_row + i, col, _excel_value(s.kind(name), row.get(name)))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _excel_value(kind: str, value: Any) -> Any:
    """A cell value for openpyxl: ISO dates become dates, text loses XML-illegal characters."""
    if value is None or value == "":
        return None
    if kind == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, bool | int | float | dt.date):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _put(ws: Worksheet, row: int, column: int, value: Any) -> Any:
    """Write ``value``; text that looks like a formula ("=SUM(...)") stays text (no injection)."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


# ---------------------------------------------------------------------------------------- reading


def read_upload(
    filename: str,
    data: bytes,
    *,
    campaign: CampaignSpec | None = None,
    form: str | None = None,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_rows: int = MAX_UPLOAD_ROWS,
    lang: str = "vi",
) -> Upload:
    """Rows of an uploaded .xlsx or .csv for ``campaign``/``form`` (or the form its template names).

    Reads every visible sheet that has the form's columns (the header row may sit under a title
    block; headers are matched by name), converts legacy-encoded cells to Unicode (each with a
    warning), skips total rows (with a note) and keeps the officer's other columns for the file
    given back. Raises :class:`UploadRejected` for anything that is not this form's rows: too
    large, too many rows, macros, not a spreadsheet, another form's template, missing columns.
    """
    try:
        return _read(filename, data, campaign, form, max_bytes, max_rows, lang)
    except UploadRejected:
        raise
    except Exception as exc:  # never crash on a file: every failure is a message
        raise UploadRejected("intake.not_spreadsheet", filename=filename, detail=type(exc).__name__) from exc


def _read(
    filename: str,
    data: bytes,
    campaign: CampaignSpec | None,
    form: str | None,
    max_bytes: int,
    max_rows: int,
    lang: str,
) -> Upload:
    name = PurePath(filename or "").name
    ext = PurePath(name).suffix.casefold()
    if not data:
        raise UploadRejected("intake.empty_file", filename=name)
    if len(data) > max_bytes:
        raise UploadRejected(
            "intake.too_large",
            filename=name,
            size_mb=f"{len(data) / 1024 / 1024:.1f}",
            max_mb=max_bytes // (1024 * 1024),
        )
    if ext in (".xlsm", ".xltm", ".xlsb", ".xlam"):
        raise UploadRejected("intake.macro", filename=name)
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(name, data, campaign, form, max_rows, lang)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or ext == ".xls":
        raise UploadRejected("intake.old_excel", filename=name)
    if ext in (".csv", ".txt", ".tsv", ""):
        return _read_csv(name, data, campaign, form, max_rows, lang)
    raise UploadRejected("intake.not_spreadsheet", filename=name, detail=ext or "?")


def _read_xlsx(
    name: str, data: bytes, campaign: CampaignSpec | None, form: str | None, max_rows: int, lang: str
) -> Upload:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UploadRejected("intake.not_spreadsheet", filename=name, detail="zip") from None
    names = {i.filename for i in infos}
    if any(n.casefold().endswith("vbaproject.bin") for n in names):
        raise UploadRejected("intake.macro", filename=name)
    if "xl/workbook.xml" not in names:
        raise UploadRejected("intake.not_spreadsheet", filename=name, detail="zip")
    if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise UploadRejected(
            "intake.too_large",
            filename=name,
            size_mb=f"{sum(i.file_size for i in infos) / 1024 / 1024:.0f}",
            max_mb=MAX_UNPACKED_BYTES // (1024 * 1024),
        )
    # python-calamine (Rust) reads every cell the sheet holds, whatever its stored <dimension>
    # says (a tool wrote 300 rows and said 200: all 300 are read), ten times faster than openpyxl
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    titles = list(book.sheet_names)
    meta = _key_meta(_sheet_rows(book, KEY_SHEET)) if KEY_SHEET in titles else None
    sheets: list[tuple[str, Iterable[Sequence[Any]]]] = []
    hidden: list[str] = []
    for info in book.sheets_metadata:
        title = str(info.name)
        if title in (KEY_SHEET, LIST_SHEET) or (meta is not None and title == HELP_SHEET):
            continue  # the template's own sheets
        if info.typ != SheetTypeEnum.WorkSheet:
            continue
        if info.visible != SheetVisibleEnum.Visible:
            hidden.append(title)
            continue
        sheets.append((title, _sheet_rows(book, title)))
    if meta is not None and DATA_SHEET in [t for t, _ in sheets]:
        sheets.sort(key=lambda ts: ts[0] != DATA_SHEET)  # the template's data sheet first
    return _rows_from_sheets(name, sheets, campaign, form, meta, max_rows, hidden, lang)


def _sheet_rows(book: Any, title: str) -> Iterator[list[Any]]:
    """The rows of a sheet from row 1 and column A (empty cells as ""), one at a time."""
    sheet = book.get_sheet_by_name(title)
    pad: list[Any] = [None] * int(sheet.start[1]) if sheet.start else []
    for row in sheet.iter_rows():
        cells = [None if v == "" else v for v in row]  # an empty cell reads as None, as from a CSV gap
        yield pad + cells if pad else cells


def _key_meta(key_rows: Iterable[Sequence[Any]]) -> dict[str, Any]:
    """The hidden key sheet's rows: campaign, form, tab, and each field's header and column."""
    rows = [[None if v == "" else v for v in r] for r in key_rows]
    if not rows or not rows[0] or rows[0][0] != TEMPLATE_MARK:
        return {"campaign": "", "form": "", "tab": "", "columns": {}, "headers": {}}
    info = {str(r[0]): str(r[1] or "") for r in rows[1:5] if r and r[0]}
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    for r in rows[6:]:
        if r and r[0] and len(r) >= 3 and r[2] is not None:
            columns[str(r[0])] = int(float(r[2]))
            headers[str(r[0])] = str(r[1] or "")
    return {
        "campaign": info.get("campaign", ""),
        "form": info.get("form", ""),
        "tab": info.get("tab", ""),
        "columns": columns,
        "headers": headers,
    }


def _decode_csv(name: str, data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise UploadRejected("intake.not_spreadsheet", filename=name, detail="binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        vietnamese = data.decode("cp1258")  # Windows Vietnamese ("CSV (Comma delimited)" from old Excel)
    except UnicodeDecodeError:
        raise UploadRejected("intake.bad_encoding", filename=name) from None
    # ... unless the bytes are TCVN3/VNI text (.VnTime, VNI-Times), which those fonts show through
    # the Western code page: read that way, its cells are then converted one by one
    western = data.decode("cp1252", errors="ignore")
    sample_v, sample_w = vietnamese[:65536], western[:65536]
    fixed = "\n".join((to_unicode(line) or (line, ""))[0] for line in sample_w.splitlines())
    if len(suspicious_words(fixed)) < len(suspicious_words(sample_v)):
        return western
    return vietnamese


def _read_csv(
    name: str, data: bytes, campaign: CampaignSpec | None, form: str | None, max_rows: int, lang: str
) -> Upload:
    text = _decode_csv(name, data)
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    grid = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return _rows_from_sheets(name, [("", grid)], campaign, form, None, max_rows, [], lang)


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _unicode_headers(rows: list[Sequence[Any]]) -> list[list[Any]]:
    """The first rows with legacy-encoded text converted (headers typed in .VnTime are found)."""
    out = []
    for cells in rows:
        fixed = list(cells)
        for j, v in enumerate(fixed):
            if isinstance(v, str) and not v.isascii():
                found = to_unicode(v)
                if found is not None:
                    fixed[j] = found[0]
        out.append(fixed)
    return out


@dataclass
class _Sheet:
    """What one sheet gave: its rows (raw cells by field), their numbers and the extra cells."""

    title: str
    header: Header
    rows: list[dict[str, Any]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    extras: list[dict[str, Any]] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    totals: list[tuple[int, str]] = field(default_factory=list)


def _rows_from_sheets(
    name: str,
    sheets: Sequence[tuple[str, Iterable[Sequence[Any]]]],
    campaign: CampaignSpec | None,
    form: str | None,
    meta: Mapping[str, Any] | None,
    max_rows: int,
    hidden: Sequence[str],
    lang: str,
) -> Upload:
    from_template = bool(meta and meta.get("campaign"))
    if (
        meta
        and from_template
        and campaign is not None
        and (meta["campaign"] != campaign.id or (form and meta["form"] != form))
    ):
        raise UploadRejected(
            "intake.wrong_template",
            filename=name,
            found=f"{meta['campaign']} / {meta['form']}",
            expected=f"{campaign.id} / {form or '?'}",
        )
    if campaign is None:
        raise UploadRejected("intake.no_form", filename=name)
    form_name = form or (str(meta["form"]) if meta else "")
    f = _form(campaign, form_name)
    s = tab_spec(f.tab)
    fields = _fields(f)
    required = [fs.name for fs in f.fields if fs.required]
    extra_names = {fn: [h] for fn, h in (meta or {}).get("headers", {}).items() if fn in fields and h}
    index = HeaderIndex(f.tab, fields, extra_names)
    dated = [fn for fn in fields if s.kind(fn) == "date"]
    origin_keys = {header_key(t("intake.original_row_header", lang)) for lang in ("vi", "en")}
    error_keys = error_column_labels() - origin_keys
    read: list[_Sheet] = []
    skipped: list[tuple[str, str, dict[str, Any]]] = []  # (sheet, reason key, params)
    best_partial: tuple[str, Header, list[Sequence[Any]]] | None = None
    total = 0
    any_content = False
    for title, grid in sheets:
        it: Iterator[Sequence[Any]] = iter(grid)
        head: list[Sequence[Any]] = []
        for cells in it:
            head.append(cells)
            if len(head) > HEADER_SCAN_ROWS:
                break
        if any(not _blank(v) for cells in head for v in cells):
            any_content = True
        header = find_header(_unicode_headers(head), index, error_keys, required)
        if header is None:
            if any(not _blank(v) for cells in head for v in cells):
                skipped.append((title, "intake.sheet_reason.no_headers", {"needed": _labels(s, required)}))
            continue
        missing = [fn for fn in required if fn not in header.columns]
        if missing:
            if best_partial is None or len(header.columns) > len(best_partial[1].columns):
                best_partial = (title, header, head)
            skipped.append((title, "intake.sheet_reason.missing", {"missing": _labels(s, missing)}))
            continue
        sheet = _Sheet(title, header)
        origin_col = next((j for j, h in header.extras.items() if header_key(h) in origin_keys), None)
        extra_cols = {
            j: h for j, h in header.extras.items() if j != origin_col and header_key(h) not in error_keys
        }
        header_cells = {
            fn: head[header.row - 1][j] for fn, j in header.columns.items() if j < len(head[header.row - 1])
        }
        rest = head[header.row :]
        for r, values in enumerate(itertools.chain(rest, it), header.row + 1):
            row = {fn: (values[j] if j < len(values) else None) for fn, j in header.columns.items()}
            for fn in dated:
                if fn in row:  # Excel showed "2024" typed in a date column as 16/07/1905: keep 2024
                    row[fn] = typed_number(row[fn])
            if all(_blank(v) for v in row.values()):
                continue
            if r == header.row + 1 and is_column_numbering(values):
                continue  # "(1) (2) (3)" under the header
            if sum(1 for fn, v in row.items() if v is not None and v == header_cells.get(fn)) >= 2:
                continue  # the header repeated (a list pasted twice)
            marker = total_marker(values)
            if marker and sum(1 for fn in required if not _blank(row.get(fn))) * 2 <= len(required):
                sheet.totals.append((r, marker))
                continue
            row = {fn: row.get(fn) for fn in fields}  # every field, in the form's order
            total += 1
            if total > max_rows:
                raise UploadRejected(
                    "intake.too_many_rows", filename=name, max=f"{max_rows:,}".replace(",", ".")
                )
            sheet.rows.append(row)
            sheet.numbers.append(r)
            sheet.extras.append({h: values[j] for j, h in extra_cols.items() if j < len(values)})
            origin = values[origin_col] if origin_col is not None and origin_col < len(values) else None
            sheet.origins.append("" if _blank(origin) else clean(origin))
        if sheet.rows or sheet.totals:
            read.append(sheet)
        else:
            skipped.append((title, "intake.sheet_reason.no_rows", {}))
    if not read:
        if best_partial is not None:
            title, header, head = best_partial
            _refuse_missing(name, s, fields, required, header, head, meta)
        if not any_content:
            raise UploadRejected("intake.empty_file", filename=name)
        if skipped and all(reason == "intake.sheet_reason.no_rows" for _, reason, _ in skipped):
            raise UploadRejected("intake.no_rows", filename=name)
        raise UploadRejected(
            "intake.missing_headers",
            filename=name,
            missing=", ".join(f"'{s.label(fn, 'vi')}'" for fn in required),
            found="-",
        )
    return _assemble(name, campaign, f, fields, read, skipped, hidden, from_template, lang)


def _labels(s: Any, fields: Sequence[str]) -> dict[str, str]:
    """The labels of ``fields`` in both languages, for a message parameter."""
    return {lang: ", ".join(f"'{s.label(fn, lang)}'" for fn in fields) for lang in ("vi", "en")}


def _refuse_missing(
    name: str,
    s: Any,
    fields: Sequence[str],
    required: Sequence[str],
    header: Header,
    head: Sequence[Sequence[Any]],
    meta: Mapping[str, Any] | None,
) -> None:
    """The form's columns are not all there: name the ones missing (and, in our template, the
    header that was renamed)."""
    missing = [fn for fn in required if fn not in header.columns]
    if meta and meta.get("columns"):
        cells = head[header.row - 1] if header.row - 1 < len(head) else []
        renamed = []
        for fn in missing:
            pos = meta["columns"].get(fn)
            found = clean(cells[pos - 1]) if pos and pos - 1 < len(cells) else ""
            if found:
                renamed.append(f"'{found}' → '{meta['headers'].get(fn) or s.label(fn, 'vi')}'")
        if renamed:
            raise UploadRejected("intake.renamed_headers", filename=name, renamed="; ".join(renamed))
    raise UploadRejected(
        "intake.missing_headers",
        filename=name,
        missing=", ".join(f"'{s.label(fn, 'vi')}'" for fn in missing),
        found=", ".join(f"'{h}'" for h in header.found) or "-",
    )


def _assemble(
    name: str,
    campaign: CampaignSpec,
    f: FormSpec,
    fields: Sequence[str],
    read: Sequence[_Sheet],
    skipped: Sequence[tuple[str, str, dict[str, Any]]],
    hidden: Sequence[str],
    from_template: bool,
    lang: str,
) -> Upload:
    several = len(read) > 1
    rows: list[dict[str, Any]] = []
    numbers: list[int] = []
    sheets: list[str] = []
    extras: list[dict[str, Any]] = []
    origins: list[str] = []
    notes: list[FieldError] = []
    extra_headers: list[str] = []
    for sh in read:
        where = sh.title if several else ""
        for r, marker in sh.totals:
            notes.append(FieldError(r, "", marker, "total_row", {}, "note", where))
        rows += sh.rows
        numbers += sh.numbers
        sheets += [where] * len(sh.rows)
        extras += sh.extras
        origins += sh.origins
        for h in sh.header.extras.values():
            if h not in extra_headers and header_key(h) not in error_column_labels():
                extra_headers.append(h)
    notes += convert_legacy(f.tab, fields, rows, numbers, sheets, lang)
    for title, reason, params in skipped:
        notes.append(
            FieldError(
                None,
                "",
                title,
                "sheet_skipped",
                {"reason": {lang: t(reason, lang, **_in(params, lang)) for lang in ("vi", "en")}},
                "note",
            )
        )
    for title in hidden:
        notes.append(
            FieldError(
                None,
                "",
                title,
                "sheet_skipped",
                {"reason": {lang: t("intake.sheet_reason.hidden", lang) for lang in ("vi", "en")}},
                "note",
            )
        )
    if not rows:
        raise UploadRejected("intake.no_rows", filename=name)
    return Upload(
        name,
        campaign.id,
        f.name,
        f.tab,
        tuple(fields),
        rows,
        numbers,
        from_template,
        sheets=sheets if several else [],
        origins=origins if any(origins) else [],
        extras=extras if extra_headers else [],
        extra_headers=tuple(extra_headers),
        notes=notes,
        sheet_names=tuple(sh.title for sh in read),
    )


def convert_legacy(
    tab: str,
    fields: Sequence[str],
    rows: list[dict[str, Any]],
    numbers: Sequence[int],
    sheets: Sequence[str],
    lang: str = "vi",
) -> list[FieldError]:
    """Convert every TCVN3/VNI cell of the text columns to Unicode, in place, judged cell by cell
    (one file mixes both); one warning per cell, showing what was typed and what it became."""
    s = tab_spec(tab)
    notes: list[FieldError] = []
    texts = [fn for fn in fields if s.kind(fn) == "text"]
    if not has_legacy_characters(r.get(fn) for r in rows for fn in texts):
        return notes  # a Unicode file (the common case): one pass, nothing converted
    for fn in texts:
        for i, converted, encoding in unicode_cells([r.get(fn) for r in rows]):
            original = rows[i][fn]
            where = sheets[i] if sheets else ""
            if converted is None:  # mojibake we cannot read: to be retyped, never stored
                # symbols no European name has make it an error; "Müller" is only a warning
                severity = "error" if _TCVN3_SYMBOLS.search(str(original)) else "warning"
                notes.append(
                    FieldError(
                        numbers[i], s.label(fn, lang), original, "legacy_unreadable", {}, severity, where
                    )
                )
                continue
            rows[i][fn] = converted
            notes.append(
                FieldError(
                    numbers[i],
                    s.label(fn, lang),
                    original,
                    "legacy_converted",
                    {"converted": converted, "encoding": encoding},
                    "warning",
                    where,
                )
            )
    return notes


def rows_upload(
    campaign: CampaignSpec,
    form: str,
    rows: Sequence[Mapping[str, Any]],
    positions: Sequence[tuple[str, int]],
    *,
    source: str = "",
    lang: str = "vi",
) -> Upload:
    """An :class:`Upload` of rows read somewhere else (a sheet sync): each row's cells by field
    and where it is, ``(sheet, row number)``. The rows are tidied as a file's are (legacy-encoded
    cells converted with a warning, total rows skipped with a note), so the sheet sync gets the
    same report as the page and the CLI from :func:`services.intake_import.check_upload` and
    :func:`services.intake_import.import_upload`."""
    f = _form(campaign, form)
    fields = _fields(f)
    required = [fs.name for fs in f.fields if fs.required]
    kept: list[dict[str, Any]] = []
    numbers: list[int] = []
    sheets: list[str] = []
    notes: list[FieldError] = []
    for row, (sheet, number) in zip(rows, positions, strict=True):
        cells = {fn: row.get(fn) for fn in fields}
        if all(_blank(v) for v in cells.values()):
            continue
        marker = total_marker(list(cells.values()))
        if marker and sum(1 for fn in required if not _blank(cells.get(fn))) * 2 <= len(required):
            notes.append(FieldError(number, "", marker, "total_row", {}, "note", sheet))
            continue
        kept.append(cells)
        numbers.append(number)
        sheets.append(sheet)
    notes += convert_legacy(f.tab, fields, kept, numbers, sheets, lang)
    names = tuple(dict.fromkeys(sheets))
    return Upload(
        source or ", ".join(names),
        campaign.id,
        f.name,
        f.tab,
        tuple(fields),
        kept,
        numbers,
        sheets=sheets if any(sheets) else [],
        notes=notes,
        sheet_names=names,
    )


def _in(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    return {k: (v.get(lang, "") if isinstance(v, Mapping) else v) for k, v in params.items()}


# ---------------------------------------------------------------------------------------- report


def report(errors: Iterable[FieldError], lang: str = "vi") -> list[dict[str, Any]]:
    """The report table every entry path shows: sheet, row, column, value, rule, message, severity."""
    return [
        {
            "sheet": e.sheet,
            "row": e.row,
            "column": e.column,
            "value": "" if e.value is None else str(shown(e.value)),
            "rule": e.rule,
            "message": FieldError(None, e.column, e.value, e.rule, e.params, e.severity).message(lang),
            "severity": e.severity,
        }
        for e in errors
    ]


def origin_text(upload: Upload, i: int) -> str:
    """Where row ``i`` first came from: the "Dòng gốc" it carried, else its own sheet and row."""
    kept = upload.origin_of(i)
    if kept:
        return kept
    sheet, row = upload.ref(i)
    return f"{sheet}: {row}" if sheet else str(row)


def rejected_rows_xlsx(
    campaign: CampaignSpec,
    upload: Upload,
    errors: Iterable[FieldError],
    lang: str = "vi",
    *,
    catalogue: Mapping[str, Mapping[str, Any]] | None = None,
) -> bytes:
    """Only the rows with a problem, in the form's template, as the officer typed them: their own
    extra columns kept, a "Dòng gốc" column (the row in the file first uploaded, kept through
    every round), an error column and the offending cells in red (shown as typed, so "2024" in a
    date column reads 2024, not 16/07/1905)."""
    by_row: dict[tuple[str, int], list[FieldError]] = {}
    for e in errors:
        if e.row is not None:
            by_row.setdefault((e.sheet, e.row), []).append(e)
    wb = _template_book(campaign, upload.form, lang, catalogue)
    ws = wb[DATA_SHEET]
    s = tab_spec(upload.tab)
    fields = _fields(_form(campaign, upload.form))
    col_of = {fn: j for j, fn in enumerate(fields, 1)}
    label_to_col = {s.label(fn, other): j for fn, j in col_of.items() for other in ("vi", "en")}
    extra_col = {h: len(fields) + k for k, h in enumerate(upload.extra_headers, 1)}
    origin_col = len(fields) + len(extra_col) + 1
    err_col = origin_col + 1
    for h, j in extra_col.items():
        cell = ws.cell(row=1, column=j, value=_excel_value("text", h))
        cell.font = Font(bold=True)
        cell.fill = _EXTRA_FILL
        ws.column_dimensions[get_column_letter(j)].width = 16
    head = ws.cell(row=1, column=origin_col, value=t("intake.original_row_header", lang))
    head.font = Font(bold=True)
    ws.column_dimensions[get_column_letter(origin_col)].width = 14
    head = ws.cell(row=1, column=err_col, value=t("intake.error_column", lang))
    head.font = Font(bold=True, color="FF9C0006")
    head.fill = _ERROR_FILL
    ws.column_dimensions[get_column_letter(err_col)].width = 80
    out_row = 2
    for i, row in enumerate(upload.rows):
        problems = by_row.get(upload.ref(i))
        if not problems:
            continue
        bad = {label_to_col.get(e.column) for e in problems}
        for fn, j in col_of.items():
            value = row.get(fn)
            if j in bad:  # as typed: no date or money format over what was typed
                cell = _put(ws, out_row, j, _excel_value("text", shown(value)) if value is not None else None)
                cell.number_format = "General"
                cell.fill = _ERROR_FILL
            else:
                _put(ws, out_row, j, _excel_value(s.kind(fn), row.get(fn)))
        extras = upload.extras[i] if upload.extras else {}
        for h, j in extra_col.items():
            _put(ws, out_row, j, _excel_value("other", extras.get(h)))
        _put(ws, out_row, origin_col, _excel_value("text", origin_text(upload, i)))
        lines = [report([e], lang)[0]["message"] for e in problems]
        c = _put(ws, out_row, err_col, _excel_value("text", "\n".join(lines)))
        c.alignment = Alignment(wrap_text=True, vertical="top")
        out_row += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
