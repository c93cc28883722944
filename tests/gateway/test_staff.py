"""The console's staff: the `python -m bot.gateway.staff` command and ADVISOR_STAFF."""

from __future__ import annotations

import io

import argon2
import pytest

from bot.gateway.staff import Staff, StaffError, parse_entries
from bot.gateway.staff.__main__ import main
from tests.gateway.helpers import FAST


@pytest.fixture
def password(monkeypatch):
    def give(text: str) -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO(text + "\n"))

    return give


def test_add_writes_an_argon2id_hash_readable_by_this_user_only(tmp_path, password, capsys):
    path = tmp_path / "staff"
    password("a long enough password")
    assert main(["--file", str(path), "add", "alice"]) == 0
    assert "alice may sign in to the console" in capsys.readouterr().out
    assert path.stat().st_mode & 0o077 == 0
    text = path.read_text()
    assert "alice:$argon2id$v=19$m=65536,t=3,p=4$" in text  # argon2-cffi's defaults
    assert "a long enough password" not in text
    staff = Staff(path)
    assert staff.names() == ["alice"]
    assert staff.verify("alice", "a long enough password")
    assert not staff.verify("alice", "a long enough passwore")


def test_add_again_sets_a_new_password_and_remove_takes_the_name_out(tmp_path, password, capsys):
    path = tmp_path / "staff"
    for name, secret in (
        ("alice", "first password!"),
        ("bob", "bob's password"),
        ("alice", "second password"),
    ):
        password(secret)
        assert main(["--file", str(path), "add", name]) == 0
    staff = Staff(path)
    assert staff.names() == ["alice", "bob"] and staff.verify("alice", "second password")
    assert main(["--file", str(path), "remove", "bob"]) == 0
    assert main(["--file", str(path), "list"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "alice"
    assert staff.names() == ["alice"]  # the file is read again when it changes


def test_a_short_password_or_a_bad_name_is_a_clear_error(tmp_path, password, capsys):
    path = tmp_path / "staff"
    password("short")
    assert main(["--file", str(path), "add", "alice"]) == 2
    assert "at least 12 characters" in capsys.readouterr().err
    password("a long enough password")
    assert main(["--file", str(path), "add", "Alice Smith"]) == 2
    assert "lower-case letters" in capsys.readouterr().err
    assert main(["--file", str(path), "remove", "nobody"]) == 2
    assert not path.exists()


def test_hash_prints_an_entry_for_advisor_staff(tmp_path, password, capsys):
    password("a long enough password")
    assert main(["--file", str(tmp_path / "staff"), "hash", "carol"]) == 0
    entry = capsys.readouterr().out.strip()
    assert entry.startswith("carol:$argon2id$")
    assert Staff(tmp_path / "none", entry).verify("carol", "a long enough password")


def test_advisor_staff_takes_entries_separated_by_commas_semicolons_or_spaces(tmp_path):
    a, b, c = (FAST.hash(p) for p in ("pa", "pb", "pc"))
    for text in (f"alice:{a},bob:{b},carol:{c}", f"alice:{a}; bob:{b}\ncarol:{c}"):
        assert parse_entries(text, "ADVISOR_STAFF") == {"alice": a, "bob": b, "carol": c}
    staff = Staff(tmp_path / "staff", f"alice:{a},bob:{b}")
    assert staff.source == "ADVISOR_STAFF" and staff.verify("bob", "pb")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("alice:not-a-hash", "'alice:not-a-hash' is not a 'name:argon2-hash' entry"),
        ("alice:$argon2id$v=19$broken", "the hash for 'alice' is not an Argon2 hash"),
        ("just-a-name", "is not a 'name:argon2-hash' entry"),
    ],
)
def test_a_malformed_entry_is_named_in_the_error(text, says):
    with pytest.raises(StaffError, match="ADVISOR_STAFF: ") as caught:
        parse_entries(text, "ADVISOR_STAFF")
    assert says in str(caught.value)


def test_the_gateway_refuses_to_start_with_malformed_staff(monkeypatch, tmp_path):
    from bot.gateway.__main__ import main as serve

    monkeypatch.setenv("ADVISOR_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("ADVISOR_STAFF", "alice:nope")
    with pytest.raises(SystemExit, match="error: the console's staff: ADVISOR_STAFF: "):
        serve()


def test_an_unknown_name_is_checked_against_a_hash_all_the_same(tmp_path):
    checked = []

    class Recording(argon2.PasswordHasher):
        def verify(self, hash, password):
            checked.append(hash)
            return super().verify(hash, password)

    staff = Staff(tmp_path / "x", f"alice:{FAST.hash('pa')}", hasher=Recording())
    assert not staff.verify("mallory", "pa")
    # A hash of a random password, with the parameters of the staff's hashes (the same cost).
    assert checked and checked[0].startswith("$argon2id$v=19$m=1024,t=1,p=1$")
