"""Pure domain core: model, errors, ports and services. No Streamlit, gspread, sqlite3 or yaml."""
