"""Vocabularies for realistic names: the district and its streets, enterprises, chambers, Party organizations and
the people who keep the register."""

from __future__ import annotations

import random

DISTRICT = "南山区"
STREETS = ["粤海街道", "南山街道", "蛇口街道", "招商街道", "沙河街道", "西丽街道", "桃源街道", "南头街道"]
STREET_WEIGHTS = [26, 16, 12, 10, 9, 11, 8, 8]
AREAS = {
    "粤海街道": ["科技园", "软件产业基地", "深圳湾科技生态园", "海岸城", "高新南"],
    "南山街道": ["南山商业文化中心区", "南油", "前海路", "荔林"],
    "蛇口街道": ["蛇口网谷", "海上世界", "南海意库", "四海"],
    "招商街道": ["招商局广场", "蛇口工业区", "太子湾", "花果山"],
    "沙河街道": ["华侨城创意园", "沙河工业区", "白石洲", "世界之窗"],
    "西丽街道": ["留仙洞", "西丽湖", "塘朗", "大学城"],
    "桃源街道": ["桃源工业区", "龙珠", "平山", "珠光"],
    "南头街道": ["南头古城", "马家龙", "同乐", "大新"],
}

# Administrative divisions (GB/T 2260) of the registering authority: most members registered in the district.
REGION_CYCLE = ["440305", "440305", "440300", "440305", "440304", "440305", "440306", "440305", "440300", "440303"]

INDUSTRIES = {
    "电子信息": (16, ["电子", "微电子", "光电", "智能硬件", "通信技术"]),
    "软件和信息服务": (18, ["软件", "信息技术", "数据科技", "网络科技", "智能科技"]),
    "制造业": (9, ["精密制造", "机械", "五金制品", "新材料", "自动化设备"]),
    "批发零售": (10, ["商贸", "贸易", "供应链", "百货"]),
    "餐饮住宿": (7, ["餐饮管理", "酒店管理", "食品"]),
    "建筑业": (6, ["建设工程", "装饰工程", "建筑设计"]),
    "物流运输": (6, ["物流", "国际货运", "运输"]),
    "金融服务": (6, ["投资咨询", "融资担保", "资产管理"]),
    "文化创意": (7, ["文化传播", "创意设计", "影视传媒"]),
    "生物医药": (6, ["生物科技", "医药", "医疗器械"]),
    "跨境电商": (5, ["电子商务", "跨境贸易"]),
    "物业管理": (4, ["物业管理", "物业服务"]),
}
TRADE_WORDS = (
    "华鑫腾瑞恒达泰盛新创联科信安源德隆宏通佳汇丰嘉优卓越博远星海天金辉美康智锐宇晟锦凯益富兴荣杰明广润鹏力诚和"
    "中港湾蓝云光讯启航道合众普惠立聚"
)
COMPANY_FORMS = [
    (70, "深圳市{trade}{line}有限公司"),
    (12, "深圳{trade}{line}股份有限公司"),
    (10, "{trade}{line}（深圳）有限公司"),
    (8, "深圳市{trade}{line}集团有限公司"),
]

INDUSTRY_CHAMBERS = [
    ("电子信息", "电子信息行业商会"),
    ("软件和信息服务", "软件行业商会"),
    ("餐饮住宿", "餐饮行业商会"),
    ("物流运输", "物流行业商会"),
    ("建筑业", "建筑装饰行业商会"),
    ("跨境电商", "跨境电商行业商会"),
    ("生物医药", "生物医药行业商会"),
    ("文化创意", "文化创意产业商会"),
    ("金融服务", "金融服务业商会"),
    ("制造业", "智能制造行业商会"),
    ("批发零售", "商贸流通行业商会"),
    ("物业管理", "物业管理行业商会"),
]
HOMETOWNS = [
    "潮汕",
    "湖南",
    "江西",
    "福建",
    "浙江",
    "四川",
    "湖北",
    "广西",
    "河南",
    "安徽",
    "江苏",
    "山东",
    "重庆",
    "梅州",
    "揭阳",
    "陕西",
    "黑龙江",
    "贵州",
    "云南",
    "河北",
    "湛江",
    "茂名",
    "山西",
    "海南",
    "吉林",
    "辽宁",
    "内蒙古",
    "甘肃",
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余叶杜苏魏程吕丁沈任姚卢钟"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰海波文斌辉鹏飞宇浩晨欣怡婷雪琳俊峰"
REGISTRARS = ["李伟", "陈静", "黄志强", "林晓燕"]
ASSESSORS = ["张敏", "刘建国", "郑海波"]
ORDINALS = "一二三四五六七八九十"


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def region(n: int) -> str:
    """The registering authority's division for the n-th enterprise."""
    return REGION_CYCLE[(n * 7) % len(REGION_CYCLE)]


def weighted(rng: random.Random, choices: list[str], weights: list[int]) -> str:
    return rng.choices(choices, weights)[0]


def industry(rng: random.Random) -> str:
    return rng.choices(list(INDUSTRIES), [w for w, _ in INDUSTRIES.values()])[0]


def enterprise(rng: random.Random, industry: str, taken: set[str]) -> str:
    """A company name not in ``taken`` (and now added to it), in the forms the registration authority issues."""
    lines = INDUSTRIES[industry][1]
    forms = [f for _, f in COMPANY_FORMS]
    weights = [w for w, _ in COMPANY_FORMS]
    for attempt in range(50):
        trade = "".join(rng.sample(TRADE_WORDS, 2 if attempt < 25 else 3))
        name = rng.choices(forms, weights)[0].format(trade=trade, line=rng.choice(lines))
        if name not in taken:
            break
    else:
        name = f"深圳市{trade}{rng.choice(lines)}第{len(taken)}有限公司"
    taken.add(name)
    return name


def renamed(rng: random.Random, name: str, industry: str, taken: set[str]) -> str:
    """The name an enterprise takes when it renames itself, typically on becoming a group or a company limited by
    shares."""
    for old, new in (("集团有限公司", "股份有限公司"), ("股份有限公司", "集团有限公司"), ("有限公司", "集团有限公司")):
        if name.endswith(old) and name[: -len(old)] + new not in taken:
            taken.add(name[: -len(old)] + new)
            return name[: -len(old)] + new
    return enterprise(rng, industry, taken)


def street_chamber(street: str) -> str:
    return f"{DISTRICT}{street}商会"


def hometown_chamber(hometown: str) -> str:
    return f"{DISTRICT}{hometown}商会"


def industry_chamber(title: str) -> str:
    return f"{DISTRICT}{title}"


def ordinal(n: int) -> str:
    """一, 二, … for n = 1, 2, …; Arabic numerals past ten."""
    return ORDINALS[n - 1] if 1 <= n <= len(ORDINALS) else str(n)


def own_organization(enterprise_name: str, kind: str) -> str:
    return enterprise_name + {"branch": "党支部", "general_branch": "党总支", "committee": "党委"}[kind]


def joint_branch(street: str, area: str, k: int) -> str:
    """The k-th (1-based) joint branch of small enterprises in an area of a street."""
    return f"{street}{area}非公企业联合党支部" if k == 1 else f"{street}{area}第{ordinal(k)}联合党支部"


def joint_committee(street: str) -> str:
    return f"{street}商会联合党委"


def working_committee(street: str) -> str:
    return f"{street}党工委"
