"""Who gave a Party lecture: the tally by speaker, the secretary's lectures judged, and which lecture a voiding
takes."""

from __future__ import annotations

import pytest

from domain.errors import InvalidValue, RuleViolation
from domain.lectures import LectureSpeakers, lecture_to_void, speaker
from domain.values import Compliance


def test_the_secretary_s_lectures_are_met_short_or_not_recorded() -> None:
    assert LectureSpeakers(secretary=1).compliance(lectures=4, minimum=1) == Compliance.MET
    assert LectureSpeakers(other=4).compliance(lectures=4, minimum=1) == Compliance.SHORT
    assert LectureSpeakers().compliance(lectures=0, minimum=1) == Compliance.SHORT
    assert LectureSpeakers(other=3).compliance(lectures=4, minimum=1) == Compliance.NOT_RECORDED
    assert LectureSpeakers().compliance(lectures=4, minimum=0) == Compliance.NOT_APPLICABLE
    assert LectureSpeakers(secretary=2).counted(True, -1).counted(None, 1) == LectureSpeakers(secretary=1)


def test_only_a_lecture_says_whether_the_secretary_gave_it() -> None:
    assert speaker("lecture", True) is True
    assert speaker("theme_day", None) is None
    with pytest.raises(InvalidValue) as refused:
        speaker("theme_day", False)
    assert refused.value.field == "by_secretary"
    with pytest.raises(InvalidValue):
        speaker("lecture", 1)


def test_a_voiding_takes_the_lecture_asked_for_or_the_only_kind_left() -> None:
    assert lecture_to_void({True: 1, False: 1}, False) is False
    assert lecture_to_void({True: 0, False: 2}, None) is False
    assert lecture_to_void({None: 1}, None) is None
    with pytest.raises(RuleViolation) as refused:
        lecture_to_void({True: 1, None: 1}, None)
    assert refused.value.rule == "meeting.which_lecture"
