"""A small OpenID Connect provider on loopback, written for the sign-in tests (stdlib + ``cryptography``).

It serves what Streamlit's ``st.login`` (Authlib) uses: the discovery document, ``/authorize`` (which
approves the configured test user at once and redirects back with a one-time code), ``/token``
(client authentication, PKCE S256, and an RS256-signed id_token carrying the nonce of the authorize
request), ``/jwks`` and ``/userinfo``. Every request and every refusal is recorded for the tests.

It is deliberately strict where a real provider is (one-time codes, redirect_uri and client checks,
PKCE) so that a test passing here means the app really spoke OIDC, not that the fake let it through.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

KID = "thidua-test-key"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _uint(n: int) -> str:
    return b64url(n.to_bytes((n.bit_length() + 7) // 8, "big"))


@dataclass
class Grant:
    """What an authorize request asked for, redeemed once at /token."""

    client_id: str
    redirect_uri: str
    nonce: str
    code_challenge: str
    code_challenge_method: str
    claims: dict[str, Any]


@dataclass
class OidcProvider:
    """The provider's state: its key, its client, the user it signs in next, what it saw."""

    client_id: str = "thidua-test-client"
    client_secret: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    #: Claims of the user /authorize approves next (the test sets ``email`` before each sign-in).
    user: dict[str, Any] = field(default_factory=lambda: {"email": "", "email_verified": True, "name": ""})
    token_lifetime_s: int = 600
    host: str = "127.0.0.1"
    port: int = 0
    requests: list[tuple[str, str]] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._codes: dict[str, Grant] = {}
        self._tokens: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # ------------------------------------------------------------------ lifecycle

    @property
    def issuer(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def start(self) -> OidcProvider:
        provider = self

        class Handler(_Handler):
            owner = provider

        self._server = ThreadingHTTPServer((self.host, self.port), Handler)
        self.port = int(self._server.server_address[1])
        threading.Thread(target=self._server.serve_forever, name="oidc-provider", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def sign_in_next(self, email: str, *, verified: bool = True, name: str = "") -> None:
        """The user the next /authorize approves."""
        with self._lock:
            self.user = {"email": email, "email_verified": verified, "name": name or email.split("@")[0]}

    # ------------------------------------------------------------------ documents

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "email", "email_verified", "name", "nonce"],
        }

    def jwks(self) -> dict[str, Any]:
        numbers = self._key.public_key().public_numbers()
        return {
            "keys": [
                {
                    "kty": "RSA",
                    "use": "sig",
                    "alg": "RS256",
                    "kid": KID,
                    "n": _uint(numbers.n),
                    "e": _uint(numbers.e),
                }
            ]
        }

    def id_token(self, claims: dict[str, Any]) -> str:
        header = {"alg": "RS256", "typ": "JWT", "kid": KID}
        signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"
        signature = self._key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
        return f"{signing_input}.{b64url(signature)}"

    # ------------------------------------------------------------------ endpoints

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        redirect_uri = query.get("redirect_uri", "")
        if query.get("client_id") != self.client_id or not redirect_uri.startswith("http://127.0.0.1:"):
            return self._refuse(400, "authorize: unknown client or redirect_uri")
        if query.get("response_type") != "code" or "openid" not in query.get("scope", "").split():
            return self._refuse(400, "authorize: not an OIDC code request")
        with self._lock:
            user = dict(self.user)
        if not user.get("email"):
            return self._refuse(400, "authorize: no test user configured")
        code = secrets.token_urlsafe(24)
        sub = "sub-" + hashlib.sha256(str(user["email"]).encode()).hexdigest()[:16]
        with self._lock:
            self._codes[code] = Grant(
                client_id=self.client_id,
                redirect_uri=redirect_uri,
                nonce=query.get("nonce", ""),
                code_challenge=query.get("code_challenge", ""),
                code_challenge_method=query.get("code_challenge_method", ""),
                claims={"sub": sub, **user},
            )
        back = {"code": code, "state": query.get("state", "")}
        sep = "&" if "?" in redirect_uri else "?"
        return 302, {"Location": redirect_uri + sep + urllib.parse.urlencode(back)}, b""

    def token(self, form: dict[str, str], authorization: str) -> tuple[int, dict[str, str], bytes]:
        client_id, client_secret = form.get("client_id", ""), form.get("client_secret", "")
        if authorization.startswith("Basic "):
            raw = base64.b64decode(authorization[6:]).decode()
            cid, _, csecret = raw.partition(":")
            client_id, client_secret = urllib.parse.unquote(cid), urllib.parse.unquote(csecret)
        if client_id != self.client_id or not secrets.compare_digest(client_secret, self.client_secret):
            return self._refuse(401, "token: bad client credentials", error="invalid_client")
        with self._lock:
            grant = self._codes.pop(form.get("code", ""), None)  # one-time
        if form.get("grant_type") != "authorization_code" or grant is None:
            return self._refuse(400, "token: unknown or reused code", error="invalid_grant")
        if form.get("redirect_uri") != grant.redirect_uri:
            return self._refuse(400, "token: redirect_uri differs", error="invalid_grant")
        if grant.code_challenge:
            verifier = form.get("code_verifier", "")
            if (
                grant.code_challenge_method != "S256"
                or b64url(hashlib.sha256(verifier.encode()).digest()) != grant.code_challenge
            ):
                return self._refuse(400, "token: PKCE verification failed", error="invalid_grant")
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "exp": now + self.token_lifetime_s,
            "auth_time": now,
            **grant.claims,
        }
        if grant.nonce:
            claims["nonce"] = grant.nonce
        access_token = secrets.token_urlsafe(24)
        with self._lock:
            self._tokens[access_token] = grant.claims
        body = {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": self.token_lifetime_s,
            "scope": "openid email profile",
            "id_token": self.id_token(claims),
        }
        return (
            200,
            {"Content-Type": "application/json", "Cache-Control": "no-store"},
            json.dumps(body).encode(),
        )

    def userinfo(self, authorization: str) -> tuple[int, dict[str, str], bytes]:
        with self._lock:
            claims = self._tokens.get(authorization.removeprefix("Bearer ").strip())
        if claims is None:
            return self._refuse(401, "userinfo: unknown access token", error="invalid_token")
        return 200, {"Content-Type": "application/json"}, json.dumps(claims).encode()

    def _refuse(
        self, status: int, why: str, error: str = "invalid_request"
    ) -> tuple[int, dict[str, str], bytes]:
        self.refusals.append(why)
        body = json.dumps({"error": error, "error_description": why}).encode()
        return status, {"Content-Type": "application/json"}, body


class _Handler(BaseHTTPRequestHandler):
    owner: OidcProvider

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the tests read ``requests``
        return

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        p = self.owner
        p.requests.append(("GET", url.path))
        if url.path == "/.well-known/openid-configuration":
            self._send(200, {"Content-Type": "application/json"}, json.dumps(p.discovery()).encode())
        elif url.path == "/jwks":
            self._send(200, {"Content-Type": "application/json"}, json.dumps(p.jwks()).encode())
        elif url.path == "/authorize":
            self._send(*p.authorize(query))
        elif url.path == "/userinfo":
            self._send(*p.userinfo(self.headers.get("Authorization", "")))
        else:
            self._send(404, {"Content-Type": "text/plain"}, b"not found")

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
        p = self.owner
        p.requests.append(("POST", url.path))
        if url.path == "/token":
            self._send(*p.token(form, self.headers.get("Authorization", "")))
        else:
            self._send(404, {"Content-Type": "text/plain"}, b"not found")
