"""A dossier's documents as real files (PDF, Word, scans) attached to a submission (R-DOS-4).

The bytes live in the store's natural place through the :class:`core.ports.FileStore` port (a
folder beside SQLite; a Drive folder per campaign on Google Sheets; the database for PostgreSQL);
the ``dossier_documents`` row keeps the reference, the name, the type, the size and the SHA-256.

Checked before anything is written: the size (``dossier_file_max_mb``) and the type, read from the
file's content, not its name (``dossier_file_types``: pdf, docx, doc, jpg, png, tif), and that the
name's extension agrees with the content. Who may attach: the submitting unit's officers while the
row is editable (as for recording a document); who may download: anyone who may read the row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

import filetype

from core.errors import ActionNotAllowed, FieldError, RowNotFound, ValidationFailed
from core.model import Actor
from core.ports import Change, FileStore
from i18n import t
from schemas.registry import spec as tab_spec
from services.dossiers import Dossiers
from services.services import DOSSIER_TAB, Services, records

#: Extensions a name may carry for each detected type (a scan saved as .jpeg, a .tiff).
_ALIASES = {"jpg": {"jpg", "jpeg"}, "tif": {"tif", "tiff"}}


@dataclass(frozen=True)
class StoredFile:
    """A dossier file as handed to a reader: which document, its name, type and bytes."""

    doc_id: str
    kind: str
    name: str
    mime: str
    data: bytes


@dataclass(frozen=True)
class PackageItem:
    """One document of one nomination in an export for the next level (bytes when a file is attached)."""

    row_id: str
    full_name: str
    unit_name: str
    award_name: str
    kind: str
    so_ky_hieu: str
    issued_on: str
    file_name: str
    size: int
    sha256: str
    data: bytes | None


class DossierFiles:
    """Attach, read and package the files of dossier documents."""

    def __init__(self, svc: Services) -> None:
        self.svc = svc
        self.dossiers = Dossiers(svc)

    def _files(self) -> FileStore:
        store = self.svc.store
        if not isinstance(store, FileStore):
            raise ActionNotAllowed("file.no_store")
        return store

    def check(self, actor: Actor, name: str, data: bytes) -> tuple[str, str]:
        """(extension, mime) of an upload, or ``ValidationFailed`` naming what is wrong and what to send."""
        rules = self.svc.reference().rules
        today = self.svc.today()
        label = tab_spec(DOSSIER_TAB).label("file_name", actor.lang)
        limit_mb = rules.number("dossier_file_max_mb", today)
        limit = int(limit_mb * 1024 * 1024) if limit_mb is not None else 10 * 1024 * 1024
        allowed = rules.codes_list("dossier_file_types", today, "pdf,docx,doc,jpg,png,tif")
        if not data:
            raise ValidationFailed([FieldError(None, label, name, "file_empty")])
        if len(data) > limit:
            mb = f"{len(data) / 1024 / 1024:.1f}".replace(".", ",")
            raise ValidationFailed(
                [FieldError(None, label, name, "file_too_big", {"size": mb, "max": limit_mb})]
            )
        kind = filetype.guess(data)
        found = kind.extension if kind is not None else ""
        if found not in allowed:
            raise ValidationFailed(
                [
                    FieldError(
                        None, label, name, "file_type", {"found": found or "?", "allowed": ", ".join(allowed)}
                    )
                ]
            )
        ext = PurePath(name).suffix.lower().lstrip(".")
        if ext and ext not in _ALIASES.get(found, {found}):
            raise ValidationFailed(
                [FieldError(None, label, name, "file_ext_mismatch", {"found": found, "ext": ext})]
            )
        return found, kind.mime if kind is not None else "application/octet-stream"

    def attach(
        self, actor: Actor, tab: str, row_id: str, doc_id: str, expected_version: int, name: str, data: bytes
    ) -> dict[str, Any]:
        """Attach a file to one recorded document of an editable submission (a new file replaces the
        reference on the row; the old bytes stay in the store, and the history names both)."""
        actor = self.svc.resolve(actor)
        row = self.dossiers._editable_row(actor, tab, row_id)
        live = self.dossiers.documents(actor, tab, row_id)
        hit = live[live["id"] == doc_id]
        if hit.empty:
            raise RowNotFound([doc_id], DOSSIER_TAB)
        doc = records(hit)[0]
        _, mime = self.check(actor, name, data)
        ref = self._files().put_file(str(row["campaign_id"]), f"{row_id}-{doc['kind']}-{name}", data, mime)
        digest = hashlib.sha256(data).hexdigest()
        values = {
            "file_ref": ref,
            "file_name": name,
            "file_mime": mime,
            "file_size": len(data),
            "file_sha256": digest,
        }
        kind_name = t("dossier.kind." + str(doc["kind"]), actor.lang)
        what = f"{kind_name}: {name} ({len(data):,} B, SHA-256 {digest[:12]})"
        state = str(row["state"])
        hist = self.svc._history_row(
            tab, row_id, str(row["campaign_id"]), "dossier_file", state, state, actor, what
        )
        return self.svc._write(
            DOSSIER_TAB, [Change(doc_id, expected_version, values)], actor, {"history": [hist]}
        )[0]

    def read(self, actor: Actor, tab: str, row_id: str, doc_id: str) -> StoredFile:
        """The attached file of one document the actor may read (the row's scope decides)."""
        live = self.dossiers.documents(actor, tab, row_id)  # scope-checked
        hit = live[live["id"] == doc_id]
        if (
            hit.empty
            or not str(hit.iloc[0]["file_ref"] or "").strip()
            or not str(hit.iloc[0]["file_name"] or "")
        ):
            raise RowNotFound([doc_id], DOSSIER_TAB)
        doc = records(hit)[0]
        data = self._files().get_file(str(doc["file_ref"]))
        if hashlib.sha256(data).hexdigest() != str(doc["file_sha256"]):
            raise ActionNotAllowed("file.changed", name=str(doc["file_name"]))
        return StoredFile(doc_id, str(doc["kind"]), str(doc["file_name"]), str(doc["file_mime"]), data)

    def package(self, actor: Actor, campaign_id: str, states: Sequence[str]) -> list[PackageItem]:
        """Every live document of a campaign's nominations in ``states`` the actor may read, with the
        attached files' bytes: what goes to the next level (the council, the Tổng Liên đoàn)."""
        svc = self.svc
        ref = svc.reference()
        rows = svc.rows(actor, "nominations", campaign_id)
        rows = rows[rows["state"].isin(list(states))]
        by_id = {str(r["id"]): r for r in records(rows)}
        docs = svc._read([DOSSIER_TAB])[DOSSIER_TAB]
        docs = docs[(docs["tab"] == "nominations") & ~docs["removed"] & docs["row_id"].isin(list(by_id))]
        files = self._files() if isinstance(svc.store, FileStore) else None
        out: list[PackageItem] = []
        for d in sorted(records(docs), key=lambda d: (str(d["row_id"]), str(d["kind"]))):
            r = by_id[str(d["row_id"])]
            code = str(r["award_code"])
            name = str(d.get("file_name") or "")
            data = None
            if name and files is not None and str(d.get("file_ref") or ""):
                try:
                    data = files.get_file(str(d["file_ref"]))
                except FileNotFoundError:
                    data = None
            out.append(
                PackageItem(
                    row_id=str(r["id"]),
                    full_name=str(r["full_name"]),
                    unit_name=ref.unit_name(str(r["unit_id"])),
                    award_name=str(ref.catalogue_map.get(code, {}).get("name_vi", code)),
                    kind=str(d["kind"]),
                    so_ky_hieu=str(d.get("so_ky_hieu") or ""),
                    issued_on=str(d.get("issued_on") or ""),
                    file_name=name,
                    size=int(d["file_size"])
                    if str(d.get("file_size")) not in ("", "None", "<NA>", "nan")
                    else 0,
                    sha256=str(d.get("file_sha256") or ""),
                    data=data,
                )
            )
        return out
