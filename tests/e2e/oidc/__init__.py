"""A tiny OpenID Connect provider for the sign-in tests (see ``provider.py``)."""
