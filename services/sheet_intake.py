"""Officers type in their own spreadsheet: provisioning, and the sync that checks and answers rows.

The store (users, units, submissions, history) is never shared with officers. Each grassroots
unit gets its own intake spreadsheet (:mod:`core.intake_sheets`), shared with its active officers
only. A sync (``cli.py sync``, the app's background job, the "Đồng bộ ngay" button):

1. asks Drive for the intake files modified since the last sync (one listing, however many files
   there are) and keeps those whose ``version`` differs from the one the store recorded, plus the
   files of units whose submissions changed state in the store since the states last written;
2. reads only those files (one call each) and, per row of each tab:
   * links the row to its submission: by the hidden key when the row's cells still match the
     fingerprint written with it, else by that fingerprint found on another row (rows sorted),
     else by the key (the officer edited the row); a copied row's key is already taken, so the
     copy is a new row;
   * a new row with every required cell typed goes through the *same* intake path as the form and
     the Excel import (:func:`services.intake.rows_upload`, :func:`services.intake_import.check_upload`:
     labels to codes, pandera, the named checks, duplicates, prerequisites), then
     ``Services.create_many`` with a client token derived from the file, tab, cells and occurrence,
     so a sync that stopped half-way links the row to the submission it made instead of making
     another; a half-typed row waits;
   * a linked row whose cells changed is edited and resubmitted when its state lets the unit edit
     it (returned, draft), exactly as the app's edit page does; otherwise it is flagged and not
     applied;
3. writes back, per file in one call, only the rows whose "Kiểm tra", "Trạng thái" or key changed,
   as text (RAW), with the wrong cells highlighted;
4. records in ``intake_sheets`` what it saw (one store call for the whole sync).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from core.errors import ActionNotAllowed, FieldError, StorageUnavailable, ThiduaError, ValidationFailed
from core.intake_sheets import (
    FIRST_DATA_ROW,
    IntakeColumn,
    IntakeFile,
    IntakePlan,
    IntakeSheets,
    IntakeTab,
    ProvisionReport,
    RowWrite,
)
from core.model import Actor
from core.ports import Change
from i18n import label as pick_label
from i18n import t
from schemas.registry import spec as tab_spec
from schemas.validate import column_choices
from services.intake import _choice_labels, rows_upload
from services.intake_import import check_upload
from services.services import Services, new_id
from workflows.spec import CampaignSpec, FormSpec

log = logging.getLogger(__name__)

INTAKE_TAB = "intake_sheets"
OFFICER_ROLES = ("UNIT_OFFICER", "UNIT_HEAD")
#: Who may ask for a sync now (the button): reviewers, the council and admins; officers' rows are
#: synced in the background anyway.
SYNC_ROLES = frozenset({"UPPER_REVIEWER", "COUNCIL_MEMBER", "COUNCIL_SECRETARY", "ADMIN"})
#: The listing asks for files modified since the newest time the last sync saw, minus this margin
#: (Drive's clock and a person typing while the listing runs); the versions recorded sort out the
#: files listed again for nothing.
SYNC_MARGIN = dt.timedelta(minutes=5)
#: Who the store records as the author of the registry rows.
SYNC_AUTHOR = "sheet-sync"
TOKEN_PREFIX = "sheet-"
#: The registry row that holds no file: the time Google answered the last listing.
MARKER = "*"
KEY_SEPARATOR = ":"
#: Provisioning records the files it made every so many (one store call each), and when it stops:
#: a first run over thousands of units that Google stops half-way never leaves files the store does
#: not know (a second run would make them again).
PROVISION_SAVE_EVERY = 50


# ---------------------------------------------------------------------------------------- layout


def system_headers(lang: str = "vi") -> tuple[str, str, str]:
    return (t("sheet.col.check", lang), t("sheet.col.state", lang), t("sheet.col.key", lang))


def _submit_roles(campaign: CampaignSpec, form: FormSpec) -> set[str]:
    wf = campaign.workflow_for(form.name)
    return {r for tr in wf.transitions if tr.trigger == "submit" for r in tr.roles}


def intake_tabs(services: Services, lang: str = "vi") -> tuple[IntakeTab, ...]:
    """One tab per form officers submit in every open campaign: Vietnamese headers (the schema's
    labels), an instruction per column, dropdowns of labels for coded columns."""
    catalogue = services.reference().catalogue_map
    campaigns = services.open_campaigns()
    out: list[IntakeTab] = []
    for campaign in campaigns:
        for form in campaign.forms.values():
            if not _submit_roles(campaign, form) & set(OFFICER_ROLES):
                continue
            s = tab_spec(form.tab)
            columns = []
            for fs in form.fields:
                choices = _choice_labels(form, fs.name, lang, catalogue) or []
                how = [
                    t("sheet.instr.required" if fs.required else "sheet.instr.optional", lang),
                    s.help(fs.name, lang) or t(f"intake.kind.{s.kind(fs.name)}", lang),
                ]
                if choices:
                    how.append(t("sheet.instr.choose", lang))
                columns.append(
                    IntakeColumn(
                        fs.name,
                        s.label(fs.name, lang),
                        " ".join(h for h in how if h),
                        tuple(choices),
                        fs.required,
                    )
                )
            title = pick_label(form.label, lang)
            if len(campaigns) > 1:
                title = f"{campaign.id} · {title}"
            notes = (t("sheet.instr.check", lang), t("sheet.instr.state", lang), t("sheet.instr.key", lang))
            out.append(
                IntakeTab(title[:100], campaign.id, form.name, tuple(columns), system_headers(lang), notes)
            )
    return tuple(out)


def officers(services: Services, unit_id: str) -> list[str]:
    """E-mails of the unit's active officers (who may edit its intake spreadsheet), sorted."""
    users = services.reference().users
    mine = users[(users["unit_id"] == unit_id) & users["role"].isin(OFFICER_ROLES) & users["active"]]
    return sorted({str(e).lower() for e in mine["email"]})


