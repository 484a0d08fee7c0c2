"""Domain vocabulary (codes from DOMAIN.md) and small value objects used across the core."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

#: Organisation levels (DOMAIN.md §3.1).
LEVELS: tuple[str, ...] = (
    "TLD",
    "LDLD_TINH",
    "CD_NGANH_TW",
    "CD_CTTCS",
    "CDCS",
    "CDCS_THANH_VIEN",
    "CDBP",
    "TO_CD",
    "CQ_LDLD",
    "DON_VI_SU_NGHIEP",
    "DN_CONG_DOAN",
    "CD_XA_PHUONG",
)
#: Commune/ward unions (công đoàn xã, phường, from 7/2025): they manage, support and represent the
#: grassroots unions assigned to them (first reviewer where a campaign routes through them) but are not
#: formally their upper union: they decide no award (workflows.deciding skips them).
NON_DECIDING_LEVELS: frozenset[str] = frozenset({"CD_XA_PHUONG"})
CTTCS_KINDS: tuple[str, ...] = (
    "LDLD_HUYEN",
    "CD_NGANH_DP",
    "CD_KCN_CX",
    "CD_TCT",
    "CD_CO_QUAN",
    "KHAC",
)
SECTORS: tuple[str, ...] = ("HCSN", "DNNN", "NGOAI_NN", "FDI", "KHAC")
CLUSTER_KINDS: tuple[str, ...] = ("CUM", "KHOI")
CLUSTER_ROLES: tuple[str, ...] = ("TRUONG_CUM", "PHO_CUM", "THANH_VIEN")
SUBJECT_KINDS: tuple[str, ...] = ("CA_NHAN", "TAP_THE", "CA_NHAN_TAP_THE", "HO_GD")
CATEGORIES: tuple[str, ...] = ("DANH_HIEU", "HINH_THUC", "TON_VINH")
SYSTEMS: tuple[str, ...] = ("STATE", "UNION", "HANOI")
CAMPAIGN_KINDS: tuple[str, ...] = ("THUONG_XUYEN", "DOT", "CHUYEN_DE", "NAM_NAM")
CAMPAIGN_STATUSES: tuple[str, ...] = ("DRAFT", "OPEN", "CLOSED")
WORK_TYPES: tuple[str, ...] = ("CONG_TRINH", "SAN_PHAM", "PHAN_VIEC")
WORK_LEVELS: tuple[str, ...] = ("CO_SO", "CAP_TREN_CO_SO", "THANH_PHO")
INITIATIVE_FIELDS: tuple[str, ...] = ("KY_THUAT", "QUAN_LY", "TAC_NGHIEP", "UNG_DUNG_TBKT")
INFLUENCE_SCOPES: tuple[str, ...] = ("CO_SO", "BO_NGANH_TINH", "TOAN_QUOC")
#: How an individual Bằng khen nomination meets R-BK-1 (DOMAIN.md §4.1).
BK_CRITERION_PATHS: tuple[str, ...] = ("CSTD_2Y", "HTXS_2Y_2SK", "OTHER_WITH_REASON")

#: Roles a user can hold in a unit (a person may hold several, in several units).
ROLES: tuple[str, ...] = (
    "UNIT_OFFICER",
    "UNIT_HEAD",
    "UPPER_REVIEWER",
    "CLUSTER_HEAD",
    "COUNCIL_MEMBER",
    "COUNCIL_SECRETARY",
    "DECIDER",
    "LEADER",
    "ADMIN",
    "JUDGE",  # a contest judge (giám khảo): scores the entrants of the categories a contest gives them
)
#: Roles that may read rows beyond their own subtree.
READ_ALL_ROLES: frozenset[str] = frozenset({"COUNCIL_MEMBER", "COUNCIL_SECRETARY", "LEADER", "ADMIN"})

#: Which-rows vocabulary used by campaign YAML ``scope:`` keys.
SCOPES: tuple[str, ...] = ("own_unit", "subtree", "below", "parent", "cluster", "all")


@dataclass(frozen=True)
class Actor:
    """Who is acting: one user in one role in one unit (the role they signed in with)."""

    email: str
    name: str
    role: str
    unit_id: str
    lang: str = "vi"


@dataclass(frozen=True)
class OrgTree:
    """The union tree as of a date: parent links, levels and names, with subtree queries."""

    parent: Mapping[str, str | None]
    level: Mapping[str, str] = field(default_factory=dict)
    name: Mapping[str, str] = field(default_factory=dict)

    def ancestors(self, unit_id: str) -> list[str]:
        """Parents of ``unit_id``, nearest first (cycle-safe)."""
        out: list[str] = []
        seen = {unit_id}
        cur = self.parent.get(unit_id)
        while cur and cur not in seen:
            out.append(cur)
            seen.add(cur)
            cur = self.parent.get(cur)
        return out

    def is_under(self, unit_id: str, ancestor_id: str) -> bool:
        """True when ``ancestor_id`` is strictly above ``unit_id``."""
        return ancestor_id in self.ancestors(unit_id)

    def subtree(self, unit_id: str, *, include_self: bool = True) -> set[str]:
        """``unit_id`` and every unit below it."""
        children: dict[str, list[str]] = {}
        for child, par in self.parent.items():
            if par:
                children.setdefault(par, []).append(child)
        out: set[str] = {unit_id} if include_self else set()
        stack = list(children.get(unit_id, []))
        while stack:
            u = stack.pop()
            if u in out:
                continue
            out.add(u)
            stack.extend(children.get(u, []))
        return out

    def units_at_level(self, levels: Iterable[str]) -> set[str]:
        """Units whose level is one of ``levels``."""
        wanted = set(levels)
        return {u for u, lv in self.level.items() if lv in wanted}
