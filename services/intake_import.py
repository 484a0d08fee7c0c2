"""Check and import uploaded rows through :class:`services.services.Services` (one report shape).

:func:`check_rows` runs the schema (``validate_rows``), the form's award list and every named
check of :mod:`services.rules` over the rows, and returns :class:`FieldError` s numbered as the user
sees them. :func:`import_upload` then writes only the rows without a blocking problem, through
``Services.create_many`` (which re-validates and keeps its own guarantees), in chunks so a page
can show progress.
"""

from __future__ import annotations

import dataclasses
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from core.errors import ActionNotAllowed, FieldError, ThiduaError, ValidationFailed
from core.model import Actor
from core.vnformat import try_parse_vnd
from i18n import t
from schemas.registry import spec as tab_spec
from schemas.validate import validate_rows
from services.intake import Upload, read_upload
from services.prerequisites import with_batch
from services.rules import Batch, RuleBook, book_of, run_checks
from services.services import Services

#: ``progress(fraction 0..1, stage)``; stages: "check", "import", "done".
Progress = Callable[[float, str], None]
IMPORT_CHUNK = 2_000


def _noop(_fraction: float, _stage: str) -> None:
    return None


@dataclass
class IntakeResult:
    """What an import did: every problem found, the rows written, the rows left out."""

    upload: Upload
    errors: list[FieldError] = field(default_factory=list)
    imported: list[dict[str, Any]] = field(default_factory=list)
    rejected_rows: list[int] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def blocking(self) -> list[FieldError]:
        return [e for e in self.errors if e.severity == "error"]

    @property
    def warnings(self) -> list[FieldError]:
        return [e for e in self.errors if e.severity == "warning"]


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


#: Largest value an Int64 column holds; bigger numbers are reported, never passed to pandas.
INT64_MAX = 2**63 - 1


def _guard_numbers(
    tab: str, rows: Sequence[dict[str, Any]], row_numbers: Sequence[int], names: Sequence[str], lang: str
) -> tuple[list[dict[str, Any]], list[FieldError]]:
    """Report whole numbers too large for storage (e.g. "20 tỷ tỷ") and blank them before pandas."""
    s = tab_spec(tab)
    numeric = [f for f in names if f in s.schema.columns and s.kind(f) in ("int", "money")]
    if not numeric:
        return list(rows), []
    out: list[dict[str, Any]] = []
    errors: list[FieldError] = []
    for i, row in enumerate(rows):
        fixed = row
        for f in numeric:
            raw = row.get(f)
            n = try_parse_vnd(raw) if s.kind(f) == "money" else _as_int(raw)
            if n is not None and abs(n) > INT64_MAX:
                label = s.label(f, lang)
                errors.append(FieldError(row_numbers[i], label, raw, "too_large", {"max": INT64_MAX}))
                fixed = {**fixed, f: None}
        out.append(fixed)
    return out, errors


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    return None


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
) -> list[FieldError]:
    """Every problem of ``rows`` (schema, award list, cross-row and cross-tab rules), by row.

    With an ``actor``, rows already stored in the actor's scope count for duplicates, quotas and
    prerequisites; without one (``cli.py validate``) only the file itself is checked.
    """
    campaign = services.campaign(campaign_id)
    f = campaign.forms.get(form)
    if f is None:
        raise ActionNotAllowed("campaign.unknown_form", form=form, campaign=campaign_id)
    names = [fs.name for fs in f.fields]
    required = [fs.name for fs in f.fields if fs.required]
    rows, errors = _guard_numbers(f.tab, rows, row_numbers, names, lang)
    with warnings.catch_warnings():
        # pandera formats failure cases with a numpy cast that warns on NaN/huge cells; the
        # failures themselves are still reported, the warning is not the user's problem
        warnings.simplefilter("ignore", RuntimeWarning)
        parsed, raw_errors = validate_rows(f.tab, rows, names, required, first_row=0, lang=lang)
    errors += [
        FieldError(row_numbers[e.row or 0], e.column, e.value, e.rule, e.params, e.severity)
        for e in raw_errors
    ]
    if f.awards:
        award_label = tab_spec(f.tab).label("award_code", lang)
        for i, cells in enumerate(parsed):
            code = cells.get("award_code")
            if code and code not in f.awards:
                errors.append(
                    FieldError(
                        row_numbers[i],
                        award_label,
                        code,
                        "award_not_in_form",
                        {"allowed": ", ".join(f.awards)},
                    )
                )
    existing: pd.DataFrame | None = None
    unit_id = ""
    if actor is not None:
        actor = services.resolve(actor)
        unit_id = actor.unit_id
        existing = services.rows(actor, f.tab, campaign_id)
    awards = None
    if f.tab == "nominations":
        entered = [{**f.fixed, **c, "unit_id": unit_id} for c in parsed]
        awards = with_batch(services.award_history_for(entered), entered, unit_id)
    batch = Batch(
        tab=f.tab,
        campaign_id=campaign_id,
        unit_id=unit_id,
        cells=parsed,
        row_numbers=row_numbers,
        fields=names,
        rules=rules or rule_book(services),
        on=campaign.closes,  # the date the submission guard reads the quota rule on, too
        opens=campaign.opens,
        closes=campaign.closes,
        fixed=f.fixed,
        existing=existing,
        lang=lang,
        awards=awards,
    )
    errors.extend(run_checks(batch))
    errors.sort(key=lambda e: (e.row or 0, e.severity != "error"))
    return errors


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
    found = check_rows(services, campaign_id, form, [values], [0], actor=actor, lang=actor.lang)
    problems = [
        FieldError(None, e.column, e.value, e.rule, e.params, e.severity)
        for e in found
        if e.severity == "error" or not accept_warnings
    ]
    if problems:
        raise ValidationFailed(problems)
    return services.create(actor, campaign_id, form, values, submit=submit, client_token=client_token)


