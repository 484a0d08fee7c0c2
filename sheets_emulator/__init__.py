"""A faithful, stateful, in-process Google Sheets API v4 (plus the Drive v3 calls gspread makes)."""

from .controls import Clock, QuotaConfig
from .emulator import SheetsEmulator
from .store import ApiError

__all__ = ["ApiError", "Clock", "QuotaConfig", "SheetsEmulator"]
