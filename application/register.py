"""The register: one application whose methods are the commands of every aggregate."""

from __future__ import annotations

from application.batch import BatchCommands
from application.commands.branches import BranchCommands
from application.commands.chambers import ChamberCommands
from application.commands.grading import GradingCommands
from application.commands.members import MemberCommands
from application.group_commit import GroupCommit


class Register(BatchCommands, MemberCommands, ChamberCommands, BranchCommands, GradingCommands):
    """The FIC's register: members, chambers, Party organizations and grading rounds, on one event log.

    Construct it with ``env`` (``FICLEDGER_DATABASE_URL`` and any ``eventsourcing`` setting) or from the process
    environment. Every command takes a ``CommandContext`` saying who records it, and returns ``Recorded``;
    commands run inside ``batch()`` are stored together, and commands handed to ``group.run`` as they arrive are
    recorded with those that arrive with them (``group_commit.py``).
    """

    name = "ficledger"

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(env)
        self.group = GroupCommit(self)
