"""Messages for reports and exports (vi + en)."""

MESSAGES: dict[str, dict[str, str]] = {
    "export.council_only": {
        "vi": "Vai trò {role} không được lập biên bản họp Hội đồng hoặc quyết định khen thưởng; hãy đăng nhập với vai trò Hội đồng, Lãnh đạo hoặc Quản trị.",
        "en": "The role {role} may not produce council minutes or award decisions; sign in as a council member, leader or administrator.",
    },
}
