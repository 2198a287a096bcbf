"""Export and import: the same log, the same head, and the same states, on either store, or nothing at all."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from application.audit.transfer import ImportRefused, LogAltered, export_log, import_log
from application.audit.verify import verify
from application.projections.runner import ViewRunner
from application.register import Register
from application.reports.service import build_report
from application.store.sealing import new_key
from tests.application.audit.raw import RawStore
from tests.conftest import REGISTRAR
from tests.factories import branch, member


def _fill(register: Register) -> list:
    hosts = [member(register, n) for n in range(1, 4)]
    ident = branch(register, hosts[:1])
    register.report_party_members(REGISTRAR, ident, 12, date(2020, 1, 1))
    return [*hosts, ident]


def _export(register: Register, path: Path) -> dict:
    with path.open("w", encoding="utf-8") as out:
        return export_log(register, out)


@pytest.mark.parametrize("target", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_round_trip_keeps_positions_head_and_state(
    register: Register, tmp_path: Path, target: str, fresh_store: Callable[[str], str]
) -> None:
    ids = _fill(register)
    trailer = _export(register, tmp_path / "log.jsonl")
    imported = Register({"FICLEDGER_DATABASE_URL": fresh_store(target)})
    try:
        result = import_log(imported, tmp_path / "log.jsonl")
        assert result == trailer
        assert verify(imported).as_dict() == verify(register).as_dict()
        assert imported.get_member(ids[0]).name == register.get_member(ids[0]).name
        assert imported.get_branch(ids[-1]).party_member_count == 12
        later = member(imported, 50)
        assert imported.recorder.max_notification_id() == trailer["count"] + 1
        assert verify(imported).ok
        assert imported.get_member(later).version == 1
    finally:
        imported.close()


def test_a_tampered_file_is_refused_and_nothing_written(
    register: Register, tmp_path: Path, fresh_store: Callable[[str], str]
) -> None:
    _fill(register)
    path = tmp_path / "log.jsonl"
    _export(register, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    event = json.loads(lines[3])
    event["state"] = event["state"].replace("企业", "公司")
    lines[3] = json.dumps(event, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = Register({"FICLEDGER_DATABASE_URL": fresh_store("sqlite")})
    try:
        with pytest.raises(ImportRefused, match="position 3"):
            import_log(target, path)
        assert target.recorder.max_notification_id() is None
    finally:
        target.close()


def test_a_cut_file_is_refused(register: Register, tmp_path: Path, fresh_store: Callable[[str], str]) -> None:
    _fill(register)
    path = tmp_path / "log.jsonl"
    _export(register, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:-2]) + "\n", encoding="utf-8")
    target = Register({"FICLEDGER_DATABASE_URL": fresh_store("sqlite")})
    try:
        with pytest.raises(ImportRefused, match="trailer"):
            import_log(target, path)
        assert target.recorder.max_notification_id() is None
    finally:
        target.close()


def test_import_into_a_store_with_events_is_refused(register: Register, tmp_path: Path) -> None:
    _fill(register)
    _export(register, tmp_path / "log.jsonl")
    with pytest.raises(ImportRefused, match="not empty"):
        import_log(register, tmp_path / "log.jsonl")


@pytest.mark.parametrize(
    ("source_sealed", "target_sealed"),
    [(True, False), (False, True), (True, True)],
    ids=["sealed to clear", "clear to sealed", "one key to another"],
)
def test_a_log_moves_between_stores_sealed_with_other_keys_or_none(
    store_url: str, tmp_path: Path, fresh_store: Callable[[str], str], source_sealed: bool, target_sealed: bool
) -> None:
    source = Register({"FICLEDGER_DATABASE_URL": store_url, "FICLEDGER_CIPHER_KEY": new_key() if source_sealed else ""})
    target = Register(
        {"FICLEDGER_DATABASE_URL": fresh_store("sqlite"), "FICLEDGER_CIPHER_KEY": new_key() if target_sealed else ""}
    )
    try:
        ids = _fill(source)
        trailer = _export(source, tmp_path / "log.jsonl")
        text = (tmp_path / "log.jsonl").read_text(encoding="utf-8")
        assert "企业1" in text, "the export holds the log in clear, as the chain covers it"
        assert import_log(target, tmp_path / "log.jsonl") == trailer
        assert verify(target).as_dict() == verify(source).as_dict()
        assert target.get_member(ids[0]).name == "企业1"
        with ViewRunner(source) as one, ViewRunner(target) as other:
            assert (
                build_report(target, other, "coverage")["fingerprint"]
                == build_report(source, one, "coverage")["fingerprint"]
            )
        stored = bytes(target.recorder.select_notifications(1, 1)[0].state)
        assert ("企业".encode() in stored) is not target_sealed
        assert _export(target, tmp_path / "again.jsonl") == trailer
        assert (tmp_path / "again.jsonl").read_text(encoding="utf-8") == text
    finally:
        source.close()
        target.close()


def test_a_sealed_state_the_key_cannot_open_is_not_exported(store_url: str, tmp_path: Path) -> None:
    source = Register({"FICLEDGER_DATABASE_URL": store_url, "FICLEDGER_CIPHER_KEY": new_key()})
    try:
        _fill(source)
        raw = RawStore(store_url)
        damaged = bytearray(raw.state(2))
        damaged[-1] ^= 0x01
        raw.set_state(2, bytes(damaged))
        with pytest.raises(LogAltered) as altered:
            _export(source, tmp_path / "log.jsonl")
        assert altered.value.position == 2
    finally:
        source.close()
