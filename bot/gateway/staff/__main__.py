"""``python -m bot.gateway.staff add|remove|list|hash``: who may sign in to the console."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from bot.config import ROOT
from bot.gateway.staff import (
    MIN_PASSWORD,
    NAME,
    NAME_RULE,
    StaffError,
    file_entries,
    hash_password,
    write_entries,
)


def _read_password(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(f"Password (at least {MIN_PASSWORD} characters): ")
    if getpass.getpass("Again: ") != first:
        raise StaffError("the two passwords differ")
    return first


def _check_name(name: str) -> str:
    if not NAME.match(name):
        raise StaffError(NAME_RULE)
    return name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.gateway.staff", description=__doc__)
    parser.add_argument("--file", type=Path, help="the staff file (default: var/staff)")
    sub = parser.add_subparsers(dest="command", required=True)
    for command, text in (
        ("add", "add a staff member or set a new password"),
        ("hash", "print name:hash"),
    ):
        p = sub.add_parser(command, help=text)
        p.add_argument("name")
        p.add_argument("--password-stdin", action="store_true", help="read it from stdin")
    sub.add_parser("remove", help="remove a staff member").add_argument("name")
    sub.add_parser("list", help="list the staff who may sign in")
    args = parser.parse_args(argv)
    var_dir = Path(os.environ.get("ADVISOR_VAR_DIR", ROOT / "var"))
    path: Path = args.file or var_dir / "staff"
    try:
        entries = file_entries(path) if path.exists() else {}
        if args.command == "list":
            print("\n".join(sorted(entries)) or f"no staff in {path}")
            return 0
        name = _check_name(args.name)
        if args.command == "remove":
            if entries.pop(name, None) is None:
                raise StaffError(f"{name} is not in {path}")
            write_entries(path, entries)
            print(f"removed {name} from {path} (their console sessions end at their next request)")
            return 0
        encoded = hash_password(_read_password(args.password_stdin))
        if args.command == "hash":
            print(f"{name}:{encoded}")
            return 0
        entries[name] = encoded
        write_entries(path, entries)
        print(f"{name} may sign in to the console ({path})")
        return 0
    except StaffError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
