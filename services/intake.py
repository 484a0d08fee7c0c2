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

from core.errors import FieldError, ThiduaError
from core.text import clean, looks_like_legacy_encoding, match_key, normalise_dashes_quotes
from i18n import label as pick_label
from i18n import t
from schemas.registry import spec as tab_spec
from schemas.validate import choices
from workflows.spec import CampaignSpec, FormSpec

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: An .xlsx is a zip: refuse archives that unpack to more than this (zip bombs).
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
#: Rows the template prepares (validation lists and formats reach this far).
TEMPLATE_ROWS = 10_000
TEMPLATE_MARK = "thidua-template"
TEMPLATE_VERSION = "1"
DATA_SHEET = "Dữ liệu"
HELP_SHEET = "Hướng dẫn"
KEY_SHEET = "_thidua"
LIST_SHEET = "_danh_muc"
DATE_FORMAT = "DD/MM/YYYY"
MONEY_FORMAT = "#,##0"
#: Rows scanned for legacy (TCVN3/VNI) text; mojibake is file-wide, so a sample is enough.
LEGACY_SCAN_ROWS = 2_000

_HEADER_FILL = PatternFill("solid", fgColor="FFDDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FFFCE4D6")
_ERROR_FILL = PatternFill("solid", fgColor="FFFFC7CE")


class UploadRejected(ThiduaError):
    """The uploaded file cannot be read as this form's rows; the message says why and what to do."""

    code = "intake.not_spreadsheet"


@dataclass(frozen=True)
class Upload:
    """Rows read from a file: raw cells keyed by field, with the sheet row number of each."""

    filename: str
    campaign_id: str
    form: str
    tab: str
    fields: tuple[str, ...]
    rows: list[dict[str, Any]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    from_template: bool = False


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
    return choices(f.tab, column)


def _dropdown(f: FormSpec, column: str, lang: str) -> tuple[str, ...] | None:
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
    return _allowed(f, column)


def error_column_labels() -> set[str]:
    """Header of the error column in both languages (ignored when a file is read back)."""
    return {match_key(t("intake.error_column", lang)) for lang in ("vi", "en")}


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
        allowed = _dropdown(f, name, lang)
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
        allowed = _allowed(f, fs.name)
        if allowed:
            names = []
            for code in allowed:
                entry = (catalogue or {}).get(code)
                name = entry.get("name_vi" if lang == "vi" else "name_en") if entry else ""
                name = name or s.option_label(fs.name, code, lang) or ""
                names.append(f"{code} = {name}" if name else code)
            how.append(t("intake.help.choose", lang, allowed="; ".join(names)))
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
    meta = _key_meta(wb)
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
) -> Upload:
    """Rows of an uploaded .xlsx or .csv for ``campaign``/``form`` (or the form its template names).

    Raises :class:`UploadRejected` for anything that is not this form's rows: too large, macros,
    not a spreadsheet, legacy TCVN3/VNI text, another form's template, missing or renamed headers.
    """
    try:
        return _read(filename, data, campaign, form, max_bytes)
    except UploadRejected:
        raise
    except Exception as exc:  # never crash on a file: every failure is a message
        raise UploadRejected("intake.not_spreadsheet", filename=filename, detail=type(exc).__name__) from exc


