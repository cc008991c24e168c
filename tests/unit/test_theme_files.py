"""The theme's own files are well-formed: a style sheet whose rule is left open would silently
swallow every rule after it (printing, screens, links)."""

from __future__ import annotations

import tinycss2

from helpers import ROOT

STYLE_SHEETS = sorted((ROOT / "site_config/overrides").rglob("*.css"))


def problems(rules, nested_rules_allowed: bool) -> list[str]:
    """Parse errors, and rules nested where only declarations belong."""
    found = []
    for rule in rules:
        if rule.type == "error":
            found.append(f"line {rule.source_line}: {rule.message}")
        elif rule.type == "qualified-rule":
            declarations = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
            for item in declarations:
                if item.type == "error":
                    found.append(f"line {item.source_line}: {item.message}")
                elif item.type == "qualified-rule" and not nested_rules_allowed:
                    found.append(f"line {item.source_line}: a rule inside the rule of line {rule.source_line}")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword == "media":
            found += problems(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                              nested_rules_allowed)
    return found


def test_every_style_sheet_parses_and_closes_every_rule():
    assert STYLE_SHEETS
    for sheet in STYLE_SHEETS:
        rules = tinycss2.parse_stylesheet(sheet.read_text(encoding="utf-8"), skip_comments=True,
                                          skip_whitespace=True)
        assert problems(rules, nested_rules_allowed=False) == [], sheet
