"""The command reference (docs/commands.md), generated from the registry.

Regenerate with `python3 -m mini4d.refdoc > docs/commands.md`; a test fails when the
file is stale.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from .registry import REGISTRY, CommandInfo

__all__ = ["command_line", "render", "supported_commands"]


def supported_commands() -> list[CommandInfo]:
    """Every implemented command once, sorted by theme then name."""
    REGISTRY.ensure_loaded()
    unique = {id(i): i for i in REGISTRY.by_number.values() if i.implemented}
    return sorted(unique.values(), key=lambda i: (i.theme.lower(), i.name.lower()))


def unsupported_commands() -> list[CommandInfo]:
    """Known 4D commands without an implementation, most used first."""
    REGISTRY.ensure_loaded()
    unique = {id(i): i for i in REGISTRY.by_number.values() if not i.implemented and i.number > 0}
    return sorted(unique.values(), key=lambda i: (-i.uses, i.name.lower()))


def _reason(info: CommandInfo) -> str:
    if info.reason:
        return info.reason
    try:
        from .themes import reason_for
    except ImportError:
        return "not implemented"
    return reason_for(info.name)


def _camel(name: str) -> str:
    parts = name.strip("_").split("_")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def display_signature(info: CommandInfo) -> str:
    """The signature with parameter names in 4D's camelCase (`lengthFound`, not `length_found`)."""
    text = info.signature()
    for p in info.params:
        if "_" in p.name:
            text = re.sub(rf"\b{re.escape(p.name)}\b", _camel(p.name), text)
    return text


def command_line(info: CommandInfo) -> str:
    """One line for `mini4d commands`: number, theme, signature, summary."""
    num = str(info.number) if info.number > 0 else "-"
    return f"{num:>5}  {info.theme:<22} {display_signature(info)}  — {info.doc}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _member_doc(fn: Any) -> str:
    doc = (getattr(fn, "__doc__", "") or "").strip()
    return doc.splitlines()[0] if doc else ""


def _constant_value(v: Any) -> str:
    if type(v) is float:
        return str(int(v)) if v.is_integer() else repr(v)
    if type(v) is str:
        return repr(v).replace("'", '"') if len(v) == 1 else f'"{v}"'
    return repr(v)


def render() -> str:
    """The whole Markdown reference."""
    cmds = supported_commands()
    out: list[str] = [
        "# mini4d command reference",
        "",
        "Generated from the command registry by `python3 -m mini4d.refdoc > docs/commands.md`;",
        "do not edit by hand (`tests/test_commands_doc.py` fails when this file is stale).",
        "`mini4d commands [--theme THEME] [NAME]` prints the same list in a terminal.",
        "",
        f"**{len(cmds)} commands supported.** Numbers are 4D's command numbers (tokenized code",
        "`Name:Cnnn` resolves through them). `{ }` marks optional parameters, `{*}` the star operator.",
        "",
    ]
    by_theme: dict[str, list[CommandInfo]] = defaultdict(list)
    for info in cmds:
        by_theme[info.theme or "Other"].append(info)
    out.append("## Themes")
    out.append("")
    for theme in sorted(by_theme, key=str.lower):
        anchor = theme.lower().replace(" ", "-").replace("(", "").replace(")", "")
        out.append(f"- [{theme}](#{anchor}) ({len(by_theme[theme])})")
    out.append("")
    for theme in sorted(by_theme, key=str.lower):
        out.append(f"## {theme}")
        out.append("")
        out.append("| Command | No. | Signature | Description |")
        out.append("| --- | --- | --- | --- |")
        for info in by_theme[theme]:
            num = str(info.number) if info.number > 0 else "—"
            out.append(f"| {_cell(info.name)} | {num} | `{_cell(display_signature(info))}` | {_cell(info.doc)} |")
        out.append("")
    members = REGISTRY.members
    if members:
        out.append("## Member functions")
        out.append("")
        for kind in sorted(members):
            names = members[kind]
            out.append(f"### {kind} ({len(names)})")
            out.append("")
            out.append("| Function | Description |")
            out.append("| --- | --- |")
            for name in sorted(names, key=str.lower):
                out.append(f"| `.{name}()` | {_cell(_member_doc(names[name]))} |")
            out.append("")
    out.extend(_function_section())
    out.extend(_constants_section())
    out.extend(_unsupported_section())
    return "\n".join(out).rstrip("\n") + "\n"


# 4D.Function members are implemented by the formula objects themselves (lang/formulas.py).
_FUNCTION_MEMBERS = [
    (
        "`.call({thisObj {; params...}})`",
        "Runs the formula with `This` = thisObj and the parameters as `$1...`; returns the result.",
    ),
    ("`.apply({thisObj {; paramsCollection}})`", "Same, with the parameters given as a collection."),
    ("`.source`", "Read-only text of the formula."),
    ("`$o.f(params)`", "A formula stored in a property runs with `This` = the object."),
]


def _function_section() -> list[str]:
    out = ["### Function (4D.Function)", "", "| Member | Description |", "| --- | --- |"]
    for name, doc in _FUNCTION_MEMBERS:
        out.append(f"| {name} | {_cell(doc)} |")
    out.append("")
    return out


def _constants_section() -> list[str]:
    consts = [c for c in REGISTRY.constants.values() if c.defined]
    unique = {id(c): c for c in consts}.values()
    by_theme: dict[str, list[Any]] = defaultdict(list)
    for c in unique:
        by_theme[c.theme or "Other"].append(c)
    out = [
        "## Constants",
        "",
        f"{len(list(unique))} constants have a value; usable plain or tokenized (`Is text:K8:3`).",
        "",
    ]
    for theme in sorted(by_theme, key=str.lower):
        out.append(f"### {theme}")
        out.append("")
        out.append("| Constant | Value | Token |")
        out.append("| --- | --- | --- |")
        for c in sorted(by_theme[theme], key=lambda c: c.name.lower()):
            out.append(f"| {_cell(c.name)} | `{_cell(_constant_value(c.value))}` | {c.token or ''} |")
        out.append("")
    return out


def _unsupported_section(top: int = 60) -> list[str]:
    missing = unsupported_commands()
    by_reason: dict[str, list[CommandInfo]] = defaultdict(list)
    for info in missing:
        by_reason[_reason(info)].append(info)
    out = [
        "## Known but unsupported commands",
        "",
        f"{len(missing)} other 4D commands are known by name and number: calling one raises error 90060",
        "with the reason below. Counts per reason:",
        "",
        "| Reason | Commands |",
        "| --- | --- |",
    ]
    for reason in sorted(by_reason, key=lambda r: (-len(by_reason[r]), r)):
        out.append(f"| {_cell(reason)} | {len(by_reason[reason])} |")
    out.append("")
    out.append(f"The {top} most used in public 4D code:")
    out.append("")
    out.append(", ".join(f"{i.name} ({i.number})" for i in missing[:top]) + ".")
    out.append("")
    return out


def filter_commands(
    infos: Iterable[CommandInfo], theme: str | None = None, name: str | None = None
) -> list[CommandInfo]:
    """Commands of a theme (case-insensitive prefix) whose name contains `name`."""
    out = []
    for info in infos:
        if theme and not info.theme.lower().startswith(theme.lower()):
            continue
        if name and name.lower() not in info.name.lower() and not any(name.lower() in a.lower() for a in info.aliases):
            continue
        out.append(info)
    return out


if __name__ == "__main__":
    sys.stdout.write(render())
