"""The one intake path: check rows and import them through :class:`services.services.Services`.

Every way rows come in goes through here and gets the same report: the app form
(:func:`create_checked`), an Excel/CSV file on the page or with ``cli.py validate|import``
(:func:`check_upload`, :func:`import_upload`), and a sheet sync, which builds an
:class:`~services.intake.Upload` from the rows it read and their positions in the sheet
(:func:`services.intake.rows_upload`) and calls the same two functions.

:func:`check_rows` runs the schema (``validate_rows``: labels or codes, money, dates, lengths),
the form's award list, every named check of :mod:`services.rules` (duplicates, quota,
prerequisites), and two checks that look beyond the actor's scope: the same person nominated by
another unit in this campaign, and rows an earlier import already stored (each imported row has a
deterministic client token, :func:`row_tokens`). :func:`import_upload` then writes the rows without
a blocking problem through ``Services.create_many`` in chunks, so a page can show progress; the
store refuses a token twice, so two imports of one file at once store each row once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from core.errors import ActionNotAllowed, FieldError, ThiduaError, ValidationFailed
from core.model import Actor
from core.text import fold, match_key
from i18n import t
from schemas.choices import Choices, award_choices
from schemas.registry import spec as tab_spec
from schemas.validate import validate_rows
from services.intake import Upload, read_upload
from services.prerequisites import AwardHistory, with_batch
from services.rules import DEAD_STATES, SUBJECT_COLUMN, Batch, RuleBook, book_of, run_checks
from services.services import Services
from workflows.spec import CampaignSpec, FormSpec

#: ``progress(fraction 0..1, stage)``; stages: "check", "import", "done".
Progress = Callable[[float, str], None]
IMPORT_CHUNK = 2_000
#: Where a row is: (sheet, row number as the officer sees it); sheet "" for one sheet or a form.
Ref = tuple[str, int]


def _noop(_fraction: float, _stage: str) -> None:
    return None


@dataclass
class IntakeResult:
    """What an import did: every problem found, the rows written, the rows left out."""

    upload: Upload
    errors: list[FieldError] = field(default_factory=list)
    imported: list[dict[str, Any]] = field(default_factory=list)
    rejected_rows: list[int] = field(default_factory=list)
    #: the rows not imported, by (sheet, row): with an error, a warning not confirmed, or stored before
    rejected: list[Ref] = field(default_factory=list)
    #: rows an earlier import (or one running at the same time) had stored already
    already: list[Ref] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def blocking(self) -> list[FieldError]:
        return [e for e in self.errors if e.severity == "error"]

    @property
    def warnings(self) -> list[FieldError]:
        return [e for e in self.errors if e.severity == "warning"]


class CheckReport(list[FieldError]):
    """The problems :func:`check_upload` found (a list, as before), carrying what the import
    reuses: the parsed cells and the client token of every row, and the rows stored already."""

    def __init__(
        self,
        errors: Sequence[FieldError],
        upload: Upload,
        cells: list[dict[str, Any]],
        tokens: list[str],
        stored: set[int],
    ) -> None:
        super().__init__(errors)
        self.upload = upload
        self.cells = cells
        self.tokens = tokens
        self.stored = stored


def rule_book(services: Services) -> RuleBook:
    """The rules tab as a :class:`RuleBook` (the YAML defaults when the tab is empty or absent)."""
    cached = getattr(services.reference(), "rules", None)
    if isinstance(cached, RuleBook):
        return cached
    try:
        frame = services.store.read("rules")
    except Exception:  # a store without the tab yet (created by ensure_tabs on next start)
        frame = None
    return book_of(frame)


def row_tokens(
    campaign_id: str, form: str, unit_id: str, fields: Sequence[str], cells: Sequence[Mapping[str, Any]]
) -> list[str]:
    """The client token of each imported row: derived from the campaign, the form, the unit and
    the row's parsed cells, so the same row imported twice (the same file uploaded again, in
    another session or by ``cli.py import`` at the same moment) has the same token and the store
    keeps it once. Identical rows within one file are told apart by their occurrence."""
    seen: dict[str, int] = {}
    out = []
    head = f"{campaign_id}\x1f{form}\x1f{unit_id}"
    for cells_ in cells:
        content = "\x1f".join([head, *(str(cells_.get(f, "")) for f in fields)])
        n = seen.get(content, 0)
        seen[content] = n + 1
        digest = hashlib.sha256(f"{content}\x1e{n}".encode()).hexdigest()
        out.append("imp-" + digest[:28])
    return out


def award_history(services: Services) -> AwardHistory:
    """The award history every prerequisite rule reads (``Services.award_history``, kept while its
    tabs are unchanged)."""
    return services.award_history()


def _awards(services: Services) -> Choices:
    return award_choices(services.reference().catalogue_map)


def _state_label(campaign: CampaignSpec, form: str, state: str) -> Any:
    st = campaign.workflow_for(form).states.get(state) if form in campaign.forms else None
    return st.label if st is not None else state


def check_rows(
    services: Services,
    campaign_id: str,
    form: str,
    rows: Sequence[dict[str, Any]],
    row_numbers: Sequence[int],
    *,
    actor: Actor | None = None,
    lang: str = "vi",
    rules: RuleBook | None = None,
    sheets: Sequence[str] | None = None,
) -> list[FieldError]:
    """Every problem of ``rows`` (schema, award list, cross-row and cross-tab rules), by row.

    With an ``actor``, rows already stored in the actor's scope count for duplicates, quotas and
    prerequisites; without one (``cli.py validate``) only the file itself is checked.
    """
    refs = [(sheets[i] if sheets else "", n) for i, n in enumerate(row_numbers)]
    return _check(services, campaign_id, form, rows, refs, actor=actor, lang=lang, rules=rules)[1]


def _check(
    services: Services,
    campaign_id: str,
    form: str,
    rows: Sequence[Mapping[str, Any]],
    refs: Sequence[Ref],
    *,
    actor: Actor | None,
    lang: str,
    rules: RuleBook | None = None,
    tokens_of_rows: bool = True,
) -> tuple[list[dict[str, Any]], list[FieldError], list[str], set[int]]:
    """(parsed cells, problems by (sheet, row), client tokens, indexes of rows stored already).

    Inside, rows are known by their index (several sheets may share a row number); the problems
    come out naming each row's sheet and number, and the rows they point to ("the same as row 14")."""
    campaign = services.campaign(campaign_id)
    f = campaign.forms.get(form)
    if f is None:
        raise ActionNotAllowed("campaign.unknown_form", form=form, campaign=campaign_id)
    names = [fs.name for fs in f.fields]
    required = [fs.name for fs in f.fields if fs.required]
    catalogue = services.reference().catalogue_map
    keys = list(range(len(rows)))
    with warnings.catch_warnings():
        # pandera formats failure cases with a numpy cast that warns on NaN/huge cells; the
        # failures themselves are still reported, the warning is not the user's problem
        warnings.simplefilter("ignore", RuntimeWarning)
        parsed, errors = validate_rows(
            f.tab,
            rows,
            names,
            required,
            row_numbers=keys,
            lang=lang,
            catalogue=catalogue,
            awards=f.awards if "award_code" in names else (),
        )
    awards = _awards(services)
    existing: pd.DataFrame | None = None
    unit_id = ""
    tokens: list[str] = []
    stored: set[int] = set()
    if actor is not None:
        actor = services.resolve(actor)
        unit_id = actor.unit_id
        existing = services.rows(actor, f.tab, campaign_id)
    if existing is not None and tokens_of_rows:
        tokens = row_tokens(campaign_id, f.name, unit_id, names, parsed)
        mine = existing[existing["unit_id"] == unit_id]
        by_token = dict(zip(mine["client_token"], mine["state"], strict=True))
        subject = SUBJECT_COLUMN.get(f.tab, names[0])
        for i, token in enumerate(tokens):
            if token in by_token:
                stored.add(i)
                errors.append(
                    FieldError(
                        i,
                        "",
                        parsed[i].get(subject, ""),
                        "already_stored",
                        {"state": _state_label(campaign, f.name, str(by_token[token]))},
                        "note",
                    )
                )
    live = [i for i in keys if i not in stored]
    live_cells = [parsed[i] for i in live]
    history = None
    if f.tab == "nominations":
        entered = [{**f.fixed, **c, "unit_id": unit_id} for c in live_cells]
        history = with_batch(services.award_history_for(entered), entered, unit_id)
    batch = Batch(
        tab=f.tab,
        campaign_id=campaign_id,
        unit_id=unit_id,
        cells=live_cells,
        row_numbers=live,
        fields=names,
        rules=rules or rule_book(services),
        on=campaign.closes,  # the date the submission guard reads the quota rule on, too
        opens=campaign.opens,
        closes=campaign.closes,
        fixed=f.fixed,
        existing=existing,
        lang=lang,
        awards=history,
        catalogue=services.reference().catalogue_map,
    )
    errors.extend(run_checks(batch))
    if f.tab == "nominations":
        errors.extend(_nominated_elsewhere(services, campaign, f, unit_id, live, live_cells, lang))
    errors.sort(key=lambda e: (e.row if e.row is not None else -1, e.severity != "error"))
    return parsed, [_placed(e, refs, awards, lang) for e in errors], tokens, stored