def officer_actor(services: Services, unit_id: str) -> Actor | None:
    """The unit's officer a sync acts as (the first active UNIT_OFFICER, else a UNIT_HEAD)."""
    users = services.reference().users
    mine = users[(users["unit_id"] == unit_id) & users["role"].isin(OFFICER_ROLES) & users["active"]]
    if mine.empty:
        return None
    mine = mine.assign(_o=mine["role"].map(OFFICER_ROLES.index)).sort_values(["_o", "email"])
    row = mine.iloc[0]
    return Actor(str(row["email"]), str(row["full_name"]), str(row["role"]), unit_id)


def _layout_of(tabs: Sequence[IntakeTab]) -> str:
    text = json.dumps(
        [
            [tb.title, tb.campaign_id, tb.form, [[c.header, list(c.choices)] for c in tb.columns]]
            for tb in tabs
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def plan_for(services: Services, unit_id: str, tabs: Sequence[IntakeTab] | None = None) -> IntakePlan:
    """What the unit's intake spreadsheet must hold; no editors when it has no active officer."""
    tabs = tuple(tabs if tabs is not None else intake_tabs(services))
    name = services.reference().unit_name(unit_id)
    return IntakePlan(
        unit_id, t("sheet.title", "vi", unit=name), tabs, tuple(officers(services, unit_id)), _layout_of(tabs)
    )


def grassroots_units(services: Services) -> list[str]:
    """Units that get an intake spreadsheet: grassroots unions with at least one active officer."""
    ref = services.reference()
    units = ref.units
    base = units[units["level"] == "CDCS"]
    return sorted(u for u in base["id"] if officers(services, str(u)))


# ---------------------------------------------------------------------------------------- registry


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]


def registry(services: Services) -> pd.DataFrame:
    """The ``intake_sheets`` tab as stored (read fresh: a sync is rare, its answer must be current)."""
    return services.store.read(INTAKE_TAB)


def _file_of(row: Mapping[str, Any]) -> IntakeFile:
    return IntakeFile(
        str(row["spreadsheet_id"]),
        str(row["unit_id"]),
        str(row.get("version_seen") or ""),
        str(row.get("modified_seen") or ""),
        str(row.get("url") or ""),
    )


def _save(
    services: Services,
    known: Mapping[str, Mapping[str, Any]],
    updates: Mapping[str, Mapping[str, Any]],
) -> None:
    """One store call: changed registry rows by id and version, new ones appended."""
    changes: list[Change] = []
    new: list[dict[str, Any]] = []
    for unit_id, values in updates.items():
        row = known.get(unit_id)
        if row is None:
            new.append({"id": new_id(), "unit_id": unit_id, **values})
            continue
        changed = {k: v for k, v in values.items() if str(row.get(k) or "") != str(v)}
        if changed:
            changes.append(Change(str(row["id"]), int(row["version"]), changed))
    if not changes and not new:
        return
    services.store.update(
        INTAKE_TAB, changes, actor=SYNC_AUTHOR, also_append={INTAKE_TAB: new} if new else {}
    )
    services.invalidate([INTAKE_TAB])


def provision(
    services: Services, sheets: IntakeSheets, units: Sequence[str] | None = None
) -> list[ProvisionReport]:
    """Create or update the intake spreadsheets of ``units`` (default: every grassroots unit with an
    officer, and every unit that had a spreadsheet: officers who left lose access). A file whose
    layout and editors are those recorded costs no call."""
    reg = registry(services)
    known = {str(r["unit_id"]): r for r in _records(reg) if str(r["unit_id"]) != MARKER}
    wanted = list(units) if units is not None else sorted({*grassroots_units(services), *known})
    tabs = intake_tabs(services)
    reports: list[ProvisionReport] = []
    updates: dict[str, dict[str, Any]] = {}
    try:
        for unit_id in wanted:
            plan = plan_for(services, unit_id, tabs)
            row = known.get(unit_id)
            editors = ",".join(plan.editors)
            if row is not None and str(row["layout"]) == plan.layout and str(row["editors"]) == editors:
                continue
            if row is None and not plan.editors:
                continue  # nobody could type in it
            existing = _file_of(row) if row is not None else None
            report = sheets.provision(plan, existing)
            reports.append(report)
            values: dict[str, Any] = {
                "spreadsheet_id": report.file.file_id,
                "url": report.file.url,
                "layout": plan.layout,
                "editors": editors,
            }
            if row is None:  # new: what it holds now is the app's own layout
                values |= {
                    "version_seen": report.file.version,
                    "modified_seen": report.file.modified,
                    "status_hash": "",
                    "synced_at": "",
                }
            updates[unit_id] = values
            if len(updates) >= PROVISION_SAVE_EVERY:
                _save(services, known, updates)
                updates = {}
    except StorageUnavailable as exc:
        # Google stopped the run (its quota, an outage): what was made is kept (below), so the
        # message says so and what to do, not the store's generic "nothing was saved"
        raise StorageUnavailable("sheet.provision_stopped", made=len(reports)) from exc
    finally:  # a run stopped by Google keeps what it made: the next run goes on from there
        _save(services, known, updates)
    return reports


# ---------------------------------------------------------------------------------------- a row


def fingerprint(cells: Sequence[Any]) -> str:
    """What the officer typed in a row, as a short digest (trailing spaces ignored)."""
    text = "\x1f".join("" if v is None else str(v).strip() for v in cells)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _key(sid: str, fp: str) -> str:
    return f"{sid}{KEY_SEPARATOR}{fp}"


def _parse_key(text: Any) -> tuple[str, str]:
    raw = "" if text is None else str(text).strip()
    if KEY_SEPARATOR not in raw:
        return "", ""
    sid, fp = raw.rsplit(KEY_SEPARATOR, 1)
    return sid.strip(), fp.strip()


def _blank(v: Any) -> bool:
    return v is None or str(v).strip() == ""


@dataclass
class _Row:
    number: int  # 1-based sheet row
    cells: dict[str, Any]
    values: list[Any]  # the officer's cells in column order
    fp: str
    key_sid: str
    key_fp: str
    shown: tuple[str, str, str]  # what the app's three cells show now
    sid: str = ""  # the submission it is linked to
    prev_fp: str = ""  # the fingerprint it was accepted with
    write: RowWrite | None = None


@dataclass
class SyncReport:
    """What one sync did (counts for the CLI and the page, files for the benches)."""

    listed: int = 0
    read: list[str] = field(default_factory=list)
    created: int = 0
    resubmitted: int = 0
    invalid: int = 0
    waiting: int = 0
    flagged: int = 0
    rows_written: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self, lang: str = "vi") -> str:
        return t(
            "sheet.sync_summary",
            lang,
            files=len(self.read),
            listed=self.listed,
            created=self.created,
            resubmitted=self.resubmitted,
            invalid=self.invalid,
            waiting=self.waiting,
            flagged=self.flagged,
        )