def _read(
    filename: str, data: bytes, campaign: CampaignSpec | None, form: str | None, max_bytes: int
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
        return _read_xlsx(name, data, campaign, form)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or ext == ".xls":
        raise UploadRejected("intake.old_excel", filename=name)
    if ext in (".csv", ".txt", ".tsv", ""):
        return _read_csv(name, data, campaign, form)
    raise UploadRejected("intake.not_spreadsheet", filename=name, detail=ext or "?")


def _read_xlsx(name: str, data: bytes, campaign: CampaignSpec | None, form: str | None) -> Upload:
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
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        meta = _key_meta(wb) if KEY_SHEET in wb.sheetnames else None
        if meta is not None:
            ws = wb[DATA_SHEET] if DATA_SHEET in wb.sheetnames else wb.worksheets[0]
        else:
            visible = [w for w in wb.worksheets if getattr(w, "sheet_state", "visible") == "visible"]
            ws = (visible or wb.worksheets)[0]
        grid = ws.iter_rows(values_only=True)
        return _rows_from_grid(name, grid, campaign, form, meta)
    finally:
        wb.close()


def _key_meta(wb: Any) -> dict[str, Any]:
    """The hidden key sheet: campaign, form, tab, and each field's header and column."""
    rows = list(wb[KEY_SHEET].iter_rows(values_only=True))
    if not rows or not rows[0] or rows[0][0] != TEMPLATE_MARK:
        return {"campaign": "", "form": "", "tab": "", "columns": {}, "headers": {}}
    info = {str(r[0]): str(r[1] or "") for r in rows[1:5] if r and r[0]}
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    for r in rows[6:]:
        if r and r[0] and len(r) >= 3 and r[2] is not None:
            columns[str(r[0])] = int(r[2])
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
        return data.decode("cp1258")  # Windows Vietnamese ("CSV (Comma delimited)" from old Excel)
    except UnicodeDecodeError:
        raise UploadRejected("intake.bad_encoding", filename=name) from None


def _read_csv(name: str, data: bytes, campaign: CampaignSpec | None, form: str | None) -> Upload:
    text = _decode_csv(name, data)
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    grid = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return _rows_from_grid(name, grid, campaign, form, None)


def _header_key(value: Any) -> str:
    return match_key(normalise_dashes_quotes(value)).strip(" *")


def _rows_from_grid(
    name: str,
    grid: Iterable[Sequence[Any]],
    campaign: CampaignSpec | None,
    form: str | None,
    meta: Mapping[str, Any] | None,
) -> Upload:
    it: Iterator[Sequence[Any]] = iter(grid)
    header = next(it, None)
    if header is None or not any(clean(h) for h in header):
        raise UploadRejected("intake.empty_file", filename=name)
    if looks_like_legacy_encoding(" ".join(str(h) for h in header if isinstance(h, str))):
        first = next((str(h) for h in header if isinstance(h, str) and looks_like_legacy_encoding(h)), "")
        raise UploadRejected("intake.legacy_encoding", filename=name, row=1, column="-", value=first[:60])
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
    required = {fs.name for fs in f.fields if fs.required}
    lookup: dict[str, str] = {}
    for fname in fields:
        keys = {fname, s.label(fname, "vi"), s.label(fname, "en")}
        if meta and fname in meta["headers"]:
            keys.add(meta["headers"][fname])
        for k in keys:
            lookup.setdefault(_header_key(k), fname)
    ignored = error_column_labels()
    colmap: dict[str, int] = {}
    for j, h in enumerate(header):
        key = _header_key(h)
        if key and key not in ignored and key in lookup and lookup[key] not in colmap:
            colmap[lookup[key]] = j
    missing = [fn for fn in fields if fn not in colmap and fn in required]
    if missing:
        renamed = []
        if meta:
            for fn in missing:
                pos = meta["columns"].get(fn)
                found = clean(header[pos - 1]) if pos and pos - 1 < len(header) else ""
                if found:
                    renamed.append(f"'{found}' → '{meta['headers'].get(fn) or s.label(fn, 'vi')}'")
        if renamed:
            raise UploadRejected("intake.renamed_headers", filename=name, renamed="; ".join(renamed))
        raise UploadRejected(
            "intake.missing_headers",
            filename=name,
            missing=", ".join(f"'{s.label(fn, 'vi')}'" for fn in missing),
            found=", ".join(f"'{clean(h)}'" for h in header if clean(h)) or "-",
        )
    rows: list[dict[str, Any]] = []
    numbers: list[int] = []
    legacy_hits: list[tuple[int, str, str]] = []
    text_cells = 0
    for r, values in enumerate(it, 2):
        row = {fn: (values[j] if j < len(values) else None) for fn, j in colmap.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row.values()):
            continue
        if len(rows) < LEGACY_SCAN_ROWS:
            for fn, v in row.items():
                if isinstance(v, str) and v.strip():
                    text_cells += 1
                    if looks_like_legacy_encoding(v):
                        legacy_hits.append((r, s.label(fn, "vi"), v))
        rows.append(row)
        numbers.append(r)
    if legacy_hits and (len(legacy_hits) >= 3 or len(legacy_hits) * 2 >= text_cells):
        r, col, v = legacy_hits[0]
        raise UploadRejected("intake.legacy_encoding", filename=name, row=r, column=col, value=v[:60])
    if not rows:
        raise UploadRejected("intake.no_rows", filename=name)
    return Upload(name, campaign.id, f.name, f.tab, tuple(fields), rows, numbers, from_template)


# ---------------------------------------------------------------------------------------- report


def report(errors: Iterable[FieldError], lang: str = "vi") -> list[dict[str, Any]]:
    """The report table every entry path shows: row, column, value, rule, message, severity."""
    return [
        {
            "row": e.row,
            "column": e.column,
            "value": "" if e.value is None else str(e.value),
            "rule": e.rule,
            "message": FieldError(None, e.column, e.value, e.rule, e.params, e.severity).message(lang),
            "severity": e.severity,
        }
        for e in errors
    ]


def rejected_rows_xlsx(
    campaign: CampaignSpec,
    upload: Upload,
    errors: Iterable[FieldError],
    lang: str = "vi",
    *,
    catalogue: Mapping[str, Mapping[str, Any]] | None = None,
) -> bytes:
    """Only the rows with a problem, in the form's template, with an error column and red cells."""
    by_row: dict[int, list[FieldError]] = {}
    for e in errors:
        if e.row is not None:
            by_row.setdefault(e.row, []).append(e)
    wb = _template_book(campaign, upload.form, lang, catalogue)
    ws = wb[DATA_SHEET]
    s = tab_spec(upload.tab)
    fields = _fields(_form(campaign, upload.form))
    col_of = {fn: j for j, fn in enumerate(fields, 1)}
    label_to_col = {s.label(fn, lang): j for fn, j in col_of.items()} | {
        s.label(fn, other): j for fn, j in col_of.items() for other in ("vi", "en")
    }
    err_col = len(fields) + 1
    head = ws.cell(row=1, column=err_col, value=t("intake.error_column", lang))
    head.font = Font(bold=True, color="FF9C0006")
    head.fill = _ERROR_FILL
    ws.column_dimensions[get_column_letter(err_col)].width = 80
    out_row = 2
    for row, number in zip(upload.rows, upload.row_numbers, strict=False):
        problems = by_row.get(number)
        if not problems:
            continue
        for fn, j in col_of.items():
            _put(ws, out_row, j, _excel_value(s.kind(fn), row.get(fn)))
        lines = [t("intake.original_row", lang, row=number)]
        for e in problems:
            lines.append(report([e], lang)[0]["message"])
            hit = label_to_col.get(e.column)
            if hit:
                ws.cell(row=out_row, column=hit).fill = _ERROR_FILL
        c = _put(ws, out_row, err_col, _excel_value("text", "\n".join(lines)))
        c.alignment = Alignment(wrap_text=True, vertical="top")
        out_row += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