def _placed(e: FieldError, refs: Sequence[Ref], awards: Choices, lang: str) -> FieldError:
    """A problem found on row index ``e.row``, told where the officer sees it; a row it points to
    ("other") and an award code in its text told the same way (labels, not codes)."""
    params = dict(e.params)
    other = params.get("other")
    if isinstance(other, int) and 0 <= other < len(refs):
        sheet, number = refs[other]
        mine = refs[e.row][0] if e.row is not None and 0 <= e.row < len(refs) else ""
        params["other"] = number if sheet == mine else f"{number} ({sheet})"
    if isinstance(params.get("award"), str) and params["award"] in awards.labels:
        params["award"] = awards.label(params["award"], lang)
    if e.row is None or not 0 <= e.row < len(refs):
        return dataclasses.replace(e, params=params)
    sheet, number = refs[e.row]
    return dataclasses.replace(e, row=number, sheet=sheet, params=params)


def _nominated_elsewhere(
    services: Services,
    campaign: CampaignSpec,
    f: FormSpec,
    unit_id: str,
    keys: Sequence[int],
    cells: Sequence[Mapping[str, Any]],
    lang: str,
) -> list[FieldError]:
    """A person this unit nominates whom another unit already nominated (or got awarded) in this
    campaign: a worker who moved, two unions nominating one person. A warning naming the other
    unit and the state; names match like duplicates do (tone placement, case, and a name typed
    without diacritics against one with them)."""
    if not unit_id:
        return []
    index = services.memo_frames(
        ("nominated_by_name", campaign.id),
        ["nominations"],
        lambda d: _name_index(d["nominations"], campaign.id),
    )
    ref = services.reference()
    label = tab_spec(f.tab).label("full_name", lang)
    awards = _awards(services)
    out: list[FieldError] = []
    for i, c in zip(keys, cells, strict=True):
        name = str(c.get("full_name") or "")
        if not name or c.get("subject_kind") == "TAP_THE":
            continue
        hits = [h for h in index.get(("k", match_key(name)), []) if h[0] != unit_id]
        folded = fold(name)
        if not hits and folded == name.casefold():  # typed without diacritics
            hits = [h for h in index.get(("f", folded), []) if h[0] != unit_id]
        if not hits:
            continue
        other_unit, award, state, _ = hits[0]
        out.append(
            FieldError(
                i,
                label,
                name,
                "nominated_elsewhere",
                {
                    "unit": ref.unit_name(other_unit),
                    "award": awards.label(award, lang),
                    "state": _state_label(campaign, str(hits[0][3] or f.name), state),
                },
                "warning",
            )
        )
    return out


