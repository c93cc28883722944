"""``python -m bot.store upgrade|current|check|downgrade REV|revision MESSAGE``.

The database is ``DATABASE_URL`` (SQLite in var/advisor.db by default).
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import SQLAlchemyError

from bot.store import migrate
from bot.store.db import database_url, make_engine


def _shown(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.store", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("upgrade", help="bring the database to the latest schema")
    sub.add_parser("current", help="print the database's schema revision")
    sub.add_parser("check", help="exit 1 if the models and the database differ")
    down = sub.add_parser("downgrade", help="go back to a revision ('base' empties it)")
    down.add_argument("revision")
    rev = sub.add_parser("revision", help="write a new migration from the models' changes")
    rev.add_argument("message")
    args = parser.parse_args(argv)
    url = database_url()
    try:
        if args.command == "upgrade":
            migrate.upgrade(url)
            print(f"store: {_shown(url)} is at revision {migrate.head()}")
        elif args.command == "current":
            print(migrate.current(make_engine(url)) or "empty (no revision)")
        elif args.command == "check":
            diffs = migrate.differences(make_engine(url))
            for diff in diffs:
                print(diff)
            return 1 if diffs else 0
        elif args.command == "downgrade":
            migrate.downgrade(url, revision=args.revision)
        elif args.command == "revision":
            from alembic import command

            command.revision(migrate.config(url), message=args.message, autogenerate=True)
    except SQLAlchemyError as error:
        print(
            f"error: the store at {_shown(url)} failed: {error.__class__.__name__}: "
            f"{str(error).splitlines()[0]}",
            file=sys.stderr,
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
