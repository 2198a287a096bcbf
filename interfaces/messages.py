"""The Chinese words of every refusal, in one table for every adapter: the console's forms and imports, and the
API's problems under ``Accept-Language: zh-CN``. Keyed by the stable rule code, or by the pattern of an invalid
value's English message (the domain's own words)."""

from __future__ import annotations

import re
from typing import Any

RULES: dict[str, str] = {
    "member.already_member": "该企业已是会员，不能重复入会",
    "member.rejoin_before_leaving": "重新入会日期不能早于退会日期",
    "member.correction_changes_nothing": "更正后的入会日期与现有记录相同",
    "member.joined_after_recorded_fact": "登记册记有该会员此后的事项，入会日期不能晚于其中最早的日期",
    "member.not_left": "该企业未曾退会，没有可更正的退会日期",
    "member.chamber_not_joined": "该企业本次入会以来未加入此商会，没有可更正的日期",
    "member.chamber_not_left": "该企业未退出此商会，没有可更正的退出日期",
    "member.amendment_changes_nothing": "变更内容与现有信息相同",
    "member.already_in_chamber": "该企业已是此商会会员",
    "member.not_in_chamber": "该企业不是此商会会员",
    "member.key_focus_unchanged": "已按相同原因列为重点关注对象",
    "member.not_key_focus": "该企业不是重点关注对象",
    "member.left": "该企业已退会，只能办理重新入会",
    "member.not_active": "只有会籍正常的会员才能暂停会籍",
    "member.not_suspended": "只有暂停会籍的会员才能恢复会籍",
    "member.san_you_unchanged": "与已记录的“三有”情况相同",
    "date.before_joining": "日期早于该企业入会日期",
    "date.before_founding": "日期早于该党组织成立日期",
    "date.before_establishment": "日期早于该商会成立日期",
    "chamber.dissolved": "该商会已注销",
    "chamber.name_taken": "已有同名商会",
    "chamber.already_registered": "该商会已登记为社会组织",
    "chamber.plaque_already_hung": "该商会已加挂工商联牌子",
    "chamber.term_out_of_sequence": "届次不连续",
    "chamber.term_starts_before_previous": "新一届不能早于上一届开始",
    "chamber.four_good_already_awarded": "该期间已获评同级“四好”商会",
    "chamber.four_good_not_awarded": "该商会没有这一期间、这一级的“四好”商会称号",
    "chamber.four_good_revoked": "该称号已被撤销",
    "chamber.term_too_long": "任期超过章程规定年限（未规定的为5年）；超出须经批准延期换届",
    "chamber.no_term": "尚未登记任何一届，无可延期",
    "chamber.approval_before_term": "批准日期不能早于本届开始日期",
    "chamber.postponement_not_later": "延期后的日期须晚于本届届满日",
    "chamber.postponement_too_long": "延期换届一般不超过1年",
    "chamber.demonstration_site_already": "该年度已确定为示范点",
    "chamber.demonstration_site_not_designated": "该商会未被确定为该年度示范点",
    "chamber.rename_changes_nothing": "新名称与现有名称相同",
    "chamber.correction_changes_nothing": "更正后的内容与现有记录相同",
    "chamber.established_after_recorded_fact": "登记册记有该商会此前的事项，成立日期不能晚于其中最早的日期",
    "branch.host_member_not_active": "所在企业会籍不正常",
    "branch.joint_needs_two_hosts": "联合党支部须由两家以上企业联合组建",
    "branch.joint_committee_needs_chamber": "联合党委须依托商会组建",
    "branch.single_host": "此类党组织只能有一家所在企业，多家企业请组建联合党支部",
    "branch.too_few_party_members": "正式党员不足3人，不能单独成立党组织",
    "branch.transfer_to_same_unit": "已由该单位按此依据管理",
    "branch.transfer_before_previous": "移交日期不能早于上一次移交",
    "branch.merge_into_itself": "党组织不能并入自身",
    "branch.merge_target_not_active": "并入的党组织已不存在",
    "branch.dissolved": "该党组织已撤销，不能再记录",
    "branch.merged": "该党组织已合并，不能再记录",
    "review.already_recorded": "{year}年度的述职评议已经录入",
    "review.before_founding": "该党组织{year}年尚未成立",
    "branch.rename_changes_nothing": "新名称与现有名称相同",
    "branch.correction_changes_nothing": "更正后的成立日期与现有记录相同",
    "branch.founded_after_recorded_fact": "登记册记有该党组织此前的事项，成立日期不能晚于其中最早的日期",
    "review.after_rectification": "该年度的整顿已依据这次评议启动，评议日期不能晚于整顿启动日期",
    "meeting.not_recorded": "该党组织没有这一天的这项组织生活记录，无从作废",
    "meeting.already_voided": "这一天的这项组织生活记录已经作废",
    "meeting.which_lecture": "当天的党课有书记讲授的，也有其他人讲授的，请注明作废哪一次（是否书记讲授）",
    "review.not_recorded": "{year}年度尚未录入述职评议，无从更正",
    "review.correction_changes_nothing": "更正后的述职评议与现有记录相同",
    "grade.requires_review": "{year}年度尚未录入述职评议，定级须以评议为依据",
    "grade.requires_open_round": "{year}年度没有正在进行的定级工作（未启动或已结束，结束后请用更正等次）",
    "grade.already_graded": "{year}年度已经定级，如需改变请更正等次",
    "grade.override_requires_reason": "所选等次与按评分应定等次不同，须填写调整理由",
    "grade.not_graded": "{year}年度尚未定级，无可更正",
    "grade.correction_changes_nothing": "更正后等次与现有等次相同",
    "rectification.requires_weak_grade": "该党组织{year}年度未被定为软弱涣散，无需整顿",
    "rectification.already_open": "已有一项整顿正在进行",
    "rectification.already_done": "{year}年度的整顿已经启动过",
    "rectification.none_open": "没有正在进行的整顿",
    "grading_round.already_open": "{year}年度的定级工作已经启动",
    "grading_round.closed": "该年度定级工作已结束，等次已生效",
    "grading_round.not_in_publicity": "只能在公示期内提出异议",
    "grading_round.objection_already_resolved": "该异议已处理",
    "grading_round.objection_to_ungraded": "该党组织本年度尚未定级",
    "grading_round.publicity_already_started": "公示已经开始",
    "grading_round.publicity_not_started": "须先公示定级结果",
    "grading_round.unknown_objection": "本年度没有这项异议",
    "grading_round.publicity_not_ended": "公示期尚未结束",
    "grading_round.objections_unresolved": "还有异议未处理",
    "grading_round.weak_without_rectification": "还有软弱涣散党组织未启动整顿",
    "quota.advanced_over": "{label}等次占已定级党组织的比例超过定级办法规定的{limit_percent}%，请复核",
    "quota.weak_under": "{label}等次占已定级党组织的比例低于定级办法规定的{limit_percent}%，请复核",
    "committee.too_few_full_members": "正式党员7人以上的党支部才设支部委员会",
    "committee.required_for_kind": "党总支、党委须设委员会",
    "structure.before_previous": "组织设置变更日期不能早于上一次变更",
    "structure.changes_nothing": "组织设置与现有情况相同",
    "election.before_founding": "选举日期早于该党组织成立日期",
    "election.before_previous": "换届选举须在本届产生之后",
    "election.term_end_before_election": "任期届满日须晚于选举日期",
    "election.term_too_long": "任期超过规定年限；超出须经批准延期换届",
    "election.approval_before_term": "批准日期不能早于本届产生日期",
    "election.postponement_not_later": "延期后的日期须晚于本届届满日",
    "election.postponement_too_long": "延期换届一般不超过1年",
    "concurrency.conflict": "他人刚刚修改了这条记录，请刷新后重试",
    "idempotency.key_reused": "这个 Idempotency-Key 已用于另一个请求",
    "idempotency.in_progress": "使用这个 Idempotency-Key 的请求仍在处理中，请稍后重试",
    "scope.outside": "超出本密钥的范围，不能登记",
    "scope.district_only": "此操作涉及全区；限于街道或管理单位的密钥不能办理",
    "text.control": "不能含有控制字符",
    "text.invisible": "不能含有不可见字符（零宽字符、文字方向控制符等）",
    "text.empty": "必须填写，且须含有可见的文字",
    "date.in_future": "日期晚于登记当日，不能登记将来的日期",
    "member.left_chamber_before_joining": "退出商会的日期不能早于加入该商会的日期",
    "rectification.not_recorded": "该年度没有整顿记录，无从更正",
    "rectification.correction_changes_nothing": "更正后的整顿日期与现有记录相同",
    "rectification.before_opening": "整顿结束日期不能早于启动日期",
    "rectification.helper_required": "启动整顿须明确帮扶责任人（上级领导或党建指导员）",
    "rectification.plan_required": "启动整顿须有整顿方案",
    "rectification.due_unknown": "未填写启动日期时须填写整顿期限（默认期限为启动后一年）",
    "rectification.acceptor_required": "整顿须经管理单位验收方可结束，须写明验收人",
    "rectification.acceptor_not_managing_unit": "整顿须由该党组织的管理单位验收",
    "rectification.outside_round": "整顿须在本年度分类定级工作中启动：不早于考评日期，不晚于定级工作结束",
    "branch.host_already_organized": "该企业已有正常的党组织（联合党支部计入所覆盖的每家企业），不能再成立",
    "branch.joint_too_many_units": "联合党支部覆盖的单位一般不超过5个；超过的须经上级党组织批准，请填写批准单位",
    "publicity.too_short": "公示期短于定级办法规定的工作日数",
    "publicity.objection_outside_period": "异议须在公示期内提出",
    "publicity.grades_posted": "定级结果正在公示，公示期间不能定级，如需改变等次请更正等次并说明理由",
    "calendar.year_unknown": "工作日历尚无该年度的法定节假日和调休安排，不能推算工作日",
}
"""The Chinese message of every rule, by its stable code: the console's and the API's (``Accept-Language: zh``).
A test holds every code the domain and the application raise to an entry here."""

