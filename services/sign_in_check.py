"""Is the identity provider of ``[auth]`` reachable right now? (issue 23)

``st.login()`` hands the browser to Streamlit's ``/auth/login`` route, which fetches the provider's
discovery document; when the provider cannot be reached, Streamlit answers with a bare English
"Authentication error" page and the user is stranded. The sign-in page asks this module first: the
discovery document must load and name its endpoints, and the token endpoint must accept a
connection. When it cannot, the page says so in the user's language and keeps its sign-in button
(the way back: press it again later).
"""

from __future__ import annotations

import json
import socket
import urllib.request
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

#: Seconds each check may take (the user is waiting on a button press).
TIMEOUT = 4.0


def metadata_url(auth: Mapping[str, Any]) -> str:
    """The discovery URL ``st.login()`` uses: ``[auth]``'s own, else the first provider section's."""
    url = auth.get("server_metadata_url")
    if url:
        return str(url)
    for value in auth.values():
        if isinstance(value, Mapping) and value.get("server_metadata_url"):
            return str(value["server_metadata_url"])
    return ""


def provider_problem(auth: Mapping[str, Any], timeout: float = TIMEOUT) -> str | None:
    """Why the provider cannot be used now (a technical line for the log), or None when it can."""
    url = metadata_url(auth)
    if not url:
        return None  # nothing to check: Streamlit names a missing setting itself
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            meta = json.loads(response.read(1_000_000))
    except (OSError, ValueError) as exc:
        return f"discovery document {url}: {type(exc).__name__}: {exc}"
    if (
        not isinstance(meta, Mapping)
        or not meta.get("authorization_endpoint")
        or not meta.get("token_endpoint")
    ):
        return f"discovery document {url}: no authorization_endpoint / token_endpoint"
    token = urlsplit(str(meta["token_endpoint"]))
    port = token.port or (443 if token.scheme == "https" else 80)
    try:
        with socket.create_connection((token.hostname or "", port), timeout=timeout):
            pass
    except OSError as exc:
        return f"token endpoint {token.hostname}:{port}: {type(exc).__name__}: {exc}"
    return None
