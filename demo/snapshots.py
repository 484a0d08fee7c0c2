"""Render every document from the demo data to PNG for docs/documents.md.

    python -m demo.snapshots            # writes docs/img/*.png

Needs Debian's LibreOffice and poppler (``apt-get install -y --no-install-recommends
libreoffice-writer poppler-utils``); only the docs need them, never the tests.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

import bootstrap
import demo
from core.model import Actor
from exports.build import export
from reporting.reporting import Reporting
from services.services import Services
from workflows.loader import load_campaigns, load_catalogue

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img"
DEMO_DAY = dt.date(2024, 12, 5)
LEADER = Actor(f"lanh.dao@{demo.DEMO_DOMAIN}", "", "LEADER", "HN-LDLD")
COUNCIL = Actor(f"hoi.dong@{demo.DEMO_DOMAIN}", "", "COUNCIL_MEMBER", "HN-LDLD")
#: (file stem, kind, actor, campaign, number, pages to render)
DOCUMENTS = (
    ("to-trinh", "totrinh", LEADER, "HN-2023-DTD-CAODIEM-DH", 123, 2),
    ("bien-ban-hoi-dong", "bienban", COUNCIL, "HN-2023-DTD-CAODIEM-DH", 3, 1),
    ("quyet-dinh", "quyetdinh", COUNCIL, "HN-2023-DTD-CAODIEM-DH", 123, 2),
    ("giao-ban-quy", "giaoban", LEADER, "HN-2024-KTN", None, 1),
)


def _services(folder: Path) -> Services:
    """A fresh demo store in ``folder``, wired by the composition root like the app's."""
    env = {"THIDUA_DB": str(folder / "demo.sqlite"), "THIDUA_TODAY": DEMO_DAY.isoformat()}
    settings = bootstrap.load_settings(env, secrets_path=folder / "no-secrets.toml")
    store = bootstrap.build_store(settings)
    demo.seed(store, demo.build(load_campaigns(), load_catalogue(), DEMO_DAY))
    return bootstrap.build(settings, store=store)


def main(out: Path = OUT) -> list[Path]:
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        raise SystemExit("Install libreoffice-writer and poppler-utils first (see the module docstring).")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rep = Reporting(_services(work))
        for stem, kind, actor, campaign, number, pages in DOCUMENTS:
            docx = work / f"{stem}.docx"
            docx.write_bytes(export(rep, actor, kind, campaign, number=number).data)
            subprocess.run(
                [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(work), str(docx)],
                check=True,
                capture_output=True,
                timeout=300,
            )
            subprocess.run(
                [
                    pdftoppm,
                    "-png",
                    "-r",
                    "60",
                    "-f",
                    "1",
                    "-l",
                    str(pages),
                    str(work / f"{stem}.pdf"),
                    str(work / stem),
                ],
                check=True,
                timeout=120,
            )
            for i, png in enumerate(sorted(work.glob(f"{stem}-*.png")), 1):
                target = out / f"{stem}-{i}.png"
                shutil.copy(png, target)
                written.append(target)
    return written


if __name__ == "__main__":
    for path in main():
        print(path)