def check_upload(
    services: Services,
    upload: Upload,
    *,
    actor: Actor | None = None,
    lang: str = "vi",
    progress: Progress | None = None,
) -> list[FieldError]:
    """:func:`check_rows` over an :class:`Upload`."""
    report = progress or _noop
    report(0.05, "check")
    errors = check_rows(
        services, upload.campaign_id, upload.form, upload.rows, upload.row_numbers, actor=actor, lang=lang
    )
    report(0.4, "check")
    return errors


def import_upload(
    services: Services,
    actor: Actor,
    upload: Upload,
    *,
    accept_warnings: bool = False,
    submit: bool = False,
    progress: Progress | None = None,
    errors: list[FieldError] | None = None,
) -> IntakeResult:
    """Check ``upload`` and write every row without a blocking problem; report the others.

    Rows with an error never go in; rows with only warnings go in when ``accept_warnings``.
    ``errors`` from an earlier :func:`check_upload` of the same upload skips re-checking.
    """
    started = time.perf_counter()
    report = progress or _noop
    lang = actor.lang
    found = (
        list(errors)
        if errors is not None
        else check_upload(services, upload, actor=actor, lang=lang, progress=report)
    )
    held = {e.row for e in found if e.severity == "error" or not accept_warnings}
    keep = [i for i, n in enumerate(upload.row_numbers) if n not in held]
    result = IntakeResult(upload, list(found))
    total = max(len(keep), 1)
    done = 0
    for start in range(0, len(keep), IMPORT_CHUNK):
        idx = keep[start : start + IMPORT_CHUNK]
        written, refused = services.create_many(
            actor, upload.campaign_id, upload.form, [upload.rows[i] for i in idx], submit=submit, first_row=0
        )
        result.imported.extend(written)
        for e in refused:
            n = upload.row_numbers[idx[e.row or 0]]
            result.errors.append(FieldError(n, e.column, e.value, e.rule, e.params, e.severity))
            held.add(n)
        done += len(idx)
        report(0.4 + 0.6 * done / total, "import")
    result.errors.sort(key=lambda e: (e.row or 0, e.severity != "error"))
    result.rejected_rows = [n for n in upload.row_numbers if n in held]
    result.seconds = time.perf_counter() - started
    report(1.0, "done")
    return result


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
    """``cli.py validate``/``import``: (exit code, report lines). 0 clean, 1 errors, 2 refused."""
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
        upload = read_upload(path.name, path.read_bytes(), campaign=campaign, form=form)
        errors = check_upload(services, upload, actor=actor, lang=lang)
        result = None
        if write and actor is not None:
            result = import_upload(services, actor, upload, accept_warnings=accept_warnings, errors=errors)
            errors = result.errors
    except ThiduaError as exc:
        return 2, [exc.message(lang)]
    lines = [f"{t('intake.severity.' + e.severity, lang).upper():9} {e.message(lang)}" for e in errors]
    blocking = sum(1 for e in errors if e.severity == "error")
    lines.append(
        t(
            "intake.summary",
            lang,
            rows=len(upload.rows),
            ok=len(upload.rows) - len({e.row for e in errors}),
            errors=blocking,
            warnings=len(errors) - blocking,
        )
    )
    if result is not None:
        count, rejected = len(result.imported), len(result.rejected_rows)
        lines.append(t("intake.imported", lang, count=count, rejected=rejected))
    return (1 if blocking else 0), lines
