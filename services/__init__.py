"""Use cases the pages and the CLI call; authorisation is checked on every read and command."""