INVALID: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^must not be empty$"), "必须填写"),
    (re.compile(r"^must be a string$"), "必须是文字"),
    (re.compile(r"^must be at most (\d+) characters$"), "不能超过{0}个字"),
    (re.compile(r"^must not contain control characters$"), "不能含有控制字符"),
    (re.compile(r"^must be a date$"), "必须是日期"),
    (re.compile(r"^must be between (\d+) and (\d+)$"), "必须在{0}年至{1}年之间"),
    (re.compile(r"^must be a year between (\d+) and (\d+)$"), "必须是{0}至{1}之间的年份"),
    (re.compile(r"^must be a whole number from (\d+) to (\d+)$"), "必须是{0}至{1}之间的整数"),
    (re.compile(r"^must be a whole number$"), "必须是整数"),
    (re.compile(r"^must be one of: .*$"), "不是可选的值"),
    (re.compile(r"^must be (\d+) characters, got (\d+)$"), "应为{0}位，现为{1}位"),
    (re.compile(r"^contains characters outside the GB 32100 alphabet: (.*)$"), "含有统一社会信用代码不使用的字符：{0}"),
    (re.compile(r"^characters 3 to 8 must be.*$"), "第3至8位应为六位行政区划代码"),
    (re.compile(r"^check character is (.), expected (.)$"), "校验码为{0}，应为{1}，请核对"),
    (re.compile(r"^must list at least one criterion$"), "至少选择一项"),
    (re.compile(r"^a review of a year cannot be held before that year begins$"), "评议日期不能早于被评议年度"),
    (re.compile(r"^cannot fall before the graded year$"), "不能早于定级年度"),
    (re.compile(r"^no (member|chamber|branch) .*$"), "找不到该记录"),
    (re.compile(r"^must be after starts_on$"), "须晚于开始日期"),
    (re.compile(r"^must be 1 or more$"), "须为1或以上"),
    (re.compile(r"^must not contain invisible characters.*$"), "不能含有不可见字符（零宽字符、文字方向控制符等）"),
    (re.compile(r"^must not be before opened_on$"), "不能早于启动日期"),
    (re.compile(r"^must not be before starts_on$"), "不能早于开始日期"),
    (re.compile(r"^must be a list of grades, best first$"), "须为等次列表，由高到低排列"),
    (re.compile(r"^must hold (\d+) to (\d+) grades$"), "须设{0}至{1}个等次"),
    (re.compile(r"^each grade has its own code$"), "等次代码不能重复"),
    (re.compile(r"^each grade has its own label$"), "等次名称不能重复"),
    (re.compile(r"^min_score must fall strictly.*$"), "各等次的最低分须由高到低逐级递减"),
    (re.compile(r"^the bottom grade's min_score is 0.*$"), "最低一个等次的最低分须为0"),
    (re.compile(r"^grade (\d+) must be an object.*$"), "第{0}个等次须写明代码、名称和最低分"),
    (re.compile(r"^grade (\d+) has unknown keys: (.*)$"), "第{0}个等次含有不认识的项：{1}"),
    (
        re.compile(r"^grade (\d+)'s code must be.*$"),
        "第{0}个等次的代码须为小写字母开头的字母、数字或下划线，且非保留字",
    ),
    (re.compile(r"^grade (\d+)'s min_score must be.*$"), "第{0}个等次的最低分须为0至100之间的整数"),
    (re.compile(r"^give grades or the shorthand.*$"), "等次设置与先进、一般最低分不一致，只填其一"),
    (re.compile(r"^must be true or false$"), "须为“是”或“否”"),
    (re.compile(r"^the rectification has not closed$"), "整顿尚未结束，无结束日期可更正"),
    (re.compile(r"^only a lecture \(党课\) records whether the secretary gave it$"), "只有党课填写是否由书记讲授"),
]


class Blanks(dict[str, Any]):
    """Values for a message's blanks: a value the form lacks reads as 该 (该年度)."""

    def __missing__(self, key: str) -> str:
        return "该"


def chinese_rule(rule: str, values: dict[str, Any] | None = None) -> str:
    """The Chinese message of ``rule``, with the values it names (a year) filled in from ``values`` where given."""
    given = Blanks({k: v for k, v in (values or {}).items() if v not in (None, "")})
    return RULES.get(rule, "此操作不符合登记规则").format_map(given)


def chinese_invalid(message: str) -> str:
    """The Chinese of an invalid value's English message (the domain's own words)."""
    for pattern, chinese in INVALID:
        found = pattern.match(message)
        if found:
            return chinese.format(*found.groups())
    return "填写的内容不符合要求"
