"""How the domain's small value objects (a term, a structure) are stored inside snapshots: as their fields, under a
stable name, so that a snapshot reads back as the same frozen objects."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from eventsourcing.persistence import Transcoding

from domain.elections import Term
from domain.structure import Structure


class ValueObjectAsDict(Transcoding):
    """A frozen dataclass stored as a mapping of its fields; its nested dates are transcoded as themselves."""

    def __init__(self, cls: type[Any], name: str) -> None:
        self.type = cls
        self.name = name

    def encode(self, obj: Any) -> dict[str, Any]:
        return {f.name: getattr(obj, f.name) for f in fields(obj)}

    def decode(self, data: dict[str, Any]) -> Any:
        return self.type(**data)


VALUE_OBJECTS = [ValueObjectAsDict(Term, "branch_term"), ValueObjectAsDict(Structure, "branch_structure")]
"""Every value object an aggregate's state holds, by the name its snapshots store it under."""
