"""Admins change the reference data a union keeps changing: users (who may do what, where), units
(the union tree) and the dated rules (ratios, thresholds, in force from/to a date).

Every change is admin-only (checked here, on every call, against the users tab), is checked by the
tab's own schema (the same checks as an import: which field, what was found, what to type), needs a
reason, addresses its row by ``id`` and the ``version`` the admin read (a row changed meanwhile is
refused, never overwritten), and is appended to the ``history`` tab with what changed. Nothing is
deleted: a user or a unit is made inactive (``active`` / ``valid_to``), a rule is closed by its
``valid_to``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from core.errors import ActionNotAllowed, FieldError, RowNotFound, ValidationFailed
from core.model import Actor
from core.ports import Change
from schemas.registry import spec as tab_spec
from schemas.validate import validate_rows
from services.services import Services, new_id

#: A history row's action for an added row and for a changed one.
ADDED, CHANGED = "admin_add", "admin_edit"
MIN_REASON = 5


@dataclass(frozen=True)
class Editable:
    """The fields an admin edits in a tab, those that must be filled, and whether a new row's id is
    typed (a unit's code, e.g. ``HN-CDCS-CANON``) or drawn."""

    fields: tuple[str, ...]
    required: tuple[str, ...]
    typed_id: bool = False


EDITABLE: dict[str, Editable] = {
    "users": Editable(
        fields=("email", "full_name", "role", "unit_id", "active"),
        required=("email", "full_name", "role", "unit_id"),
    ),
    "units": Editable(
        fields=(
            "name_vi",
            "short_name",
            "level",
            "cttcs_kind",
            "parent_id",
            "sector",
            "district",
            "member_count",
            "worker_count",
            "established_on",
            "valid_from",
            "valid_to",
        ),
        required=("name_vi", "level", "sector", "member_count", "valid_from"),
        typed_id=True,
    ),
    "rules": Editable(
        fields=("code", "value", "valid_from", "valid_to", "status", "source_url", "note"),
        required=("code", "valid_from", "status"),
    ),
}


class ReferenceAdmin:
    """Use cases of the admin pages for users, units and dated rules."""

    def __init__(self, svc: Services) -> None:
        self.svc = svc

    def _admin(self, actor: Actor) -> Actor:
        actor = self.svc.resolve(actor)
        if actor.role != "ADMIN":
            raise ActionNotAllowed("auth.admin_only")
        return actor

    def rows(self, actor: Actor, tab: str) -> pd.DataFrame:
        """Every row of ``tab`` as stored (admins only)."""
        self._admin(actor)
        self._editable(tab)
        return self.svc.store.read(tab)

    def history(self, actor: Actor, tab: str, row_id: str | None = None) -> pd.DataFrame:
        """The changes made to ``tab`` (or one of its rows), newest first (admins only)."""
        self._admin(actor)
        self._editable(tab)
        h = self.svc.store.read("history")
        h = h[h["tab"] == tab]
        if row_id is not None:
            h = h[h["row_id"] == row_id]
        return h.sort_values(["at", "created_at"], ascending=False).reset_index(drop=True)

    def save(
        self,
        actor: Actor,
        tab: str,
        values: Mapping[str, Any],
        reason: str,
        *,
        row_id: str | None = None,
        version: int | None = None,
    ) -> dict[str, Any]:
        """Add a row (``row_id`` None) or change one (its ``version`` as read); returns the stored row."""
        actor = self._admin(actor)
        ed = self._editable(tab)
        if len(reason.strip()) < MIN_REASON:
            raise ActionNotAllowed("engine.reason_required", trigger={"vi": "thay đổi", "en": "change"})
        lang = actor.lang or "vi"
        new_row_id = str(values.get("id") or "").strip() if row_id is None and ed.typed_id else ""
        parsed, errors = validate_rows(tab, [values], ed.fields, ed.required, lang=lang)
        errors += self._links(tab, parsed[0], new_row_id, row_id, lang)
        if errors:
            raise ValidationFailed(errors)
        cells = parsed[0]
        if row_id is None:
            row = {"id": new_row_id or new_id(), **cells}
            note = "; ".join(
                f"{self._label(tab, f, lang)}: {cells[f]}" for f in ed.fields if _shown(cells[f])
            )
            hist = self._history(tab, row["id"], ADDED, actor, f"{reason.strip()} — {note}")
            self.svc._write(tab, [], actor, {tab: [row], "history": [hist]})
            return row
        current = self._current(tab, row_id)
        changed = {f: cells[f] for f in ed.fields if _differs(current.get(f), cells[f])}
        if not changed:
            return current
        what = "; ".join(
            f"{self._label(tab, f, lang)}: {_text(current.get(f))} → {_text(v)}" for f, v in changed.items()
        )
        hist = self._history(tab, row_id, CHANGED, actor, f"{reason.strip()} — {what}")
        stored = self.svc._write(
            tab, [Change(row_id, int(version or 0), changed)], actor, {"history": [hist]}
        )
        return stored[0] if stored else {**current, **changed}

    # ------------------------------------------------------------------ helpers

    def _editable(self, tab: str) -> Editable:
        if tab not in EDITABLE:
            raise ActionNotAllowed("auth.admin_only")
        return EDITABLE[tab]

    def _current(self, tab: str, row_id: str) -> dict[str, Any]:
        frame = self.svc.store.read(tab)
        found = frame[frame["id"] == row_id]
        if found.empty:
            raise RowNotFound([row_id], tab)
        return {str(k): v for k, v in found.iloc[0].to_dict().items()}

    def _links(
        self, tab: str, cells: Mapping[str, Any], new_id_: str, row_id: str | None, lang: str
    ) -> list[FieldError]:
        """What the schema cannot check alone: a unit that exists, a parent that is not the unit
        itself or below it, a new unit code not taken."""
        tree = self.svc.reference().tree
        units = set(tree.parent)
        out: list[FieldError] = []
        if tab == "users" and cells.get("unit_id") and cells["unit_id"] not in units:
            out.append(FieldError(None, self._label(tab, "unit_id", lang), cells["unit_id"], "unknown_unit"))
        if tab == "units":
            me = row_id or new_id_
            if row_id is None and not new_id_:
                out.append(FieldError(None, self._label(tab, "id", lang), "", "required"))
            elif row_id is None and new_id_ in units:
                out.append(FieldError(None, self._label(tab, "id", lang), new_id_, "unit_id_taken"))
            parent = str(cells.get("parent_id") or "")
            if parent and (parent not in units or parent == me or tree.is_under(parent, me)):
                out.append(FieldError(None, self._label(tab, "parent_id", lang), parent, "bad_parent"))
        return out

    def _label(self, tab: str, field: str, lang: str) -> str:
        return tab_spec(tab).label(field, lang) if field in tab_spec(tab).columns else field

    def _history(self, tab: str, row_id: str, action: str, actor: Actor, reason: str) -> dict[str, Any]:
        return self.svc._history_row(tab, row_id, "", action, "", "", actor, reason)


def _shown(value: Any) -> bool:
    return value not in (None, "") and not (isinstance(value, float) and pd.isna(value))


def _text(value: Any) -> str:
    return str(value) if _shown(value) else "—"


def _differs(old: Any, new: Any) -> bool:
    if not _shown(old) and not _shown(new):
        return False
    if isinstance(new, bool) or isinstance(old, bool):
        return bool(old) != bool(new)
    return _text(old) != _text(new)


def editable_fields(tab: str) -> Sequence[str]:
    return EDITABLE[tab].fields