def _name_index(
    frame: pd.DataFrame, campaign_id: str
) -> dict[tuple[str, str], list[tuple[str, str, str, str]]]:
    """(kind, key) -> [(unit, award, state, form)] of the live nominations of a campaign, by
    tone-insensitive name ("k") and by the name without diacritics ("f")."""
    # only the columns used, then plain lists: at a million submissions, filtering every column of
    # the tab and walking Arrow-backed columns cell by cell took most of an import's check
    cols = frame[["campaign_id", "state", "full_name", "unit_id", "award_code", "form"]]
    rows = cols[(cols["campaign_id"] == campaign_id) & ~cols["state"].isin(list(DEAD_STATES))]
    names = rows["full_name"].tolist()
    keys = {name: (("k", match_key(name)), ("f", fold(name))) for name in set(names)}  # names repeat
    out: dict[tuple[str, str], list[tuple[str, str, str, str]]] = {}
    for name, unit, award, state, form in zip(
        names,
        rows["unit_id"].tolist(),
        rows["award_code"].tolist(),
        rows["state"].tolist(),
        rows["form"].tolist(),
        strict=True,
    ):
        hit = (str(unit), str(award), str(state), str(form))
        by_key, by_fold = keys[name]
        out.setdefault(by_key, []).append(hit)
        out.setdefault(by_fold, []).append(hit)
    return out


