"""The register's aggregate classes in one place, for code that handles any of them."""

from domain.branch import PartyBranch
from domain.chamber import Chamber, ChamberName
from domain.grading_round import GradingRound
from domain.member import Member

__all__ = ["AGGREGATES", "Chamber", "ChamberName", "GradingRound", "Member", "PartyBranch"]

AGGREGATES = (Member, Chamber, ChamberName, PartyBranch, GradingRound)
