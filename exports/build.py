"""One call per export, for the CLI and the documents page: pick the data, render, name the file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.model import Actor
from core.text import ascii_slug
from exports import documents, xlsx
from reporting.metrics import Filters
from reporting.reporting import Reporting

Progress = Callable[[float, str], None]
KINDS: tuple[str, ...] = ("totrinh", "bienban", "quyetdinh", "xlsx", "giaoban")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The list columns an .xlsx list puts first, in this order (the rest follow as the tab has them).
LEAD = ("full_name", "name_vi", "title_vi", "position", "unit_name", "award_name", "state_label")


@dataclass(frozen=True)
class ExportFile:
    """A generated file: its name, its bytes and its MIME type."""

    filename: str
    data: bytes
    mime: str


def list_xlsx(
    reporting: Reporting,
    actor: Actor,
    tab: str,
    campaign_id: str | None,
    *,
    lang: str = "vi",
    progress: Progress | None = None,
) -> bytes:
    """The rows of ``tab`` (in the actor's scope) as a formatted workbook."""
    rows = reporting.list_rows(actor, tab, campaign_id, lang)
    vi = lang == "vi"
    extra = {
        "unit_name": "Tên đơn vị" if vi else "Unit name",
        "state_label": "Trạng thái" if vi else "State",
        "award_name": "Danh hiệu / hình thức" if vi else "Title / award",
    }
    order = [c for c in LEAD if c in rows.columns] + [
        c for c in rows.columns if c not in LEAD and c not in ("state", "award_code", "id", "campaign_id")
    ]
    order += [c for c in ("campaign_id", "id") if c in rows.columns]
    columns = xlsx.tab_columns(tab, order, lang, extra=extra)
    sheet = {"nominations": "Đề nghị", "works": "Công trình", "initiatives": "Sáng kiến"}.get(tab, tab)
    return xlsx.write_list(rows, columns, sheet=sheet if vi else tab, progress=progress)


def export(
    reporting: Reporting,
    actor: Actor,
    kind: str,
    campaign_id: str,
    *,
    number: int | str | None = None,
    tab: str = "nominations",
    lang: str = "vi",
    filters: Filters | None = None,
    progress: Progress | None = None,
    meeting_id: str | None = None,
) -> ExportFile:
    """Generate ``kind`` (one of :data:`KINDS`) for ``campaign_id`` as seen by ``actor``; the read
    of a full list or document is recorded in the audit trail (history) once it is built.
    ``meeting_id`` picks the council meeting whose minutes ``bienban`` writes (default: the newest)."""
    made = _export(reporting, actor, kind, campaign_id, number=number, tab=tab, lang=lang, filters=filters,
                   progress=progress, meeting_id=meeting_id)  # fmt: skip
    reporting.services.record_read(actor, tab if kind == "xlsx" else "nominations", campaign_id, kind)
    return made


def _export(
    reporting: Reporting,
    actor: Actor,
    kind: str,
    campaign_id: str,
    *,
    number: int | str | None,
    tab: str,
    lang: str,
    filters: Filters | None,
    progress: Progress | None,
    meeting_id: str | None = None,
) -> ExportFile:
    slug = ascii_slug(campaign_id).lower()
    if kind == "totrinh":
        bundle = reporting.submission_letter(actor, campaign_id, number)
        return ExportFile(
            f"to-trinh-{slug}.docx", documents.submission_letter(bundle, progress=progress), DOCX
        )
    if kind == "bienban":
        bundle = reporting.council_minutes(actor, campaign_id, number, meeting_id=meeting_id)
        assert bundle.minutes is not None
        held = f"-{bundle.minutes.held_on:%Y%m%d}"
        return ExportFile(
            f"bien-ban-hoi-dong-{slug}{held}.docx", documents.council_minutes(bundle, progress=progress), DOCX
        )
    if kind == "quyetdinh":
        bundle = reporting.decision(actor, campaign_id, number)
        return ExportFile(f"quyet-dinh-{slug}.docx", documents.decision(bundle, progress=progress), DOCX)
    if kind == "giaoban":
        snap = reporting.snapshot(actor, filters or Filters(campaign_id=campaign_id), number)
        name = f"giao-ban-quy-{snap.quarter}-{snap.year}-{slug}.docx"
        return ExportFile(name, documents.quarterly_snapshot(snap, lang=lang, progress=progress), DOCX)
    if kind == "xlsx":
        data = list_xlsx(reporting, actor, tab, campaign_id, lang=lang, progress=progress)
        return ExportFile(f"{tab}-{slug}.xlsx", data, XLSX)
    raise ValueError(f"unknown export kind {kind!r}; choose one of {', '.join(KINDS)}")
