"""Composition root: settings -> Services. The only module that picks a storage adapter.

Settings come from environment variables and, when present, ``.streamlit/secrets.toml`` (read
with tomllib, so this module does not need Streamlit). With nothing configured the app runs on
the embedded SQLite file with the demo, its clock pinned inside the demo campaigns.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.clock import PinnedDateClock, SystemClock
from core.intake_sheets import IntakeSheets
from core.model import READ_ALL_ROLES, Actor
from core.ports import ChangeMarks, Clock, Workbook
from reporting.metrics import Filters
from reporting.reporting import Reporting, dashboard_tabs
from schemas.registry import headers
from schemas.rules import default_rule_rows
from services import field_ledger, reference_sync
from services.campaign_admin import latest_specs
from services.prerequisites import HISTORY_TABS
from services.reference_sync import catalogue_rows
from services.services import Services
from storage import open_workbook
from workflows.loader import CAMPAIGNS_DIR, load_campaigns, load_catalogue
from workflows.spec import SpecError

ROOT = Path(__file__).resolve().parent
log = logging.getLogger("thidua.bootstrap")
#: The demo lives in the 2024 annual commendation season (campaign HN-2024-KTN is open).
DEMO_TODAY = dt.date(2024, 12, 5)


@dataclass(frozen=True)
class Settings:
    """Everything ``build`` needs; see README "Configuration"."""

    backend: str = "sqlite"
    sqlite_path: str = str(ROOT / "data" / "thidua.sqlite")
    today: dt.date | None = None
    auth_configured: bool = False
    campaigns_dir: Path = CAMPAIGNS_DIR
    backend_options: Mapping[str, Any] = field(default_factory=dict)
    #: read every tab the pages need in the background as soon as the services are built, so the
    #: first dashboard after a start does not wait for a 100,000-row read (README "Configuration");
    #: None: on for a store that says when a tab changed (SQLite, Google Sheets: a read is kept
    #: until then)
    warm_on_start: bool | None = None
    #: the officers' intake spreadsheets (``[intake]``: ``folder``, the Shared Drive or folder id;
    #: credentials from ``[connections.gsheets]``); empty: none configured (docs/google-sheets.md)
    intake_options: Mapping[str, Any] = field(default_factory=dict)
    #: minutes between two syncs of the intake spreadsheets in the app's background (0: none)
    sync_minutes: float = 0.0

    @property
    def demo(self) -> bool:
        """The demo sign-in picker exists only when no ``[auth]`` section is configured."""
        return not self.auth_configured


def load_settings(env: Mapping[str, str] | None = None, secrets_path: Path | None = None) -> Settings:
    """Read settings from the environment and ``.streamlit/secrets.toml``."""
    env = os.environ if env is None else env
    path = secrets_path or ROOT / ".streamlit" / "secrets.toml"
    secrets: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    storage = secrets.get("storage", {})
    auth = bool(secrets.get("auth"))
    backend = env.get("THIDUA_BACKEND") or storage.get("backend", "sqlite")
    today_raw = env.get("THIDUA_TODAY") or secrets.get("app", {}).get("today")
    if today_raw:
        today: dt.date | None = dt.date.fromisoformat(str(today_raw))
    else:
        today = None if auth else DEMO_TODAY
    options: dict[str, Any] = {}
    if backend == "gsheets":
        connection = secrets.get("connections", {}).get("gsheets", {})
        options = {
            # [storage].spreadsheet, else [connections.gsheets].spreadsheet (st-gsheets-connection's)
            "spreadsheet": storage.get("spreadsheet") or connection.get("spreadsheet", ""),
            "credentials": connection,
        }
        # group commit of concurrent writes (docs/google-sheets.md): optional, defaults in the adapter
        if "group_wait_ms" in storage:
            options["group_wait"] = float(storage["group_wait_ms"]) / 1000.0
        if "group_max" in storage:
            options["group_max"] = int(storage["group_max"])
        # how long to keep trying Google before telling users (defaults in the adapter: 6 attempts,
        # backoff 2 s doubling): a site with a flaky link may want more, a test fewer
        if "max_attempts" in storage:
            options["max_attempts"] = int(storage["max_attempts"])
        if "backoff_seconds" in storage:
            options["backoff"] = float(storage["backoff_seconds"])
    if backend == "postgres":
        # one database shared by every app server (docs/deploy-postgres.md); the connection string
        # is a secret: from THIDUA_DSN or secrets.toml, never from the repository
        options = {"dsn": env.get("THIDUA_DSN") or str(storage.get("dsn", ""))}
        if env.get("THIDUA_PG_SCHEMA") or "schema" in storage:
            options["schema"] = env.get("THIDUA_PG_SCHEMA") or str(storage["schema"])
        if "pool_size" in storage:
            options["pool_size"] = int(storage["pool_size"])
        if "retry_seconds" in storage:
            options["retry_seconds"] = float(storage["retry_seconds"])
    warm_raw = env.get("THIDUA_WARM_ON_START", secrets.get("app", {}).get("warm_on_start"))
    warm = None if warm_raw is None else str(warm_raw).strip().lower() not in ("0", "false", "no", "off")
    campaigns_dir = Path(
        env.get("THIDUA_CAMPAIGNS") or secrets.get("app", {}).get("campaigns") or CAMPAIGNS_DIR
    )
    if not campaigns_dir.is_absolute():
        campaigns_dir = ROOT / campaigns_dir
    db = env.get("THIDUA_DB") or storage.get("path") or str(ROOT / "data" / "thidua.sqlite")
    if not Path(db).is_absolute():
        db = str(ROOT / db)
    intake = secrets.get("intake", {})
    intake_options: dict[str, Any] = {}
    if intake.get("folder"):
        intake_options = {
            "folder": str(intake["folder"]),
            "credentials": secrets.get("connections", {}).get("gsheets", {}),
        }
    return Settings(
        backend=backend,
        sqlite_path=db,
        today=today,
        auth_configured=auth,
        campaigns_dir=campaigns_dir,
        backend_options=options,
        warm_on_start=warm,
        intake_options=intake_options,
        sync_minutes=float(intake.get("sync_minutes", 5 if intake_options else 0)),
    )


def build_intake_sheets(settings: Settings) -> IntakeSheets | None:
    """The officers' intake spreadsheets of ``[intake]`` (None when not configured)."""
    opts = settings.intake_options
    if not opts.get("folder"):
        return None
    from storage.gsheets.credentials import INTAKE_SCOPES, client_from
    from storage.gsheets.intake import GoogleIntakeSheets

    client, account = client_from(opts.get("credentials") or {}, INTAKE_SCOPES)
    return GoogleIntakeSheets(client, str(opts["folder"]), account=account)


