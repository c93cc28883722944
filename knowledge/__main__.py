"""Command line: ``python -m knowledge assess`` and ``python -m knowledge explain SECTION``.

``assess`` reads one facts JSON object on standard input (or ``--facts FILE``) and prints the
advice JSON. Invalid facts: exit status 2 and ``{"errors": [{"field", "message"}]}`` on
standard output. Never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from typing import Any

EXIT_INVALID = 2


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows here")


def _errors(message: str, field: str = "") -> dict[str, Any]:
    return {"errors": [{"field": field, "message": message}]}


def _read_facts(path: str | None) -> Any:
    if path and path != "-":
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    else:
        text = sys.stdin.read()
    return json.loads(text, parse_constant=_reject_constant)


def _assess(args: argparse.Namespace) -> int:
    from knowledge.engine import assess
    from knowledge.validate import InvalidFacts

    try:
        facts = _read_facts(args.facts)
    except OSError as exc:
        print(json.dumps(_errors(f"cannot read the facts file: {exc.strerror or exc}")))
        return EXIT_INVALID
    except (ValueError, UnicodeDecodeError) as exc:
        print(json.dumps(_errors(f"the facts are not valid JSON: {exc}")))
        return EXIT_INVALID
    try:
        advice = assess(facts, today=dt.date.today())  # __main__: the CLI reads the clock
    except InvalidFacts as exc:
        print(json.dumps(exc.to_dict(), ensure_ascii=False))
        return EXIT_INVALID
    print(json.dumps(advice, ensure_ascii=False, indent=2 if args.pretty else None))
    return 0


def _explain(args: argparse.Namespace) -> int:
    from knowledge.explain import explain, render

    results = explain(args.section, dt.date.today())  # __main__: the CLI reads the clock
    if not results:
        print(
            json.dumps(_errors(f"no section or heading matches {args.section!r}", "section"))
            if args.json
            else f"No section or heading matches {args.section!r}."
        )
        return EXIT_INVALID
    print(
        json.dumps(results, ensure_ascii=False, indent=2) if args.json else render(results),
        end="" if not args.json else "\n",
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser("assess", help="facts JSON in (stdin or --facts FILE), advice JSON out")
    a.add_argument("--facts", metavar="FILE", help="read the facts from FILE instead of stdin")
    a.add_argument("--pretty", action="store_true", help="indent the advice JSON")
    e = sub.add_parser("explain", help="what the module knows of a section, e.g. 7(2) or 5.1")
    e.add_argument("section", help="a section label (7(2), 10A, 5.1, Appendix A) or heading words")
    e.add_argument("--json", action="store_true", help="print JSON instead of text")
    args = parser.parse_args(argv)
    try:
        return _assess(args) if args.command == "assess" else _explain(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away ("... | head"): nothing more to say, and no traceback at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:
        print(json.dumps(_errors(f"internal error ({type(exc).__name__}); please report it")))
        return 1


if __name__ == "__main__":
    sys.exit(main())
