"""Admin commands. Run ``python cli.py --help``.

seed-demo   load the deterministic Hanoi demo into the configured store
campaigns   check every campaign YAML and print its forms, states and targets
provision   prepare a Google Sheet: tabs, frozen headers, dropdowns, protected columns
export      write a Tờ trình, Biên bản, Quyết định, giao ban snapshot (.docx) or a list (.xlsx); a
            contest's prize list (.xlsx), Quyết định công nhận kết quả and certificates (.docx)
validate    check a filled Excel/CSV file and print the report (exit 1 on errors)
import      import the valid rows of an Excel/CSV file as a user
simulate    run a synthetic batch through every transition of a campaign on an in-memory demo
copy        copy every tab between SQLite, Google Sheets and PostgreSQL (ids, versions, history kept)
reorganise  change the union tree from a date (a plan: old parent -> new parent), keeping history
provision-intake  create / update each grassroots unit's intake spreadsheet (shared with its officers)
sync        check the rows officers typed in their intake spreadsheets and answer in the sheet
            (``sync --emulator``: an officer's whole journey on an in-process emulator, no Google account)
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import time
from pathlib import Path

import bootstrap
from core.errors import ThiduaError
from i18n import label
from workflows.loader import load_campaigns, load_catalogue


def cmd_seed_demo(args: argparse.Namespace) -> int:
    import demo

    settings = bootstrap.load_settings()
    if args.force and settings.backend == "sqlite" and Path(settings.sqlite_path).exists():
        backup = Path(settings.sqlite_path).with_suffix(f".{int(time.time())}.bak")
        shutil.move(settings.sqlite_path, backup)
        for suffix in ("-wal", "-shm"):
            Path(settings.sqlite_path + suffix).unlink(missing_ok=True)
        print(f"Đã lưu bản cũ vào {backup} / previous store kept as {backup}")
    clock = bootstrap.build_clock(settings)
    store = bootstrap.build_store(settings, clock)
    if not demo.is_empty(store):
        if args.if_empty:
            print("Kho dữ liệu đã có dữ liệu, bỏ qua nạp demo. / Store already has data; demo not loaded.")
            return 0
        print(
            "Kho dữ liệu đã có dữ liệu; dùng --force để nạp lại. / Store is not empty; use --force.",
            file=sys.stderr,
        )
        return 1
    started = time.perf_counter()
    # the 2023–2024 history is the demo as it stood on its day (05/12/2024) even in a 2026 demo
    history_day = min(clock.now().date(), bootstrap.DEMO_TODAY)
    rows = demo.build(load_campaigns(settings.campaigns_dir), load_catalogue(), history_day, seed=args.seed)
    counts = demo.seed(store, rows)
    from demo import hanoi2026

    if clock.now().date() >= hanoi2026.DAY_2026.replace(month=1, day=1):
        # a demo day in 2026: the 30/6/2025 restructuring, then the 2026 season on the new tree
        services = bootstrap.build(settings, store=store)
        counts.update(hanoi2026.seed_2026(services))
    took = time.perf_counter() - started
    print(f"Đã nạp dữ liệu demo trong {took:.1f} giây / demo loaded in {took:.1f} s:")
    for tab, n in counts.items():
        print(f"  {tab:16} {n:6d}")
    return 0


def cmd_campaigns(args: argparse.Namespace) -> int:
    try:
        campaigns = load_campaigns(Path(args.folder)) if args.folder else load_campaigns()
    except ThiduaError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 1
    for c in campaigns.values():
        print(f"{c.id}  {c.opens:%d/%m/%Y} – {c.closes:%d/%m/%Y}  {label(c.name, args.lang)}")
        for f in c.forms.values():
            wf = c.workflow_for(f.name)
            print(f"  - {f.name} ({f.tab}): {label(f.label, args.lang)}; states: {', '.join(wf.states)}")
        for tg in c.targets:
            print(f"  * target {tg.code}: {tg.target}  {label(tg.label, args.lang)}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a filled template (.xlsx/.csv) and print the report; exit 1 when a row has an error."""
    from services.intake_import import run_file

    services = bootstrap.build(bootstrap.load_settings())
    code, lines = run_file(services, args.campaign, args.form, Path(args.file), args.as_email, args.lang)
    print("\n".join(lines), file=sys.stderr if code == 2 else sys.stdout)
    return code


