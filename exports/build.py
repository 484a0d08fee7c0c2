"""One call per export, for the CLI and the documents page: pick the data, render, name the file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from core.model import Actor
from core.text import ascii_slug
from exports import documents, procedures, xlsx
from i18n import has, label, t
from reporting.metrics import Filters
from reporting.reporting import Reporting
from schemas.registry import spec as tab_spec
from schemas.validate import choices
from services.dossier_files import DossierFiles
from services.procedures import Procedures

#: States whose nominations the dossier package carries (sent to the council and decided there).
COUNCIL_STATES: tuple[str, ...] = ("IN_COUNCIL", "AT_TLD", "AWARDED")

Progress = Callable[[float, str], None]
KINDS: tuple[str, ...] = ("totrinh", "bienban", "quyetdinh", "xlsx", "giaoban", "hoso", "congkhai")
ZIP = "application/zip"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The list columns an .xlsx list puts first, in this order (the rest follow as the tab has them).
LEAD = ("full_name", "name_vi", "title_vi", "position", "unit_name", "award_name", "state_label")
#: Columns a printed list leaves out: codes shown by name in another column, and ids.
HIDDEN = frozenset({"state", "award_code", "unit_id", "id", "person_id", "subject_id"})


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
    rows = readable(reporting, tab, reporting.list_rows(actor, tab, campaign_id, lang), lang)
    vi = lang == "vi"
    spec = tab_spec(tab)
    extra = {
        "unit_name": spec.label("unit_id", lang),
        "state_label": "Trạng thái" if vi else "State",
        "award_name": "Danh hiệu / hình thức" if vi else "Title / award",
    }
    order = [c for c in LEAD if c in rows.columns] + [
        c for c in rows.columns if c not in LEAD and c not in HIDDEN and c != "campaign_id"
    ]
    order += [c for c in ("campaign_id",) if c in rows.columns]
    columns = xlsx.tab_columns(tab, order, lang, extra=extra)
    sheet = {"nominations": "Đề nghị", "works": "Công trình", "initiatives": "Sáng kiến"}.get(tab, tab)
    return xlsx.write_list(rows, columns, sheet=sheet if vi else tab, progress=progress)


def readable(reporting: Reporting, tab: str, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A list's cells as a reader expects them: the campaign's name, names for enumerated codes
    ("Cá nhân", not CA_NHAN), the fields to fix by their labels; ids are left out (HIDDEN)."""
    out = rows.copy()
    spec = tab_spec(tab)
    campaigns = reporting.services.campaigns
    if "campaign_id" in out:
        out["campaign_id"] = [
            label(campaigns[c].name, lang) if c in campaigns else str(c)
            for c in out["campaign_id"].astype(str)
        ]
    for column in out.columns:
        if column in spec.columns and choices(tab, column) is not None:
            out[column] = [_enum(column, v, lang) for v in out[column]]
    if "fix_fields" in out:
        out["fix_fields"] = [
            ", ".join(spec.label(f, lang) for f in str(v or "").split(",") if f in spec.columns)
            for v in out["fix_fields"]
        ]
    return out


def _enum(column: str, value: Any, lang: str) -> Any:
    key = f"enum.{column}.{value}"
    return t(key, lang) if value not in (None, "") and has(key) else value


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
    if kind == "hoso":  # the dossiers sent to the council, with their attached files
        bundle = reporting.submission_letter(actor, campaign_id, number)
        letter = documents.submission_letter(bundle, progress=progress)
        items = DossierFiles(reporting.services).package(actor, campaign_id, COUNCIL_STATES)
        return ExportFile(f"ho-so-{slug}.zip", procedures.dossier_package(letter, items, lang), ZIP)
    if kind == "congkhai":  # the list published for comments
        published = Procedures(reporting.services).published(actor, campaign_id)
        return ExportFile(f"cong-khai-{slug}.xlsx", procedures.published_list(published, lang), XLSX)
    raise ValueError(f"unknown export kind {kind!r}; choose one of {', '.join(KINDS)}")
