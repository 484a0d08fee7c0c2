"""The same emulator over real HTTP on 127.0.0.1, as `python -m sheets_emulator` serves it."""

from __future__ import annotations

import subprocess
import sys

import pytest
import requests

from sheets_emulator import SheetsEmulator
from sheets_emulator.server import serve_in_thread


@pytest.fixture
def served():
    emu = SheetsEmulator()
    server, thread = serve_in_thread(emu.api, "127.0.0.1", 0)
    host, port = server.server_address[:2]
    try:
        yield emu, f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_http_round_trip(served):
    emu, base = served
    with requests.Session() as http:
        created = http.post(
            f"{base}/drive/v3/files",
            json={"name": "qua HTTP", "mimeType": "application/vnd.google-apps.spreadsheet"},
            timeout=5,
        ).json()
        book = created["id"]
        put = http.put(
            f"{base}/v4/spreadsheets/{book}/values/%27Sheet1%27%21A1",
            params={"valueInputOption": "USER_ENTERED"},
            json={"values": [["Tên", "Điểm"], ["An", "9,5"]]},
            timeout=5,
        )
        assert put.status_code == 200
        assert put.json()["updatedRange"] == "Sheet1!A1:B2"
        got = http.get(f"{base}/v4/spreadsheets/{book}/values/Sheet1", timeout=5).json()
        assert got == {
            "range": "Sheet1!A1:Z1000",
            "majorDimension": "ROWS",
            "values": [["Tên", "Điểm"], ["An", "9,5"]],
        }
        missing = http.get(f"{base}/v4/spreadsheets/nope", timeout=5)
        assert missing.status_code == 404
        assert missing.json()["error"]["status"] == "NOT_FOUND"
        assert http.delete(f"{base}/drive/v3/files/{book}", timeout=5).status_code == 204
    assert emu.log.count("values:update") == 1


def test_http_timeout_fault_drops_the_connection(served):
    emu, base = served
    book = emu.create_spreadsheet("t")
    emu.faults.fail_next("values:get", fault="timeout")
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(f"{base}/v4/spreadsheets/{book}/values/A1", timeout=5)
    emu.faults.http_hang_seconds = 0.5
    emu.faults.fail_next("values:get", fault="timeout")
    with pytest.raises(requests.exceptions.ReadTimeout):
        requests.get(f"{base}/v4/spreadsheets/{book}/values/A1", timeout=0.2)


def test_module_entry_point_help():
    out = subprocess.run(
        [sys.executable, "-m", "sheets_emulator", "--help"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert "--port" in out.stdout


def test_python_dash_m_serves_on_loopback():
    proc = subprocess.Popen(
        [sys.executable, "-m", "sheets_emulator", "--port", "0", "--seed", "1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        banner = proc.stdout.readline()
        base = banner.split("http://", 1)[1].split("/", 1)[0]
        assert base.startswith("127.0.0.1:")
        reply = requests.get(f"http://{base}/v4/spreadsheets/missing", timeout=5)
        assert reply.status_code == 404
        assert reply.json()["error"]["status"] == "NOT_FOUND"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()
