"""Replies on the wire: pretty-printed and uncompressed unless the caller asks otherwise.

Google's documented behaviour, which the emulator follows: ``prettyPrint=false`` (a standard
parameter of every Google API) gives JSON without indentation; a reply is gzip-compressed only
when the caller both accepts gzip and has "gzip" in its user agent (the performance guide). The
recorded gspread traffic (``python-requests/x`` agent, ``Accept-Encoding: gzip, deflate``) came
pretty-printed and uncompressed. The request log counts the bytes on the wire.
"""

from __future__ import annotations

import gzip
import json

import pytest
import requests

from sheets_emulator import SheetsEmulator
from sheets_emulator.server import serve_in_thread

GZIP_AGENT = {"User-Agent": "thidua test (gzip)", "Accept-Encoding": "gzip"}


@pytest.fixture
def book() -> tuple[SheetsEmulator, str]:
    emu = SheetsEmulator()
    key = emu.create_spreadsheet("wire")
    rows = [["id", "state", "unit_id"]] + [
        [f"N{i:05d}", "SUBMITTED", f"HN-CDCS-{i % 40:03d}"] for i in range(400)
    ]
    with emu.session() as http:
        http.put(
            f"https://sheets.googleapis.com/v4/spreadsheets/{key}/values/Sheet1!A1",
            params={"valueInputOption": "RAW"},
            json={"values": rows},
            timeout=5,
        ).raise_for_status()
    return emu, key


def _get(
    emu: SheetsEmulator, key: str, params: dict[str, str] | None = None, **headers: str
) -> requests.Response:
    with emu.session() as http:
        url = f"https://sheets.googleapis.com/v4/spreadsheets/{key}/values/Sheet1"
        return http.get(url, params=params, headers=headers or None, timeout=5)


def test_a_plain_requests_agent_gets_pretty_uncompressed_json_as_recorded(book) -> None:
    emu, key = book
    emu.log.clear()
    reply = _get(emu, key)
    assert "Content-Encoding" not in reply.headers
    assert reply.text.startswith('{\n  "range": ')
    assert emu.log.bytes("values:get")[1] == len(reply.content)


def test_pretty_print_false_gives_the_same_values_without_layout(book) -> None:
    emu, key = book
    pretty = _get(emu, key)
    compact = _get(emu, key, {"prettyPrint": "false"})
    assert compact.json() == pretty.json()
    assert "\n" not in compact.text
    assert len(compact.content) < 0.6 * len(pretty.content)  # cells of 5 to 11 characters


def test_gzip_needs_both_the_accept_header_and_gzip_in_the_user_agent(book) -> None:
    emu, key = book
    agent_only = _get(emu, key, **{"User-Agent": "thidua (gzip)", "Accept-Encoding": "identity"})
    header_only = _get(emu, key, **{"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in agent_only.headers
    assert "Content-Encoding" not in header_only.headers


def test_a_gzip_reply_decodes_to_the_same_values_and_the_log_counts_the_compressed_bytes(book) -> None:
    emu, key = book
    plain = _get(emu, key, {"prettyPrint": "false"})
    emu.log.clear()
    packed = _get(emu, key, {"prettyPrint": "false"}, **GZIP_AGENT)
    assert packed.headers["Content-Encoding"] == "gzip"
    assert packed.json() == plain.json()
    on_wire = emu.log.bytes("values:get")[1]
    assert on_wire == int(packed.headers["Content-Length"])
    assert on_wire < len(plain.content) / 4


def test_an_error_reply_is_compressed_and_readable_too(book) -> None:
    emu, _ = book
    missing = _get(emu, "nope", {"prettyPrint": "false"}, **GZIP_AGENT)
    assert missing.status_code == 404
    assert missing.json()["error"]["status"] == "NOT_FOUND"


def test_the_network_model_charges_the_compressed_bytes(book) -> None:
    emu, key = book
    emu.network.enabled = True
    emu.network.latency = 0.0
    emu.network.bandwidth = 1e12  # nothing to wait: the charge is what is checked
    emu.log.clear()
    _get(emu, key, {"prettyPrint": "false"}, **GZIP_AGENT)
    (entry,) = emu.log.entries
    assert entry.network == pytest.approx((entry.bytes_in + entry.bytes_out) / 1e12)
    assert entry.bytes_out < 2_000


def test_over_http_requests_decompresses_what_the_emulator_sent(book) -> None:
    emu, key = book
    server, thread = serve_in_thread(emu.api, "127.0.0.1", 0)
    host, port = server.server_address[:2]
    try:
        emu.log.clear()
        url = f"http://{host}:{port}/v4/spreadsheets/{key}/values/Sheet1"
        raw = requests.get(url, params={"prettyPrint": "false"}, headers=GZIP_AGENT, timeout=5, stream=True)
        body = raw.raw.read(decode_content=False)
        assert raw.headers["Content-Encoding"] == "gzip"
        assert len(body) == emu.log.bytes("values:get")[1]
        assert json.loads(gzip.decompress(body))["values"][1] == ["N00000", "SUBMITTED", "HN-CDCS-000"]
        decoded = requests.get(url, params={"prettyPrint": "false"}, headers=GZIP_AGENT, timeout=5)
        assert decoded.json()["values"][400] == ["N00399", "SUBMITTED", "HN-CDCS-039"]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
