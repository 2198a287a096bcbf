"""Chinese names of the register's codes as the console shows them: grades, kinds, statuses, events and fields.

Every lookup goes through ``label``: it asks the domain's enum for its ``label`` first, so when the domain's
vocabulary carries Chinese labels the console shows those, and the tables here are only what fills the gaps.
"""

from __future__ import annotations

from enum import StrEnum

from domain.values import (
    VETO_FINDINGS,
    Activity,
    BranchKind,
    ChamberKind,
    FourGoodLevel,
    Grade,
    KeyFocusCriterion,
    LeaveReason,
    ManagementBasis,
    RectificationOutcome,
)

ENUMS: dict[str, type[StrEnum]] = {
    "grade": Grade,
    "branch_kind": BranchKind,
    "chamber_kind": ChamberKind,
    "basis": ManagementBasis,
    "leave_reason": LeaveReason,
    "criterion": KeyFocusCriterion,
    "level": FourGoodLevel,
    "activity": Activity,
    "outcome": RectificationOutcome,
}

FALLBACK: dict[str, dict[str, str]] = {
    "grade": {"advanced": "先进", "average": "一般", "weak": "软弱涣散", "ungraded": "未定级"},
    "branch_kind": {
        "branch": "党支部",
        "joint_branch": "联合党支部",
        "general_branch": "党总支",
        "committee": "党委",
        "joint_committee": "联合党委",
    },
    "chamber_kind": {"street": "街道商会", "industry": "行业商会", "hometown": "异地商会"},
    "basis": {"territorial": "属地管理", "industry": "行业管理"},
    "leave_reason": {"withdrew": "自愿退会", "removed": "除名", "dissolved": "企业注销"},
    "criterion": {
        "assets": "资产规模大",
        "party_members": "党员人数多",
        "tax": "纳税贡献大",
        "prospects": "发展前景好",
    },
    "level": {"district": "区级", "city": "市级", "province": "省级", "national": "国家级"},
    "activity": {
        "general_meeting": "党员大会",
        "committee_meeting": "支委会",
        "group_meeting": "党小组会",
        "lecture": "党课",
        "theme_day": "主题党日",
    },
    "outcome": {"rectified": "整改到位", "not_rectified": "整改未到位", "reorganized": "重新组建"},
    "veto": dict(VETO_FINDINGS),
    "member_status": {"active": "正常", "suspended": "暂停", "left": "已退会"},
    "chamber_status": {"active": "正常", "dissolved": "已注销"},
    "branch_status": {"active": "正常", "dissolved": "已撤销", "merged": "已合并"},
    "round_status": {"open": "评定中", "publicity": "公示中", "closed": "已结束", "not_opened": "未启动"},
    "rectification": {"none": "无需整改", "open": "整改中", "overdue": "逾期未完成", "closed": "已完成"},
    "role": {
        "registrar": "登记员",
        "assessor": "评定员",
        "auditor": "审计员",
        "reader": "查阅员",
        "admin": "管理员",
        "system": "系统",
    },
    "kind": {"member": "会员企业", "chamber": "商会", "branch": "党组织", "round": "年度分类定级"},
    "event": {
        "Member.Joined": "入会",
        "Member.Rejoined": "重新入会",
        "Member.ProfileAmended": "变更企业信息",
        "Member.JoinedChamber": "加入商会",
        "Member.LeftChamber": "退出商会",
        "Member.KeyFocusDesignated": "列为重点关注对象",
        "Member.KeyFocusRevoked": "取消重点关注",
        "Member.PartyMembersReported": "报告党员人数",
        "Member.Suspended": "暂停会籍",
        "Member.Reinstated": "恢复会籍",
        "Member.Left": "退会",
        "Chamber.Established": "成立商会",
        "Chamber.RegisteredAsSocialOrganization": "登记为社会组织",
        "Chamber.FicPlaqueHung": "加挂工商联牌子",
        "Chamber.TermRenewed": "换届",
        "Chamber.FourGoodAwarded": "获评“四好”商会",
        "Chamber.DemonstrationSiteDesignated": "确定为示范点",
        "Chamber.Dissolved": "注销商会",
        "PartyBranch.Founded": "成立党组织",
        "PartyBranch.ManagementTransferred": "移交管理",
        "PartyBranch.PartyMemberCountReported": "报告党员人数",
        "PartyBranch.OrganizationalLifeRecorded": "记录组织生活",
        "PartyBranch.Reviewed": "述职评议",
        "PartyBranch.Graded": "分类定级",
        "PartyBranch.GradeCorrected": "更正等次",
        "PartyBranch.RectificationOpened": "启动整顿",
        "PartyBranch.RectificationClosed": "完成整顿",
        "PartyBranch.Dissolved": "撤销党组织",
        "PartyBranch.MergedInto": "合并到其他党组织",
        "GradingRound.Opened": "启动年度定级",
        "GradingRound.PublicityStarted": "开始公示",
        "GradingRound.ObjectionRaised": "提出异议",
        "GradingRound.ObjectionResolved": "处理异议",
        "GradingRound.Closed": "结束年度定级",
    },
    "field": {
        "name": "名称",
        "credit_code": "统一社会信用代码",
        "street": "街道",
        "industry": "行业",
        "status": "状态",
        "joined_on": "入会日期",
        "left_on": "退会日期",
        "left_reason": "退会原因",
        "chamber_ids": "所属商会",
        "chamber_id": "商会",
        "key_focus": "重点关注",
        "key_focus_criteria": "重点关注原因",
        "criteria": "关注原因",
        "party_members": "党员人数",
        "party_member_count": "党员人数",
        "count": "人数",
        "kind": "类型",
        "established_on": "成立日期",
        "certificate_no": "社会组织登记证号",
        "registered_on": "登记日期",
        "fic_plaque_on": "加挂工商联牌子日期",
        "terms": "历届",
        "term": "届次",
        "starts_on": "开始日期",
        "ends_on": "结束日期",
        "president": "会长",
        "four_good": "“四好”商会",
        "level": "级别",
        "demonstration_site_years": "示范点年度",
        "dissolved_on": "注销日期",
        "dissolved_reason": "注销原因",
        "host_member_ids": "所在企业",
        "host_chamber_id": "所在商会",
        "managing_unit": "管理单位",
        "management_basis": "管理依据",
        "basis": "管理依据",
        "founded_on": "成立日期",
        "ended_on": "终止日期",
        "end_reason": "终止原因",
        "merged_into": "并入",
        "branch_id": "党组织",
        "transfers": "管理移交",
        "organizational_life": "组织生活",
        "activity": "活动类型",
        "held_on": "开展日期",
        "attendance": "参加人数",
        "reviews": "述职评议",
        "year": "年度",
        "score": "得分",
        "veto_findings": "否决情形",
        "reviewed_on": "评议日期",
        "reviewer": "评议人",
        "summary": "评议意见",
        "grades": "分类定级",
        "grade": "等次",
        "original_grade": "原定等次",
        "mapped_grade": "按评分应定等次",
        "override_reason": "调整理由",
        "corrections": "更正",
        "from_grade": "原等次",
        "to_grade": "更正后等次",
        "final": "已生效",
        "rectifications": "整顿",
        "measures": "整顿措施",
        "due_on": "整顿期限",
        "closed_on": "完成日期",
        "outcome": "整顿结果",
        "on": "日期",
        "reason": "理由",
        "changes": "变更内容",
        "policy": "定级政策",
        "publicity": "公示",
        "objections": "异议",
        "text": "异议内容",
        "resolution": "处理结果",
        "version": "版本",
    },
}


def label(vocabulary: str, code: object) -> str:
    """The Chinese name of ``code`` in ``vocabulary`` (``label("grade", "weak")`` is 软弱涣散): the domain enum's
    own ``label`` when it has one, else the table here, else the code itself."""
    if code is None or code == "":
        return ""
    enum = ENUMS.get(vocabulary)
    if enum is not None:
        try:
            member: object = enum(code)
        except ValueError:
            member = None
        chinese = getattr(member, "label", None)
        if isinstance(chinese, str) and chinese:
            return chinese
    return FALLBACK.get(vocabulary, {}).get(str(code), str(code))


def options(vocabulary: str) -> list[tuple[str, str]]:
    """Every code of ``vocabulary`` with its Chinese name, in the domain's order: the choices of a select."""
    enum = ENUMS.get(vocabulary)
    codes = [m.value for m in enum] if enum is not None else list(FALLBACK.get(vocabulary, {}))
    return [(code, label(vocabulary, code)) for code in codes]