def emulated_intake_sheets(
    emulator: Any, folder: str = "thidua-intake-drive", data_rows: int = 60
) -> IntakeSheets:
    """The intake spreadsheets on an in-process ``sheets_emulator`` (demo, tests, benches): the
    app's account is the emulator's default user; ``data_rows`` rows laid out per tab (Google's
    files get 2,000: the emulator keeps each cell's dropdown apart, a smaller grid keeps it quick)."""
    import gspread

    from storage.gsheets.intake import GoogleIntakeSheets

    client = gspread.Client(auth=None, session=emulator.session())  # type: ignore[arg-type]
    return GoogleIntakeSheets(client, folder, account="", sleep=lambda _s: None, seed=0, data_rows=data_rows)


def start_sync(services: Services, sheets: IntakeSheets, minutes: float) -> threading.Thread:
    """The app's background job: a sync of the intake spreadsheets every ``minutes`` (a daemon
    thread; a failed sync is logged and tried again at the next turn)."""
    from services.sheet_intake import sync

    def run() -> None:
        while True:
            try:
                done = sync(services, sheets)
                log.info("intake sync: %s", done.summary("en"))
            except Exception:  # a background job: logged, retried at the next turn
                log.exception("intake sync failed")
            threading.Event().wait(minutes * 60)

    thread = threading.Thread(target=run, name="thidua-intake-sync", daemon=True)
    thread.start()
    return thread


def start_intake_sync(settings: Settings, services: Services) -> threading.Thread | None:
    """At the app's start: the background sync of ``[intake]``, when configured (None otherwise)."""
    if not settings.sync_minutes:
        return None
    sheets = build_intake_sheets(settings)
    return start_sync(services, sheets, settings.sync_minutes) if sheets is not None else None


