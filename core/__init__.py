"""The kernel: model, errors, ports (Protocols), text, Vietnamese formats, clock, dated rules, dossiers.

Imports nothing else of the project, and no Streamlit, gspread, sqlite3 or yaml.
"""
