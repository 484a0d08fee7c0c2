"""Messages for keyboard-accessible row picking and the newcomer polish of every page."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: dict[str, Mapping[str, str]] = {
    "ui.pick.one": {
        "vi": "Hoặc chọn hồ sơ bằng bàn phím",
        "en": "Or pick a submission with the keyboard",
    },
    "ui.pick.many": {
        "vi": "Hoặc chọn các hồ sơ bằng bàn phím",
        "en": "Or pick submissions with the keyboard",
    },
    "ui.pick.help": {
        "vi": "Cùng lựa chọn với bảng phía trên: gõ vài chữ của tên hoặc đơn vị, dùng phím mũi tên "
        "và Enter để chọn.",
        "en": "The same selection as the table above: type part of a name or unit, then use the "
        "arrow keys and Enter to pick.",
    },
    "ui.pick.placeholder": {"vi": "Chưa chọn hồ sơ nào", "en": "Nothing picked yet"},
}
