"""Fill an editable .docx template: replace ``{{placeholders}}`` and put tables where a paragraph reads
exactly ``{{bang_...}}``. Works on python-docx objects; knows nothing about thi đua.

Placeholders split over several runs (what Word does after an edit) are still found: the paragraph's
runs are merged into its first run, keeping that run's formatting.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import parse_xml
from docx.shared import Mm
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

TEMPLATES = Path(__file__).resolve().parent / "templates"
PLACEHOLDER = re.compile(r"\{\{\s*([a-z0-9_]+)\s*\}\}")
Progress = Callable[[float, str], None]


class TemplateError(ValueError):
    """A template names a placeholder nobody fills, or lacks a table marker."""


def load(name: str, folder: Path | None = None) -> DocumentObject:
    """Open template ``name`` from ``folder`` (default: exports/templates)."""
    path = (folder or TEMPLATES) / name
    if not path.exists():
        raise TemplateError(f"Template {path} is missing; run `python -m exports.make_templates`.")
    return Document(str(path))


def _cell_paragraphs(cell: _Cell) -> Iterator[Paragraph]:
    yield from cell.paragraphs
    for table in cell.tables:
        yield from _table_paragraphs(table)


def _table_paragraphs(table: Table) -> Iterator[Paragraph]:
    for tr in table._tbl.tr_lst:
        for tc in tr.tc_lst:
            yield from _cell_paragraphs(_Cell(tc, table))


def paragraphs(doc: DocumentObject) -> Iterator[Paragraph]:
    """Every paragraph of the body (tables included), headers and footers."""
    yield from doc.paragraphs
    for table in doc.tables:
        yield from _table_paragraphs(table)
    for section in doc.sections:
        for part in (section.header, section.footer):
            yield from part.paragraphs


def replace_text(doc: DocumentObject, values: Mapping[str, str]) -> None:
    """Replace every ``{{key}}`` outside table markers; raise on a key ``values`` lacks."""

    def sub(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in values:
            raise TemplateError(
                f"Placeholder {{{{{key}}}}} has no value; known: {', '.join(sorted(values))}."
            )
        return values[key]

    for p in list(paragraphs(doc)):
        text = p.text
        if "{{" not in text or is_marker(text):
            continue
        for run in p.runs:
            if PLACEHOLDER.search(run.text):
                run.text = PLACEHOLDER.sub(sub, run.text)
        runs = p.runs
        if PLACEHOLDER.search(p.text) and runs:
            runs[0].text = PLACEHOLDER.sub(sub, "".join(r.text for r in runs))
            for r in runs[1:]:
                r.text = ""


def is_marker(text: str) -> bool:
    """Whether a paragraph's text is a table marker such as ``{{bang_danh_sach}}``."""
    found = PLACEHOLDER.fullmatch(text.strip())
    return bool(found and found.group(1).startswith("bang_"))


def leftover(doc: DocumentObject) -> list[str]:
    """Placeholders still in the document (should be none after filling)."""
    return sorted({m.group(1) for p in paragraphs(doc) for m in PLACEHOLDER.finditer(p.text)})


# ------------------------------------------------------------------------------------------ tables


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return escape(_BAD_XML.sub("", text))


def _tc_xml(text: str, width: int, *, bold: bool, size: float, center: bool, span: int = 1) -> str:
    """One table cell as WordprocessingML (line breaks in ``text`` become <w:br/>)."""
    half_points = round(size * 2)
    b = "<w:b/>" if bold else ""
    rpr = f'<w:rPr>{b}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
    runs = (
        "<w:r>"
        + rpr
        + "<w:br/>".join(f'<w:t xml:space="preserve">{_xml_text(line)}</w:t>' for line in text.split("\n"))
        + "</w:r>"
    )
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    jc = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}</w:tcPr><w:p>{jc}{runs}</w:p></w:tc>'


class ListTable:
    """A bordered table with a repeated bold header row, section rows and fast row appends.

    Rows are written as WordprocessingML text and parsed once each: python-docx's cell API walks
    the whole table on every access, which made a 1,300-row annex take many seconds.
    """

    def __init__(
        self, doc: DocumentObject, headers: Sequence[str], widths_mm: Sequence[float], size: float = 12
    ):
        self.size = size
        self.ncols = len(headers)
        self.table = doc.add_table(rows=0, cols=len(headers))
        self.table.style = doc.styles["Table Grid"]
        self.table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self.table.autofit = False
        self.widths = [int(Mm(w).twips) for w in widths_mm]
        for col, w in zip(self.table.columns, widths_mm, strict=True):
            col.width = Mm(w)
        self._append(
            "".join(
                _tc_xml(h, w, bold=True, size=size, center=True)
                for h, w in zip(headers, self.widths, strict=True)
            ),
            header=True,
        )

    def _append(self, cells_xml: str, *, header: bool = False) -> None:
        trpr = '<w:trPr><w:tblHeader w:val="true"/><w:cantSplit/></w:trPr>' if header else ""
        self.table._tbl.append(parse_xml(f'<w:tr xmlns:w="{_W_NS}">{trpr}{cells_xml}</w:tr>'))

    def add(self, values: Sequence[str], *, center: Sequence[int] = (0,), bold: bool = False) -> None:
        """Append a row; columns in ``center`` are centred."""
        if len(values) != self.ncols:
            raise ValueError(f"expected {self.ncols} values, got {len(values)}")
        self._append(
            "".join(
                _tc_xml(str(v), w, bold=bold, size=self.size, center=i in center)
                for i, (v, w) in enumerate(zip(values, self.widths, strict=True))
            )
        )

    def section(self, text: str) -> None:
        """A full-width bold row (e.g. "I. LAO ĐỘNG TIÊN TIẾN (675 cá nhân)")."""
        self._append(
            _tc_xml(text, sum(self.widths), bold=True, size=self.size, center=False, span=self.ncols)
        )


def put_table(doc: DocumentObject, marker: str, table: Table) -> None:
    """Move ``table`` to where the paragraph ``{{marker}}`` stands and drop that paragraph."""
    for p in doc.paragraphs:
        if p.text.strip() == "{{" + marker + "}}":
            p._p.addnext(table._tbl)
            p._p.getparent().remove(p._p)
            return
    raise TemplateError(f"The template has no paragraph reading {{{{{marker}}}}} for its table.")


def drop_marker(doc: DocumentObject, marker: str) -> None:
    """Remove the ``{{marker}}`` paragraph when there is no table to put there."""
    for p in doc.paragraphs:
        if p.text.strip() == "{{" + marker + "}}":
            p._p.getparent().remove(p._p)


def to_bytes(doc: DocumentObject) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
