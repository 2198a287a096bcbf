"""Vocabularies for realistic names: streets, industries, enterprise and chamber names, people."""

from __future__ import annotations

import random

STREETS = ["南山街道", "粤海街道", "蛇口街道", "招商街道", "沙河街道", "西丽街道", "桃源街道", "南头街道"]
REGIONS = ["440305", "440304", "440306", "440307", "440303"]
INDUSTRIES = [
    "制造业",
    "电子信息",
    "软件和信息服务",
    "批发零售",
    "餐饮住宿",
    "建筑业",
    "物流运输",
    "金融服务",
    "文化创意",
    "生物医药",
]
TRADE_WORDS = [
    "华",
    "鑫",
    "腾",
    "瑞",
    "恒",
    "达",
    "泰",
    "盛",
    "新",
    "创",
    "联",
    "科",
    "信",
    "安",
    "源",
    "德",
    "隆",
    "宏",
    "通",
    "佳",
]
SUFFIXES = {
    "制造业": ["精密制造", "机械", "五金制品", "新材料"],
    "电子信息": ["电子", "微电子", "光电", "智能硬件"],
    "软件和信息服务": ["软件", "信息技术", "数据科技", "网络科技"],
    "批发零售": ["商贸", "贸易", "供应链", "百货"],
    "餐饮住宿": ["餐饮管理", "酒店管理", "食品"],
    "建筑业": ["建设工程", "装饰工程", "建筑设计"],
    "物流运输": ["物流", "国际货运", "运输"],
    "金融服务": ["投资咨询", "融资担保", "资产管理"],
    "文化创意": ["文化传播", "创意设计", "影视传媒"],
    "生物医药": ["生物科技", "医药", "医疗器械"],
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰海波"
HOMETOWNS = ["潮汕", "湖南", "江西", "福建", "浙江", "四川", "湖北", "广西"]


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def enterprise(rng: random.Random, industry: str, n: int) -> str:
    trade = rng.choice(TRADE_WORDS) + rng.choice(TRADE_WORDS)
    return f"深圳市{trade}{rng.choice(SUFFIXES[industry])}有限公司" + ("" if n < 1000 else f"（{n}）")