def cmd_import(args: argparse.Namespace) -> int:
    """Import the valid rows of a filled template as ``--as`` (a user of the users tab)."""
    from services.intake_import import run_file

    services = bootstrap.build(bootstrap.load_settings())
    code, lines = run_file(
        services,
        args.campaign,
        args.form,
        Path(args.file),
        args.as_email,
        args.lang,
        write=True,
        accept_warnings=args.accept_warnings,
    )
    print("\n".join(lines), file=sys.stderr if code == 2 else sys.stdout)
    return code


def cmd_export(args: argparse.Namespace) -> int:
    """Write one document or list, as the user ``--as`` would get it from the documents page."""
    from exports.build import export
    from reporting.reporting import Reporting

    services = bootstrap.build()
    grants = [a for a in services.sign_in_options(args.as_email) if not args.role or a.role == args.role]
    if not grants:
        print(f"Không có quyền cho {args.as_email} / no active role for {args.as_email}", file=sys.stderr)
        return 1
    actor = grants[0]

    def progress(fraction: float, what: str) -> None:
        print(f"\r{what}: {fraction:4.0%}", end="", file=sys.stderr)

    from exports import contest as contest_exports

    try:
        if args.kind in contest_exports.KINDS:  # a contest's prize list, decision or certificates
            out = contest_exports.export(
                Reporting(services), actor, args.kind, args.campaign, number=args.number, lang=args.lang
            )
        else:
            out = export(
                Reporting(services), actor, args.kind, args.campaign, number=args.number, tab=args.tab,
                lang=args.lang, progress=progress, meeting_id=args.meeting or None,
            )  # fmt: skip
    except ThiduaError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 1
    print(file=sys.stderr)
    Path(args.out).write_bytes(out.data)
    print(f"{args.out} ({len(out.data):,} bytes, {actor.role})")
    return 0


def cmd_provision(args: argparse.Namespace) -> int:
    """Prepare a Google Sheet for people typing into it (tabs, frozen headers, dropdowns, warnings)."""
    from storage import open_workbook
    from storage.gsheets import dropdowns

    codes = [str(item["code"]) for item in load_catalogue()]
    emu = None
    try:
        if args.emulator:
            import gspread

            from sheets_emulator import SheetsEmulator

            emu = SheetsEmulator(seed=0)
            key = emu.create_spreadsheet("thidua (emulator)")
            client = gspread.Client(auth=None, session=emu.session())  # type: ignore[arg-type]
            store = open_workbook("gsheets", spreadsheet=key, client=client)
        else:
            options = dict(bootstrap.load_settings().backend_options)
            key = args.spreadsheet or str(options.get("spreadsheet") or "")
            if not key:
                print("Thiếu --spreadsheet / --spreadsheet is required", file=sys.stderr)
                return 2
            store = open_workbook("gsheets", spreadsheet=key, credentials=options.get("credentials") or {})
        done = store.provision(dropdowns(codes))  # type: ignore[attr-defined]
    except ThiduaError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 1
    for line in done or ["nothing to do: the sheet was already provisioned"]:
        print(f"  {line}")
    if emu is not None:
        calls = [e.endpoint for e in emu.log.entries if not e.endpoint.startswith("drive:")]
        print(f"{len(calls)} Sheets API calls on the in-process emulator: {', '.join(calls)}")
    return 0