def state_text(campaign: CampaignSpec, form: str, row: Mapping[str, Any], lang: str = "vi") -> str:
    """What "Trạng thái" shows: the state's label, or "Trả lại: <lý do>" for a returned row."""
    wf = campaign.workflow_for(form)
    st = wf.states.get(str(row.get("state")))
    if st is None:
        return str(row.get("state") or "")
    if st.outcome == "returned":
        reason = str(row.get("last_reason") or "").strip()
        return (
            t("sheet.state.returned", lang, reason=reason)
            if reason
            else t("sheet.state.returned_no_reason", lang)
        )
    return pick_label(st.label, lang)


def _message(e: FieldError, lang: str, labels: Mapping[str, str] | None = None) -> str:
    """The problem's text without its row (the row is where it is written), codes named by their
    labels ("Lao động tiên tiến", "Tập thể", never LDTT, TAP_THE)."""
    names = labels or {}
    params = {k: names.get(v, v) if isinstance(v, str) else v for k, v in e.params.items()}
    value = names.get(e.value, e.value) if isinstance(e.value, str) else e.value
    text = FieldError(None, e.column, value, e.rule, params, e.severity).message(lang)
    for code, label in names.items():  # a reason rendered before it reached us (a guard's refusal)
        text = text.replace(f"'{code}'", f"'{label}'")
    return text


