"""The catalogue and the rules are live data: what ``workflows/catalogue.yaml`` and
``workflows/rules.yaml`` say reaches the store at the next start, without reseeding, with history.

The store's ``catalogue`` and ``rules`` tabs stay the data the app reads (an admin may edit them
there). A ledger (tab ``reference_sync``) remembers, per row, a fingerprint of what the file said
when it was last applied. At start (:func:`sync`, called by ``bootstrap.build``):

* a row the file adds, or whose content in the file changed since it was last applied, is written
  to the store (appended, or updated by id with its version checked), with a ``history`` row naming
  the file and the columns that changed;
* a row the file did not change is left as the store has it: an edit made in the tab is kept (so is
  every row the ledger sees for the first time: the first start adopts the store's rows as they are);
* a catalogue entry dropped from the file is made inactive (rows are never deleted), with history;
  a rule dropped from the file stays as it is (rules are dated: close one with ``valid_to``).

Nothing is written when nothing changed, so a start costs three reads.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.ports import Change, Workbook
from schemas.registry import columns_of, to_cell

LEDGER = "reference_sync"
#: tab -> the file its rows come from
SOURCES: Mapping[str, str] = {"catalogue": "workflows/catalogue.yaml", "rules": "workflows/rules.yaml"}
_ENVELOPE = {"id", "version", "created_at", "updated_at", "updated_by"}


@dataclass
class SyncReport:
    """What a sync did, per tab: rows added, rows updated (with their changed columns), rows retired."""

    added: dict[str, list[str]] = field(default_factory=dict)
    updated: dict[str, list[tuple[str, list[str]]]] = field(default_factory=dict)
    retired: dict[str, list[str]] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.added.values()) or any(self.updated.values()) or any(self.retired.values())


def catalogue_rows(entries: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``catalogue`` tab rows from the catalogue file's entries (``workflows.loader.load_catalogue``)."""
    return [
        {
            "id": str(c["code"]),
            "name_vi": c["name_vi"],
            "name_en": c.get("name_en", ""),
            "category": c["category"],
            "subject_kind": c["subject_kind"],
            "system": c["system"],
            "awarding_level": c["awarding_level"],
            "active": bool(c.get("active", True)),
        }
        for c in entries
    ]


def _content(tab: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """The row's cells as the store keeps them, envelope left out (what a fingerprint covers)."""
    return {c: to_cell(tab, c, row.get(c)) for c in columns_of(tab) if c not in _ENVELOPE}


def fingerprint(tab: str, row: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(_content(tab, row), sort_keys=True, default=str).encode()).hexdigest()[
        :16
    ]


def ledger_rows(files: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """The ledger rows of a store whose tabs hold exactly these files' rows (what a seed writes, so
    the first start after it has nothing to apply)."""
    return [
        {
            "id": f"{tab}:{row['id']}",
            "tab": tab,
            "row_id": str(row["id"]),
            "fingerprint": fingerprint(tab, row),
            "source_file": SOURCES.get(tab, tab),
        }
        for tab, rows in files.items()
        for row in rows
    ]


def _history(tab: str, row_id: str, action: str, reason: str, actor: str, now: str) -> dict[str, Any]:
    return {
        "tab": tab,
        "row_id": row_id,
        "campaign_id": "",
        "action": action,
        "from_state": "",
        "to_state": "",
        "actor_email": actor,
        "actor_role": "",
        "actor_unit": "",
        "reason": reason,
        "at": now,
    }


def sync(
    store: Workbook,
    files: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    actor: str = "system",
    now: str = "",
) -> SyncReport:
    """Apply what changed in the files (``tab -> rows``, e.g. ``{"catalogue": ..., "rules": ...}``)
    to the store (see the module docstring). One store call per tab that changed."""
    report = SyncReport()
    data = store.read_many([LEDGER, *files])
    ledger = {str(r["id"]): r for r in data[LEDGER].to_dict("records")}
    new_ledger: list[dict[str, Any]] = []
    ledger_changes: list[Change] = []
    history: list[dict[str, Any]] = []
    writes: dict[str, tuple[list[Change], list[dict[str, Any]]]] = {}
    for tab, rows in files.items():
        source = SOURCES.get(tab, tab)
        stored = {str(r["id"]): {str(k): v for k, v in r.items()} for r in data[tab].to_dict("records")}
        changes: list[Change] = []
        appends: list[dict[str, Any]] = []
        seen: set[str] = set()
        for row in rows:
            rid = str(row["id"])
            seen.add(rid)
            key = f"{tab}:{rid}"
            fp = fingerprint(tab, row)
            known = ledger.get(key)
            if known is not None and str(known["fingerprint"]) == fp:
                continue  # the file did not change this row: the store's version stands
            current = stored.get(rid)
            if known is None and current is not None:
                pass  # first sight of a stored row: the store's version stands (it may hold an admin's edit)
            elif current is None:
                appends.append(dict(row))
                report.added.setdefault(tab, []).append(rid)
                history.append(_history(tab, rid, "sync_add", f"{source}: mới / new", actor, now))
            else:
                want, have = _content(tab, row), _content(tab, current)
                diff = [c for c in want if want[c] != have[c]]
                if diff:
                    changes.append(Change(rid, int(current["version"]), {c: want[c] for c in diff}))
                    report.updated.setdefault(tab, []).append((rid, diff))
                    history.append(
                        _history(tab, rid, "sync_update", f"{source}: {', '.join(diff)}", actor, now)
                    )
            entry = {"tab": tab, "row_id": rid, "fingerprint": fp, "source_file": source}
            if known is None:
                new_ledger.append({"id": key, **entry})
            else:
                ledger_changes.append(Change(key, int(known["version"]), entry))
        if tab == "catalogue":  # an entry dropped from the file is retired, never deleted
            for known in ledger.values():
                rid = str(known["row_id"])
                if known["tab"] != tab or rid in seen or rid not in stored or not bool(stored[rid]["active"]):
                    continue
                changes.append(Change(rid, int(stored[rid]["version"]), {"active": False}))
                report.retired.setdefault(tab, []).append(rid)
                history.append(
                    _history(tab, rid, "sync_retire", f"{source}: không còn trong tệp / dropped", actor, now)
                )
        if changes or appends:
            writes[tab] = (changes, appends)
    for tab, (changes, appends) in writes.items():
        store.update(tab, changes, actor=actor, also_append={tab: appends} if appends else None)
    if new_ledger or ledger_changes or history:
        store.update(
            LEDGER, ledger_changes, actor=actor, also_append={LEDGER: new_ledger, "history": history}
        )
    return report
