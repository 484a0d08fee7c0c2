"""Reporting use cases: leader metrics, drill-downs and the data behind the official documents.

Built on the public API of :class:`services.services.Services` only. Every read goes through
``Services.rows`` (scope-checked, actor re-resolved), so a metric, a drill-down or a document never
holds a row outside the viewer's scope. Formulas live in :mod:`reporting.metrics`; the .docx/.xlsx
rendering lives in ``exports/``, which consumes the plain dataclasses defined here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from core.errors import ActionNotAllowed
from core.lookup import is_in, map_keys, map_unique
from core.model import READ_ALL_ROLES, Actor
from core.text import clean, given_name_sort_key, vi_collation_key
from core.vnformat import format_doc_number, official_date
from i18n import has, t
from reporting import metrics as m
from reporting import metrics_assessment as ma
from reporting import metrics_contest as mc
from reporting import rewards
from reporting.metrics import Filters, Metric, MetricData
from schemas.registry import submission_tabs
from services.services import REFERENCE_TABS, Reference, Services, records
from workflows.spec import CampaignSpec
from workflows.states import state_outcome

SUBMISSION_TABS: tuple[str, ...] = ("nominations", "works", "initiatives")
#: Yearly tabs outside any workflow (DOMAIN.md §3.12), read within scope like submissions.
ASSESSMENT_TABS: tuple[str, ...] = ("unit_assessments",)
#: Confirmed results of juried contests (DOMAIN.md §3.11), read within scope.
CONTEST_RESULTS = "contest_results"
#: Every built-in tab one dashboard refresh reads (:func:`dashboard_tabs` adds the forms' own tabs).
DASHBOARD_TABS: tuple[str, ...] = (
    *REFERENCE_TABS,
    *SUBMISSION_TABS,
    "history",
    *ASSESSMENT_TABS,
    CONTEST_RESULTS,
)


def dashboard_tabs() -> tuple[str, ...]:
    """Everything one dashboard refresh reads, fetched together so a refresh is one round trip: the
    built-in tabs and the tabs campaign forms declared for themselves (a contest's entrants)."""
    return tuple(dict.fromkeys([*DASHBOARD_TABS, *submission_tabs()]))


#: Units drawn in the "by unit" chart (those with the most submissions; the others are not drawn).
TOP_UNITS = 15
#: The legal basis printed when the rules tab has no ``legal_basis.*`` row for the date.
LAW_2022 = "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022"
DECREE_98 = (
    "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi hành một số điều "
    "của Luật Thi đua, khen thưởng"
)
#: Roles that may produce council minutes and decisions (they read every unit anyway).
COUNCIL_DOC_ROLES: frozenset[str] = READ_ALL_ROLES


# ------------------------------------------------------------------------------------------ document data


@dataclass(frozen=True)
class Nominee:
    """One line of a list of nominees: who, what for, from which unit, and why."""

    row_id: str
    subject_kind: str
    full_name: str
    position: str
    unit_id: str
    unit_name: str
    award_code: str
    award_name: str
    achievement: str
    state: str = ""
    #: cash reward in đồng on the document's date (NĐ 152/2025 Điều 50); None: no rule in force
    reward_vnd: int | None = None


@dataclass(frozen=True)
class AwardGroup:
    """Nominees for one title or form, sorted the Vietnamese way (given name first for people)."""

    award_code: str
    award_name: str
    subject_kind: str
    nominees: tuple[Nominee, ...]


@dataclass(frozen=True)
class DocumentInfo:
    """The header and signature block of an official document (Decree 30/2020 layout)."""

    issuer_parent: str  # e.g. "TỔNG LĐLĐ VIỆT NAM"
    issuer: str  # e.g. "LĐLĐ THÀNH PHỐ HÀ NỘI"
    number: str  # e.g. "123/QĐ-LĐLĐ"; blank number "    /QĐ-LĐLĐ" for a draft
    signed_on: dt.date
    place: str = "Hà Nội"
    signer_title: str = "CHỦ TỊCH"
    signer_name: str = "Nguyễn Văn Demo"
    recipients: tuple[str, ...] = ("Như trên;", "Lưu: VT, Ban TĐKT.")
    #: a draft says "DỰ THẢO" (a letter without its number, a decision not issued, the minutes of a
    #: meeting still open); only a decision recorded as issued and signed prints "(Đã ký)"
    draft: bool = False
    signed: bool = False


@dataclass(frozen=True)
class BallotLine:
    """The council's vote on one nomination of a meeting's agenda (counts None: not voted yet)."""

    nominee: Nominee
    yes: int | None = None
    no: int | None = None
    invalid: int | None = None
    result: str = "PASS"  # PASS, FAIL, DOWNGRADE (DOMAIN.md §3.7); PENDING: on the agenda, not voted yet
    recused: int | None = None
    threshold: str = ""


@dataclass(frozen=True)
class AwardTally:
    """Per title or form: how many were put to the council and how many it passed."""

    award_code: str
    award_name: str
    proposed: int
    passed: int


@dataclass(frozen=True)
class CouncilMinutes:
    """The minutes of one council meeting (``reporting.minutes``): its attendance, its agenda with each
    item's vote and outcome, and the tally per award counted from those same lines."""

    council_name: str
    campaign_name: str
    held_on: dt.date
    ballots: tuple[BallotLine, ...]
    tallies: tuple[AwardTally, ...]
    members_total: int | None = None
    members_present: int | None = None
    written_votes: int | None = None
    chair: str = ""  # unknown to the app: left as a dotted line to fill in
    secretary: str = ""
    meeting_id: str = ""
    minutes_no: str = ""
    status: str = ""  # OPEN (the minutes are a draft) or CLOSED


@dataclass(frozen=True)
class DocumentBundle:
    """Everything one document needs: header, campaign and its lists."""

    info: DocumentInfo
    campaign_id: str
    campaign_name: str
    campaign_year: int
    groups: tuple[AwardGroup, ...]
    minutes: CouncilMinutes | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def nominees(self) -> list[Nominee]:
        return [n for g in self.groups for n in g.nominees]


def sort_nominees(nominees: Sequence[Nominee], award_order: Sequence[str] = ()) -> list[AwardGroup]:
    """Group by award (in ``award_order``, then by code), collectives before individuals, and sort
    each group the Vietnamese way: people by given name, then middle, then family name (DOMAIN.md
    §8.4); collectives by name.
    """
    order = {code: i for i, code in enumerate(award_order)}
    groups: dict[tuple[str, str], list[Nominee]] = {}
    for n in nominees:
        groups.setdefault((n.award_code, n.subject_kind), []).append(n)
    out: list[AwardGroup] = []
    for code, kind in sorted(groups, key=lambda k: (order.get(k[0], len(order)), k[0], k[1] != "TAP_THE")):
        people = groups[(code, kind)]
        if kind == "TAP_THE":
            people.sort(key=lambda n: (vi_collation_key(n.full_name), n.row_id))
        else:
            people.sort(key=lambda n: (given_name_sort_key(n.full_name), n.row_id))
        out.append(AwardGroup(code, people[0].award_name, kind, tuple(people)))
    return out


def _scope_key(units: set[str] | None) -> frozenset[str] | None:
    """A readable-units set as part of a :meth:`Services.memo` key (None: the whole tree)."""
    return None if units is None else frozenset(units)


# ------------------------------------------------------------------------------------------ use cases


class Reporting:
    """Leader metrics and document data over :class:`Services`, always within the viewer's scope."""

    def __init__(
        self, services: Services, *, cstdcs_ratio: float = m.CSTDCS_RATIO, cng_quota: int = m.CNG_QUOTA
    ):
        self.services = services
        self.cstdcs_ratio = cstdcs_ratio
        self.cng_quota = cng_quota

    # -------------------------------------------------------------------------- metric data

    @staticmethod
    def _cluster_lookup(ref: Reference, year: int) -> Callable[[str], str]:
        """``Reference.cluster_of`` for one year, each unit worked out once per reference snapshot."""
        return ref.cluster_lookup(year)

    def _unit_frame(self, units: set[str] | None, year: int) -> pd.DataFrame:
        """Units of the tree in ``units`` (all: None) with level, sector and cluster of ``year``;
        worked out once per reference snapshot, scope and year (:meth:`Services.memo`; the build
        reads the snapshot the memo was checked against, or a newer one)."""

        def build() -> pd.DataFrame:
            ref = self.services.reference()
            frame = ref.units[is_in(ref.units["id"], ref.tree.level)]
            if units is not None:
                frame = frame[is_in(frame["id"], units)]
            return pd.DataFrame(
                {
                    "id": frame["id"].astype(str),
                    "level": frame["level"].astype(str),
                    "sector": frame["sector"].astype(str),
                    "cluster_id": list(map(self._cluster_lookup(ref, year), frame["id"].astype(str))),
                }
            ).reset_index(drop=True)

        return self.services.memo(("report.units", _scope_key(units), year), (), build)

    def _unit_columns(self) -> tuple[dict[str, str], dict[str, str]]:
        """Each unit's level and sector, built once per reference snapshot (not once per tab)."""

        def build() -> tuple[dict[str, str], dict[str, str]]:
            units = self.services.reference().units
            level = dict(zip(units["id"], units["level"], strict=True))
            sector = dict(zip(units["id"], units["sector"], strict=True))
            return level, sector

        return self.services.memo(("report.unit_columns",), (), build)

    def _enriched(self, actor: Actor, tab: str, campaign_id: str | None) -> pd.DataFrame:
        """The actor's rows of ``tab`` (one campaign or all) with what the formulas need, kept
        while the tab, the reference snapshot and the campaigns are unchanged: a write to one tab
        does not enrich the others again."""
        svc = self.services
        key = ("report.enriched", tab, campaign_id, _scope_key(svc.readable_units(actor)))
        return svc.memo(key, [tab], lambda: self._enrich(svc.rows(actor, tab, campaign_id), svc.reference()))

    def _enrich(self, frame: pd.DataFrame, ref: Reference) -> pd.DataFrame:
        """The tab's rows plus what the formulas need; each lookup runs once per distinct value."""
        camps = self.services.campaigns
        out = frame.copy()
        out["outcome"] = map_keys(
            out, ["campaign_id", "form", "state"], lambda c, f, s: state_outcome(camps, c, f, s)
        )
        out["campaign_year"] = map_unique(
            out["campaign_id"], lambda c: camps[str(c)].year if str(c) in camps else 0
        )
        level, sector = self._unit_columns()
        out["unit_level"] = map_unique(out["unit_id"], lambda u: str(level.get(u, "")))
        out["sector"] = map_unique(out["unit_id"], lambda u: str(sector.get(u, "")))
        lookups = {int(y): self._cluster_lookup(ref, int(y)) for y in out["campaign_year"].unique()}
        out["cluster_id"] = map_keys(out, ["unit_id", "campaign_year"], lambda u, y: lookups[int(y)](u))
        if "award_code" in out:
            out["category"] = map_unique(
                out["award_code"], lambda c: str(ref.catalogue_map.get(str(c), {}).get("category", ""))
            )
        return out

    @staticmethod
    def _apply(frame: pd.DataFrame, f: Filters) -> pd.DataFrame:
        if frame.empty:
            return frame
        keep = pd.Series(True, index=frame.index)
        if f.year:
            keep &= frame["campaign_year"] == f.year
        if f.campaign_id:
            keep &= frame["campaign_id"] == f.campaign_id
        if f.cluster_id:
            keep &= frame["cluster_id"] == f.cluster_id
        if f.unit_level:
            keep &= frame["unit_level"] == f.unit_level
        if f.sector:
            keep &= frame["sector"] == f.sector
        return (frame if bool(keep.all()) else frame[keep]).reset_index(drop=True)

    def _by_unit(self, frame: pd.DataFrame, ref: Reference, f: Filters) -> pd.DataFrame:
        """Rows of a yearly tab kept by the cluster (of the row's year), unit level and sector filters."""
        if frame.empty or not (f.cluster_id or f.unit_level or f.sector):
            return frame.reset_index(drop=True)
        units = frame["unit_id"].astype(str)
        keep = pd.Series(True, index=frame.index)
        level, sector = self._unit_columns()
        if f.unit_level:
            keep &= map_unique(units, lambda u: level.get(u, "")) == f.unit_level
        if f.sector:
            keep &= map_unique(units, lambda u: sector.get(u, "")) == f.sector
        if f.cluster_id:
            lookups = {int(y): self._cluster_lookup(ref, int(y)) for y in set(frame["year"].dropna())}
            keep &= pd.Series(
                [
                    not pd.isna(y) and lookups[int(y)](u) == f.cluster_id
                    for u, y in zip(units, frame["year"], strict=True)
                ],
                index=frame.index,
            )
        return frame[keep].reset_index(drop=True)

    def read_ahead(self) -> None:
        """Fetch every tab a refresh needs in one round trip (one ``values:batchGet`` on Google Sheets).

        The reads that follow (reference, scope, rows, history) are then served by the service's
        short cache instead of one round trip each.
        """
        self.services.prefetch(dashboard_tabs())

    def data(self, actor: Actor, filters: Filters | None = None) -> MetricData:
        """Submission rows in the actor's scope, enriched and filtered, ready for :mod:`reporting.metrics`."""
        f = filters or Filters()
        svc = self.services
        self.read_ahead()
        ref = svc.reference()
        scope = svc.readable_units(actor)
        # every read first, while the read-ahead is fresh; the computing comes after
        tabs = submission_tabs()
        history = svc.rows(actor, "history", f.campaign_id, columns=m.HISTORY_COLUMNS)
        yearly = {tab: svc.rows(actor, tab) for tab in ASSESSMENT_TABS}
        results = svc.rows(actor, CONTEST_RESULTS)  # tile 10 picks its contests itself
        contest_tabs = {c.forms[c.contest.form].tab for c in svc.campaigns.values() if c.contest is not None}
        units_only = Filters(cluster_id=f.cluster_id, unit_level=f.unit_level, sector=f.sector)
        contest_forms = {
            tab: self._apply(self._enriched(actor, tab, None), units_only)
            for tab in sorted(contest_tabs)
            if tab in tabs
        }
        year = f.year or svc.today().year
        units = self._unit_frame(scope, year)
        if f.cluster_id:
            units = units[units["cluster_id"] == f.cluster_id]
        if f.unit_level:
            units = units[units["level"] == f.unit_level]
        if f.sector:
            units = units[units["sector"] == f.sector]
        enriched = {tab: self._apply(self._enriched(actor, tab, f.campaign_id), f) for tab in tabs}
        city = self._unit_frame(None, year)
        city_cdcs = int((city["level"] == "CDCS").sum())
        share = float((units["level"] == "CDCS").sum()) / city_cdcs if city_cdcs else 1.0
        yearly = {tab: self._by_unit(df, ref, f) for tab, df in yearly.items()}
        if f.year and not results.empty:
            results = results[results["year"] == f.year]
        return MetricData(
            nominations=enriched["nominations"],
            works=enriched["works"],
            initiatives=enriched["initiatives"],
            history=history,
            units=units.reset_index(drop=True),
            campaigns=svc.campaigns,
            today=svc.today(),
            as_of=svc.now_iso(),
            filters=f,
            unit_assessments=yearly["unit_assessments"],
            scope_share=min(share, 1.0)
            if (scope is not None or f.cluster_id or f.unit_level or f.sector)
            else 1.0,
            forms={tab: df for tab, df in enriched.items() if tab not in SUBMISSION_TABS},
            contest_results=self._by_unit(results, ref, f),
            contest_forms=contest_forms,
        )

    def metrics(self, actor: Actor, filters: Filters | None = None) -> list[Metric]:
        """Every tile the data supports (DOMAIN.md §6), within the actor's scope and the filters."""
        return self._metrics(self.data(actor, filters))

    def _metrics(self, data: MetricData) -> list[Metric]:
        tiles = m.all_metrics(
            data, cstdcs_ratio=self.cstdcs_ratio, cng_quota=self.cng_quota, cluster_names=self.cluster_names()
        )
        # in the order of DOMAIN.md §6, then the cash rewards; "units submitted" (no row of §6) stays last
        money = rewards.reward_metric(data, self.services.reference().rules)
        extra = [*ma.assessment_metrics(data), *mc.contest_metrics(data), money]
        return sorted([*tiles, *extra], key=lambda t: t.number or 99)

    def year_comparison(self, actor: Actor, filters: Filters | None = None) -> pd.DataFrame:
        """Per campaign year, in the actor's scope (the other filters kept, the year and campaign
        dropped): nominations submitted, awarded, LĐTT, CSTĐCS, collectives and cash rewards, so the
        2026 season on the new tree reads beside the 2023–2024 history on the old one."""
        svc = self.services
        base = dataclasses.replace(filters or Filters(), year=None, campaign_id=None)
        scope = svc.readable_units(actor)
        key = ("years", _scope_key(scope), base, svc.today())

        def build() -> pd.DataFrame:
            data = self.data(actor, base)
            return rewards.year_table(data.nominations, svc.reference().rules, data.today)

        return svc.memo(key, DASHBOARD_TABS, build).copy()

    def view(self, actor: Actor, filters: Filters | None = None, lang: str = "vi") -> DashboardView:
        """Everything the dashboard draws in one read: the tiles and the four charts' data.

        Kept per scope, filters, language and day while the tabs it was computed from are unchanged
        (:meth:`Services.memo`), so a live refresh with nothing new does not compute it again."""
        svc = self.services
        self.read_ahead()
        scope = svc.readable_units(actor)
        key = (
            "dashboard",
            self.cstdcs_ratio,
            self.cng_quota,
            _scope_key(scope),
            filters or Filters(),
            lang,
            svc.today(),
        )
        view = svc.memo(key, dashboard_tabs(), lambda: self._view(actor, filters, lang))
        now = svc.now_iso()
        return dataclasses.replace(
            view, as_of=now, metrics=tuple(dataclasses.replace(mt, as_of=now) for mt in view.metrics)
        )

    def _view(self, actor: Actor, filters: Filters | None, lang: str) -> DashboardView:
        data = self.data(actor, filters)
        ref = self.services.reference()  # the snapshot data() just used (no read)
        counts = m.state_counts(data)  # per state code: the labels are looked up once per state
        labels = self._state_labels(lang)
        if counts.empty:
            by_state = pd.DataFrame({"label": pd.Series(dtype=str), "count": pd.Series(dtype=int)})
        else:
            # one bar per state: "Trả lại để bổ sung" of one campaign and "Trả lại để bổ sung, hoàn thiện"
            # of another are the same state (RETURNED), named once
            first_label = {s: lab for (_, _, s), lab in labels.items()}
            names = {
                s: t(f"state.{s}", lang) if has(f"state.{s}") else first_label.get(s, s) for s in counts.index
            }
            named = pd.DataFrame({"label": [names[s] for s in counts.index], "count": counts.to_numpy()})
            summed = named.groupby("label", sort=False)["count"].sum().reset_index()
            by_state = summed.sort_values(["count", "label"], ascending=[False, True], kind="stable")
            by_state = by_state.reset_index(drop=True)
        clusters = self.cluster_names()
        by_cluster = m.count_by(data, "cluster_id")
        by_cluster.insert(0, "label", [clusters.get(c, c) for c in by_cluster["cluster_id"]])
        by_unit = m.count_by(data, "unit_id").head(TOP_UNITS)
        by_unit.insert(0, "label", [ref.unit_name(u) for u in by_unit["unit_id"]])
        return DashboardView(
            metrics=tuple(self._metrics(data)),
            targets=tuple(m.campaign_targets(data)),
            by_state=by_state,
            by_cluster=by_cluster,
            by_unit=by_unit,
            trend=weekly_trend(m.trend_table(data)),
            as_of=data.as_of,
            submissions=int(counts.sum()),
            frames={
                "nominations": data.nominations,
                "works": data.works,
                "initiatives": data.initiatives,
                "unit_assessments": data.unit_assessments,
                CONTEST_RESULTS: data.contest_results,
                **data.forms,
                **data.contest_forms,  # every entrant of the contests shown (a superset of data.forms)
            },
            unit_names=ref.tree.name,
        )

    def _state_labels(self, lang: str) -> dict[tuple[str, str, str], str]:
        labels: dict[tuple[str, str, str], str] = {}
        for camp in self.services.campaigns.values():
            for form in camp.forms:
                for name, st in camp.workflow_for(form).states.items():
                    labels[(camp.id, form, name)] = st.label.get(lang) or st.label.get("vi", name)
        return labels

    def cluster_names(self) -> dict[str, str]:
        clusters = self.services.reference().clusters
        return {str(i): str(n) for i, n in zip(clusters["id"], clusters["name_vi"], strict=True)}

    def drill_down(self, actor: Actor, metric: Metric) -> dict[str, pd.DataFrame]:
        """The rows behind ``metric``, re-read within the actor's scope (ids outside it are dropped)."""
        out: dict[str, pd.DataFrame] = {}
        for tab, ids in metric.drill.items():
            rows = self.services.rows(actor, tab)
            out[tab] = rows[rows["id"].isin(set(ids))].reset_index(drop=True)
        return out

    def filter_options(self, actor: Actor) -> dict[str, list[str]]:
        """Values each filter may take for this actor (years, campaigns, clusters, levels, sectors).

        Kept per scope and day while the tabs are unchanged (every dashboard run asks for them)."""
        svc = self.services
        self.read_ahead()
        scope = svc.readable_units(actor)
        key = ("filter_options", _scope_key(scope), svc.today())
        options = svc.memo(key, dashboard_tabs(), lambda: self._filter_options(actor, scope))
        return {name: list(values) for name, values in options.items()}

    def _filter_options(self, actor: Actor, scope: set[str] | None) -> dict[str, list[str]]:
        svc = self.services
        units = self._unit_frame(scope, svc.today().year)
        years = {int(c.year) for c in svc.campaigns.values()}
        for tab in ("unit_assessments", CONTEST_RESULTS):
            years |= {int(y) for y in svc.rows(actor, tab)["year"].dropna()}
        return {
            "year": [str(y) for y in sorted(years)],
            "campaign": sorted(svc.campaigns),
            "cluster": sorted({c for c in units["cluster_id"] if c}),
            "unit_level": sorted(set(units["level"])),
            "sector": sorted(set(units["sector"])),
        }

    # -------------------------------------------------------------------------- documents

    def _campaign(self, campaign_id: str) -> CampaignSpec:
        return self.services.campaign(campaign_id)

    def nominees(self, actor: Actor, campaign_id: str, states: Sequence[str]) -> list[Nominee]:
        """Nominations of a campaign in ``states``, within the actor's scope, as document lines."""
        svc = self.services
        ref = svc.reference()
        rows = svc.rows(actor, "nominations", campaign_id)
        rows = rows[rows["state"].isin(list(states))]
        out: list[Nominee] = []
        for r in rows.to_dict("records"):
            code = str(r["award_code"])
            cat = ref.catalogue_map.get(code, {})
            out.append(
                Nominee(
                    row_id=str(r["id"]),
                    subject_kind=str(r["subject_kind"]),
                    full_name=str(r["full_name"]),
                    position=str(r["position"] or ""),
                    unit_id=str(r["unit_id"]),
                    unit_name=ref.unit_name(str(r["unit_id"])),
                    award_code=code,
                    award_name=str(cat.get("name_vi", code)),
                    achievement=str(r["achievement"] or ""),
                    state=str(r["state"]),
                )
            )
        return out

    def _award_order(self, campaign: CampaignSpec) -> list[str]:
        return [code for f in campaign.forms.values() for code in f.awards]

    def document_info(
        self,
        campaign_id: str,
        doc_type: str,
        number: int | str | None = None,
        *,
        issuer_code: str = "LĐLĐ",
        signed_on: dt.date | None = None,
    ) -> DocumentInfo:
        """Header for a document of ``doc_type`` (TTr, BB, QĐ) issued by the campaign's organiser."""
        svc = self.services
        camp = self._campaign(campaign_id)
        ref = svc.reference()
        issuer = ref.unit_name(camp.organiser)
        parent = ref.tree.parent.get(camp.organiser)
        parent_name = ref.unit_name(parent) if parent else ""
        num = (
            format_doc_number(number, doc_type, issuer_code)
            if number not in (None, "")
            else f"     /{doc_type}-{issuer_code}"
        )
        return DocumentInfo(
            issuer_parent=_short_upper(parent_name),
            issuer=_short_upper(issuer),
            number=num,
            signed_on=signed_on or svc.today(),
        )

    def document_extra(self, campaign_id: str, on: dt.date | None = None) -> dict[str, str]:
        """Wording the templates need besides the header: the issuer's full name, the launch document,
        and the law and decree in force on the document's date ``on`` (NĐ 152/2025 from 1/7/2025)."""
        camp = self._campaign(campaign_id)
        rules = self.services.reference().rules
        day = on or self.services.today()
        legal = {
            "can_cu_luat": rules.text("legal_basis.law", day, LAW_2022),
            "can_cu_nghi_dinh": rules.text("legal_basis.decree", day, DECREE_98),
        }
        issuer = self.services.reference().unit_name(camp.organiser)
        kind = (
            _DOC_TYPES.get(camp.launch_doc.split("/")[-1].split("-")[0], "văn bản") if camp.launch_doc else ""
        )
        launch = f"{kind} số {camp.launch_doc}" if camp.launch_doc else "kế hoạch phát động"
        if camp.launch_doc_date:
            launch += f" {official_date(camp.launch_doc_date, None)}"
        return {
            "ten_co_quan": issuer,
            "ten_co_quan_hoa": issuer.upper(),
            "van_ban_phat_dong": launch,
            **legal,
        }

    def submission_letter(
        self,
        actor: Actor,
        campaign_id: str,
        number: int | str | None = None,
        *,
        states: Sequence[str] = ("IN_COUNCIL", "AWARDED"),
        signed_on: dt.date | None = None,
    ) -> DocumentBundle:
        """Data for the "Tờ trình" and its "Danh sách đề nghị khen thưởng" (rows sent to the council)."""
        camp = self._campaign(campaign_id)
        groups = sort_nominees(self.nominees(actor, campaign_id, states), self._award_order(camp))
        info = self.document_info(campaign_id, "TTr", number, signed_on=signed_on)
        info = dataclasses.replace(info, draft=number in (None, ""))  # no number yet: a draft
        return DocumentBundle(
            info,
            camp.id,
            camp.name["vi"],
            camp.year,
            tuple(groups),
            extra=self.document_extra(camp.id, info.signed_on),
        )

    def _require_council(self, actor: Actor) -> Actor:
        actor = self.services.resolve(actor)
        if actor.role not in COUNCIL_DOC_ROLES:
            raise ActionNotAllowed("export.council_only", role=actor.role)
        return actor

    def council_minutes(
        self,
        actor: Actor,
        campaign_id: str,
        number: int | str | None = None,
        *,
        meeting_id: str | None = None,
    ) -> DocumentBundle:
        """Data for the minutes of one council meeting (the newest of the campaign when none is named):
        its attendance, its agenda, each item's vote and outcome; a meeting still open gives a draft.
        See :mod:`reporting.minutes`."""
        from reporting.minutes import minutes_bundle

        return minutes_bundle(self, self._require_council(actor), campaign_id, number, meeting_id)

    def council_meetings(self, actor: Actor, campaign_id: str) -> pd.DataFrame:
        """The meetings whose minutes can be produced for a campaign, newest first."""
        from reporting.minutes import meetings_for

        return meetings_for(self, self._require_council(actor), campaign_id)

    def decision(
        self,
        actor: Actor,
        campaign_id: str,
        number: int | str | None = None,
        *,
        signed_on: dt.date | None = None,
    ) -> DocumentBundle:
        """Data for the "Quyết định" and its "Danh sách kèm theo".

        When ``number`` is a decision already issued in the campaign (a ``decisions`` row), the annex
        lists exactly that decision's grants that are not revoked, with its number, signing date and
        signer; otherwise (a draft) it lists the nominations the council awarded."""
        actor = self._require_council(actor)
        camp = self._campaign(campaign_id)
        issued = self._issued_decision(actor, camp, number)
        if issued is not None:
            return issued
        info = dataclasses.replace(
            self.document_info(campaign_id, "QĐ", number, signed_on=signed_on), draft=True
        )
        awarded = self._with_rewards(self.nominees(actor, campaign_id, ["AWARDED"]), info.signed_on)
        groups = sort_nominees(awarded, self._award_order(camp))
        return DocumentBundle(
            info,
            camp.id,
            camp.name["vi"],
            camp.year,
            tuple(groups),
            extra=self.document_extra(camp.id, info.signed_on),
        )

    def _with_rewards(self, nominees: Sequence[Nominee], on: dt.date) -> list[Nominee]:
        """The lines with their cash rewards on the decision's date (dated rules of the rules tab)."""
        rules = self.services.reference().rules
        memo: dict[str, int | None] = {}
        out = []
        for n in nominees:
            if n.award_code not in memo:
                memo[n.award_code] = rewards.reward_vnd(rules, n.award_code, on)
            out.append(dataclasses.replace(n, reward_vnd=memo[n.award_code]))
        return out

    def _issued_decision(
        self, actor: Actor, camp: CampaignSpec, number: int | str | None
    ) -> DocumentBundle | None:
        """The bundle of the issued decision ``number`` of the campaign, or None when none matches."""
        if number in (None, ""):
            return None
        wanted = {clean(number)}
        if clean(number).isdigit():
            wanted.add(format_doc_number(number, "QĐ", "LĐLĐ"))
        svc = self.services
        d = svc._read(["decisions", "award_grants"])
        decs = d["decisions"]
        decs = decs[(decs["campaign_id"] == camp.id) & decs["number"].map(clean).isin(wanted)]
        units = svc.readable_units(actor)
        if units is not None:
            decs = decs[decs["issuer_unit_id"].isin(units)]
        if decs.empty:
            return None
        decs = decs.assign(_mine=decs["issuer_unit_id"] != camp.organiser).sort_values(
            ["_mine", "issued_on"], ascending=[True, False]
        )
        row = records(decs)[0]
        grants = d["award_grants"]
        grants = grants[(grants["decision_id"] == row["id"]) & ~grants["revoked"].astype(bool)]
        noms = svc.rows(actor, "nominations", camp.id)
        by_nom = {str(r["id"]): r for r in records(noms)}
        ref = svc.reference()
        lines: list[Nominee] = []
        for g in records(grants):
            nom = by_nom.get(str(g["nomination_id"]), {})
            code = str(g["award_code"])
            lines.append(
                Nominee(
                    row_id=str(g["id"]),
                    subject_kind=str(g["subject_kind"]),
                    full_name=str(g["subject_name"]),
                    position=str(nom.get("position") or ""),
                    unit_id=str(g["unit_id"]),
                    unit_name=ref.unit_name(str(g["unit_id"])),
                    award_code=code,
                    award_name=str(ref.catalogue_map.get(code, {}).get("name_vi", code)),
                    achievement=str(nom.get("achievement") or ""),
                    state="GRANTED",
                )
            )
        issued_on = dt.date.fromisoformat(str(row["issued_on"])[:10])
        info = dataclasses.replace(
            self.document_info(camp.id, "QĐ", None, signed_on=issued_on),
            number=str(row["number"]),
            signer_name=str(row["signer_name"]),
            signer_title=str(row["signer_title"]).upper(),
            signed=bool(clean(row["signer_name"])),
        )
        groups = sort_nominees(self._with_rewards(lines, issued_on), self._award_order(camp))
        return DocumentBundle(
            info,
            camp.id,
            camp.name["vi"],
            camp.year,
            tuple(groups),
            extra=self.document_extra(camp.id, issued_on),
        )

    def list_rows(
        self, actor: Actor, tab: str, campaign_id: str | None = None, lang: str = "vi"
    ) -> pd.DataFrame:
        """Rows of ``tab`` in scope, with the unit's name, the state's label and the award's name added."""
        svc = self.services
        rows = svc.rows(actor, tab, campaign_id).copy()
        ref = svc.reference()
        at = list(rows.columns).index("unit_id") + 1
        rows.insert(at, "unit_name", rows["unit_id"].map(ref.unit_name))
        labels = self._state_labels(lang)
        rows["state_label"] = [
            labels.get((str(c), str(f), str(s)), str(s))
            for c, f, s in zip(rows["campaign_id"], rows["form"], rows["state"], strict=True)
        ]
        if "award_code" in rows:
            key = "name_vi" if lang == "vi" else "name_en"
            rows["award_name"] = rows["award_code"].map(
                lambda c: str(ref.catalogue_map.get(str(c), {}).get(key) or c)
            )
        return rows.reset_index(drop=True)

    def snapshot(
        self, actor: Actor, filters: Filters | None = None, number: int | str | None = None
    ) -> Snapshot:
        """The tiles for the quarterly review meeting ("giao ban quý"), with the report's header."""
        svc = self.services
        actor = svc.resolve(actor)
        today = svc.today()
        tiles = self.metrics(actor, filters)
        # the header names the organiser of the filtered campaign, or of the first campaign
        first = next(iter(svc.campaigns), "")
        camp_id = (filters.campaign_id if filters else None) or first
        info = self.document_info(camp_id, "BC", number) if camp_id else None
        scope = (
            svc.reference().unit_name(actor.unit_id)
            if svc.readable_units(actor) is not None
            else "toàn bộ các đơn vị"
        )
        return Snapshot(
            info=info,
            metrics=tuple(tiles),
            quarter=(today.month - 1) // 3 + 1,
            year=today.year,
            as_of=svc.now_iso(),
            scope=scope,
            extra=self.document_extra(camp_id) if camp_id else {},
        )


@dataclass(frozen=True, eq=False)
class DashboardView:
    """What the dashboard draws: the tiles, the chart data (``label``, ``count``) and the weekly trend."""

    metrics: tuple[Metric, ...]
    targets: tuple[Metric, ...]  # progress against the targets the campaign YAML declares
    by_state: pd.DataFrame
    by_cluster: pd.DataFrame
    by_unit: pd.DataFrame
    trend: pd.DataFrame  # week, series ("submitted" or "done"), count
    as_of: str
    submissions: int
    #: the rows the figures were computed from (already within the viewer's scope and filters)
    frames: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    unit_names: Mapping[str, str] = field(default_factory=dict)

    def behind(self, metric: Metric) -> dict[str, pd.DataFrame]:
        """The rows behind ``metric``, taken from the rows this view was computed from, with each
        row's unit name beside its unit id. No second read: the drill-down of a refresh costs no
        round trip, and holds nothing the view's scope-checked read did not.
        """
        out: dict[str, pd.DataFrame] = {}
        for tab, ids in metric.drill.items():
            frame = self.frames.get(tab)
            if frame is None or frame.empty:
                out[tab] = pd.DataFrame(columns=["id", "unit_id", "unit_name"])
                continue
            rows = frame[is_in(frame["id"], ids)].reset_index(drop=True)
            if "unit_id" in rows:
                at = list(rows.columns).index("unit_id") + 1
                rows.insert(at, "unit_name", map_unique(rows["unit_id"], self._unit_name))
            out[tab] = rows
        return out

    def _unit_name(self, unit_id: object) -> str:
        return self.unit_names.get(str(unit_id), str(unit_id))


def weekly_trend(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`reporting.metrics.trend_table` summed over tabs, one row per week and series (line chart)."""
    if table.empty:
        return pd.DataFrame(
            {"week": pd.Series(dtype=object), "series": pd.Series(dtype=str), "count": pd.Series(dtype=int)}
        )
    weekly = table.groupby("week", as_index=False)[["submitted", "done"]].sum()
    long = weekly.melt(
        id_vars="week", value_vars=["submitted", "done"], var_name="series", value_name="count"
    )
    return long.sort_values(["series", "week"]).reset_index(drop=True)


@dataclass(frozen=True)
class Snapshot:
    """A printable set of tiles for one quarter (DOMAIN.md §6: "giao ban quý")."""

    info: DocumentInfo | None
    metrics: tuple[Metric, ...]
    quarter: int
    year: int
    as_of: str
    scope: str
    extra: Mapping[str, str] = field(default_factory=dict)


_DOC_TYPES = {"KH": "Kế hoạch", "HD": "Hướng dẫn", "QĐ": "Quyết định", "CT": "Chỉ thị", "TB": "Thông báo"}
_SHORT = (
    ("Tổng Liên đoàn Lao động Việt Nam", "Tổng LĐLĐ Việt Nam"),
    ("Liên đoàn Lao động", "LĐLĐ"),
)


def _short_upper(name: str) -> str:
    """Header form of a unit name: the usual abbreviations, upper case ("LĐLĐ THÀNH PHỐ HÀ NỘI")."""
    for long, short in _SHORT:
        name = name.replace(long, short)
    return name.upper()