def _problems_text(errors: Sequence[FieldError], lang: str, labels: Mapping[str, str] | None = None) -> str:
    parts = []
    for e in errors:
        text = _message(e, lang, labels)
        parts.append(text if e.severity == "error" else t("sheet.check.warning", lang, message=text))
    return " | ".join(dict.fromkeys(parts))


# ---------------------------------------------------------------------------------------- a tab


class _TabSync:
    """One tab of one file: link rows, check and store new ones, decide what to write back."""

    def __init__(
        self,
        services: Services,
        actor: Actor,
        tab: IntakeTab,
        file_id: str,
        values: list[list[Any]],
        report: SyncReport,
        lang: str,
    ) -> None:
        self.svc = services
        self.actor = actor
        self.tab = tab
        self.file_id = file_id
        self.report = report
        self.lang = lang
        self.campaign = services.campaign(tab.campaign_id)
        self.form = self.campaign.forms[tab.form]
        self.fields = [c.field for c in tab.columns]
        self.required = [c.field for c in tab.columns if c.required]
        self.labels = {c.field: c.header for c in tab.columns}
        catalogue = services.reference().catalogue_map
        self.code_labels: dict[str, str] = {}
        for c in tab.columns:
            coded = column_choices(self.form.tab, c.field, catalogue) if c.choices else None
            if coded is not None:
                self.code_labels |= {code: coded.label(code, lang) for code in coded.codes}
        header = ["" if v is None else str(v).strip() for v in (values[0] if values else [])]
        self.at: dict[str, int] = {}
        for name in [*(c.header for c in tab.columns), *tab.system]:
            if name not in header:
                unit = services.reference().unit_name(actor.unit_id)
                raise ActionNotAllowed("sheet.header_missing", unit=unit, tab=tab.title, column=name)
            self.at[name] = header.index(name)
        self.rows: list[_Row] = []
        for i, cells in enumerate(values[FIRST_DATA_ROW - 1 :]):
            self.rows.append(self._row(FIRST_DATA_ROW + i, cells))

    def _cell(self, cells: Sequence[Any], name: str) -> Any:
        j = self.at[name]
        v = cells[j] if j < len(cells) else ""
        return "" if v is None else v

    def _row(self, number: int, cells: Sequence[Any]) -> _Row:
        vals = [self._cell(cells, c.header) for c in self.tab.columns]
        check, state, key = (str(self._cell(cells, h)) for h in self.tab.system)
        sid, kfp = _parse_key(key)
        return _Row(
            number,
            dict(zip(self.fields, vals, strict=True)),
            vals,
            fingerprint(vals),
            sid,
            kfp,
            (check, state, key),
        )

    # -- linking -----------------------------------------------------------------------------------

    def link(self, stored: Mapping[str, Mapping[str, Any]]) -> None:
        """Which row is which submission: key and cells agree; else the cells moved (a sort); else
        the key alone (the row was edited). A second row with a taken key is a copy: a new row."""
        claimed: dict[str, _Row] = {}
        accepted = {r.key_sid: r.key_fp for r in self.rows if r.key_sid in stored}
        for r in self.rows:  # 1: key and cells agree
            if r.key_sid in stored and r.key_sid not in claimed and r.fp == r.key_fp:
                r.sid, r.prev_fp = r.key_sid, r.key_fp
                claimed[r.sid] = r
        by_fp: dict[str, str] = {}
        for sid, kfp in accepted.items():
            if sid not in claimed:
                by_fp.setdefault(kfp, sid)
        for r in self.rows:  # 2: the cells of a submission, moved to another row
            if r.sid or r.fp not in by_fp:
                continue
            sid = by_fp.pop(r.fp)
            if sid not in claimed:
                r.sid, r.prev_fp = sid, accepted[sid]
                claimed[sid] = r
        for r in self.rows:  # 3: the key alone: the officer changed the cells
            if not r.sid and r.key_sid in stored and r.key_sid not in claimed:
                r.sid, r.prev_fp = r.key_sid, r.key_fp
                claimed[r.sid] = r

    # -- deciding ----------------------------------------------------------------------------------

    def _tokens(self, rows: Sequence[_Row]) -> dict[int, str]:
        """A client token per new row: the file, tab, cells and occurrence (rows of this tab with
        the same cells linked already count first, so a copy of a linked row never takes its token)."""
        seen: dict[str, int] = {}
        for r in self.rows:
            if r.sid:
                seen[r.fp] = seen.get(r.fp, 0) + 1
        out: dict[int, str] = {}
        for r in rows:
            n = seen.get(r.fp, 0)
            seen[r.fp] = n + 1
            text = f"{self.file_id}\x1f{self.tab.campaign_id}\x1f{self.tab.form}\x1f{r.fp}\x1f{n}"
            out[r.number] = TOKEN_PREFIX + hashlib.sha256(text.encode()).hexdigest()[:26]
        return out

    def _columns_of(self, errors: Sequence[FieldError]) -> tuple[int, ...]:
        """The officer's cells to highlight: each error's column, and any column its text names."""
        by_label = {c.header: self.at[c.header] for c in self.tab.columns}
        by_label |= {
            tab_spec(self.form.tab).label(c.field, "en"): self.at[c.header] for c in self.tab.columns
        }
        out: set[int] = set()
        for e in errors:
            if e.severity != "error":
                continue
            if e.column in by_label:
                out.add(by_label[e.column])
            text = _message(e, self.lang, self.code_labels)
            out |= {j for label, j in by_label.items() if f"'{label}'" in text}
        return tuple(sorted(out))

    def _text(self, errors: Sequence[FieldError]) -> str:
        return _problems_text(errors, self.lang, self.code_labels)

    def _set(self, r: _Row, check: str, state: str, key: str, bad: tuple[int, ...] = ()) -> None:
        r.write = RowWrite(r.number, check, state, key, bad)

    def decide(self, stored: dict[str, dict[str, Any]], by_token: Mapping[str, str]) -> None:
        new: list[_Row] = []
        for r in self.rows:
            if r.sid:
                now = self._linked(r, stored[r.sid])
                if now is not None:
                    stored[r.sid] = now
                continue
            if all(_blank(v) for v in r.values):
                if any(r.shown):  # emptied: the app's cells go too (the submission stays in the store)
                    self._set(r, "", "", "")
                continue
            missing = [self.labels[f] for f in self.required if _blank(r.cells.get(f))]
            if missing:
                self.report.waiting += 1
                cols = ", ".join(f"'{m}'" for m in missing)
                self._set(r, t("sheet.check.waiting", self.lang, columns=cols), "", "")
                continue
            new.append(r)
        if not new:
            return
        tokens = self._tokens(new)
        fresh = []
        for r in new:  # made by a sync that stopped before it wrote the key back
            sid = by_token.get(tokens[r.number])
            if sid is not None and sid in stored:
                r.sid, r.prev_fp = sid, r.fp
                self._set(
                    r, "", state_text(self.campaign, self.form.name, stored[sid], self.lang), _key(sid, r.fp)
                )
            else:
                fresh.append(r)
        if fresh:
            self._create(fresh, tokens, stored)

    def _linked(self, r: _Row, row: dict[str, Any]) -> dict[str, Any] | None:
        """A row linked to its submission: unchanged (its state shown), edited while the unit may
        edit it (edited and submitted again, as the app's edit page does), or edited after it
        left the unit (flagged, not applied). Returns the submission when it changed."""
        if r.fp == r.prev_fp:
            state = state_text(self.campaign, self.form.name, row, self.lang)
            keep = (
                r.shown[0] if r.shown[0].startswith(t("sheet.check.warning", self.lang, message="")) else ""
            )
            self._set(r, keep, state, _key(r.sid, r.fp))
            return None
        wf = self.campaign.workflow_for(self.form.name)
        st = wf.states.get(str(row["state"]))
        state = state_text(self.campaign, self.form.name, row, self.lang)
        if st is None or not st.editable:
            cells, _ = self.svc.validate(self.campaign.id, self.form.name, r.cells, self.lang)
            changed = [
                c
                for c in self.tab.columns
                if c.field in cells and str(cells.get(c.field) or "") != str(row.get(c.field) or "")
            ]
            cols = ", ".join(f"'{c.header}'" for c in changed) or "—"
            self.report.flagged += 1
            bad = tuple(self.at[c.header] for c in changed)
            self._set(
                r,
                t("sheet.check.edited_after", self.lang, state=state, columns=cols),
                state,
                _key(r.sid, r.prev_fp),
                bad,
            )
            return None
        try:  # what the app's edit page does: edit, then submit again
            edited = self.svc.edit(self.actor, self.form.tab, r.sid, int(row["version"]), r.cells)
        except ValidationFailed as failed:
            self.report.invalid += 1
            errs = list(failed.errors)
            self._set(r, self._text(errs), state, _key(r.sid, r.prev_fp), self._columns_of(errs))
            return None
        try:
            done = self.svc.act(self.actor, self.form.tab, r.sid, int(edited["version"]), "submit")
        except ThiduaError as refused:
            self.report.invalid += 1
            now = state_text(self.campaign, self.form.name, edited, self.lang)
            self._set(
                r,
                t("sheet.check.refused", self.lang, reason=refused.message(self.lang)),
                now,
                _key(r.sid, r.fp),
            )
            return edited
        self.report.resubmitted += 1
        self._set(r, "", state_text(self.campaign, self.form.name, done, self.lang), _key(r.sid, r.fp))
        return done

    def _create(self, rows: list[_Row], tokens: Mapping[int, str], stored: dict[str, dict[str, Any]]) -> None:
        """The new complete rows through the intake path, then stored and submitted."""
        upload = rows_upload(
            self.campaign,
            self.form.name,
            [r.cells for r in rows],
            [(self.tab.title, r.number) for r in rows],
            source=self.tab.title,
            lang=self.lang,
        )
        checked = check_upload(self.svc, upload, actor=self.actor, lang=self.lang)
        by_number = {r.number: r for r in rows}
        problems: dict[int, list[FieldError]] = {}
        for e in checked:
            if e.row is not None and e.severity in ("error", "warning"):
                problems.setdefault(e.row, []).append(e)
        good: list[int] = []
        for i in range(len(upload.rows)):
            number = upload.row_numbers[i]
            errs = problems.get(number, [])
            if i in checked.stored:  # an Excel import of the unit stored these very cells
                notes = [e for e in checked if e.row == number and e.rule == "already_stored"]
                self._set(by_number[number], self._text(notes), "", "")
                continue
            if any(e.severity == "error" for e in errs):
                self.report.invalid += 1
                r = by_number[number]
                self._set(r, self._text(errs), "", "", self._columns_of(errs))
                continue
            good.append(i)
        if not good:
            return
        written, refused = self.svc.create_many(
            self.actor,
            self.campaign.id,
            self.form.name,
            [checked.cells[i] for i in good],
            submit=True,
            first_row=0,
            parsed=True,
            tokens=[tokens[upload.row_numbers[i]] for i in good],
        )
        by_tok = {tokens[upload.row_numbers[i]]: by_number[upload.row_numbers[i]] for i in good}
        for row in written:
            got = by_tok.get(str(row.get("client_token")))
            if got is None:
                continue
            r = got
            sid = str(row["id"])
            stored[sid] = row
            r.sid, r.prev_fp = sid, r.fp
            warn = [e for e in problems.get(r.number, []) if e.severity == "warning"]
            self.report.created += 1
            self._set(
                r,
                self._text(warn),
                state_text(self.campaign, self.form.name, row, self.lang),
                _key(sid, r.fp),
            )
        for e in refused:
            if e.row is None or not 0 <= e.row < len(good):
                continue
            i = good[e.row]
            r = by_number[upload.row_numbers[i]]
            self.report.invalid += 1
            self._set(
                r,
                t("sheet.check.not_created", self.lang, reason=_message(e, self.lang, self.code_labels)),
                "",
                "",
                self._columns_of([e]),
            )

    def writes(self) -> list[RowWrite]:
        """Rows whose app cells change; a row already showing what it should costs nothing (the
        same "Kiểm tra" text means the same cells are highlighted already)."""
        out = []
        for r in self.rows:
            w = r.write or RowWrite(r.number, "", "", "")
            if (w.check, w.state, w.key) != r.shown:
                out.append(w)
        return out


