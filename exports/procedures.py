"""Exports of the procedures: the dossier package for the next level and the published list.

* ``hoso``: a .zip for the council (or the Tổng Liên đoàn): the Tờ trình with its list, an index
  ``danh-muc-ho-so.xlsx`` of every document of every nomination (kind, number, date, attached file,
  size, SHA-256), and the attached files themselves (PDF, Word, scans) under ``tep/``.
* ``congkhai``: the list published for comments (công khai, lấy ý kiến): names, units, titles,
  the publication's first and last working day and the comments received so far (.xlsx).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import PurePath

import pandas as pd

from core.text import ascii_slug
from exports import xlsx
from exports.xlsx import Column
from i18n import t
from services.dossier_files import PackageItem
from services.procedures import Published


def _file_path(i: int, item: PackageItem) -> str:
    """Where an attached file goes in the package: one folder per nomination, the kind in the name."""
    suffix = PurePath(item.file_name).suffix.lower()
    stem = ascii_slug(PurePath(item.file_name).stem)[:60] or "tep"
    person = ascii_slug(item.full_name)[:40] or item.row_id
    return f"tep/{i:03d}-{person}/{item.kind}-{stem}{suffix}"


def dossier_package(letter: bytes, items: Sequence[PackageItem], lang: str = "vi") -> bytes:
    """The .zip for the next level: ``to-trinh.docx``, ``danh-muc-ho-so.xlsx`` and ``tep/...``."""
    numbers: dict[str, int] = {}
    rows = []
    files: list[tuple[str, bytes]] = []
    for item in items:
        n = numbers.setdefault(item.row_id, len(numbers) + 1)
        path = _file_path(n, item) if item.data is not None else ""
        if item.data is not None:
            files.append((path, item.data))
        rows.append(
            {
                "no": n,
                "full_name": item.full_name,
                "unit_name": item.unit_name,
                "award_name": item.award_name,
                "kind": t(f"dossier.kind.{item.kind}", lang),
                "so_ky_hieu": item.so_ky_hieu,
                "issued_on": item.issued_on,
                "file": path or t("export.hoso.no_file", lang),
                "size": item.size or None,
                "sha256": item.sha256,
            }
        )
    vi = lang == "vi"
    columns = [
        Column("no", "Số TT hồ sơ" if vi else "Dossier no.", "int"),
        Column("full_name", "Họ và tên / tập thể" if vi else "Name"),
        Column("unit_name", "Đơn vị" if vi else "Unit"),
        Column("award_name", "Danh hiệu / hình thức" if vi else "Title / award"),
        Column("kind", "Loại văn bản" if vi else "Document"),
        Column("so_ky_hieu", "Số, ký hiệu" if vi else "Number"),
        Column("issued_on", "Ngày" if vi else "Date", "date"),
        Column("file", "Tệp đính kèm" if vi else "Attached file"),
        Column("size", "Dung lượng (byte)" if vi else "Size (bytes)", "int"),
        Column("sha256", "SHA-256"),
    ]
    index = xlsx.write_list(
        pd.DataFrame(rows), columns, sheet="Danh mục hồ sơ" if vi else "Dossier", numbered=False
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("to-trinh.docx", letter)
        z.writestr("danh-muc-ho-so.xlsx", index)
        for path, data in files:
            z.writestr(path, data)
    return out.getvalue()


def published_list(items: Sequence[Published], lang: str = "vi") -> bytes:
    """The list published for comments, with its period and the comments received (.xlsx)."""
    vi = lang == "vi"
    frame = pd.DataFrame(
        [
            {
                "full_name": p.full_name,
                "unit_name": p.unit_name,
                "award_name": p.award_name,
                "achievement": p.achievement,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "working_days": p.working_days,
                "comments": p.comments,
            }
            for p in items
        ]
    )
    columns = [
        Column("full_name", "Họ và tên / tập thể" if vi else "Name"),
        Column("unit_name", "Đơn vị" if vi else "Unit"),
        Column("award_name", "Danh hiệu / hình thức đề nghị" if vi else "Proposed title / award"),
        Column("achievement", "Tóm tắt thành tích" if vi else "Achievement"),
        Column("start", "Công khai từ ngày" if vi else "Published from", "date"),
        Column("end", "Đến hết ngày" if vi else "Until", "date"),
        Column("working_days", "Số ngày làm việc" if vi else "Working days", "int"),
        Column("comments", "Số ý kiến đã nhận" if vi else "Comments received", "int"),
    ]
    return xlsx.write_list(frame, columns, sheet="Danh sách công khai" if vi else "Published list")