def create_checked(
    services: Services,
    actor: Actor,
    campaign_id: str,
    form: str,
    values: dict[str, Any],
    *,
    submit: bool = True,
    client_token: str = "",
    accept_warnings: bool = False,
) -> dict[str, Any]:
    """One row from the app form, checked like an import row first: the schema, the award list and
    every named check (duplicates, quota, prerequisites). Errors block; warnings block until the
    user confirms (``accept_warnings``). Raises :class:`ValidationFailed` with the problems found.

    A repeated ``client_token`` returns the row created the first time (the check would otherwise
    call the first row a duplicate of itself)."""
    actor = services.resolve(actor)
    campaign = services.campaign(campaign_id)
    f = campaign.forms.get(form)
    if f is None:
        raise ActionNotAllowed("campaign.unknown_form", form=form, campaign=campaign_id)
    again = services._stored_token(f.tab, client_token, actor.unit_id)
    if again is not None:
        return again
    parsed, found, _, _ = _check(
        services, campaign_id, form, [values], [("", 0)], actor=actor, lang=actor.lang, tokens_of_rows=False
    )
    problems = [
        FieldError(None, e.column, e.value, e.rule, e.params, e.severity)
        for e in found
        if e.severity == "error" or (e.severity == "warning" and not accept_warnings)
    ]
    if problems:
        raise ValidationFailed(problems)
    # the cells as checked (codes for the labels typed), so the store gets what the check saw
    return services.create(actor, campaign_id, form, parsed[0], submit=submit, client_token=client_token)


def check_upload(
    services: Services,
    upload: Upload,
    *,
    actor: Actor | None = None,
    lang: str = "vi",
    progress: Progress | None = None,
) -> CheckReport:
    """:func:`check_rows` over an :class:`Upload`, with what reading it found (cells converted from
    a legacy encoding, total rows and sheets skipped), as one report."""
    report = progress or _noop
    report(0.05, "check")
    refs = [upload.ref(i) for i in range(len(upload.rows))]
    cells, errors, tokens, stored = _check(
        services, upload.campaign_id, upload.form, upload.rows, refs, actor=actor, lang=lang
    )
    found = sorted(
        [*upload.notes, *errors],
        key=lambda e: (e.row is not None, _sheet_order(upload, e.sheet), e.row or 0, _severity_order(e)),
    )
    report(0.4, "check")
    return CheckReport(found, upload, cells, tokens, stored)


def _sheet_order(upload: Upload, sheet: str) -> int:
    return upload.sheet_names.index(sheet) if sheet in upload.sheet_names else -1


def _severity_order(e: FieldError) -> int:
    return {"error": 0, "warning": 1}.get(e.severity, 2)


def held_rows(errors: Sequence[FieldError], *, accept_warnings: bool) -> set[Ref]:
    """Rows that are not imported: with an error, with a warning not confirmed, or stored before."""
    return {
        (e.sheet, e.row)
        for e in errors
        if e.row is not None
        and (
            e.severity == "error"
            or (e.severity == "warning" and not accept_warnings)
            or e.rule in ("already_stored", "total_row")
        )
    }


def import_upload(
    services: Services,
    actor: Actor,
    upload: Upload,
    *,
    accept_warnings: bool = False,
    submit: bool = False,
    progress: Progress | None = None,
    errors: Sequence[FieldError] | None = None,
) -> IntakeResult:
    """Check ``upload`` and write every row without a blocking problem; report the others.

    Rows with an error never go in; rows with only warnings go in when ``accept_warnings``; rows
    an earlier import stored are not written again. ``errors`` from an earlier
    :func:`check_upload` of the same upload skips re-checking. ``progress`` reaches 1.0 when done.
    """
    started = time.perf_counter()
    report = progress or _noop
    actor = services.resolve(actor)
    lang = actor.lang
    reusable = (
        isinstance(errors, CheckReport) and errors.upload is upload and len(errors.tokens) == len(upload.rows)
    )
    checked = errors if reusable else check_upload(services, upload, actor=actor, lang=lang, progress=report)
    assert isinstance(checked, CheckReport)
    found = list(checked if errors is None or isinstance(errors, CheckReport) else errors)
    held = held_rows(found, accept_warnings=accept_warnings)
    refs = [upload.ref(i) for i in range(len(upload.rows))]
    keep = [i for i, r in enumerate(refs) if r not in held and i not in checked.stored]
    result = IntakeResult(upload, list(found))
    result.already = [refs[i] for i in sorted(checked.stored)]
    total = max(len(keep), 1)
    done = 0
    for start in range(0, len(keep), IMPORT_CHUNK):
        idx = keep[start : start + IMPORT_CHUNK]
        written, refused = services.create_many(
            actor,
            upload.campaign_id,
            upload.form,
            [checked.cells[i] for i in idx],
            submit=submit,
            first_row=0,
            parsed=True,
            tokens=[checked.tokens[i] for i in idx],
        )
        result.imported.extend(written)
        for e in refused:
            i = idx[e.row or 0]
            sheet, number = refs[i]
            if e.rule == "already_stored":  # another import stored it between our check and our write
                result.already.append(refs[i])
                subject = SUBJECT_COLUMN.get(upload.tab, upload.fields[0])
                value = checked.cells[i].get(subject, "")
                e = FieldError(number, "", value, "already_stored", {"state": "—"}, "note", sheet)
            else:
                e = dataclasses.replace(e, row=number, sheet=sheet)
            result.errors.append(e)
            held.add(refs[i])
        done += len(idx)
        report(0.4 + 0.6 * done / total, "import")
    result.errors.sort(
        key=lambda e: (e.row is not None, _sheet_order(upload, e.sheet), e.row or 0, _severity_order(e))
    )
    result.rejected = [r for r in refs if r in held and r not in set(result.already)]
    result.rejected_rows = [n for _, n in result.rejected]
    result.seconds = time.perf_counter() - started
    report(1.0, "done")
    return result


