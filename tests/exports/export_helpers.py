"""Reading generated documents back: text, tables and their sections."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.table import Table


def reopen(data: bytes) -> DocumentObject:
    return Document(io.BytesIO(data))


def all_text(doc: DocumentObject) -> str:
    """Every paragraph of the body and of every table cell, one per line."""
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)


def table_with_header(doc: DocumentObject, first: str, second: str) -> Table:
    for table in doc.tables:
        cells = [c.text for c in table.rows[0].cells]
        if cells[:2] == [first, second]:
            return table
    raise AssertionError(f"no table headed {first!r}, {second!r}")


def sections(table: Table) -> list[tuple[str, list[list[str]]]]:
    """(section title, data rows) pairs; data rows start with their STT number."""
    out: list[tuple[str, list[list[str]]]] = []
    for row in table.rows[1:]:
        cells = [c.text for c in row.cells]
        if cells[0].isdigit():
            out[-1][1].append(cells)
        else:
            out.append((cells[0], []))
    return out
