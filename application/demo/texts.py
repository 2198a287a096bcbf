"""What the register's staff write: reasons given with commands, review summaries, rectification measures,
objections and their resolutions."""

from __future__ import annotations

JOINED = "入会申请经会长办公会审议通过"
SUSPENSIONS = [
    ("未按期参加年度会员信息核验", "已补办年度核验，恢复会员资格"),
    ("连续两年未缴纳会费", "已补缴会费，恢复会员资格"),
    ("被列入经营异常名录", "已移出经营异常名录，恢复会员资格"),
]
LEAVING = {
    "withdrew": "企业书面申请退会，经会长办公会同意",
    "removed": "长期不参加商会活动且不缴纳会费，经理事会决议除名",
    "dissolved": "企业已办理注销登记",
}
REJOINING = "退会企业重新申请入会，经会长办公会审议通过"
RENAMING = "企业名称变更，依据新营业执照更新"
INDUSTRY_CHANGE = "主营业务调整，依据年度核验更新所属行业"
CHAMBER_JOINING = "会员企业申请加入商会，经商会理事会同意"
CHAMBER_LEAVING = "企业迁出辖区，退出商会"
PARTY_MEMBERS = "企业党员情况年度摸排"
SAN_YOU = "入会核实：经营场所、从业人员和实际经营情况"
KEY_FOCUS = {
    "assets": "资产规模较大",
    "party_members": "企业党员人数较多",
    "tax": "利税贡献突出",
    "prospects": "发展前景较好",
}
KEY_FOCUS_REVOKED = "年度复核：企业经营规模收缩，移出区非公党委重点关注对象名单"

ESTABLISHED = "商会成立，登记入册"
REGISTERED = "完成社会团体登记，取得登记证书"
PLAQUE = "街道商会加挂工商联牌子"
FIRST_TERM = "商会成立大会选举产生第一届理事会"
RENEWED = "商会按期换届，会员大会选举产生新一届理事会"
CHAMBER_POSTPONED = "商会因会员企业搬迁集中，申请延期换届，经区工商联批准"
FOUR_GOOD = "“四好”商会认定结果公布"
FOUR_GOOD_REVOKED = "年度复查：商会换届未按章程进行，撤销“四好”商会称号"
DEMONSTRATION = "确定为商会建设示范点"

FOUNDED = {
    "branch": "企业党员达到三名以上，经批准成立党支部",
    "general_branch": "企业党员人数较多，经批准成立党总支",
    "committee": "企业党员人数多，经批准成立党委",
    "joint_branch": "党员不足三名的会员企业组建联合党支部，实现工作覆盖",
    "joint_committee": "在街道党工委统一领导下成立功能型街道商会联合党委",
}
DUAL_UNVEILING = "“双揭牌”：会员企业挂牌同时成立企业党支部"
TRANSFER_TO_STREET = "理顺党建管理体制，小型党组织划转街道党工委属地管理"
TRANSFER_TO_DISTRICT = "企业党员人数较多、规模较大，转由区非公党委按行业管理并列为重点关注对象"
STRUCTURE = "党员人数增加，经党员大会选举产生支部委员会，划分党小组"
GROUPS = "党员人数较多，按车间（部门）划分党小组"
ELECTION = "任期届满，召开党员大会进行换届选举"
POSTPONEMENT = "因企业重组暂缓换届，经上级党组织批准延期"
DISSOLVED = "企业注销，所属党组织随之撤销"
MERGED = "两个联合党支部覆盖企业交叉，合并为一个联合党支部"
MERGED_CONTEXT = "联合党支部调整合并"