def build_store(settings: Settings, clock: Clock | None = None) -> Workbook:
    """Open the configured backend and make sure every tab and header exists."""
    clock = clock or build_clock(settings)

    def stamp() -> str:
        return clock.now().isoformat(timespec="seconds")

    if settings.backend == "sqlite":
        if settings.sqlite_path != ":memory:":
            Path(settings.sqlite_path).parent.mkdir(parents=True, exist_ok=True)
        store = open_workbook("sqlite", path=settings.sqlite_path, clock=stamp)
    else:
        store = open_workbook(settings.backend, clock=stamp, **settings.backend_options)
    store.ensure_tabs(headers())
    return store


#: ``cli.py copy`` store specs: ``sqlite:PATH``, ``postgres:DSN`` (or a ``postgresql://`` URL),
#: ``gsheets:KEY_OR_URL``; the part after the colon may be left empty to mean the configured one.
STORE_KINDS = ("sqlite", "postgres", "gsheets")


def parse_store_spec(spec: str, settings: Settings | None = None) -> tuple[str, dict[str, Any]]:
    """A store named on the command line -> (backend, options for :func:`storage.open_workbook`).

    ``sqlite:data/x.sqlite`` (or just a path ending in ``.sqlite``/``.db``), ``postgres:`` followed
    by a libpq string or URL (``postgresql://...`` alone works too), ``gsheets:`` followed by a
    spreadsheet key or URL, with the service account of ``[connections.gsheets]``. An empty part
    after the colon takes the configured store of that kind (``THIDUA_DB``, ``THIDUA_DSN``,
    ``[storage]``)."""
    settings = settings or load_settings()
    text = spec.strip()
    if text.startswith(("postgresql://", "postgres://")):
        kind, rest = "postgres", text
    elif ":" in text and text.split(":", 1)[0] in STORE_KINDS:
        kind, rest = text.split(":", 1)
    elif text.endswith((".sqlite", ".db", ".sqlite3")):
        kind, rest = "sqlite", text
    else:
        raise ValueError(
            f"store {spec!r}: write sqlite:PATH, postgres:DSN (or a postgresql:// URL) or gsheets:KEY"
        )
    configured = dict(settings.backend_options) if settings.backend == kind else {}
    if kind == "sqlite":
        path = rest or settings.sqlite_path
        if path != ":memory:" and not Path(path).is_absolute():
            path = str(Path.cwd() / path)
        return "sqlite", {"path": path}
    if kind == "postgres":
        options = {k: v for k, v in configured.items() if k != "dsn"}
        options["dsn"] = rest or str(configured.get("dsn") or os.environ.get("THIDUA_DSN", ""))
        if os.environ.get("THIDUA_PG_SCHEMA"):
            options["schema"] = os.environ["THIDUA_PG_SCHEMA"]
        if not options["dsn"]:
            raise ValueError("postgres: no connection string (postgres:DSN, THIDUA_DSN or [storage] dsn)")
        return "postgres", options
    secrets = _secrets()
    return "gsheets", {
        "spreadsheet": rest or str(configured.get("spreadsheet") or ""),
        "credentials": secrets.get("connections", {}).get("gsheets", {}),
    }


def _secrets() -> dict[str, Any]:
    path = ROOT / ".streamlit" / "secrets.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def open_store_spec(spec: str, settings: Settings | None = None, clock: Clock | None = None) -> Workbook:
    """Open a store named by :func:`parse_store_spec` (its tabs are not created here)."""
    settings = settings or load_settings()
    kind, options = parse_store_spec(spec, settings)
    clock = clock or build_clock(settings)

    def stamp() -> str:
        return clock.now().isoformat(timespec="seconds")

    if kind == "sqlite" and options["path"] != ":memory:":
        Path(options["path"]).parent.mkdir(parents=True, exist_ok=True)
    return open_workbook(kind, clock=stamp, **options)


def build_clock(settings: Settings) -> Clock:
    """A real clock, or one pinned to ``settings.today`` (the demo)."""
    return PinnedDateClock(settings.today) if settings.today else SystemClock()


