"""Identity checks that need no Streamlit: which email an identity provider's claims vouch for.

The pages read ``st.user`` (the claims of the signed-in OIDC user) and ask :func:`verified_email`
whether those claims name an email the app may map to roles; the mapping itself is
``Services.sign_in_options`` and every later request is re-checked by ``Services.resolve``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Claim values that count as "the provider verified this email" (Google sends a JSON boolean).
_TRUE = (True, "true", "True", "1", 1)


def verified_email(claims: Mapping[str, Any]) -> str | None:
    """The email the claims vouch for, or None (not logged in, no email, or not verified).

    A provider that sends ``email_verified`` must send it true; one that does not send it at all
    (some corporate providers) is trusted for the email it returns.
    """
    if claims.get("is_logged_in") is not True:
        return None
    email = str(claims.get("email") or "").strip()
    if not email or "@" not in email:
        return None
    if "email_verified" in claims and claims["email_verified"] not in _TRUE:
        return None
    return email


def same_email(a: str, b: str) -> bool:
    """Emails compared as the users tab compares them (case-insensitive, surrounding spaces ignored)."""
    return a.strip().casefold() == b.strip().casefold()