ORGANIZATIONAL_LIFE = "录入{year}年度“三会一课”、主题党日、组织生活会和民主评议党员记录"
HEADCOUNT = "{year}年度党内统计：党员人数"
REVIEWS = "{year}年度基层党组织书记抓党建述职评议"
GRADING = "{year}年度基层党组织分类定级"
OPENING = "启动{year}年度分类定级工作"
PUBLICITY = "{year}年度分类定级结果公示"
CLOSING = "公示期满，异议均已处理，{year}年度定级结果生效"
OBJECTION_RECEIVED = "受理公示期间的书面异议"
OBJECTION_RESOLVED = "异议经复核处理完毕"
REVIEWERS = "{unit}考核组"
SUMMARIES = {
    "advanced": [
        "班子健全，“三会一课”规范，党建品牌特色鲜明，党员先锋模范作用突出",
        "组织生活严格规范，党建与生产经营深度融合，成效明显",
        "积极参与“百企示范、整体提升”活动，党组织作用发挥充分",
    ],
    "average": [
        "组织生活基本正常，党员教育管理有待加强",
        "班子基本健全，党建工作与企业发展结合不够紧密",
        "能够落实“三会一课”，但活动形式较为单一",
    ],
    "weak": [
        "组织生活不经常，班子软弱，党员作用发挥不明显",
        "“三会一课”落实不到位，党建工作处于停滞状态",
        "党组织书记长期空缺，组织涣散",
    ],
}
OVERRIDE_UP = [
    "在疫情防控和复工复产中表现突出，经区非公党委会议研究，上调为先进",
    "党建品牌创建成效显著，获市级表彰，经研究上调为先进",
]
OVERRIDE_DOWN = [
    "企业年度内发生安全生产事故，经区非公党委会议研究，下调为一般",
    "党组织书记年度内受到党内警告处分，经研究下调为一般",
]
MEASURES = [
    "调整充实支部班子，规范“三会一课”，街道党工委派驻党建指导员限期整顿",
    "选优配强党组织书记，建立组织生活台账，每月报送整改进展",
    "由区非公党委班子成员挂点联系，结对帮扶，限期完成整改",
]
RECTIFICATION_CLOSED = "整顿验收"
HELPERS = [("王建国", "leader"), ("李红梅", "instructor"), ("陈志强", "instructor")]
"""The helpers (帮扶责任人) named for rectifications, each in a role."""
PLAN = "{year}年度软弱涣散党组织整顿方案"
ACCEPTORS = ["赵立新", "周晓燕"]
"""The managing units' staff who accept rectifications (验收人)."""
OBJECTIONS = [
    "支部党员反映评分未充分考虑全年组织生活记录",
    "企业对考核组扣分依据有异议，申请复核",
    "认为述职评议中的群众评议环节程序不规范",
]
OBJECTION_UPHELD = "经复核，原评分漏计党建品牌创建加分，已更正等次"
OBJECTION_DISMISSED = "经考核组复核，评分依据充分，维持原定等次"
CORRECTION_ON_OBJECTION = "公示期异议经复核成立：原评分漏计加分项，更正为先进"
CORRECTION_AFTER_CLOSE = "区委组织部抽查复核：该党组织组织生活记录不实，由先进更正为一般"
REVIEW_CORRECTED = "考核组复核：述职评议得分汇总有误，更正得分（已定等次不变）"
REVIEW_DAY_CORRECTED = "评议日期录入有误，按评议记录更正"
RECTIFICATION_DUE_CORRECTED = "整顿期限录入有误，按整顿方案更正"
MEETING_VOIDED = "录入有误：该次会议为重复录入，予以作废"
BRANCH_RENAMED = "按党组织规范全称更正名称，冠以“中共”"
JOINED_ON_CORRECTED = "核对入会档案：入会日期录入有误，按会长办公会决议日期更正"
CITY = "深圳市"
CHAMBER_RENAMED = "按社会团体登记证书所载全称更正商会名称"
ESTABLISHED_ON_CORRECTED = "核对成立批复：商会成立日期录入有误，按批复日期更正"
FOUNDED_ON_CORRECTED = "核对成立批复：党组织成立日期录入有误，按上级党组织批复日期更正"
CORRECTION_AFTER_CLOSE_UP = "上级党委复核发现计分错误，漏计加分项，由一般更正为先进"