def summary(upload: Upload, errors: Sequence[FieldError], lang: str = "vi") -> list[str]:
    """The report's first lines: rows counted (not problems), and what was skipped."""
    refs = {upload.ref(i) for i in range(len(upload.rows))}
    worst: dict[Ref, str] = {}
    skipped: set[Ref] = set()
    for e in errors:
        if e.row is None:
            continue
        r = (e.sheet, e.row)
        if e.rule in ("already_stored", "total_row"):
            skipped.add(r)
        elif e.severity in ("error", "warning") and worst.get(r) != "error":
            worst[r] = e.severity
    bad = sum(1 for r, sev in worst.items() if sev == "error" and r in refs)
    warned = sum(1 for r, sev in worst.items() if sev == "warning" and r in refs and r not in skipped)
    stored = len(skipped & refs)
    lines = [
        t(
            "intake.summary_rows",
            lang,
            rows=len(upload.rows),
            ok=len(upload.rows) - bad - warned - stored,
            bad=bad,
            warned=warned,
            errors=sum(1 for e in errors if e.severity == "error"),
            warnings=sum(1 for e in errors if e.severity == "warning"),
        )
    ]
    totals = sum(1 for e in errors if e.rule == "total_row")
    if stored or totals:
        lines.append(t("intake.summary_skipped", lang, skipped=stored + totals))
    if len(upload.sheet_names) > 1:
        lines.append(
            t("intake.sheets_read", lang, count=len(upload.sheet_names), sheets=", ".join(upload.sheet_names))
        )
    if upload.extra_headers:
        lines.append(
            t("intake.ignored_columns", lang, columns=", ".join(f"'{h}'" for h in upload.extra_headers))
        )
    return lines


def run_file(
    services: Services,
    campaign_id: str,
    form: str,
    path: Path,
    as_email: str = "",
    lang: str = "vi",
    *,
    write: bool = False,
    accept_warnings: bool = False,
) -> tuple[int, list[str]]:
    """``cli.py validate``/``import``: (exit code, report lines). 0 clean, 1 errors, 2 refused.

    Without ``as_email`` only the file is checked; the report says so (duplicates, quotas and
    prerequisites against the stored rows need the unit)."""
    if not path.is_file():
        return 2, [t("intake.file_not_found", lang, path=path)]
    actor: Actor | None = None
    if as_email:
        options = services.sign_in_options(as_email)
        if not options:
            return 2, [t("intake.unknown_user", lang, email=as_email)]
        actor = dataclasses.replace(options[0], lang=lang)
    try:
        campaign = services.campaign(campaign_id)
        upload = read_upload(path.name, path.read_bytes(), campaign=campaign, form=form, lang=lang)
        errors: Sequence[FieldError] = check_upload(services, upload, actor=actor, lang=lang)
        result = None
        if write and actor is not None:
            result = import_upload(services, actor, upload, accept_warnings=accept_warnings, errors=errors)
            errors = result.errors
    except ThiduaError as exc:
        return 2, [exc.message(lang)]
    lines = [f"{t('intake.severity.' + e.severity, lang).upper():9} {e.message(lang)}" for e in errors]
    blocking = sum(1 for e in errors if e.severity == "error")
    lines += summary(upload, errors, lang)
    if actor is None:
        lines.append(t("intake.no_store_check", lang))
    if result is not None:
        count, rejected = len(result.imported), len(result.rejected)
        lines.append(t("intake.imported", lang, count=count, rejected=rejected))
        if result.already:
            lines.append(t("intake.imported_again", lang, count=len(result.already)))
    return (1 if blocking else 0), lines
