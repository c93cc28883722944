"""Help-desk staff who may sign in to the console, with their Argon2id password hashes.

Where they come from: ``ADVISOR_STAFF`` ("name:hash" entries separated by commas, semicolons
or spaces), or else the file ``var/staff`` (one "name:hash" a line), which

    python -m bot.gateway.staff add NAME      (asks for the password twice)
    python -m bot.gateway.staff remove NAME
    python -m bot.gateway.staff list
    python -m bot.gateway.staff hash NAME     (prints "name:hash" for ADVISOR_STAFF)

write and read. The gateway re-reads the file when it changes: no restart needed. Passwords are
hashed with argon2-cffi's defaults (Argon2id, RFC 9106's low-memory profile) and never stored.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import threading
from pathlib import Path

import argon2
from argon2.exceptions import InvalidHashError, VerificationError

NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
NAME_RULE = "a staff name is 1 to 64 lower-case letters, digits, '.', '_' or '-'"
MIN_PASSWORD = 12
# A hash ends at a space or semicolon, or at a comma that starts the next "name:$argon2".
_ENTRY = re.compile(
    r"([a-z0-9][a-z0-9._-]{0,63}):(\$argon2[^\s;]*?)(?=,[a-z0-9][a-z0-9._-]{0,63}:\$argon2|[\s;]|$)"
)


class StaffError(ValueError):
    """Staff configuration that cannot be used (a bad name, a malformed hash)."""


def parse_entries(text: str, where: str) -> dict[str, str]:
    """{name: hash} from "name:hash" entries; raises `StaffError` naming what is wrong."""
    staff: dict[str, str] = {}
    rest = text
    for m in _ENTRY.finditer(text):
        name, encoded = m.group(1), m.group(2)
        try:
            argon2.extract_parameters(encoded)
        except InvalidHashError:
            raise StaffError(f"{where}: the hash for {name!r} is not an Argon2 hash") from None
        staff[name] = encoded
        rest = rest.replace(m.group(0), " ", 1)
    leftover = [w for w in re.split(r"[\s,;]+", rest) if w and not w.startswith("#")]
    if leftover:
        raise StaffError(
            f"{where}: {leftover[0][:40]!r} is not a 'name:argon2-hash' entry "
            f"(make one with `python -m bot.gateway.staff hash NAME`)"
        )
    return staff


def file_entries(path: Path) -> dict[str, str]:
    lines = [ln for ln in path.read_text().splitlines() if ln.strip() and not ln.startswith("#")]
    return parse_entries("\n".join(lines), str(path))


class Staff:
    """Who may sign in: from ``ADVISOR_STAFF`` if given, else from the file (re-read on change)."""

    def __init__(
        self, path: Path, configured: str = "", hasher: argon2.PasswordHasher | None = None
    ) -> None:
        self.path = path
        self.configured = configured.strip()
        self.hasher = hasher or argon2.PasswordHasher()
        self._entries: dict[str, str] = {}
        self._stamp: tuple[int, int] | None = None
        self._dummy = ""
        self._lock = threading.Lock()
        if self.configured:
            self._entries = parse_entries(self.configured, "ADVISOR_STAFF")
        else:
            self._reload()

    @property
    def source(self) -> str:
        return "ADVISOR_STAFF" if self.configured else str(self.path)

    def _reload(self) -> None:
        if self.configured:
            return
        try:
            st = self.path.stat()
        except FileNotFoundError:
            self._entries, self._stamp = {}, None
            return
        stamp = (st.st_mtime_ns, st.st_size)
        if stamp != self._stamp:
            self._entries, self._stamp = file_entries(self.path), stamp

    def names(self) -> list[str]:
        with self._lock:
            self._reload()
            return sorted(self._entries)

    def __contains__(self, name: str) -> bool:
        return name in self.names()

    def credential(self, name: str) -> str | None:
        """A fingerprint of ``name``'s hash: a session opened under another one has ended."""
        with self._lock:
            self._reload()
            encoded = self._entries.get(name)
        return hashlib.sha256(encoded.encode()).hexdigest()[:16] if encoded else None

    def verify(self, name: str, password: str) -> bool:
        """Whether ``password`` is ``name``'s (as slow for an unknown name as for a known one)."""
        with self._lock:
            self._reload()
            encoded = self._entries.get(name)
            if encoded is None:
                encoded = self._dummy_hash()
        try:
            return self.hasher.verify(encoded, password) and name in self._entries
        except (VerificationError, InvalidHashError):
            return False

    def _dummy_hash(self) -> str:
        # Hashed with the parameters staff hashes use, so an unknown name costs the same time.
        if not self._dummy:
            sample = next(iter(self._entries.values()), None)
            hasher = (
                argon2.PasswordHasher.from_parameters(argon2.extract_parameters(sample))
                if sample
                else self.hasher
            )
            self._dummy = hasher.hash(secrets.token_urlsafe(16))
        return self._dummy


def hash_password(password: str, hasher: argon2.PasswordHasher | None = None) -> str:
    if len(password) < MIN_PASSWORD:
        raise StaffError(f"a password needs at least {MIN_PASSWORD} characters")
    return (hasher or argon2.PasswordHasher()).hash(password)


def write_entries(path: Path, entries: dict[str, str]) -> None:
    """Write the staff file atomically, readable by this user only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".new")
    body = "# Help-desk staff: name:argon2-hash (python -m bot.gateway.staff add NAME)\n"
    body += "".join(f"{n}:{h}\n" for n, h in sorted(entries.items()))
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(body)
    tmp.replace(path)
