"""The kinds of import, by the name in their URL: members, chambers, branches, organizational-life, reviews."""

from __future__ import annotations

from application.imports.kinds.base import ImportKind
from application.imports.kinds.branches import Branches
from application.imports.kinds.chambers import Chambers
from application.imports.kinds.members import Members
from application.imports.kinds.organizational_life import OrganizationalLife
from application.imports.kinds.reviews import Reviews

KINDS: dict[str, type[ImportKind]] = {
    kind.name: kind for kind in (Members, Chambers, Branches, OrganizationalLife, Reviews)
}
