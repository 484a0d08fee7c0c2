"""Use cases: everything a page may do goes through :class:`Services`.

Authorisation lives here, on every read and every command: a page receives only rows inside
the actor's scope, row ids coming from the browser are re-checked, and the actor itself is
re-resolved from the ``users`` tab (a role or unit edited in session state is refused).
Every state change appends to ``history`` in the same store call as the change itself.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import threading
import time
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import pandas as pd
from ulid import ULID

from core import dossier as dossier_rules
from core.errors import ActionNotAllowed, FieldError, RowNotFound, StaleRow, ThiduaError, ValidationFailed
from core.lookup import is_in
from core.model import READ_ALL_ROLES, Actor, OrgTree
from core.ports import AlreadyStored, Change, ChangeMarks, Clock, MatchingRows, TokensTaken, Workbook
from core.text import clean_text, fold, match_key
from core.tree_history import tree_on, year_day
from schemas.choices import award_choices
from schemas.registry import SCOPED_TABS, coerce_frame, submission_tabs
from schemas.registry import spec as tab_spec
from schemas.validate import validate_rows
from services import procedure_data as procedures
from services.prerequisites import (
    HISTORY_TABS,
    PERSON_TABS,
    AwardHistory,
    history_for_rows,
    history_from_tabs,
    record_checker,
)
from services.rules import RuleBook, book_of, quota
from workflows import engine
from workflows.decided_by import DecisionRef
from workflows.guards import GuardContext, Refusal, campaign_open
from workflows.hops import hop
from workflows.spec import CampaignSpec, FormSpec, TransitionSpec, WorkflowSpec
from workflows.states import sla_days, state_outcome


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of ``frame`` as plain dicts keyed by column name."""
    return [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]


def new_id() -> str:
    """A new row id: a ULID (sortable by creation time, unique across writers)."""
    return str(ULID())


def token_row_id(tab: str, unit_id: str, client_token: str) -> str:
    """The id of a row submitted with a client token: derived from the token and the unit, so a
    resend (a double click, a browser retry, the same form posted to two app instances) carries
    the same id as the first post. The store then finds the stored row by that id instead of
    storing a copy (on Google Sheets, by the row's tag: ``storage.gsheets``)."""
    digest = hashlib.sha256(f"{tab}\0{unit_id}\0{client_token}".encode()).digest()
    return "T" + base64.b32encode(digest).decode()[:25]


#: Characters a reason (return, rejection, reopening) may have: a page of text, far below a cell's
#: 50,000 characters on Google Sheets.
REASON_MAX = 2_000


def free_text(text: str, limit: int = REASON_MAX) -> str:
    """A reason typed into the app, cleaned like every stored text (invisible and control
    characters dropped, NFC) and refused with a clear message when longer than ``limit``."""
    cleaned = clean_text(text)
    if len(cleaned) > limit:
        raise ActionNotAllowed("intake.text_too_long", length=len(cleaned), max=limit)
    return cleaned


def token_id(tab: str, unit_id: str, token: str) -> str:
    """The id of the row ``unit_id`` stores under the client token ``token`` ("" without one):
    derived from them, so two writers of the same imported row (two sessions, processes or
    servers) draw the same id, and the store's own guards (SQLite's unique id, a Google Sheets
    row tag) refuse the second as surely as the token rule does."""
    if not token:
        return ""
    digest = hashlib.sha256(f"{tab}\0{unit_id}\0{token}".encode()).hexdigest()
    return "I" + digest[:25].upper()


#: Guards that look at a submission's dossier (the context then carries it, read once per batch).
DOSSIER_GUARDS: frozenset[str] = frozenset({"dossier_complete", "dossier_dates"})
#: Guards that look at a contest's confirmed results (``workflows/contest.py``).
CONTEST_GUARDS: frozenset[str] = frozenset({"results_confirmed", "prize_won"})
CONTEST_RESULTS_TAB = "contest_results"
DOSSIER_TAB = "dossier_documents"
HOPS_TAB = "hops"

T = TypeVar("T")
REFERENCE_TABS: tuple[str, ...] = (
    "units",
    "clusters",
    "cluster_members",
    "users",
    "catalogue",
    "campaigns",
    "reopenings",
    "rules",
    "unit_parents",
)


@dataclass(frozen=True)
class Reference:
    """A snapshot of the reference tabs plus what is derived from them."""

    units: pd.DataFrame
    clusters: pd.DataFrame
    cluster_members: pd.DataFrame
    users: pd.DataFrame
    catalogue: pd.DataFrame
    campaigns: pd.DataFrame
    reopenings: pd.DataFrame
    rules: RuleBook
    tree: OrgTree
    catalogue_map: Mapping[str, Mapping[str, Any]]
    #: each unit's parent per period (``cli.py reorganise``); empty: ``units.parent_id`` throughout
    unit_parents: pd.DataFrame | None = None
    #: the day ``tree`` is of (today when the snapshot was built)
    today: dt.date | None = None

    def unit_name(self, unit_id: str) -> str:
        return self.tree.name.get(unit_id, unit_id)

    def tree_on(self, day: dt.date) -> OrgTree:
        """The union tree on ``day`` (units alive then, their parents then); built once per day."""
        if day == self.today:
            return self.tree
        cache: dict[dt.date, OrgTree] = self.__dict__.setdefault("_trees", {})
        if day not in cache:
            if len(cache) >= 32:
                cache.clear()
            cache[day] = tree_on(self.units, self.unit_parents, day)
        return cache[day]

    def tree_of_year(self, year: int) -> OrgTree:
        """The tree a year's figures are counted on: its last day, or today while it runs."""
        return self.tree_on(year_day(year, self.today or dt.date(year, 12, 31)))

    def cluster_of(self, unit_id: str, year: int) -> str:
        """The cluster (this year) that ``unit_id`` or its nearest ancestor (that year) belongs to, or ''."""
        by_unit = self.clusters_by_unit(year)
        for u in (unit_id, *self.tree_of_year(year).ancestors(unit_id)):
            if u in by_unit:
                return by_unit[u]
        return ""

    def cluster_lookup(self, year: int) -> Callable[[str], str]:
        """:meth:`cluster_of` for ``year`` as a function, each unit's answer worked out once per
        snapshot (the dashboard asks it for every unit of every row kind on every recount)."""
        cache: dict[int, dict[str, str]] = self.__dict__.setdefault("_cluster_of_by_year", {})
        answers = cache.setdefault(year, {})
        by_unit = self.clusters_by_unit(year)
        ancestors = self.tree.ancestors

        def lookup(unit_id: str) -> str:
            found = answers.get(unit_id)
            if found is None:
                found = answers[unit_id] = next(
                    (by_unit[u] for u in (unit_id, *ancestors(unit_id)) if u in by_unit), ""
                )
            return found

        return lookup

    def clusters_by_unit(self, year: int) -> dict[str, str]:
        """Member unit -> cluster id for ``year`` (computed once per snapshot and year)."""
        cache: dict[int, dict[str, str]] = self.__dict__.setdefault("_clusters_by_year", {})
        if year not in cache:
            rows = self.cluster_members[self.cluster_members["year"] == year]
            cache[year] = {str(u): str(c) for u, c in zip(rows["unit_id"], rows["cluster_id"], strict=False)}
        return cache[year]


#: Where campaign versions saved from the admin page live (``services.campaign_admin.TAB``).
SPECS_TAB = "campaign_specs"

#: Without change marks, a read that took ``d`` seconds is kept ``cache_seconds + READ_KEEP_FACTOR * d``
#: (a 16 s read of a 100,000-row sheet: 5 + 32 s; a 0.3 s read: 5.6 s). Our own writes drop the tabs
#: they touch at once either way.
READ_KEEP_FACTOR = 2.0