def cmd_archive(args: argparse.Namespace) -> int:
    """Move a closed campaign's rows from the live spreadsheet to its own (Google Sheets only)."""
    from storage import open_workbook
    from storage.gsheets.archive import archive_campaign

    campaign = load_campaigns().get(args.campaign)
    if campaign is None:
        print(f"Không có đợt {args.campaign} / no campaign {args.campaign}", file=sys.stderr)
        return 2
    today = bootstrap.load_settings().today or dt.date.today()
    if campaign.closes >= today and not args.force:
        print(
            f"Đợt {campaign.id} chưa kết thúc (hạn {campaign.closes}); thêm --force nếu chắc chắn / "
            f"campaign {campaign.id} closes {campaign.closes}; add --force if you are sure",
            file=sys.stderr,
        )
        return 2
    options = dict(bootstrap.load_settings().backend_options)
    credentials = options.get("credentials") or {}
    try:
        live = open_workbook(
            "gsheets",
            spreadsheet=args.spreadsheet or str(options.get("spreadsheet") or ""),
            credentials=credentials,
        )
        target = open_workbook("gsheets", spreadsheet=args.to, credentials=credentials)
        done = archive_campaign(live, target, campaign.id)
    except ThiduaError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 1
    for line in done or ["nothing to archive"]:
        print(f"  {line}")
    return 0


def cmd_gsheets_login(args: argparse.Namespace) -> int:
    """Sign in with a Google account in the browser and print OAuth user credentials for
    ``[connections.gsheets]`` (for a federation without a Cloud admin to make service accounts)."""
    from google_auth_oauthlib.flow import InstalledAppFlow

    from storage.gsheets.credentials import SCOPES, user_credentials_toml

    flow = InstalledAppFlow.from_client_secrets_file(args.client_secrets, scopes=list(SCOPES))
    creds = flow.run_local_server(port=0, open_browser=not args.no_browser)
    print("# Chép khối này vào .streamlit/secrets.toml / paste this block into .streamlit/secrets.toml")
    print(user_credentials_toml(creds.client_id, creds.client_secret, creds.refresh_token))
    return 0


# ---------------------------------------------------------------------- simulate


def _demo_services(folder: Path) -> object:
    """A private copy of the demo (a SQLite file in ``folder``) for the emulator runs."""
    import demo
    from core.clock import FixedClock
    from services.services import Services
    from storage.sqlite import SqliteWorkbook

    clock = FixedClock(dt.datetime.combine(bootstrap.DEMO_TODAY, dt.time(9, 30)))
    store = SqliteWorkbook(folder / "thidua.sqlite", clock=lambda: clock.now().isoformat(timespec="seconds"))
    from schemas.registry import headers

    store.ensure_tabs(headers())
    demo.seed(store, demo.build(load_campaigns(), load_catalogue(), bootstrap.DEMO_TODAY))
    return Services(store, load_campaigns(), clock, cache_seconds=0.0)


