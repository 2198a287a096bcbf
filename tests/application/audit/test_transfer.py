"""Export and import: the same log, the same head, and the same states, on either store, or nothing at all."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from application.audit.transfer import ImportRefused, export_log, import_log
from application.audit.verify import verify
from application.register import Register
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
