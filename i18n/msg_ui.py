"""Messages for the Streamlit pages (``page.*``, ``ui.*``) and labels (``state.*``, ``role.*``)."""

MESSAGES: dict[str, dict[str, str]] = {}