def cmd_provision_intake(args: argparse.Namespace) -> int:
    """Create or update the intake spreadsheets (one per grassroots unit with an officer)."""
    import tempfile

    from i18n import t
    from services.sheet_intake import provision

    units = list(args.unit) or None
    with tempfile.TemporaryDirectory() as tmp:
        if args.emulator:
            from sheets_emulator import SheetsEmulator

            print("Bản demo trên trình giả lập / the demo on an in-process emulator ...", flush=True)
            services = _demo_services(Path(tmp))
            sheets = bootstrap.emulated_intake_sheets(SheetsEmulator(seed=0))
        else:
            settings = bootstrap.load_settings()
            found = bootstrap.build_intake_sheets(settings)
            if found is None:
                print(t("sheet.not_configured", args.lang), file=sys.stderr)
                return 2
            sheets, services = found, bootstrap.build(settings)
        try:
            reports = provision(services, sheets, units)  # type: ignore[arg-type]
        except ThiduaError as exc:
            print(exc.message(args.lang), file=sys.stderr)
            return 1
        ref = services.reference()  # type: ignore[attr-defined]
        for r in reports:
            what = t("sheet.provision_created" if r.created else "sheet.provision_updated", args.lang)
            extra = [f"+{len(r.shared)}"] if r.shared else []
            extra += [f"-{len(r.unshared)}"] if r.unshared else []
            if r.tabs_added:
                extra.append(", ".join(r.tabs_added))
            line = t(
                "sheet.provisioned", args.lang, unit=ref.unit_name(r.file.unit_id), what=what, url=r.file.url
            )
            print(f"  {line} {' '.join(extra)}".rstrip())
        if not reports:
            print("  " + t("sheet.provision_same", args.lang))
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    """One sync of the intake spreadsheets; with ``--emulator`` the officer's journey, step by step."""
    import tempfile

    from i18n import t
    from services.sheet_intake import sync

    if args.emulator:
        from demo import intake_journey
        from sheets_emulator import SheetsEmulator

        with tempfile.TemporaryDirectory() as tmp:
            print("Bản demo trên trình giả lập / the demo on an in-process emulator ...", flush=True)
            services = _demo_services(Path(tmp))
            emu = SheetsEmulator(seed=0)
            intake_journey.run(services, emu, bootstrap.emulated_intake_sheets(emu))  # type: ignore[arg-type]
        return 0
    settings = bootstrap.load_settings()
    sheets = bootstrap.build_intake_sheets(settings)
    if sheets is None:
        print(t("sheet.not_configured", args.lang), file=sys.stderr)
        return 2
    try:
        done = sync(bootstrap.build(settings), sheets, lang=args.lang)
    except ThiduaError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 1
    print(done.summary(args.lang))
    for problem in done.problems:
        print(f"  {problem}", file=sys.stderr)
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    """Try a campaign's workflows on an in-memory copy of the demo before officers do."""
    from demo import simulate

    argv = ["--campaign", args.campaign, "--rows", str(args.rows), "--lang", args.lang]
    if args.folder:
        argv += ["--folder", args.folder]
    if args.with_demo_rows:
        argv.append("--with-demo-rows")
    return simulate.main(argv)


def _sqlite_store(action_vi: str, action_en: str) -> Path | None:
    """The SQLite file backup/restore work on, or None (with a message) on another backend."""
    settings = bootstrap.load_settings()
    if settings.backend != "sqlite":
        print(
            f"{action_vi} chỉ dùng cho SQLite / {action_en} is for the SQLite store (not {settings.backend})",
            file=sys.stderr,
        )
        return None
    return Path(settings.sqlite_path)


