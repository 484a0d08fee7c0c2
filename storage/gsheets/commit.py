"""Group commit: updates queued together share one read and one all-or-nothing write batch."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from gspread.exceptions import APIError

from core.errors import StaleRow, StorageUnavailable, ThiduaError
from core.ports import AlreadyStored
from storage.gsheets.errors import _HeaderMoved, _Replan, _WriteFailed, classify, refused_request
from storage.gsheets.marks import _Marks
from storage.gsheets.plan import _GroupState, _Ticket
from storage.gsheets.retry import _LANDED
from storage.gsheets.tabs import new_stamp
from storage.gsheets.tags import (
    append_cells,
    bump_counter,
    column_guard,
    grid_probe,
    insert_rows,
    sweep_row_tags,
)


@dataclass
class _Batch:
    """The requests of one write batch, gathered update by update."""

    changes: list[dict[str, Any]] = field(default_factory=list)
    change_owner: list[_Ticket] = field(default_factory=list)
    inserts: list[dict[str, Any]] = field(default_factory=list)
    insert_owner: list[_Ticket] = field(default_factory=list)
    appends: list[dict[str, Any]] = field(default_factory=list)
    append_owner: list[_Ticket] = field(default_factory=list)
    #: tab -> columns written (each guarded by its column tag)
    columns: dict[str, set[str]] = field(default_factory=dict)
    #: tab -> the change counter's new stamp
    stamps: dict[str, str] = field(default_factory=dict)
    #: tab -> rows already inserted by earlier updates of this batch
    offsets: Counter[str] = field(default_factory=Counter)
    #: tab whose existing rows the batch changes -> the first update changing them
    changed_tabs: dict[str, _Ticket] = field(default_factory=dict)


log = logging.getLogger(__name__)


class _Committing(_Marks):
    """Queue, plan and write updates in groups (the callers are Streamlit sessions: threads)."""

    _group_max: int
    _group_wait: float
    _queue: list[_Ticket]
    _committing: bool
    _group_cond: threading.Condition

    def _group_commit(self, ticket: _Ticket) -> list[dict[str, Any]]:
        """Queue ``ticket``'s update; updates queued together share one read and one write.

        The first caller to find no group in flight leads: it waits ``group_wait`` seconds for
        more callers (0: only those that queued while the previous group was being written), takes
        up to ``group_max`` queued updates, plans and writes them (:meth:`_run_group`) and wakes
        their callers. Each caller gets its own outcome: its rows, or its own exception.
        """
        with self._group_cond:
            self._queue.append(ticket)
            while not ticket.done and self._committing:
                self._group_cond.wait()
            lead = not ticket.done
            if lead:
                self._committing = True
        if lead:
            try:
                if self._group_wait:
                    self._sleep(self._group_wait)
                while not ticket.done:
                    with self._group_cond:
                        group = self._queue[: self._group_max]
                        del self._queue[: len(group)]
                    self._run_group(group)
                    with self._group_cond:
                        self._group_cond.notify_all()
            finally:
                with self._group_cond:
                    self._committing = False
                    self._group_cond.notify_all()
        if ticket.error is not None:
            raise ticket.error
        assert ticket.result is not None
        return ticket.result

    def _run_group(self, tickets: list[_Ticket]) -> None:
        """Plan and write ``tickets`` together; every ticket ends done (its rows or its error).

        A batchUpdate is all-or-nothing, so when Google refuses it (a tag guard failed) and the
        error names the refused request, that ticket is set aside and planned alone afterwards
        (with its own bounded re-plans, as an update planned alone always was); the others are read
        and planned again without it. A refusal naming no request re-plans all, at most 3 times.
        """
        try:
            self._run_groups(tickets)
        finally:  # whatever happened, no caller is left waiting
            for t in tickets:
                if not t.done:
                    t.finish(error=StorageUnavailable("gsheets.unavailable", attempts=1, detail="aborted"))

    def _run_groups(self, tickets: list[_Ticket]) -> None:
        with self._lock:
            groups = [tickets]
            while groups:
                group = [t for t in groups.pop(0) if not t.done]
                tries = 0
                while group:
                    tries += 1
                    try:
                        deferred = self._commit_group(group)
                    except _Replan as refused:
                        culprit = refused.culprit
                        log.info("write batch refused (%s); reading again", refused)
                        if culprit is not None and len(group) > 1:
                            group = [t for t in group if t is not culprit and not t.done]
                            groups.append([culprit])
                            tries -= 1  # bounded by the group's size: each round sets one aside
                            continue
                    except _HeaderMoved as moved:
                        log.info("tab %s: the header moved; reading again", moved)
                    except Exception as exc:  # unavailable, 403, 404...: every caller still waiting is told
                        error = self._person(exc) if isinstance(exc, APIError) else exc
                        for t in group:
                            if not t.done:
                                t.finish(error=error)
                        group = []
                        continue
                    else:
                        groups += [[t] for t in deferred]
                        group = []
                        continue
                    group = [t for t in group if not t.done]
                    if tries >= 4:
                        for t in group:
                            t.finish(
                                error=StorageUnavailable(
                                    "gsheets.unavailable",
                                    attempts=3,
                                    detail="the rows or the header keep moving",
                                )
                            )
                        group = []

    def _commit_group(self, group: list[_Ticket]) -> list[_Ticket]:
        """One read and one write for ``group``, with bounded retries; returns the tickets deferred
        to a later write (a second update with the same ``once`` key as one in this group)."""
        state = _GroupState()

        def landed() -> bool:
            for t in state.written:  # a later "stale" of these rows may be this very write
                t.plan.maybe_landed = True
            return bool(state.written) and self._update_landed(state.written[0].plan)

        result = self._retry(lambda: self._group_once(group, state), landed=landed)
        if result is _LANDED:
            for t in state.written:
                self._finish_written(t)
        return state.deferred

    def _finish_written(self, ticket: _Ticket) -> None:
        """A written update's rows as stored; a failure there is that caller's alone."""
        try:
            ticket.finish(result=self._after_update(ticket.plan))
        except Exception as exc:
            ticket.finish(error=exc)

    def _group_once(self, group: list[_Ticket], state: _GroupState) -> None:
        """Read what the updates of the group touch (1 call, none when nothing needs reading),
        check each one (its own error on failure), then write all that passed (1 call)."""
        state.written, state.deferred = [], []
        live: list[_Ticket] = []
        for t in group:
            if t.done:
                continue
            try:
                self._prepare(t.plan)
            except (ThiduaError, AlreadyStored, ValueError) as exc:
                t.finish(error=exc)
                continue
            live.append(t)
        if not live:
            return
        # 1. one read for every update of the group
        seen = self._pre_read([t.plan for t in live])
        # 2. each update checked on its own; within the group the first update of a row or of a
        #    ``once`` key wins, as if the later one had arrived just after it.
        batch = _Batch()
        changed: set[tuple[str, str]] = set()
        onces: set[str] = set()
        tokens_planned: set[tuple[str, str, str]] = set()  # client tokens of the updates planned
        for t in live:
            plan = t.plan
            key = f"{plan.tab}\0{plan.once_key()}" if plan.once else ""
            my_tokens = {(tab_, u, c) for tab_, keys in plan.token_keys.items() for u, c in keys}
            if (key and key in onces) or my_tokens & tokens_planned:
                state.deferred.append(t)  # planned after this write: it will find the rows stored
                continue
            try:
                if self._check_plan(plan, seen[id(plan)]):
                    t.finish(result=self._landed_rows(plan))
                    continue
                taken = [c.id for c in plan.changes if (plan.tab, c.id) in changed]
                if taken:
                    raise StaleRow(taken, plan.tab)
            except (ThiduaError, AlreadyStored, ValueError) as exc:
                t.finish(error=exc)
                continue
            if key:
                onces.add(key)
            tokens_planned |= my_tokens
            changed.update((plan.tab, c.id) for c in plan.changes)
            self._add_to_batch(batch, t)
            state.written.append(t)
        if not state.written:
            return
        # 3. one spreadsheets.batchUpdate, all or nothing
        requests_, owner = self._finish_batch(batch)
        try:
            self._batch_update({"requests": requests_})
        except APIError as exc:
            self._refused(exc, owner, state.written, batch)
        except Exception as exc:
            raise _WriteFailed(exc) from exc
        for tab, stamp in batch.stamps.items():
            self._note_change(tab, stamp)
        for t in state.written:
            self._finish_written(t)

    def _add_to_batch(self, batch: _Batch, ticket: _Ticket) -> None:
        """One checked update's requests: row guards and cells, new rows of the changed tab
        (inserted under its last row, tagged), rows of other tabs (appended), columns to guard."""
        plan = ticket.plan
        tab = plan.tab
        reqs = self._row_requests(plan, plan.positions)
        batch.changes += reqs
        batch.change_owner += [ticket] * len(reqs)
        written = {c for change in plan.changes for c in change.values} | (
            {"version", "updated_at", "updated_by"} if plan.changes else set()
        )
        batch.columns.setdefault(tab, set()).update(written)
        if plan.changes:
            batch.changed_tabs.setdefault(tab, ticket)
        batch.stamps.setdefault(tab, new_stamp())
        for t, rows in plan.new_rows.items():
            info = self._tab(t)
            # a whole row is written: its first and last columns are guarded (a column inserted,
            # deleted or dragged across them in the gap moves one of them; the pre-write read
            # already followed any header change made before)
            tagged = [c for c in plan.headers[t] if c in (info.tagged_columns or {})]
            batch.columns.setdefault(t, set()).update(tagged[:1] + tagged[-1:])
            batch.stamps.setdefault(t, new_stamp())
            if t == tab:
                plan.insert_at += batch.offsets[t]
                batch.offsets[t] += len(rows)
                reqs = insert_rows(info.sheet_id, t, plan.insert_at, plan.headers[t], rows)
                batch.inserts += reqs
                batch.insert_owner += [ticket] * len(reqs)
            else:
                batch.appends.append(append_cells(info.sheet_id, plan.headers[t], rows))
                batch.append_owner.append(ticket)

    def _finish_batch(self, batch: _Batch) -> tuple[list[dict[str, Any]], list[_Ticket | None]]:
        """The batch's requests in order, and the update each request belongs to (None: the group).

        First the column guards (each written column still where the header said), then every
        guard and changed cell of existing rows, the tabs' change counters, the new rows inserted
        under the last rows (their tags with them), and the rows appended to other tabs.
        """
        head: list[dict[str, Any]] = []
        head_owner: list[_Ticket | None] = []
        for tab in sorted(batch.columns):
            info = self._tab(tab)
            if info.grid_rows and self._strict_delete is False and tab in batch.changed_tabs:
                probe = grid_probe(info.sheet_id, tab, info.grid_rows, new_stamp())
                head += probe  # refused: a row of that tab was deleted; its update reads again
                head_owner += [batch.changed_tabs[tab]] * len(probe)
            if info.sweep:
                head += sweep_row_tags(info.sheet_id, tab, 1, max(2, info.last_row // 2))
                head_owner += [None, None]
                info.sweep = False
            tagged = info.tagged_columns or {}
            header = self._header(tab)
            for column in sorted(batch.columns[tab]):
                j = header.index(column) if column in header else -1
                if j >= 0 and tagged.get(column) == j:
                    head += column_guard(info.sheet_id, tab, column, j)
                    head_owner += [None, None]
        bumps = [
            bump_counter(tab, stamp)
            for tab, stamp in sorted(batch.stamps.items())
            if self._tab(tab).counter is not None
        ]
        requests_ = head + batch.changes + bumps + batch.inserts + batch.appends
        owner: list[_Ticket | None] = [
            *head_owner,
            *batch.change_owner,
            *([None] * len(bumps)),
            *batch.insert_owner,
            *batch.append_owner,
        ]
        return requests_, owner

    def _refused(
        self, exc: APIError, owner: list[_Ticket | None], written: list[_Ticket], batch: _Batch
    ) -> None:
        """Google refused the batch: nothing of it was applied. Find out why and plan again, or
        tell every caller (a documented limit, a protected cell: retrying cannot help)."""
        kind = classify(exc)
        if kind == "refused":
            i = refused_request(exc)
            culprit = owner[i] if i is not None and i < len(owner) else None
            if i is not None and i < len(owner) and culprit is None:
                # a column guard or a change counter: the header or the tags moved; read them again
                self._refresh_columns(sorted(batch.columns))
                raise _HeaderMoved(", ".join(sorted(batch.columns)))
            for t in written if culprit is None else [culprit]:
                t.plan.refused = True
            raise _Replan(str(exc), culprit, i) from exc
        if kind == "metadata_full":
            full = [tab for tab in sorted(batch.columns) if not self._tab(tab).swept]
            if full:
                for tab in full:
                    info = self._tab(tab)
                    info.sweep = info.swept = True
                log.warning("developer metadata full on %s: sweeping old row tags and trying again", full)
                raise _Replan(str(exc)) from exc
        if kind == "transient":
            raise _WriteFailed(exc) from exc
        raise self._person(exc) from exc