# ---------------------------------------------------------------------------------------- sync


def _sheet_rows(services: Services) -> dict[str, dict[str, dict[str, Any]]]:
    """Per unit, its submissions made from its intake spreadsheet (open campaigns), by id: one
    cached read per submission tab, whatever the number of units."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for campaign in services.open_campaigns():
        for tab in dict.fromkeys(f.tab for f in campaign.forms.values()):
            frame = services._read([tab])[tab]
            mine = frame[
                (frame["campaign_id"] == campaign.id)
                & frame["client_token"].astype(str).str.startswith(TOKEN_PREFIX)
            ]
            for row in _records(mine):
                out.setdefault(str(row["unit_id"]), {})[str(row["id"])] = row
    return out


def _status_hash(services: Services, rows: Mapping[str, Mapping[str, Any]]) -> str:
    """A digest of what "Trạng thái" should show for each of the unit's sheet submissions."""
    parts = []
    for sid in sorted(rows):
        row = rows[sid]
        campaign = services.campaign(str(row["campaign_id"]))
        parts.append(f"{sid}={state_text(campaign, str(row['form']), row)}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16] if parts else ""


def _since(reg: pd.DataFrame) -> str:
    """Where the listing starts: the time Google answered the last sync's listing (kept on the
    marker row), else the newest change seen, less :data:`SYNC_MARGIN` (Drive's listing may lag
    behind a change by some seconds)."""
    if reg.empty:
        return ""
    marker = reg[reg["unit_id"] == MARKER]
    seen = [str(v) for v in marker["modified_seen"] if str(v or "")]
    if not seen:
        seen = [str(v) for v in reg["modified_seen"] if str(v or "")]
    if not seen:
        return ""
    newest = max(dt.datetime.fromisoformat(s.replace("Z", "+00:00")) for s in seen)
    return (newest - SYNC_MARGIN).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")


def sync(services: Services, sheets: IntakeSheets, *, lang: str = "vi") -> SyncReport:
    """Read the intake files that changed (and those whose states changed), check and store their
    rows, answer in the sheet; see the module's docstring."""
    report = SyncReport()
    reg = registry(services)
    known = {str(r["unit_id"]): r for r in _records(reg)}
    by_file = {str(r["spreadsheet_id"]): u for u, r in known.items()}
    marker = known.pop(MARKER, None)
    changed, answered = sheets.changed_since(_since(reg))
    report.listed = len(changed)
    todo: dict[str, IntakeFile] = {}
    updates: dict[str, dict[str, Any]] = {}
    for f in changed:
        unit_id = by_file.get(f.file_id)
        if unit_id is None:
            continue  # not provisioned through this store: never read
        if f.version != str(known[unit_id].get("version_seen") or ""):
            todo[unit_id] = f
        elif f.modified and f.modified != str(known[unit_id].get("modified_seen") or ""):
            updates[unit_id] = {"modified_seen": f.modified}  # moves the next listing's start on
    sheet_rows = _sheet_rows(services)
    for unit_id, row in known.items():
        rows = sheet_rows.setdefault(unit_id, {})
        if unit_id not in todo and _status_hash(services, rows) != str(row.get("status_hash") or ""):
            todo[unit_id] = _file_of(row)
    tabs = intake_tabs(services, lang)
    now = services.now_iso()
    for unit_id, f in sorted(todo.items()):
        actor = officer_actor(services, unit_id)
        if actor is None:
            continue
        actor = Actor(actor.email, actor.name, actor.role, actor.unit_id, lang)
        values = sheets.read(f.file_id, [tb.title for tb in tabs])
        report.read.append(f.file_id)
        stored = sheet_rows[unit_id]
        by_token = {str(r["client_token"]): sid for sid, r in stored.items()}
        writes: dict[str, tuple[int, list[RowWrite]]] = {}
        for tb in tabs:
            if tb.title not in values:
                continue
            try:
                part = _TabSync(services, actor, tb, f.file_id, values[tb.title], report, lang)
            except ActionNotAllowed as exc:
                report.problems.append(exc.message(lang))
                continue
            mine = {
                sid: r
                for sid, r in stored.items()
                if r["campaign_id"] == tb.campaign_id and r["form"] == tb.form
            }
            part.link(mine)
            part.decide(mine, by_token)
            stored.update(mine)
            answer = part.writes()
            if answer:
                writes[tb.title] = (len(tb.columns), answer)
                report.rows_written += len(answer)
        if writes:
            sheets.write_back(f.file_id, writes)
        updates[unit_id] = {
            "version_seen": f.version,
            "modified_seen": f.modified or str(known[unit_id].get("modified_seen") or ""),
            "status_hash": _status_hash(services, stored),
            "synced_at": now,
        }
    if answered:
        updates[MARKER] = {"spreadsheet_id": "", "modified_seen": answered}
        if marker is not None:
            known[MARKER] = marker
    _save(services, known, updates)
    return report


# ---------------------------------------------------------------------------------------- as a person


def sync_as(services: Services, sheets: IntakeSheets, actor: Actor) -> SyncReport:
    """The "Đồng bộ ngay" button: reviewers, the council and admins (re-checked in the store)."""
    actor = services.resolve(actor)
    if actor.role not in SYNC_ROLES:
        raise ActionNotAllowed("sheet.not_allowed", role=actor.role)
    return sync(services, sheets, lang=actor.lang)


def provision_as(
    services: Services, sheets: IntakeSheets, actor: Actor, units: Sequence[str] | None = None
) -> list[ProvisionReport]:
    """Creating and sharing the intake spreadsheets: admins only (re-checked in the store)."""
    actor = services.resolve(actor)
    if actor.role != "ADMIN":
        raise ActionNotAllowed("sheet.not_allowed", role=actor.role)
    return provision(services, sheets, units)