def cmd_backup(args: argparse.Namespace) -> int:
    """Copy the SQLite store to ``--out`` with SQLite's online backup API (the app may keep running)."""
    from storage.sqlite import SqliteWorkbook

    db, out = _sqlite_store("Sao lưu", "backup"), Path(args.out)
    if db is None:
        return 1
    if not db.is_file():
        print(f"Không thấy kho dữ liệu {db} / no store at {db}", file=sys.stderr)
        return 1
    if out.exists() and not args.force:
        print(
            f"{out} đã có; dùng --force để ghi đè / {out} exists; use --force to overwrite", file=sys.stderr
        )
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    with SqliteWorkbook(db) as store:
        store.backup(out)
    print(f"Đã sao lưu {db} vào {out} / backed up to {out} ({out.stat().st_size:,} bytes)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the SQLite store with a backup file, keeping the current store as a timestamped backup."""
    import sqlite3

    from storage.sqlite import SqliteWorkbook

    db, source = _sqlite_store("Khôi phục", "restore"), Path(args.file)
    if db is None:
        return 1
    if not source.is_file():
        print(f"Không thấy tệp sao lưu {source} / backup file not found: {source}", file=sys.stderr)
        return 1
    if db.exists() and source.resolve() == db.resolve():
        print("Tệp sao lưu chính là kho đang dùng / the backup is the live store itself", file=sys.stderr)
        return 1
    try:  # check the backup before touching the live store
        probe = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            ok = probe.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            ok = (
                ok
                and probe.execute("SELECT 1 FROM sqlite_master WHERE name = '_tabs'").fetchone() is not None
            )
        finally:
            probe.close()
    except sqlite3.DatabaseError:
        ok = False
    if not ok:
        print(
            f"{source} không phải bản sao lưu hợp lệ / {source} is not a valid thidua backup", file=sys.stderr
        )
        return 1
    if db.exists():
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        kept = db.with_suffix(f".{stamp}.bak")
        n = 1
        while kept.exists():
            kept, n = db.with_suffix(f".{stamp}-{n}.bak"), n + 1
        with SqliteWorkbook(db) as current:
            current.backup(kept)
        print(f"Đã lưu kho hiện tại vào {kept} / current store kept as {kept}")
    db.parent.mkdir(parents=True, exist_ok=True)
    SqliteWorkbook.restore(source, db).close()
    print(f"Đã khôi phục {db} từ {source} / restored {db} from {source}")
    return 0


def _describe_store(spec: str) -> str:
    """The store as printed: a connection string's password is never shown."""
    import re

    return re.sub(r"(password=|://[^:/@]*:)[^@\s]*", r"\1***", spec)


def cmd_copy(args: argparse.Namespace) -> int:
    """Copy every tab from one store to another (ids, versions, history kept), then compare."""
    from storage.copy import NotEmpty, copy_workbook

    settings = bootstrap.load_settings()
    try:
        source = bootstrap.open_store_spec(args.source, settings)
        target = bootstrap.open_store_spec(args.target, settings)
    except (ValueError, ThiduaError) as exc:
        print(exc.message(args.lang) if isinstance(exc, ThiduaError) else str(exc), file=sys.stderr)
        return 2
    print(f"Sao chép / copy: {_describe_store(args.source)} -> {_describe_store(args.target)}")
    started = time.perf_counter()

    def progress(tab: str, done: int, total: int) -> None:
        print(f"\r  {tab:18} {done:>9,}/{total:,}", end="", file=sys.stderr, flush=True)

    try:
        report = copy_workbook(source, target, progress=progress)
    except NotEmpty as exc:
        print(
            f"Kho đích đã có dữ liệu, không sao chép gì / the target store is not empty, nothing was "
            f"copied ({exc})",
            file=sys.stderr,
        )
        return 1
    except ThiduaError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 1
    finally:
        for store in (source, target):
            close = getattr(store, "close", None)
            if callable(close):
                close()
    print(file=sys.stderr)
    print(
        f"{'tab':18} {'nguồn/source':>13} {'đích/target':>12}  "
        f"{'checksum (nguồn/source)':24} {'(đích/target)':14}"
    )
    for t in report:
        verdict = "khớp / same" if t.same else "KHÁC / DIFFERENT"
        print(
            f"{t.tab:18} {t.source_rows:>13,} {t.target_rows:>12,}  {t.source_sum[:16]:24} "
            f"{t.target_sum[:16]:16} {verdict}"
        )
    took = time.perf_counter() - started
    rows = sum(t.source_rows for t in report)
    if all(t.same for t in report):
        print(
            f"Đã sao chép {rows:,} dòng, mọi bảng khớp / copied {rows:,} rows, "
            f"every tab matches ({took:.1f} s)"
        )
        return 0
    print("Có bảng không khớp / some tabs differ", file=sys.stderr)
    return 1


def cmd_reorganise(args: argparse.Namespace) -> int:
    """Apply a reorganisation plan (YAML) as an admin: units moved, ended, created; open submissions
    re-routed. ``--dry-run`` prints what would change and writes nothing."""
    import yaml

    from services.reorganise import Reorganiser, parse_plan

    path = Path(args.plan)
    try:
        plan = parse_plan(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    except (OSError, yaml.YAMLError) as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 2
    except ThiduaError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 2
    services = bootstrap.build()
    grants = [a for a in services.sign_in_options(args.as_email) if a.role == "ADMIN"]
    if not grants:
        print(f"{args.as_email}: không có quyền quản trị / not an admin", file=sys.stderr)
        return 1
    reorganiser = Reorganiser(services)
    try:
        done = reorganiser.preview(grants[0], plan) if args.dry_run else reorganiser.apply(grants[0], plan)
    except ThiduaError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 1
    verb = "sẽ" if args.dry_run else "đã"
    moved, ended, made, routed = len(done.moved), len(done.ended), len(done.created), len(done.rerouted)
    dry = " (dry run: nothing written)" if args.dry_run else ""
    print(
        f"{plan.id} ({plan.date:%d/%m/%Y}): {verb} chuyển {moved} đơn vị, chấm dứt {ended}, tạo {made}, "
        f"chuyển hướng {routed} hồ sơ đang xử lý / {moved} units moved, {ended} ended, {made} created, "
        f"{routed} open submissions re-routed{dry}"
    )
    for tab, row_id, old, new in done.rerouted[:20]:
        print(f"  {tab} {row_id}: {old} -> {new}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="cli.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lang", choices=["vi", "en"], default="vi")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("seed-demo", help="load the Hanoi demo / nạp dữ liệu demo")
    p.add_argument("--if-empty", action="store_true", help="do nothing when the store already has data")
    p.add_argument(
        "--force", action="store_true", help="keep a backup of the SQLite file and reload the demo"
    )
    p.add_argument("--seed", type=int, default=2024)
    p.set_defaults(func=cmd_seed_demo)
    p = sub.add_parser(
        "provision", help="prepare a Google Sheet: tabs, dropdowns, warnings / chuẩn bị Google Trang tính"
    )
    p.add_argument("--spreadsheet", default="", help="spreadsheet key or URL (default: secrets.toml)")
    p.add_argument("--emulator", action="store_true", help="try it offline on an in-process emulator")
    p.set_defaults(func=cmd_provision)
    p = sub.add_parser(
        "archive", help="move a closed campaign to its own spreadsheet / lưu trữ đợt đã kết thúc"
    )
    p.add_argument("--campaign", required=True, help="campaign id, e.g. HN-2023-KTN")
    p.add_argument("--to", required=True, help="the archive spreadsheet (key or URL), shared with the app")
    p.add_argument("--spreadsheet", default="", help="the live spreadsheet (default: secrets.toml)")
    p.add_argument("--force", action="store_true", help="archive even if the campaign has not closed")
    p.set_defaults(func=cmd_archive)
    p = sub.add_parser(
        "gsheets-login",
        help="sign in with a Google account, print OAuth credentials / đăng nhập tài khoản Google",
    )
    p.add_argument("--client-secrets", required=True, help="an OAuth client (Desktop app) JSON file")
    p.add_argument("--no-browser", action="store_true", help="print the address instead of opening it")
    p.set_defaults(func=cmd_gsheets_login)
    p = sub.add_parser("campaigns", help="check campaign YAML files / kiểm tra tệp đợt thi đua")
    p.add_argument("--folder", default="")
    p.set_defaults(func=cmd_campaigns)
    p = sub.add_parser("validate", help="check a filled Excel/CSV file / kiểm tra tệp Excel/CSV")
    p.add_argument("--campaign", required=True)
    p.add_argument("--form", required=True)
    p.add_argument("--as", dest="as_email", default="", help="also check against this user's stored rows")
    p.add_argument("--lang", choices=["vi", "en"], default=argparse.SUPPRESS)
    p.add_argument("file")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("import", help="import the valid rows of an Excel/CSV file / nhập tệp Excel/CSV")
    p.add_argument("--campaign", required=True)
    p.add_argument("--form", required=True)
    p.add_argument("--as", dest="as_email", required=True, help="email of a user in the users tab")
    p.add_argument("--accept-warnings", action="store_true", help="import rows that only have warnings")
    p.add_argument("--lang", choices=["vi", "en"], default=argparse.SUPPRESS)
    p.add_argument("file")
    p.set_defaults(func=cmd_import)
    from exports import contest as contest_exports
    from exports.build import KINDS

    p = sub.add_parser("export", help="write a document or list / xuất văn bản, danh sách")
    p.add_argument("--campaign", required=True, help="campaign id, e.g. HN-2024-KTN")
    p.add_argument(
        "--kind",
        required=True,
        choices=[*KINDS, *contest_exports.KINDS],
        help="giaithuong, quyetdinh_ketqua, chungnhan: a contest's prize list, decision and certificates",
    )
    p.add_argument("--as", dest="as_email", required=True, help="email of the user the export is for")
    p.add_argument("--role", default="", help="which of the user's roles (default: the first)")
    p.add_argument("--out", required=True, help="file to write (.docx, .xlsx, or .zip for hoso)")
    p.add_argument("--number", default=None, help="document number, e.g. 123 for 123/QĐ-LĐLĐ")
    p.add_argument("--tab", default="nominations", choices=["nominations", "works", "initiatives"])
    p.add_argument("--meeting", default="", help="bienban: the council meeting id (default: the newest)")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("backup", help="copy the SQLite store to one file / sao lưu kho SQLite")
    p.add_argument("--out", required=True, help="backup file to write, e.g. backups/thidua-2024-12-05.sqlite")
    p.add_argument("--force", action="store_true", help="overwrite --out when it exists")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="replace the SQLite store with a backup / khôi phục kho SQLite")
    p.add_argument("file", help="a file written by `cli.py backup`")
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser(
        "copy", help="copy every tab between SQLite, Google Sheets and PostgreSQL / sao chép giữa các kho"
    )
    p.add_argument("--from", dest="source", required=True, help="sqlite:PATH, postgres:DSN or gsheets:KEY")
    p.add_argument("--to", dest="target", required=True, help="an empty store, written the same way")
    p.add_argument("--lang", choices=["vi", "en"], default=argparse.SUPPRESS)
    p.set_defaults(func=cmd_copy)
    p = sub.add_parser(
        "provision-intake",
        help="create / update the units' intake spreadsheets / tạo, cập nhật bảng tính nhập liệu của đơn vị",
    )
    p.add_argument("--unit", action="append", default=[], help="only this unit id (repeatable)")
    p.add_argument("--emulator", action="store_true", help="try it offline on an in-process emulator")
    p.set_defaults(func=cmd_provision_intake)
    p = sub.add_parser("sync", help="check and answer the rows officers typed / đồng bộ bảng tính nhập liệu")
    p.add_argument(
        "--emulator", action="store_true", help="watch an officer's whole journey offline (no Google account)"
    )
    p.set_defaults(func=cmd_sync)
    p = sub.add_parser(
        "simulate", help="try a campaign's workflows on an in-memory demo / chạy thử quy trình"
    )
    p.add_argument("--campaign", required=True, help="campaign id, e.g. HN-2024-KTN")
    p.add_argument("--rows", type=int, default=2, help="synthetic rows per path (default 2)")
    p.add_argument("--folder", default="", help="campaign YAML folder (default: workflows/campaigns)")
    p.add_argument("--with-demo-rows", action="store_true", help="also load the demo's dossiers (slower)")
    p.set_defaults(func=cmd_simulate)
    p = sub.add_parser(
        "reorganise", help="change the union tree from a date / sắp xếp lại cây tổ chức từ một ngày"
    )
    p.add_argument("plan", help="plan file (YAML), e.g. demo/plans/hn-2025-07-01.yaml")
    p.add_argument("--as", dest="as_email", required=True, help="email of an admin in the users tab")
    p.add_argument("--dry-run", action="store_true", help="print what would change; write nothing")
    p.set_defaults(func=cmd_reorganise)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
