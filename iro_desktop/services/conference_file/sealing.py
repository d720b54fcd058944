"""The conference file sealed to a passphrase in the standard age format (age-encryption.org/v1,
scrypt recipient), so the hand-off on a USB stick is unreadable without it, and anyone holding the
passphrase can open it with the age tools (`age -d FILE.iroconf.age > FILE.json`) as well as the app.

A sealed file is recognised by age's first line, never by its name.
"""

from __future__ import annotations

import pyrage

from iro_desktop.domain.errors import DomainError, Problem, ValidationError
from iro_desktop.services.conference_file.passphrases import passphrase_problem

AGE_HEADER = b"age-encryption.org/v1\n"
SEALED_SUFFIX = ".iroconf.age"  # the sealed file; a plain one keeps ".json"
PLAIN_SUFFIX = ".json"
PLAIN_WARNING = (
    "A plain conference file is not encrypted: anyone who finds it (a lost USB stick, a shared folder, an "
    "email) can read every child's name and the case notes in it. Write it plain only to a place as "
    "private as these records."
)


class PassphraseNeeded(DomainError):
    """The file is sealed and no passphrase was given: ask for one. Nothing was changed."""

    def __init__(self) -> None:
        super().__init__("This conference file is encrypted: enter the passphrase it was written with.")


class PassphraseRefused(DomainError):
    """The passphrase does not open the file (or the file was damaged). Nothing was changed."""

    def __init__(self) -> None:
        super().__init__(
            "The passphrase does not open this conference file (or the file is damaged). "
            "Nothing was changed: check the passphrase with the person who sent it and try again."
        )


def is_sealed(data: bytes | str) -> bool:
    """Whether `data` is an age file (its header line), whatever the file is called."""
    if isinstance(data, str):
        return data.startswith(AGE_HEADER.decode("ascii"))
    return data.startswith(AGE_HEADER)


def seal(text: str, passphrase: str) -> bytes:
    """The file's text encrypted to `passphrase` (age, scrypt). A weak passphrase is refused."""
    problem = passphrase_problem(passphrase)
    if problem is not None:
        raise ValidationError([Problem("passphrase", problem)])
    return pyrage.passphrase.encrypt(text.encode("utf-8"), passphrase)


def unseal(data: bytes, passphrase: str | None) -> bytes:
    """The plain file inside a sealed one; raises PassphraseNeeded or PassphraseRefused."""
    if not passphrase:
        raise PassphraseNeeded()
    try:
        return pyrage.passphrase.decrypt(data, passphrase)
    except pyrage.DecryptError:
        raise PassphraseRefused() from None


def opened(data: bytes | str, passphrase: str | None) -> bytes | str:
    """A file's contents ready to parse: unsealed when sealed, as it is when plain."""
    if not is_sealed(data):
        return data
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    return unseal(raw, passphrase)