class Services:
    """The application's use cases over one :class:`Workbook`."""

    def __init__(
        self,
        store: Workbook,
        campaigns: Mapping[str, CampaignSpec],
        clock: Clock,
        *,
        cache_seconds: float = 5.0,
    ) -> None:
        self.store = store
        #: the per-person history tabs a page reads by value (:class:`core.ports.MatchingRows`)
        #: rather than whole: on a store that can pick rows and tell a change (SQL databases)
        self._matched: tuple[str, ...] = (
            PERSON_TABS if isinstance(store, MatchingRows) and isinstance(store, ChangeMarks) else ()
        )
        self._campaigns = dict(campaigns)
        #: the ``campaign_specs`` change mark the campaigns were last checked against, and when
        self._specs_mark: int | None = None
        self._specs_checked = float("-inf")
        self.clock = clock
        self.cache_seconds = cache_seconds
        self._lock = threading.Lock()
        #: tab -> (kept until, the store's change mark when read, typed frame); the time limit
        #: matters only for a store without change marks (Google Sheets)
        self._cache: dict[str, tuple[float, int | None, pd.DataFrame]] = {}
        #: tabs read whole at least once by this process: the store keeps their rows typed (its
        #: replica), so reading them again costs what changed since (see :meth:`award_history_for`)
        self._read_whole: set[str] = set()
        #: (when built, snapshot, the reference frames it was built from)
        self._ref: tuple[float, Reference, dict[str, pd.DataFrame], dt.date] | None = None
        #: key -> (the frames, reference and campaign specs a result was computed from, result)
        self._memos: dict[Hashable, tuple[tuple[Any, ...], Any, tuple[int | None, ...]]] = {}
        #: key -> the event the build in flight for it sets when done (one build per key at a time)
        self._building: dict[Hashable, threading.Event] = {}
        #: page views being drawn now (:meth:`serving`), which background work waits out
        self._views = 0
        self._views_changed = threading.Condition()
        #: bumped by every invalidation: a read that started before a write must not refill the
        #: cache with what it saw (it may predate the write)
        self._generation = 0
        #: tab -> the event its in-flight store read sets when done: sessions that find the same
        #: tabs stale wait for that read instead of each reading (a deadline-day burst would
        #: otherwise spend the Sheets quota re-reading the same tabs; on SQLite a 100k-row tab
        #: read twice at once costs each reader twice the time on a small machine)
        self._inflight: dict[str, threading.Event] = {}
        #: serialise "check the client token, then write" for one token inside this process
        #: (a fixed pool of locks picked by the token's hash, so memory stays bounded)
        self._token_locks = tuple(threading.Lock() for _ in range(64))
        #: campaign files or saved versions left out at start because they do not load (admins see
        #: them on the admin page; everybody else works with the campaigns that did load)
        self.campaign_problems: tuple[ThiduaError, ...] = ()
        #: (ids of the campaign specs, tabs): see :meth:`submission_tabs_with_guards`
        self._guarded_tabs: tuple[tuple[int, ...], tuple[str, ...]] | None = None

    @property
    def campaigns(self) -> dict[str, CampaignSpec]:
        """Campaign specs by id: the files, with the latest version saved from the admin page.

        Several app servers share one store: a version another server saved is taken up here
        within a second of its commit (checked against the ``campaign_specs`` change mark, at
        most once a second; stores without change marks keep what they were built with)."""
        now = time.monotonic()
        if now - self._specs_checked >= 1.0 and isinstance(self.store, ChangeMarks):
            self._specs_checked = now
            mark = self.store.change_marks([SPECS_TAB])[SPECS_TAB]
            if self._specs_mark is None:
                self._specs_mark = mark
            elif mark != self._specs_mark:
                from services.campaign_admin import latest_specs  # it imports this module

                self._specs_mark = mark
                # replaced, not changed in place: other sessions may be looping over it
                self._campaigns = {**self._campaigns, **latest_specs(self.store)}
        return self._campaigns

    @campaigns.setter
    def campaigns(self, value: Mapping[str, CampaignSpec]) -> None:
        self._campaigns = dict(value)

    # ------------------------------------------------------------------ reads (cached briefly)

    def _read(self, tabs: Sequence[str], also: Sequence[str] = ()) -> dict[str, pd.DataFrame]:
        """Read tabs in one round trip, keeping typed frames while the store says they are unchanged.

        A store with change marks (SQLite) is asked, per tab, whether anyone changed it since the
        cached frame was read; only changed tabs are read again. Without marks (Google Sheets) a
        cached frame lives ``cache_seconds`` after its read landed, plus twice what the read took
        (:data:`READ_KEEP_FACTOR`). Our own writes drop the touched tabs either way.
        When a read is needed anyway, stale ``also`` tabs ride along in the same round trip.
        """
        wanted = [*tabs, *also]
        # Marks are taken before the data: a write landing in between makes the next read see a
        # new mark and read again, never keep newer data under an older mark forever.
        marks: Mapping[str, int | None] = (
            self.store.change_marks(wanted) if isinstance(self.store, ChangeMarks) else {}
        )
        # one store read per stale tab at a time: sessions (or the start-up warm read) that find the
        # same tabs stale wait for the read in flight; with change marks they then check its mark
        single_flight = self.cache_seconds > 0
        give_up = time.monotonic() + 60.0  # at most a store read's own timeout spent waiting on others
        for _attempt in range(3):
            now = time.monotonic()
            fresh: dict[str, pd.DataFrame] = {}
            waits: set[threading.Event] = set()
            with self._lock:
                generation = self._generation
                for t in wanted:
                    df = self._current(t, marks, now)
                    if df is not None:
                        fresh[t] = df
                missing = list(dict.fromkeys(t for t in tabs if t not in fresh))
                if missing and single_flight:
                    waits = {self._inflight[t] for t in missing if t in self._inflight}
                    if not waits:  # this session reads; others wanting these tabs wait for it
                        missing += [
                            t
                            for t in dict.fromkeys(also)
                            if t not in fresh and t not in missing and t not in self._inflight
                        ]
                        done = threading.Event()
                        for t in missing:
                            self._inflight.setdefault(t, done)
            if not missing:
                return {t: fresh[t] for t in tabs}
            if not waits:
                break
            for ev in waits:  # another session is reading these tabs: use what it gets
                ev.wait(timeout=max(0.0, give_up - time.monotonic()))
        else:
            single_flight = False  # still stale after waiting (a write came in between): read
        if not single_flight:
            missing += [t for t in dict.fromkeys(also) if t not in fresh and t not in missing]
        try:
            began = time.monotonic()
            got = self.store.read_many(missing)
            landed = time.monotonic()
            # The lifetime starts when the read lands, and a slow read is kept longer: a page that
            # needs seconds to count a 100k-row sheet must not find its own read expired half-way
            # (it read the sheet again, up to 16 times per page view) nor spend its time re-reading.
            until = (
                landed + self.cache_seconds + READ_KEEP_FACTOR * (landed - began)
                if self.cache_seconds > 0
                else landed
            )
            with self._lock:
                self._read_whole.update(got)
                if generation == self._generation:  # no write since the read began
                    for t, df in got.items():
                        self._cache[t] = (until, marks.get(t), df)
        finally:
            if single_flight:
                with self._lock:
                    for t in missing:
                        if self._inflight.get(t) is done:
                            del self._inflight[t]
                done.set()
        fresh.update(got)
        return {t: fresh[t] for t in tabs}

    def _current(self, tab: str, marks: Mapping[str, int | None], now: float) -> pd.DataFrame | None:
        """The kept frame of ``tab`` if it is still current (hold ``self._lock``)."""
        hit = self._cache.get(tab)
        if hit is None:
            return None
        until, mark, df = hit
        current = marks.get(tab)
        if (current is not None and current == mark) or (current is None and now < until):
            return df
        return None

    @contextmanager
    def serving(self) -> Iterator[None]:
        """Mark a page view being drawn (the app wraps each run of a page in it), so work that
        can wait (:func:`bootstrap.warm`'s reads beyond the pages' common tabs, its count of the
        leaders' dashboard) does not take the processor from the person who is waiting."""
        with self._views_changed:
            self._views += 1
        try:
            yield
        finally:
            with self._views_changed:
                self._views -= 1
                self._views_changed.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no page view is being drawn (at most ``timeout`` seconds): True if none is."""
        with self._views_changed:
            return self._views_changed.wait_for(lambda: self._views == 0, timeout=timeout)

    def prefetch(self, tabs: Sequence[str]) -> None:
        """Fetch a view's tabs, with the reference tabs when the snapshot is due for a refresh, so
        a cold page view is one round trip."""
        self._read(tabs, also=REFERENCE_TABS if self._reference_due() else ())

    def memo(
        self, key: Hashable, tabs: Sequence[str], build: Callable[[], T], *, marked: Sequence[str] = ()
    ) -> T:
        """``build()``, kept under ``key`` while the typed frames of ``tabs``, the reference snapshot
        and the campaign specs are the very objects it was computed from (an admin may save a new
        campaign version while the app runs), so a refresh with nothing new costs a change check,
        not a recount. ``marked``: tabs ``build`` reads by value (:attr:`_matched`), kept track of
        by their change marks, unread. Results are shared between sessions: callers must not
        change them."""
        # marks before the data: a change landing during the build makes the next call rebuild
        store = self.store
        marks: tuple[int | None, ...] = ()
        if marked:  # only on a store with change marks (:attr:`_matched`); a None mark: never kept
            assert isinstance(store, ChangeMarks)
            marks = tuple(store.change_marks(marked).values())
        data = self._read(tabs)
        source = (*(data[t] for t in tabs), self.reference(), *self.campaigns.values())
        give_up = time.monotonic() + 120.0
        while True:  # one build per key at a time: sessions asking meanwhile wait for its result
            with self._lock:
                hit = self._memos.get(key)
                if (
                    hit is not None
                    and len(hit[0]) == len(source)
                    and all(a is b for a, b in zip(hit[0], source, strict=True))
                    and hit[2] == marks
                    and None not in marks
                ):
                    return cast(T, hit[1])
                building = self._building.get(key)
                if building is None:
                    done = self._building[key] = threading.Event()
                    break
            if not building.wait(timeout=max(0.0, give_up - time.monotonic())):
                done = threading.Event()  # waited long enough: build without taking the key
                break
        try:
            result = build()
            with self._lock:
                if len(self._memos) >= 256:  # bounded: one entry per scope, tab, filter set and language seen
                    self._memos.clear()
                self._memos[key] = (source, result, marks)
        finally:
            with self._lock:
                if self._building.get(key) is done:
                    del self._building[key]
            done.set()
        return result

    def memo_frames(
        self, key: Hashable, tabs: Sequence[str], build: Callable[[Mapping[str, pd.DataFrame]], T]
    ) -> T:
        """:meth:`memo` whose ``build`` receives the typed frames of ``tabs``, unscoped: for
        indexes the checks read (the intake's "nominated by another unit"); callers decide what
        of it an actor may see."""
        return self.memo(key, tabs, lambda: build(self._read(tabs)))

    def submission_tabs_with_guards(self) -> list[str]:
        """The submission tabs and what their workflows' guards read (dossier documents, award
        history): what nearly every page view reads after the frame. Without the per-person tabs
        a store picks rows from (:attr:`_matched`): the guard reads its rows' persons only."""
        specs = tuple(map(id, self.campaigns.values()))  # worked out again when a spec is replaced
        cached = self._guarded_tabs
        if cached is None or cached[0] != specs:
            subs = submission_tabs()
            cached = self._guarded_tabs = (
                specs,
                tuple(dict.fromkeys([*subs, *(g for t in subs for g in self._guard_tabs(t))])),
            )
        matched = self._matched  # read by value when a guard asks, not whole
        return [t for t in cached[1] if t not in matched]

    def _guard_tabs(self, tab: str) -> list[str]:
        """Tabs the guards of ``tab``'s workflows read (dossier documents, award history), so a page
        that checks moves fetches them with its own tabs in one round trip."""
        extra: list[str] = []
        for camp in self.campaigns.values():
            for form in camp.forms.values():
                if form.tab != tab:
                    continue
                for t in camp.workflow_for(form.name).transitions:
                    names = {*t.conditions, *t.unless}
                    if names & DOSSIER_GUARDS:
                        extra.append(DOSSIER_TAB)
                    if "prerequisites_met" in names:
                        extra.extend(HISTORY_TABS)
                    if names & CONTEST_GUARDS:
                        extra.append(CONTEST_RESULTS_TAB)
        return [t for t in dict.fromkeys(extra) if t != tab]

    def _reference_due(self) -> bool:
        """Must :meth:`reference` look at the store? Always with change marks (a cheap check),
        otherwise when the snapshot is missing, older than its time limit or from another day."""
        with self._lock:
            cached = self._ref
        if cached is None or isinstance(self.store, ChangeMarks) or cached[3] != self.today():
            return True
        return time.monotonic() - cached[0] >= max(self.cache_seconds, 30.0)

    def invalidate(self, tabs: Iterable[str] | None = None) -> None:
        """Forget cached reads (all, or of ``tabs``) so the next read sees the store."""
        with self._lock:
            self._generation += 1
            if tabs is None:
                self._cache.clear()
                self._ref = None
            else:
                for t in tabs:
                    self._cache.pop(t, None)
                    if t in REFERENCE_TABS:
                        self._ref = None

    def reference(self) -> Reference:
        """Units, clusters, users, catalogue and campaigns, with the org tree derived.

        Rebuilt only when one of the reference frames changed; a store without change marks
        keeps the snapshot up to 30 s (the reference tabs change rarely and cost quota).
        """
        now = time.monotonic()
        with self._lock:
            cached = self._ref
        if cached and not self._reference_due():
            return cached[1]
        # The submission tabs (and what their workflows' guards read: dossier documents, award
        # history) ride along: nearly every page reads them right after the frame resolved the
        # signed-in user, so a cold page view stays one round trip.
        d = self._read(REFERENCE_TABS, also=self.submission_tabs_with_guards())
        day = self.today()
        if cached and cached[3] == day and all(d[t] is cached[2][t] for t in REFERENCE_TABS):
            return cached[1]
        units = d["units"]
        tree = tree_on(units, d["unit_parents"], day)
        cat = d["catalogue"]
        ref = Reference(
            units=units,
            clusters=d["clusters"],
            cluster_members=d["cluster_members"],
            users=d["users"],
            catalogue=cat,
            campaigns=d["campaigns"],
            reopenings=d["reopenings"],
            rules=book_of(d["rules"]),
            tree=tree,
            catalogue_map={str(r["id"]): r for r in records(cat)},
            unit_parents=d["unit_parents"],
            today=day,
        )
        with self._lock:
            other = self._ref
            if other and other[3] == day and all(d[t] is other[2][t] for t in REFERENCE_TABS):
                return other[1]  # another session built it from the same frames meanwhile: share it
            self._ref = (now, ref, d, day)
        return ref

    def today(self) -> dt.date:
        return self.clock.now().date()

    def now_iso(self) -> str:
        return self.clock.now().isoformat(timespec="seconds")

    # ------------------------------------------------------------------ identity

    def sign_in_options(self, email: str) -> list[Actor]:
        """Every active (role, unit) the ``users`` tab grants to ``email``; empty if unknown."""
        users = self.reference().users
        rows = users[(users["email"].str.casefold() == email.strip().casefold()) & users["active"]]
        return [
            Actor(email=str(r.email), name=str(r.full_name), role=str(r.role), unit_id=str(r.unit_id))
            for r in rows.itertuples()
        ]

    def demo_users(self) -> pd.DataFrame:
        """Active users with their unit names, for the demo sign-in picker."""
        ref = self.reference()
        users = ref.users[ref.users["active"]].copy()
        users["unit_name"] = [ref.unit_name(u) for u in users["unit_id"]]
        return users

    def resolve(self, actor: Actor) -> Actor:
        """Re-check an actor held by the browser session against the ``users`` tab."""
        for granted in self.sign_in_options(actor.email):
            if granted.role == actor.role and granted.unit_id == actor.unit_id:
                return Actor(granted.email, granted.name, granted.role, granted.unit_id, actor.lang)
        raise ActionNotAllowed("auth.not_granted", email=actor.email, role=actor.role, unit=actor.unit_id)

    # ------------------------------------------------------------------ scope

    def readable_units(self, actor: Actor) -> set[str] | None:
        """Units whose rows ``actor`` may read; None means every unit."""
        actor = self.resolve(actor)
        if actor.role in READ_ALL_ROLES:
            return None
        ref = self.reference()
        units = set(ref.tree.subtree(actor.unit_id))
        if actor.role == "CLUSTER_HEAD":
            year = self.today().year
            cm = ref.cluster_members
            mine = set(cm[(cm["unit_id"] == actor.unit_id) & (cm["year"] == year)]["cluster_id"])
            for u in cm[cm["cluster_id"].isin(mine) & (cm["year"] == year)]["unit_id"]:
                units |= ref.tree.subtree(str(u))
        return units

    def _scoped(self, frame: pd.DataFrame, units: set[str] | None) -> pd.DataFrame:
        return frame if units is None else _keep(frame, is_in(frame["unit_id"], units))

    def route_day(self, campaign: CampaignSpec) -> dt.date:
        """The day a campaign's rows route on: today, kept inside the campaign's window. A 2024
        campaign keeps the 2024 tree after a reorganisation; a running one follows the tree of today."""
        return min(max(self.today(), campaign.opens), campaign.closes)

    def campaign_tree(self, campaign: CampaignSpec) -> OrgTree:
        """The union tree a campaign routes on (:meth:`route_day`)."""
        return self.reference().tree_on(self.route_day(campaign))

    def _guard_ctx(
        self,
        campaign: CampaignSpec,
        form: FormSpec,
        *,
        quota_for: Sequence[TransitionSpec] | None = None,
        rows: Sequence[Mapping[str, Any]] = (),
    ) -> GuardContext:
        """``quota_for``: the only transitions that may fire; the CSTĐCS quota (a read of the
        whole nominations tab) is counted only if one of them needs it (all, by default).
        ``rows``: the rows the context will judge (a page's queue, a bulk move): the award history
        is built for the persons they name (and for any other row judged, when it comes)."""
        ref = self.reference()
        year = self.today().year
        cm = ref.cluster_members
        cm = cm[cm["year"] == year]
        clusters: dict[str, frozenset[str]] = {}
        for _cid, group in cm.groupby("cluster_id"):
            members = frozenset(str(u) for u in group["unit_id"])
            for u in members:
                clusters[u] = clusters.get(u, frozenset()) | members
        ro = ref.reopenings
        today = self.today().isoformat()
        reopened = frozenset(
            str(u) for u in ro[(ro["campaign_id"] == campaign.id) & (ro["until"] >= today)]["unit_id"]
        )
        wf = campaign.workflow_for(form.name)
        considered = quota_for if quota_for is not None else wf.transitions
        gate = next((t for t in considered if "cstdcs_quota" in t.conditions), None)
        checks_history = any("prerequisites_met" in {*t.conditions, *t.unless} for t in considered)
        uses_dossier = any(DOSSIER_GUARDS & {*t.conditions, *t.unless} for t in considered)
        uses_results = any(CONTEST_GUARDS & {*t.conditions, *t.unless} for t in considered)
        return GuardContext(
            today=self.today(),
            campaign=campaign,
            form=form,
            tree=ref.tree_on(self.route_day(campaign)),
            catalogue=ref.catalogue_map,
            reopened_units=reopened,
            cluster_units=clusters,
            quota=self._quota_snapshot(campaign, wf, gate) if gate is not None else {},
            quota_capped=ref.rules.number("cstdcs_max_ratio", campaign.closes) is not None,
            prerequisites=(
                record_checker(self.award_history_for, lambda: ref.rules, campaign.closes, rows)
                if checks_history
                else None
            ),
            dossier=self._dossier_snapshot(form.tab) if uses_dossier else {},
            dossier_required=self._dossier_required(campaign, form) if uses_dossier else {},
            dossier_extras=self._dossier_extras(campaign, form) if uses_dossier else {},
            contest_results=self.contest_results_of(campaign.id) if uses_results else {},
            **procedures.guard_data(self, campaign, form, considered),
        )

    def contest_results_of(self, campaign_id: str) -> dict[str, str]:
        """Entry id -> prize code ("" for none) of a contest's confirmed results (kept while the
        results tab is unchanged; shared between sessions: callers must not change it)."""

        def build() -> dict[str, str]:
            res = self._read([CONTEST_RESULTS_TAB])[CONTEST_RESULTS_TAB]
            mine = res[res["campaign_id"] == campaign_id]
            return dict(zip(mine["entry_id"].astype(str), mine["prize_code"].astype(str), strict=True))

        return self.memo(("contest_results", campaign_id), [CONTEST_RESULTS_TAB], build)

    def award_history(self) -> AwardHistory:
        """Persons, yearly ratings, grants, nominations and recognised initiatives of every person,
        indexed for the prerequisite rules (seconds at 100,000 submissions: prefer
        :meth:`award_history_for`); kept while those tabs are unchanged. Shared between sessions:
        add a batch's rows with :func:`services.prerequisites.with_batch` (a copy)."""

        def build() -> AwardHistory:
            return history_from_tabs(self._read(HISTORY_TABS), self._outcome)

        return self.memo(("award_history",), HISTORY_TABS, build)

    def award_history_for(self, rows: Sequence[Mapping[str, Any]]) -> AwardHistory:
        """The award history of the persons ``rows`` name (by ``person_id``, else by name within the
        row's ``unit_id``): the same answers as :meth:`award_history` for them, built from the rows
        of their units only, so a page's cost follows the rows it shows, not the store's size.
        Built afresh from the kept frames on every call: nothing to go stale. On a store that
        picks rows by value (:attr:`_matched`), a per-person tab this process never read whole
        (a server's first minutes: :func:`bootstrap.warm` reads them once no page is being
        drawn) is not read whole for a page: the rows of those persons are (a cold page at
        10,000 submissions read 24,000 rows of them to judge its queue's few dozen). Once read,
        the store's replica keeps them, and reading them again costs what changed."""
        with self._lock:
            unread = [t for t in self._matched if t not in self._read_whole]
        if not unread:
            return history_for_rows(self._read(HISTORY_TABS), rows, self._outcome)
        assert isinstance(self.store, MatchingRows)
        frames = self._read([t for t in HISTORY_TABS if t not in unread])
        return history_for_rows(
            frames,
            rows,
            self._outcome,
            matching=self.store.read_matching,
            whole=lambda: self._read(HISTORY_TABS),
        )

    def _outcome(self, r: Mapping[str, Any]) -> str:
        """What a row's state means (``accepted``, ``rejected``...), from its campaign's workflow."""
        return state_outcome(self.campaigns, str(r["campaign_id"]), str(r["form"]), str(r["state"]))

    def _dossier_snapshot(self, tab: str) -> Mapping[str, Mapping[str, Mapping[str, Any]]]:
        """Submission id -> document kind -> its live document, for rows of ``tab`` (one read; a
        submission's entry built when first asked for). Shared between sessions: callers must not
        change it."""

        def build() -> dossier_rules.DocumentsByRow:
            docs = self._read([DOSSIER_TAB])[DOSSIER_TAB]
            return dossier_rules.DocumentsByRow(docs[(docs["tab"] == tab) & ~docs["removed"]])

        # kept while the documents are unchanged: every detail view and bulk row asks for it
        return self.memo(("dossier_by_row", tab), [DOSSIER_TAB], build)

    def _dossier_required(self, campaign: CampaignSpec, form: FormSpec) -> dict[str, tuple[str, ...]]:
        """Award code -> required document kinds (R-DOS-1), under the rules in force for the campaign."""
        ref = self.reference()
        level = {code: str(ref.catalogue_map.get(code, {}).get("awarding_level", "")) for code in form.awards}
        simplified = form.kind == "simplified"
        return {
            code: dossier_rules.required_kinds(
                ref.rules, code, level[code], campaign.closes, simplified=simplified
            )
            for code in form.awards
        }

    def _dossier_extras(self, campaign: CampaignSpec, form: FormSpec) -> dict[str, dossier_rules.FileAndVote]:
        """Award code -> files and vote result its dossier needs (R-DOS-4/5) when the campaign closes."""
        ref = self.reference()
        return {code: dossier_rules.file_and_vote(ref.rules, code, campaign.closes) for code in form.awards}

    def campaigns_in_order(self) -> list[CampaignSpec]:
        """Campaigns as pickers list them: open ones first, then the newest year, then by id."""
        today = self.today()
        return sorted(self.campaigns.values(), key=lambda c: (not c.is_open(today), -c.year, c.id))

    def first_open_campaign(self) -> str | None:
        """The campaign a page shows first (the first open one in :meth:`campaigns_in_order`)."""
        today = self.today()
        return next((c.id for c in self.campaigns_in_order() if c.is_open(today)), None)

    def campaign(self, campaign_id: str) -> CampaignSpec:
        try:
            return self.campaigns[campaign_id]
        except KeyError:
            raise ActionNotAllowed("campaign.unknown", campaign=campaign_id) from None

    def _form(self, campaign: CampaignSpec, form: str) -> FormSpec:
        try:
            return campaign.forms[form]
        except KeyError:
            raise ActionNotAllowed("campaign.unknown_form", form=form, campaign=campaign.id) from None

    # ------------------------------------------------------------------ listing

    def rows(
        self, actor: Actor, tab: str, campaign_id: str | None = None, columns: Sequence[str] | None = None
    ) -> pd.DataFrame:
        """Rows of ``tab`` inside the actor's read scope (optionally one campaign; optionally only
        ``columns``, which then need not be copied for the rows kept: the dashboard's history)."""
        subs_tabs = submission_tabs()
        if tab not in subs_tabs and tab not in SCOPED_TABS and tab != "history":
            raise ActionNotAllowed("auth.tab_not_readable", tab=tab)
        self.prefetch([tab, *subs_tabs] if tab == "history" else [tab])
        units = self.readable_units(actor)
        df = self._read([tab])[tab]
        if columns is not None:  # with what scoping and the campaign filter read
            needed = [c for c in ("unit_id", "campaign_id", "row_id") if c in df.columns]
            df = df[list(dict.fromkeys([*columns, *needed]))]
        if tab == "history":
            subs = self._read(subs_tabs)
            ids = [self._scoped(subs[t], units)["id"] for t in subs_tabs if not subs[t].empty]
            # as text, whatever type an empty tab's column got: one hash lookup, not Python objects
            visible = pd.concat(ids).astype("str") if ids else pd.Series([], dtype="str")
            df = _keep(df, is_in(df["row_id"], visible))
        else:
            df = self._scoped(df, units)
        if campaign_id:
            if "campaign_id" not in df.columns:
                raise ActionNotAllowed("auth.tab_no_workflow", tab=tab)
            df = _keep(df, df["campaign_id"] == campaign_id)
        return df.reset_index(drop=True)

    def my_rows(self, actor: Actor, tab: str, campaign_id: str | None = None) -> pd.DataFrame:
        """Rows of the actor's own unit (what "my submissions" shows)."""
        workflow_tab(tab)
        self.prefetch([tab])
        actor = self.resolve(actor)
        df = self._read([tab])[tab]
        df = df[df["unit_id"] == actor.unit_id]
        if campaign_id:
            df = df[df["campaign_id"] == campaign_id]
        return self.with_deadlines(df).sort_values("updated_at", ascending=False).reset_index(drop=True)

    def get(self, actor: Actor, tab: str, row_id: str) -> dict[str, Any]:
        """One row by id, refused as not found when it is outside the actor's scope."""
        df = self.rows(actor, tab)
        hit = df[df["id"] == row_id]
        if hit.empty:
            raise RowNotFound([row_id], tab)
        return records(hit)[0]

    def history(self, actor: Actor, tab: str, row_id: str) -> pd.DataFrame:
        """The readable timeline of one row: who, when, from, to and why."""
        self.get(actor, tab, row_id)  # scope check
        h = self._read(["history"])["history"]
        h = h[(h["tab"] == tab) & (h["row_id"] == row_id)]
        return h.sort_values(["at", "created_at"]).reset_index(drop=True)

    def actions(self, actor: Actor, tab: str, row: Mapping[str, Any]) -> list[TransitionSpec]:
        """Transitions the actor may fire on ``row`` now (to draw buttons; commands re-check)."""
        actor = self.resolve(actor)
        campaign = self.campaigns.get(str(row.get("campaign_id")))
        if campaign is None or str(row.get("form")) not in campaign.forms:
            return []
        form = campaign.forms[str(row["form"])]
        wf = campaign.workflow_for(form.name)
        moves = wf.transitions_from(str(row.get("state", "")))  # only their guards' data is gathered
        return engine.available(wf, row, actor, self._guard_ctx(campaign, form, quota_for=moves, rows=[row]))

    def blocked_moves(
        self, actor: Actor, tab: str, row: Mapping[str, Any]
    ) -> list[tuple[TransitionSpec, str]]:
        """Moves the actor's role could make at this stage but a rule refuses now, with the reason
        in the actor's language (e.g. the CSTĐCS quota), so a page can say why a button is missing."""
        actor = self.resolve(actor)
        campaign = self.campaigns.get(str(row.get("campaign_id")))
        if campaign is None or str(row.get("form")) not in campaign.forms:
            return []
        form = campaign.forms[str(row["form"])]
        wf = campaign.workflow_for(form.name)
        moves = wf.transitions_from(str(row.get("state", "")))
        ctx = self._guard_ctx(campaign, form, quota_for=moves, rows=[row])
        out: list[tuple[TransitionSpec, str]] = []
        for t in moves:
            if actor.role not in t.roles or not engine.in_scope(t.scope, actor, str(row.get("unit_id")), ctx):
                continue
            r = engine.refusal(wf, t, row, actor, ctx)
            if r is not None:
                out.append((t, ActionNotAllowed(r.code, **r.params).message(actor.lang)))
        return out

    def open_campaigns(self) -> list[CampaignSpec]:
        """Campaigns accepting submissions today (by their window), newest first."""
        today = self.today()
        return sorted(
            (c for c in self.campaigns.values() if c.is_open(today)), key=lambda c: c.opens, reverse=True
        )

    def with_deadlines(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Add ``days_in_state``, ``sla_days``, ``due_in`` and ``overdue`` from each state's SLA."""
        out = frame.copy()
        today = self.today()
        since = pd.to_datetime(out["state_since"].str.slice(0, 10), errors="coerce")
        out["days_in_state"] = (pd.Timestamp(today) - since).dt.days.astype("Int64")
        keys = out["campaign_id"].astype(str) + "|" + out["form"].astype(str) + "|" + out["state"].astype(str)
        sla = {k: sla_days(self.campaigns, *k.split("|")) for k in keys.unique()}
        out["sla_days"] = pd.array([sla[k] for k in keys], dtype="Int64")
        out["due_in"] = out["sla_days"] - out["days_in_state"]
        out["overdue"] = (out["due_in"] < 0).fillna(False).astype(bool)
        return out

    def due_soon(self, actor: Actor, within_days: int = 3) -> pd.DataFrame:
        """Rows waiting for the actor that are overdue or due within ``within_days``, most urgent first."""
        frames = []
        for tab in submission_tabs():
            q = self.queue(actor, tab)
            if not q.empty:
                frames.append(q.assign(tab=tab))
        if not frames:
            return pd.DataFrame()
        allq = pd.concat(frames, ignore_index=True)
        urgent = allq[allq["due_in"].fillna(10**6) <= within_days]
        return urgent.sort_values("due_in").reset_index(drop=True)

    def reopen(
        self, actor: Actor, campaign_id: str, unit_id: str, until: dt.date, reason: str
    ) -> dict[str, Any]:
        """An admin reopens a closed campaign for one unit until a date; recorded with the reason."""
        actor = self.resolve(actor)
        if actor.role != "ADMIN":
            raise ActionNotAllowed("auth.admin_only")
        self.campaign(campaign_id)
        if unit_id not in self.reference().tree.parent:
            raise ActionNotAllowed("guard.unit_inactive", unit=unit_id)
        reason = free_text(reason)
        if len(reason.strip()) < 5:
            raise ActionNotAllowed("engine.reason_required", trigger={"vi": "mở lại", "en": "reopen"})
        row = {
            "id": new_id(),
            "campaign_id": campaign_id,
            "unit_id": unit_id,
            "until": until.isoformat(),
            "reason": reason.strip(),
        }
        hist = self._history_row(
            "reopenings", row["id"], campaign_id, "reopen", "", "", actor, reason.strip()
        )
        self._write("reopenings", [], actor, {"reopenings": [row], "history": [hist]})
        return row

    def queue(self, actor: Actor, tab: str, campaign_id: str | None = None, search: str = "") -> pd.DataFrame:
        """Rows waiting for the actor: in scope, and at a stage where a review move is allowed.

        Kept per role, unit, tab and day while every tab it reads is unchanged
        (:meth:`memo`: a write anywhere, by anyone, to one of them makes the next view recount), so
        the review page's "due soon" box does not judge the same rows a second time."""
        workflow_tab(tab)
        # what it reads: the tab, its guards' tabs, and the nominations the CSTĐCS quota counts
        tabs = list(dict.fromkeys([tab, *self._guard_tabs(tab), "nominations"]))
        matched = [t for t in tabs if t in self._matched]  # the guard reads its rows' persons
        tabs = [t for t in tabs if t not in matched]
        self.prefetch(tabs)
        actor = self.resolve(actor)
        # every campaign's queue judged once, then cut: the page's campaign and its "due soon" box
        # (all campaigns) share one count
        key = ("queue", actor.role, actor.unit_id, tab, self.today())
        out = self.memo(key, tabs, lambda: self._queue(actor, tab), marked=matched)
        if campaign_id:
            out = out[out["campaign_id"] == campaign_id].reset_index(drop=True)
        if search.strip():
            needle = fold(search)
            text_cols = [
                c for c in ("full_name", "name_vi", "title_vi", "achievement", "authors") if c in out.columns
            ]
            ref = self.reference()
            hay = out[text_cols].astype(str).agg(" ".join, axis=1) + " " + out["unit_id"].map(ref.unit_name)
            out = out[hay.map(fold).str.contains(needle, regex=False)].reset_index(drop=True)
        return out

    def _queue(self, actor: Actor, tab: str) -> pd.DataFrame:
        df = self.rows(actor, tab)
        if df.empty:
            return df
        # Cheap first cut: only rows at a state where this role has a review move at all.
        stages = {
            f"{c.id}|{f.name}|{st}"
            for c in self.campaigns.values()
            for f in c.forms.values()
            for t in c.workflow_for(f.name).transitions
            if t.review and actor.role in t.roles
            for st in t.source
        }
        df = df[(df["campaign_id"] + "|" + df["form"] + "|" + df["state"]).isin(stages)]
        if df.empty:
            return self.with_deadlines(df).reset_index(drop=True)
        keep: list[bool] = []
        recs = records(df)
        groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for rec in recs:
            groups.setdefault((str(rec["campaign_id"]), str(rec["form"])), []).append(rec)
        ctx_cache: dict[tuple[str, str], tuple[WorkflowSpec, GuardContext]] = {}
        for rec in recs:
            key = (str(rec["campaign_id"]), str(rec["form"]))
            if key not in ctx_cache:
                camp = self.campaigns.get(key[0])
                if camp is None or key[1] not in camp.forms:
                    keep.append(False)
                    continue
                form = camp.forms[key[1]]
                ctx_cache[key] = (camp.workflow_for(form.name), self._guard_ctx(camp, form, rows=groups[key]))
            wf, ctx = ctx_cache[key]
            moves = engine.available(wf, rec, actor, ctx)
            keep.append(any(t.review for t in moves))
        out = self.with_deadlines(df[pd.Series(keep, index=df.index, dtype=bool)])
        return out.sort_values("state_since").reset_index(drop=True)

    # ------------------------------------------------------------------ commands

    def validate(
        self, campaign_id: str, form: str, values: Mapping[str, Any], lang: str = "vi"
    ) -> tuple[dict[str, Any], list[FieldError]]:
        """Parse and check a form's values; nothing is written."""
        campaign = self.campaign(campaign_id)
        f = self._form(campaign, form)
        names = [fs.name for fs in f.fields]
        required = [fs.name for fs in f.fields if fs.required]
        parsed, errors = validate_rows(
            f.tab, [values], names, required, first_row=None, lang=lang, catalogue=self._catalogue()
        )  # a form has no rows
        cells = parsed[0]
        if f.awards and "award_code" in cells and cells["award_code"] and cells["award_code"] not in f.awards:
            errors.append(
                FieldError(
                    None,
                    tab_spec(f.tab).label("award_code", lang),
                    award_choices(self._catalogue()).label(cells["award_code"], lang),
                    "award_not_in_form",
                    {"allowed": award_choices(self._catalogue()).listing(f.awards, lang)},
                )
            )
        return cells, errors

    def create(
        self,
        actor: Actor,
        campaign_id: str,
        form: str,
        values: Mapping[str, Any],
        *,
        submit: bool = True,
        client_token: str = "",
    ) -> dict[str, Any]:
        """Create a row of ``form`` for the actor's unit (and submit it at once when asked).

        A repeated ``client_token`` (double click, browser retry) returns the row created the
        first time instead of creating a second one.
        """
        if not client_token:
            return self._create(actor, campaign_id, form, values, submit=submit, client_token="")
        token_lock = self._token_locks[hash(client_token) % len(self._token_locks)]
        with token_lock:  # a double click reaching two script runs: one check-and-write at a time
            return self._create(actor, campaign_id, form, values, submit=submit, client_token=client_token)

    def _create(
        self,
        actor: Actor,
        campaign_id: str,
        form: str,
        values: Mapping[str, Any],
        *,
        submit: bool,
        client_token: str,
    ) -> dict[str, Any]:
        actor = self.resolve(actor)
        campaign = self.campaign(campaign_id)
        f = self._form(campaign, form)
        # The client-token check is the store's (``once``): atomic with the write, and on Google
        # Sheets in the same read as the adapter's pre-write check (L1: one read per submission).
        # A resend that would now be refused (a rule changed since) still gets its stored row.
        cells, errors = self.validate(campaign_id, form, values, actor.lang)
        try:
            if errors:
                raise ValidationFailed(errors)
            wf = campaign.workflow_for(f.name)
            ctx = self._guard_ctx(
                campaign,
                f,
                quota_for=wf.transitions_from(wf.initial) if submit else (),
                rows=[{**f.fixed, **cells, "unit_id": actor.unit_id}],
            )
            row, appends = self._new_row(
                actor, campaign, f, cells, submit=submit, client_token=client_token, ctx=ctx
            )
        except (ValidationFailed, ActionNotAllowed):
            dup = self._stored_token(f.tab, client_token, actor.unit_id)
            if dup is not None:
                return dup
            raise
        once = {"client_token": client_token, "unit_id": actor.unit_id} if client_token else None
        try:
            self._write(f.tab, [], actor, {f.tab: [row], **appends}, once=once)
        except AlreadyStored as stored:
            return records(coerce_frame(f.tab, [stored.row]))[0]
        return row

    def _stored_token(self, tab: str, client_token: str, unit_id: str) -> dict[str, Any] | None:
        """The row already stored for ``client_token`` by ``unit_id`` (None without a token)."""
        if not client_token:
            return None
        existing = self._read([tab])[tab]
        dup = existing[(existing["client_token"] == client_token) & (existing["unit_id"] == unit_id)]
        return None if dup.empty else records(dup)[0]

    def create_many(
        self,
        actor: Actor,
        campaign_id: str,
        form: str,
        rows: Sequence[Mapping[str, Any]],
        *,
        submit: bool = False,
        first_row: int = 2,
        parsed: bool = False,
        tokens: Sequence[str] | None = None,
    ) -> tuple[list[dict[str, Any]], list[FieldError]]:
        """Import many rows (Excel/CSV/CLI, sheet sync): keep every good row, report every bad one.

        ``first_row`` is the number the user sees for ``rows[0]`` (2 under a header row). Good
        rows are written in one store call together with their history; bad rows are returned
        as errors naming row, column, value and the fix. Nothing is half-written.

        ``parsed``: the rows are cells ``validate_rows`` already parsed (the intake checked them),
        not validated again. ``tokens``: one client token per row (an import's deterministic
        idempotency key, :func:`services.intake_import.row_tokens`); a row whose token its unit
        already stored is not written again (the store refuses it atomically, whoever wrote it
        first) and comes back as an ``already_stored`` note with the token as its value.
        """
        actor = self.resolve(actor)
        campaign = self.campaign(campaign_id)
        f = self._form(campaign, form)
        names = [fs.name for fs in f.fields]
        required = [fs.name for fs in f.fields if fs.required]
        if parsed:
            cells_of: list[dict[str, Any]] = [dict(r) for r in rows]
            errors: list[FieldError] = []
        else:
            cells_of, errors = validate_rows(
                f.tab,
                rows,
                names,
                required,
                first_row=first_row,
                lang=actor.lang,
                catalogue=self._catalogue(),
            )
        bad_rows = {e.row for e in errors}
        wf = campaign.workflow_for(f.name)
        # once per batch, not once per row: only what the first moves need (drafts: no quota), and
        # the award history of the batch's persons only
        ctx = self._guard_ctx(
            campaign,
            f,
            quota_for=wf.transitions_from(wf.initial) if submit else (),
            rows=[{**f.fixed, **c, "unit_id": actor.unit_id} for c in cells_of],
        )
        now = self.now_iso()
        new_rows: list[dict[str, Any]] = []
        history: list[dict[str, Any]] = []
        hops: list[dict[str, Any]] = []
        token_of: dict[str, int] = {}
        for i, cells in enumerate(cells_of):
            row_no = first_row + i
            if row_no in bad_rows:
                continue
            if f.awards and cells.get("award_code") and cells["award_code"] not in f.awards:
                errors.append(
                    FieldError(
                        row_no,
                        tab_spec(f.tab).label("award_code", actor.lang),
                        award_choices(self._catalogue()).label(cells["award_code"], actor.lang),
                        "award_not_in_form",
                        {"allowed": award_choices(self._catalogue()).listing(f.awards, actor.lang)},
                    )
                )
                continue
            token = tokens[i] if tokens is not None else ""
            try:
                row, appends = self._new_row(
                    actor,
                    campaign,
                    f,
                    cells,
                    submit=submit,
                    client_token=token,
                    ctx=ctx,
                    row_id=token_id(f.tab, actor.unit_id, token),
                    now=now,
                )
            except ActionNotAllowed as exc:
                errors.append(FieldError(row_no, "", "", "refused", {"reason": exc.message(actor.lang)}))
                continue
            if token:
                token_of[token] = row_no
            new_rows.append(row)
            history.extend(appends["history"])
            hops.extend(appends[HOPS_TAB])
        while new_rows:
            try:
                self._write(f.tab, [], actor, {f.tab: new_rows, "history": history, HOPS_TAB: hops})
                break
            except TokensTaken as taken:
                # another import (another session, process or server) stored these rows first:
                # leave them out, with their history, and write the rest
                gone = {c for u, c in taken.keys if u == actor.unit_id and c in token_of}
                if not gone:
                    raise
                ids = {str(r["id"]) for r in new_rows if r["client_token"] in gone}
                new_rows = [r for r in new_rows if str(r["id"]) not in ids]
                history = [h for h in history if h["row_id"] not in ids]
                hops = [h for h in hops if h["row_id"] not in ids]
                errors += [FieldError(token_of[c], "", c, "already_stored", {}, "note") for c in sorted(gone)]
        errors.sort(key=lambda e: e.row or 0)
        return new_rows, errors

    def _catalogue(self) -> Mapping[str, Mapping[str, Any]]:
        """The award catalogue (code -> names), so coded columns take award names too."""
        return self.reference().catalogue_map

    def _new_row(
        self,
        actor: Actor,
        campaign: CampaignSpec,
        f: FormSpec,
        cells: Mapping[str, Any],
        *,
        submit: bool,
        client_token: str,
        ctx: GuardContext | None = None,
        row_id: str = "",
        now: str = "",
    ) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
        """A new row of form ``f`` for the actor's unit with its history and hop rows (not yet
        written): ``(row, {"history": [...], "hops": [...]})``; ``row_id`` or a new id; ``now``
        the batch's moment (or the clock's)."""
        wf = campaign.workflow_for(f.name)
        now = now or self.now_iso()
        row: dict[str, Any] = {
            **dict(f.fixed),
            **cells,
            "campaign_id": campaign.id,
            "form": f.name,
            "unit_id": actor.unit_id,
            "state": wf.initial,
            "revision": 0,
            "last_reason": "",
            "submitted_at": "",
            "state_since": now,
            "client_token": client_token,
        }
        ctx = ctx or self._guard_ctx(campaign, f)
        if not any(
            engine.in_scope(t.scope, actor, actor.unit_id, ctx) and actor.role in t.roles
            for t in wf.transitions_from(wf.initial)
        ):
            raise ActionNotAllowed("auth.cannot_create", role=actor.role)
        closed = campaign_open(ctx, row, actor)  # a draft too: nothing new outside the window
        if closed is not None:
            raise ActionNotAllowed(closed.code, **closed.params)
        row["id"] = row_id or (token_row_id(f.tab, actor.unit_id, client_token) if client_token else new_id())
        history = [self._history_row(f.tab, row["id"], campaign.id, "create", "", wf.initial, actor, "", now)]
        hops: list[dict[str, Any]] = []
        if submit:
            t = engine.fire(wf, row, "submit", actor, ctx)
            history.append(
                self._history_row(
                    f.tab, row["id"], campaign.id, t.trigger, row["state"], t.dest, actor, "", now
                )
            )
            moved = hop(wf, campaign, str(row["state"]), t.dest, actor.unit_id, ctx.tree)
            if moved is not None:
                hops.append(self._hop_row(f.tab, row["id"], campaign.id, moved, t, actor, "", 1))
            row.update(state=t.dest, revision=1, submitted_at=now)
        return row, {"history": history, HOPS_TAB: hops}

    def edit(
        self, actor: Actor, tab: str, row_id: str, expected_version: int, values: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Change the fields of a row the actor's unit owns while its state is editable."""
        workflow_tab(tab)
        actor = self.resolve(actor)
        row = self.get(actor, tab, row_id)
        if row["unit_id"] != actor.unit_id:
            raise ActionNotAllowed("auth.not_your_row")
        campaign = self.campaign(str(row["campaign_id"]))
        f = self._form(campaign, str(row["form"]))
        wf = campaign.workflow_for(f.name)
        st = wf.states.get(str(row["state"]))
        if st is None or not st.editable:
            raise ActionNotAllowed("auth.not_editable", state=st.label if st else row["state"])
        cells, errors = self.validate(campaign.id, f.name, values, actor.lang)
        if errors:
            raise ValidationFailed(errors)
        hist = self._history_row(
            tab, row_id, campaign.id, "edit", str(row["state"]), str(row["state"]), actor, ""
        )
        return self._write(tab, [Change(row_id, expected_version, cells)], actor, {"history": [hist]})[0]

    def act(
        self,
        actor: Actor,
        tab: str,
        row_id: str,
        expected_version: int,
        trigger: str,
        reason: str = "",
        *,
        fields: Sequence[str] = (),
        decision: DecisionRef | None = None,
    ) -> dict[str, Any]:
        """Fire ``trigger`` on one row (approve, return, reject, award, submit, withdraw...).

        ``fields`` names the form's columns a reviewer asks the unit to fix when returning it;
        they are shown to the unit until it resubmits. ``decision`` is the number and date of the
        decision a ``decided_by: outside`` or ``head`` move records (the Tổng Liên đoàn's, or one
        person's where the law lets them decide alone).
        """
        return self.act_many(
            actor, tab, [(row_id, expected_version)], trigger, reason, fields=fields, decision=decision
        )[0]

    def act_many(
        self,
        actor: Actor,
        tab: str,
        items: Sequence[tuple[str, int]],
        trigger: str,
        reason: str = "",
        *,
        fields: Sequence[str] = (),
        decision: DecisionRef | None = None,
    ) -> list[dict[str, Any]]:
        """Fire ``trigger`` on several rows: all are applied together, or none (with the reason)."""
        moves = [Move(str(rid), int(version), trigger, reason) for rid, version in items]
        return self._move(actor, tab, moves, fields=fields, decision=decision)

    def act_by_ballots(
        self,
        actor: Actor,
        tab: str,
        meeting_id: str,
        moves: Sequence[Move],
        refused: dict[str, ActionNotAllowed] | None = None,
    ) -> list[dict[str, Any]]:
        """Apply the outcomes of a **closed** council meeting (``services.council`` calls this when
        the secretary closes it): each row takes the ``decided_by: council`` move its stored ballot
        selects (a pass: the move that does not reject and whose guards allow it; a failure: the
        move into a rejected state), all in one store call. The ballots are read here from the
        store, never taken from the caller, and the engine checks each against its row. With
        ``refused``, a row whose move a rule refuses now (e.g. a hold placed after the vote) is left
        where it is and its refusal put there, while the others are applied; without, nothing is."""
        workflow_tab(tab)
        meetings = self.store.read("council_meetings")
        hit = meetings[meetings["id"] == meeting_id]
        if hit.empty:
            raise ActionNotAllowed("council.meeting_unknown", meeting=meeting_id)
        meeting = records(hit)[0]
        ballots = self.store.read("ballots")
        evidence = {
            str(b["nomination_id"]): {
                **b,
                "meeting_status": str(meeting["status"]),
                "council_unit_id": str(meeting["council_unit_id"]),
            }
            for b in records(ballots[ballots["meeting_id"] == meeting_id])
        }
        return self._move(
            actor, tab, [dataclasses.replace(m, trigger="") for m in moves], ballots=evidence, refused=refused
        )

    def _move(
        self,
        actor: Actor,
        tab: str,
        moves: Sequence[Move],
        *,
        fields: Sequence[str] = (),
        decision: DecisionRef | None = None,
        ballots: Mapping[str, Mapping[str, Any]] | None = None,
        refused: dict[str, ActionNotAllowed] | None = None,
    ) -> list[dict[str, Any]]:
        """Apply ``moves`` in one store call with their history and hop rows, or none of them
        (with ``refused``: every move but those a rule refuses, which are put there instead)."""
        workflow_tab(tab)
        actor = self.resolve(actor)
        moves = [dataclasses.replace(m, reason=free_text(m.reason)) for m in moves]
        if not moves:
            return []
        # Rows may come from the short read cache: the store re-checks every version when it
        # writes, so a row someone changed meanwhile is refused as stale, never overwritten.
        visible = self.rows(actor, tab)
        by_id = {str(r["id"]): r for r in records(visible)}
        missing = [m.row_id for m in moves if m.row_id not in by_id]
        if missing:
            raise RowNotFound(missing, tab)
        stale = [m.row_id for m in moves if int(by_id[m.row_id]["version"]) != int(m.version)]
        if stale:
            raise StaleRow(stale, tab)
        changes: list[Change] = []
        history: list[dict[str, Any]] = []
        hops: list[dict[str, Any]] = []
        decided: list[tuple[CampaignSpec, dict[str, Any], TransitionSpec]] = []
        now = self.now_iso()
        if (
            ballots is None  # a council decides its meeting's agenda at once; other moves in bulk only
            and len(moves) > 1
            and not all(
                (t := self._transition_for(by_id[m.row_id], m.trigger)) is not None and t.bulk for m in moves
            )
        ):
            raise ActionNotAllowed("engine.not_bulk", trigger=moves[0].trigger)
        quotas: dict[str, dict[str, tuple[int, int, int]]] = {}
        contexts: dict[tuple[str, str], GuardContext] = {}
        for m in moves:
            rid, rec, reason = m.row_id, by_id[m.row_id], m.reason.strip()
            campaign = self.campaign(str(rec["campaign_id"]))
            f = self._form(campaign, str(rec["form"]))
            wf = campaign.workflow_for(f.name)
            key = (campaign.id, f.name)
            if key not in contexts:
                batch = [
                    by_id[m.row_id]
                    for m in moves
                    if (by_id[m.row_id]["campaign_id"], by_id[m.row_id]["form"]) == key
                ]
                contexts[key] = self._guard_ctx(campaign, f, rows=batch)
            if campaign.id not in quotas:
                quotas[campaign.id] = dict(contexts[key].quota)
            ctx = dataclasses.replace(contexts[key], quota=quotas[campaign.id], ballots=ballots or {})
            try:
                if m.trigger:
                    t = engine.fire(wf, rec, m.trigger, actor, ctx, reason, decision)
                else:
                    t = _ballot_move(wf, rec, actor, ctx)
            except ActionNotAllowed as exc:
                if refused is None:
                    raise
                refused[rid] = exc
                continue
            if "cstdcs_quota" in t.conditions and rec.get("award_code") == "CSTD_CS":
                limit, used, ldtt = quotas[campaign.id].get(str(rec["unit_id"]), (0, 0, 0))
                quotas[campaign.id][str(rec["unit_id"])] = (limit, used + 1, ldtt)
            if t.decided_by in ("outside", "head") and decision is not None:
                decided.append((campaign, rec, t))
                reason = f"{decision.text}. {reason}" if reason else decision.text
            values: dict[str, Any] = {"state": t.dest, "state_since": now}
            if t.reason_required or (reason and not t.decided_by):
                values["last_reason"] = reason
            if fields:
                unknown = [x for x in fields if x not in {fs.name for fs in f.fields}]
                if unknown or not t.reason_required:
                    raise ActionNotAllowed("engine.bad_fix_fields", fields=", ".join(unknown or fields))
                if wf.states[t.dest].editable:  # a return: the unit edits; a rejection has nothing to fix
                    values["fix_fields"] = ",".join(dict.fromkeys(fields))
            if t.trigger == "submit":
                values["revision"] = int(rec["revision"] or 0) + 1
                values["submitted_at"] = now
                values["fix_fields"] = ""
            changes.append(Change(rid, int(m.version), values))
            history.append(
                self._history_row(tab, rid, campaign.id, t.trigger, str(rec["state"]), t.dest, actor, reason)
            )
            moved = hop(wf, campaign, str(rec["state"]), t.dest, str(rec["unit_id"]), ctx.tree)
            if moved is not None:
                revision = int(values.get("revision", rec["revision"] or 0))
                hops.append(self._hop_row(tab, rid, campaign.id, moved, t, actor, reason, revision))
        if not changes:
            return []
        appends: dict[str, list[dict[str, Any]]] = {"history": history, HOPS_TAB: hops}
        if decided and decision is not None:
            from services.decided import decision_rows  # a decision taken outside, or by one person

            for extra_tab, rows in decision_rows(self, actor, decided, decision).items():
                appends.setdefault(extra_tab, []).extend(rows)
        return self._write(tab, changes, actor, appends)

    def _quota_snapshot(
        self, campaign: CampaignSpec, wf: WorkflowSpec, t: TransitionSpec
    ) -> dict[str, tuple[int, int, int]]:
        """unit -> (CSTĐCS limit, CSTĐCS already past this stage, LĐTT count) for one campaign."""
        ref = self.reference()
        noms = self._read(["nominations"])["nominations"][["campaign_id", "unit_id", "state", "award_code"]]
        noms = noms[noms["campaign_id"] == campaign.id]
        dead = {n for n, st in wf.states.items() if st.outcome in ("rejected", "withdrawn", "revoked")}
        back = {n for n, st in wf.states.items() if st.outcome == "returned"} | set(t.source) | {wf.initial}
        past = self._reachable(wf, t.dest, avoid=dead | back)
        counted = noms[~noms["state"].isin(dead | {wf.initial})]
        # plain dicts: looking units up in a pandas Series one by one cost 0.5 s at 100,000 rows
        ldtt = counted[counted["award_code"] == "LDTT"].groupby("unit_id").size().to_dict()
        in_cstdcs = (noms["award_code"] == "CSTD_CS") & noms["state"].isin(past)
        used = noms[in_cstdcs].groupby("unit_id").size().to_dict()
        on = campaign.closes
        ratio = ref.rules.number("cstdcs_max_ratio", on)
        rounding = ref.rules.text("cstdcs_rounding", on, "HALF_UP")
        out: dict[str, tuple[int, int, int]] = {}
        for unit in set(ldtt) | set(used):
            n_ldtt = int(ldtt.get(unit, 0))
            limit = quota(ratio, n_ldtt, rounding) if ratio is not None else 10**9
            out[str(unit)] = (limit, int(used.get(unit, 0)), n_ldtt)
        return out

    @staticmethod
    def _reachable(wf: WorkflowSpec, start: str, avoid: set[str]) -> set[str]:
        """States reachable from ``start`` without entering ``avoid`` (the rows "past" a stage)."""
        seen, stack = {start}, [start]
        while stack:
            for nxt in wf.transitions_from(stack.pop()):
                if nxt.dest not in seen and nxt.dest not in avoid:
                    seen.add(nxt.dest)
                    stack.append(nxt.dest)
        return seen

    def quota_headroom(self, actor: Actor, campaign_id: str) -> pd.DataFrame:
        """Per unit in the actor's scope: LĐTT, CSTĐCS limit, approved, waiting, headroom."""
        units = self.readable_units(actor)
        campaign = self.campaign(campaign_id)
        columns = ["unit_id", "unit_name", "ldtt", "limit", "used", "waiting", "headroom"]
        forms = [f for f in campaign.form_for_tab("nominations") if "CSTD_CS" in f.awards]
        if not forms:
            return pd.DataFrame(columns=columns)
        wf = campaign.workflow_for(forms[0].name)
        gate = next((t for t in wf.transitions if "cstdcs_quota" in t.conditions), None)
        if gate is None:
            return pd.DataFrame(columns=columns)
        snap = self._quota_snapshot(campaign, wf, gate)
        noms = self._read(["nominations"])["nominations"]
        waiting = (
            noms[
                (noms["campaign_id"] == campaign_id)
                & (noms["award_code"] == "CSTD_CS")
                & noms["state"].isin(gate.source)
            ]
            .groupby("unit_id")
            .size()
        )
        ref = self.reference()
        rows = [
            {
                "unit_id": u,
                "unit_name": ref.unit_name(u),
                "ldtt": ldtt,
                "limit": limit,
                "used": used,
                "waiting": int(waiting.get(u, 0)),
                "headroom": limit - used,
            }
            for u, (limit, used, ldtt) in sorted(snap.items())
            if units is None or u in units
        ]
        return pd.DataFrame(rows, columns=columns)

    def _transition_for(self, rec: Mapping[str, Any], trigger: str) -> TransitionSpec | None:
        campaign = self.campaigns.get(str(rec["campaign_id"]))
        if campaign is None or str(rec["form"]) not in campaign.forms:
            return None
        return campaign.workflow_for(str(rec["form"])).transition(trigger, str(rec["state"]))

    def record_read(self, actor: Actor, tab: str, campaign_id: str, what: str) -> None:
        """Audit a full read (an export of a list or an official document): one history row with
        who, when, which tab and campaign, and what was produced. Append-only, like every change."""
        actor = self.resolve(actor)
        row = self._history_row(tab, "", campaign_id, "export", "", "", actor, what)
        self.store.append("history", [row], actor=actor.email)
        self.invalidate(["history"])

    def _write(
        self,
        tab: str,
        changes: Sequence[Change],
        actor: Actor,
        also_append: Mapping[str, Sequence[Mapping[str, Any]]],
        once: Mapping[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        """One store call; the read cache of every touched tab is dropped even when the call fails
        (its outcome may be unknown, so a retry must look at the store again)."""
        try:
            return self.store.update(tab, changes, actor=actor.email, also_append=also_append, once=once)
        finally:
            self.invalidate([tab, *also_append])

    def _hop_row(
        self,
        tab: str,
        row_id: str,
        campaign_id: str,
        moved: tuple[str, str],
        t: TransitionSpec,
        actor: Actor,
        reason: str,
        revision: int,
    ) -> dict[str, Any]:
        """A ``hops`` row (DOMAIN.md §5.1): the row went from one unit to another, why and when."""
        return {
            "tab": tab,
            "row_id": row_id,
            "campaign_id": campaign_id,
            "from_unit": moved[0],
            "to_unit": moved[1],
            "state": t.dest,
            "action": t.trigger,
            "reason": reason,
            "revision": revision,
            "actor_email": actor.email,
            "at": self.now_iso(),
        }

    def _history_row(
        self,
        tab: str,
        row_id: str,
        campaign_id: str,
        action: str,
        src: str,
        dst: str,
        actor: Actor,
        reason: str,
        at: str = "",
    ) -> dict[str, Any]:
        return {
            "tab": tab,
            "row_id": row_id,
            "campaign_id": campaign_id,
            "action": action,
            "from_state": src,
            "to_state": dst,
            "actor_email": actor.email,
            "actor_role": actor.role,
            "actor_unit": actor.unit_id,
            "reason": reason,
            "at": at or self.now_iso(),
        }

    # ------------------------------------------------------------------ duplicates (warning)

    def possible_duplicates(
        self, actor: Actor, campaign_id: str, full_name: str, award_code: str
    ) -> pd.DataFrame:
        """Rows of the actor's unit in this campaign naming the same person for the same award."""
        mine = self.my_rows(actor, "nominations", campaign_id)
        key = match_key(full_name)
        live = mine[~mine["state"].isin(["WITHDRAWN", "REJECTED"])]
        return live[(live["full_name"].map(match_key) == key) & (live["award_code"] == award_code)]


@dataclass(frozen=True)
class Move:
    """One row to move: its id, the version the user saw, the trigger and the reason written down.
    An empty ``trigger`` (a council's close only) means "the move this row's ballot selects"."""

    row_id: str
    version: int
    trigger: str = ""
    reason: str = ""


def _ballot_move(wf: WorkflowSpec, rec: Mapping[str, Any], actor: Actor, ctx: GuardContext) -> TransitionSpec:
    """The ``decided_by: council`` move from ``rec``'s state that its ballot (in ``ctx.ballots``)
    selects: the first such move nothing refuses, or the refusal that explains why none fits."""
    refusals: list[Refusal] = []
    for t in wf.transitions_from(str(rec.get("state", ""))):
        if t.decided_by != "council":
            continue
        r = engine.refusal(wf, t, rec, actor, ctx)
        if r is None:
            return t
        refusals.append(r)
    telling = [r for r in refusals if r.code != "engine.council_vote_other"] or refusals
    if not telling:
        raise ActionNotAllowed("council.not_on_agenda", nomination=str(rec.get("id", "")))
    raise ActionNotAllowed(telling[0].code, **telling[0].params)


def workflow_tab(tab: str) -> None:
    """Refuse a workflow command on a tab whose rows follow no workflow (gradings, history, users...)
    with a message, not a KeyError further down."""
    if tab not in submission_tabs():  # the built-in tabs and the forms' own
        raise ActionNotAllowed("auth.tab_no_workflow", tab=tab)


def _keep(frame: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    """``frame[mask]``, without copying every column when the mask keeps every row (a leader's
    scope at 100,000 rows: the copy alone costs a tenth of a second per tab)."""
    return frame if bool(mask.all()) else frame[mask]
