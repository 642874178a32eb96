"""Password hashing (argon2id) and the password policy (ASVS 6.2)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l
from zxcvbn import zxcvbn

MIN_LENGTH = 8
MAX_LENGTH = 128
COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent.parent / "core" / "data" / "common_passwords.txt"


def _hasher() -> PasswordHasher:
    cfg = current_app.config
    return PasswordHasher(
        time_cost=cfg["ARGON2_TIME_COST"],
        memory_cost=cfg["ARGON2_MEMORY_COST"],
        parallelism=cfg["ARGON2_PARALLELISM"],
    )


def hash_password(password: str) -> str:
    """An argon2id hash of `password`."""
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when `password` matches the stored hash."""
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    return _hasher().check_needs_rehash(password_hash)


@cache
def common_passwords() -> frozenset[str]:
    """The list of passwords too common to allow (lower-cased)."""
    return frozenset(
        line.strip().lower()
        for line in COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip()
    )


# Why zxcvbn finds a password guessable, by the kind of pattern it matched, most telling first.
WEAKNESSES = [
    ("user_inputs", _l("This password contains your username or name; choose another.")),
    ("repeat", _l("This password repeats characters (like aaaa or abcabc); choose another.")),
    ("spatial", _l("This password is a pattern of neighbouring keys (like qwerty); choose another.")),
    ("sequence", _l("This password is a sequence (like abcd or 1234); choose another.")),
    ("passwords", _l("This password is one of the most common passwords; choose another.")),
    ("date", _l("This password is mostly a date or a year; choose another.")),
]
TOO_GUESSABLE = _l("This password is too easy to guess; a phrase of several unrelated words is better.")
COMMON = _l("This password is too common or too easy to guess; choose another.")


def password_problem(password: str, username: str = "", name: str = "") -> str | None:
    """Why a new password is refused, or None when it is acceptable (ASVS 6.2: length, common list, zxcvbn)."""
    if len(password) < MIN_LENGTH:
        return str(_l("Use at least %(n)s characters.", n=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        return str(_l("Use at most %(n)s characters.", n=MAX_LENGTH))
    lowered = password.lower()
    if lowered in common_passwords() or (username and lowered == username.lower()):
        return str(COMMON)
    result = zxcvbn(password, user_inputs=[value for value in (username, name) if value])
    if result["score"] >= current_app.config["PASSWORD_MIN_SCORE"]:
        return None
    kinds = {match.get("dictionary_name") or match["pattern"] for match in result["sequence"]}
    for kind, message in WEAKNESSES:
        if kind in kinds:
            return str(message)
    return str(TOO_GUESSABLE)
