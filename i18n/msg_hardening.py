"""Messages of issue 23's hardening: workflow commands on tabs without a workflow, campaign YAML
limits (size, aliases, nesting, number ranges), campaign files that fail to load, and sign-in or
store connections that cannot be reached."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: dict[str, Mapping[str, str]] = {
    "auth.tab_no_workflow": {
        "vi": "Bảng '{tab}' không chứa hồ sơ đi theo quy trình duyệt, nên không thực hiện được thao tác "
        "này trên bảng đó.",
        "en": "Tab '{tab}' holds no rows that follow a workflow, so this action does not apply to it.",
    },
}
