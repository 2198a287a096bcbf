"""Personal data sealed at rest: the library's own AES cipher, set by ``FICLEDGER_CIPHER_KEY``, seals the stored
events and snapshots (through the library's mapper), the view documents and the idempotent answers (through
``Sealing``).

The cipher is ``eventsourcing.cryptography.AESCipher`` (AES-GCM from the ``cryptography`` package, about 20 µs a
state here), not ``eventsourcing.cipher.AESCipher`` (the same AES-GCM from pycryptodome, which spends some 600 µs
setting up each state's cipher): both write nonce, tag and ciphertext in the same layout, so each opens what the
other sealed.

The hash chain covers each event's state before it is sealed (what the library's mapper holds between its
transcoder and its cipher), so a log keeps the same links and head whatever key, or none, it is stored under:
an export is the log in clear, an import seals it with the importing store's key, and reports give the same
fingerprints in either store.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

from eventsourcing.cryptography import AESCipher
from eventsourcing.persistence import Cipher
from eventsourcing.utils import get_topic

CIPHER_TOPIC = get_topic(AESCipher)
KEY_BYTES = 32
KEY_VARIABLE = "FICLEDGER_CIPHER_KEY"
KEY_HINT = (
    "应为 ficledger keygen 生成的 base64 密钥，16、24 或 32 字节 "
    "(a base64 key of 16, 24 or 32 bytes, as ficledger keygen makes)"
)


class SealBroken(ValueError):
    """Sealed data that the cipher cannot open: another key, or data altered behind the service's back."""


def key_problem(key: str) -> str | None:
    """Why ``key`` cannot be a cipher key, or None when it can."""
    try:
        raw = base64.b64decode(key.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return KEY_HINT
    return None if len(raw) in AESCipher.KEY_SIZES else KEY_HINT


def new_key() -> str:
    """A fresh 256-bit key, made by the library's own helper."""
    return AESCipher.create_key(KEY_BYTES)


def cipher_env(key: str | None) -> dict[str, str]:
    """The library's settings for ``key`` (None: no cipher), under both names the library reads (``CIPHER_KEY``
    and the application's ``FICLEDGER_CIPHER_KEY``), so what the process environment holds cannot override it."""
    topic = CIPHER_TOPIC if key else ""
    return {"CIPHER_TOPIC": topic, "CIPHER_KEY": key or "", "FICLEDGER_CIPHER_TOPIC": topic, KEY_VARIABLE: key or ""}


class Sealing:
    """Seals and opens what the store keeps beside the events, with the cipher the library's mapper uses; without
    a cipher every method hands its input back, so an unsealed store is written exactly as before."""

    def __init__(self, cipher: Cipher | None) -> None:
        self.cipher = cipher
        key = getattr(cipher, "key", None)
        self._tag_key = hashlib.sha256(b"ficledger-tag\x00" + key).digest() if isinstance(key, bytes) else None

    @property
    def sealed(self) -> bool:
        return self.cipher is not None

    def seal(self, data: bytes) -> bytes:
        return self.cipher.encrypt(data) if self.cipher is not None else data

    def open(self, data: bytes) -> bytes:
        """The plain bytes of ``data``; ``SealBroken`` when the cipher cannot open it."""
        if self.cipher is None:
            return data
        try:
            return self.cipher.decrypt(bytes(data))
        except ValueError as error:
            raise SealBroken(str(error)) from None

    def seal_text(self, text: str) -> str:
        """``text`` sealed and written in base64, for a text column."""
        if self.cipher is None:
            return text
        return base64.b64encode(self.cipher.encrypt(text.encode("utf-8"))).decode("ascii")

    def open_text(self, text: str) -> str:
        if self.cipher is None:
            return text
        try:
            sealed = base64.b64decode(text.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError):
            raise SealBroken("not sealed text") from None
        return self.open(sealed).decode("utf-8")

    def tag(self, text: str) -> str:
        """What a lookup column holds for ``text``: a keyed hash when sealed (equal texts, equal tags, and no way
        back to the text without the key), else the text itself."""
        if self._tag_key is None:
            return text
        return hmac.new(self._tag_key, text.encode("utf-8"), hashlib.sha256).hexdigest()


UNSEALED = Sealing(None)