def build(settings: Settings | None = None, *, store: Workbook | None = None) -> Services:
    """Wire the services: store, campaigns, clock.

    The campaign files are read first: a form with a tab of its own registers that tab, so the
    store creates it (with real columns) together with the built-in tabs. Versions saved from the
    admin page may add own tabs of their own (created next). The fields' ledger then refuses a
    field whose new type does not fit what its column holds (``services.field_ledger``).

    A campaign file or saved version that does not load is left out (logged, and listed for admins in
    ``Services.campaign_problems``): one bad campaign never stops the pages of everybody else."""
    settings = settings or load_settings()
    clock = build_clock(settings)
    problems: list[SpecError] = []
    campaigns = load_campaigns(settings.campaigns_dir, strict=False, problems=problems)
    if store is None:
        store = build_store(settings, clock)
    else:
        store.ensure_tabs(headers())
    before = set(headers())
    campaigns.update(latest_specs(store, problems))  # versions saved from the admin page win over the files
    added = {tab: cols for tab, cols in headers().items() if tab not in before}
    if added:
        store.ensure_tabs(added)
    now = clock.now().isoformat(timespec="seconds")
    field_ledger.check(store, campaigns, now=now)
    # the catalogue and rules files are live: what changed in them since last applied reaches the store
    reference_sync.sync(
        store, {"catalogue": catalogue_rows(load_catalogue()), "rules": default_rule_rows()}, now=now
    )
    services = Services(store, campaigns, clock)
    services.campaign_problems = tuple(problems)
    return services


def warms(settings: Settings, services: Services) -> bool:
    """Does this server read the pages' tabs at start (``warm_on_start``, or the store's kind)?"""
    if settings.warm_on_start is not None:
        return settings.warm_on_start
    return isinstance(services.store, ChangeMarks)


#: How long the warm start waits for the page views being drawn before it reads and counts anyway.
WARM_YIELD_SECONDS = 30.0


def warm(services: Services) -> threading.Thread:
    """Read every tab the pages need (the dashboard's set: reference, submissions, history,
    gradings) in a background thread, into the services' shared cache (in two reads: the pages'
    common tabs first, the history and yearly tabs next), then count the city-wide dashboard as it
    first opens (kept by :meth:`Services.memo` until a tab changes).

    Sessions that need those tabs while the read is in flight wait for it rather than reading
    again (:meth:`Services._read`), so the first page views after a start share one read. What
    only some pages need (the history and yearly tabs, the leaders' count) waits until no page view
    is being drawn (:meth:`Services.serving`, up to ``WARM_YIELD_SECONDS``). A failed
    warm read is logged and forgotten: the pages read for themselves, and show their own errors.
    """

    def run() -> None:
        try:
            reporting = Reporting(services)
            # every tab a page needs: the dashboard's (with the forms' own tabs and the contest
            # results), and what the review pages' guards read. First what nearly every page
            # reads, then the history and yearly tabs, so a page opened the moment the server
            # starts waits only for the first. On Google Sheets too (two calls, not one): with
            # compressed replies a call's bytes are cheap, and typing the history is not
            first = services.submission_tabs_with_guards()
            # the person tabs a page reads by value until they are read whole (award history)
            rest = [t for t in dict.fromkeys([*dashboard_tabs(), *HISTORY_TABS]) if t not in first]
            services.prefetch(first)
            # the rest can wait for the pages being drawn: on two processors and one
            # interpreter lock, reading and counting beside a person's first page doubled it
            services.wait_idle(WARM_YIELD_SECONDS)
            services.prefetch(rest)
            services.wait_idle(WARM_YIELD_SECONDS)
            viewer = city_wide_viewer(services)
            if viewer is not None:  # the leaders' landing page, as it first opens, counted once
                reporting.filter_options(viewer)
                reporting.view(viewer, Filters(campaign_id=services.first_open_campaign()))
        except Exception:  # a warm read must never take the server down
            log.warning("warm read at start failed; pages will read for themselves", exc_info=True)

    thread = threading.Thread(target=run, name="thidua-warm", daemon=True)
    thread.start()
    return thread


def city_wide_viewer(services: Services) -> Actor | None:
    """An active user who reads every unit (a leader first), whose dashboard every such user shares:
    the city-wide figures do not depend on who reads them, only on the scope."""
    users = services.reference().users
    active = users[users["active"] & users["role"].isin(sorted(READ_ALL_ROLES))]
    if active.empty:
        return None
    row = active.sort_values("role", key=lambda r: r != "LEADER", kind="stable").iloc[0]
    return Actor(str(row["email"]), str(row["full_name"]), str(row["role"]), str(row["unit_id"]))
