"""Try a campaign before launch on an in-memory copy of the demo (nothing on disk is touched).

The store comes from the composition root and the rows from the demo generator; the simulation itself
is the use case :func:`services.simulate.simulate`, acting through ``Services`` like the app.

Run: ``python cli.py simulate --campaign HN-2024-KTN [--rows 2] [--lang en]`` or
``python -m demo.simulate ...`` (exit code 1 when a state is unreachable in practice, 2 for an unknown
campaign).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import bootstrap
from demo import hanoi
from i18n import t
from services.services import Services
from services.simulate import format_report, simulate
from workflows.loader import CAMPAIGNS_DIR, load_campaigns, load_catalogue

#: Demo tabs left out unless asked: the synthetic rows need the org tree, users, catalogue and rules, not
#: the demo's thousands of dossiers (which only slow every read down).
DEMO_ROWS_TABS: tuple[str, ...] = ("nominations", "works", "initiatives", "history")


def build_demo(
    campaigns_dir: Path | None = None,
    day: dt.date | None = None,
    *,
    with_demo_rows: bool = False,
    fresh: str = "",
) -> Services:
    """The demo in an in-memory SQLite store, through the composition root (nothing on disk changes).
    ``fresh``: a contest campaign tried as before its launch, without the rows the demo holds for it
    (its entrants, scores and confirmed results), so every category can be scored and confirmed."""
    folder = campaigns_dir or CAMPAIGNS_DIR
    settings = bootstrap.Settings(
        sqlite_path=":memory:", today=day or bootstrap.DEMO_TODAY, campaigns_dir=folder
    )
    svc = bootstrap.build(settings)
    rows = hanoi.build(load_campaigns(folder), load_catalogue(), bootstrap.DEMO_TODAY, per_parent=1)
    if fresh:
        rows = {tab: [r for r in tab_rows if r.get("campaign_id") != fresh] for tab, tab_rows in rows.items()}
    hanoi.seed(svc.store, rows)
    svc.cache_seconds = 3600.0  # every write invalidates what it touched; reads can stay cached
    svc.invalidate()
    return svc


def run(
    campaign_id: str,
    rows: int = 2,
    lang: str = "vi",
    campaigns_dir: Path | None = None,
    *,
    with_demo_rows: bool = False,
) -> tuple[str, int]:
    """Simulate one campaign on a fresh in-memory demo; returns the printed report and the exit code."""
    campaigns = load_campaigns(campaigns_dir or CAMPAIGNS_DIR)
    if campaign_id not in campaigns:
        return t("sim.unknown_campaign", lang, campaign=campaign_id, known=", ".join(campaigns)), 2
    camp = campaigns[campaign_id]
    day = min(camp.closes, max(camp.opens, bootstrap.DEMO_TODAY))
    svc = build_demo(
        campaigns_dir, day, with_demo_rows=with_demo_rows, fresh=camp.id if camp.contest is not None else ""
    )
    report = simulate(svc, campaign_id, rows, lang)
    return format_report(report, camp, lang), report.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demo.simulate", description=__doc__)
    parser.add_argument("--campaign", required=True, help="campaign id, e.g. HN-2024-KTN")
    parser.add_argument("--rows", type=int, default=2, help="synthetic rows per path (default 2)")
    parser.add_argument("--lang", choices=["vi", "en"], default="vi")
    parser.add_argument("--folder", default="", help="campaign YAML folder (default: workflows/campaigns)")
    parser.add_argument(
        "--with-demo-rows", action="store_true", help="also load the demo's dossiers (slower; counts quotas)"
    )
    args = parser.parse_args(argv)
    folder = Path(args.folder) if args.folder else None
    text, code = run(args.campaign, args.rows, args.lang, folder, with_demo_rows=args.with_demo_rows)
    print(text)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
