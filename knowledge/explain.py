"""What the module knows of a section: its heading, the rules that cite it, and its figures.

The rules that cite a section are found by reading the rule modules' own ``cite(...)`` calls,
so this stays true as the rules change.
"""

from __future__ import annotations

import ast
import datetime as dt
from functools import cache
from typing import Any

from knowledge._data import DOCUMENTS, PACKAGE_DIR, sections
from knowledge.citations import split_label
from knowledge.params import parameters

_JURISDICTION = {doc: jur for jur, doc in DOCUMENTS.items()}


@cache
def rule_citations() -> dict[tuple[str, str, str], list[str]]:
    """(document, section, heading-or-"") -> names of the rule functions that cite it."""
    out: dict[tuple[str, str, str], list[str]] = {}
    for jur, doc in DOCUMENTS.items():
        tree = ast.parse((PACKAGE_DIR / "rules" / f"{jur.lower()}.py").read_text("utf-8"))
        consts = {
            t.id: n.value.value
            for n in tree.body
            if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant)
            for t in n.targets
            if isinstance(t, ast.Name) and isinstance(n.value.value, str)
        }
        for fn in (n for n in tree.body if isinstance(n, ast.FunctionDef)):
            for call in (n for n in ast.walk(fn) if isinstance(n, ast.Call)):
                if not (isinstance(call.func, ast.Name) and call.func.id == "cite"):
                    continue
                args = [
                    a.value if isinstance(a, ast.Constant) else consts.get(a.id)
                    for a in call.args
                    if isinstance(a, ast.Constant) or (isinstance(a, ast.Name) and a.id in consts)
                ]
                if not args or len(args) != len(call.args):
                    continue  # a computed label: covered by the rule's other citations
                if jur == "CTH":
                    key = (doc, "", args[0])
                elif len(args) == 2 and not args[0]:
                    key = (doc, "", args[1])
                else:
                    key = (doc, args[0], "")
                names = out.setdefault(key, [])
                if fn.name not in names and not fn.name.startswith("_"):
                    names.append(fn.name)
    return out


def find(query: str) -> list[tuple[str, dict]]:
    """Index entries matching a label ("7(2)", "5.1", "Appendix A") or a heading's words."""
    q = query.strip()
    qs = q[2:].strip() if q.lower().startswith("s ") else q
    hits = []
    for doc in DOCUMENTS.values():
        for entry in sections(doc)["sections"]:
            base, rest = split_label(qs)
            if (
                entry["label"]
                and entry["label"] == base
                and (not rest or rest in entry.get("provisions", ()))
            ):
                hits.append((doc, entry))
    if hits:
        return hits
    low = q.lower()
    for doc in DOCUMENTS.values():
        for entry in sections(doc)["sections"]:
            if low and low in entry["heading"].lower().replace("\u2011", "-"):
                hits.append((doc, entry))
    return hits


def explain(query: str, as_of: dt.date) -> list[dict[str, Any]]:
    results = []
    qs = query.strip()[2:].strip() if query.strip().lower().startswith("s ") else query.strip()
    for doc, entry in find(query):
        label = entry["label"]
        wanted = qs if label and qs.startswith(label) else label
        cited = rule_citations()
        rules = []
        for (d, section, heading), names in cited.items():
            if d != doc:
                continue
            if (
                label
                and section
                and split_label(section)[0] == label
                and section.startswith(wanted)
            ):
                rules += [n for n in names if n not in rules]
            elif not label and heading == entry["heading"]:
                rules += [n for n in names if n not in rules]
        figures = []
        for name, p in parameters(_JURISDICTION[doc]).items():
            c = p.citation
            same = (
                split_label(c.section)[0] == label and c.section.startswith(wanted)
                if label
                else c.heading == entry["heading"]
            )
            if same:
                figures.append(
                    {
                        "name": name,
                        "value": p.at(as_of),
                        "unit": p.unit,
                        "section": c.section,
                        "description": p.description,
                        "in_force_from": [d.isoformat() for d, _ in p.values],
                    }
                )
        results.append(
            {
                "document": doc,
                "section": wanted,
                "heading": entry["heading"],
                "part": entry.get("part", ""),
                "summary": " ".join(entry.get("summary", "").split()),
                "provisions": entry.get("provisions", []),
                "rules": rules,
                "figures": figures,
            }
        )
    return results


def render(results: list[dict[str, Any]]) -> str:
    lines = []
    for r in results:
        title = f"{r['document']} {r['section']}".strip()
        lines.append(f"{title}: {r['heading']}")
        if r["part"]:
            lines.append(f"  in {r['part']}")
        if r["summary"]:
            lines.append(f"  {r['summary']}")
        if r["rules"]:
            lines.append("  Rules that cite it: " + ", ".join(r["rules"]))
        for f in r["figures"]:
            lines.append(
                f"  Figure {f['name']} = {f['value']} {f['unit']} (s {f['section']}): "
                f"{f['description']}"
                if f["section"]
                else f"  Figure {f['name']} = {f['value']} {f['unit']}: {f['description']}"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
