"""`python -m sheets_emulator --port 8765`: serve the emulator over HTTP on 127.0.0.1."""

from __future__ import annotations

import argparse

from .api import Api
from .controls import Clock, QuotaConfig
from .server import make_server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sheets_emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=None, help="seed for ids (default: random)")
    parser.add_argument("--no-quota", action="store_true", help="disable the per-minute quotas")
    args = parser.parse_args(argv)
    quotas = QuotaConfig(enabled=not args.no_quota)
    api = Api(seed=args.seed, clock=Clock(manual=False), quotas=quotas)
    server = make_server(api, args.host, args.port)
    host, port = server.server_address[:2]
    print(
        f"sheets_emulator listening on http://{host!s}:{port}/ (Sheets at /v4/..., Drive at /drive/v3/...)",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
