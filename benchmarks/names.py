"""Plausible Chinese names, numbers and dispute summaries for the benchmark data set (pure, seeded by the caller).

Resident ID numbers carry a valid GB 11643 check digit and mobile numbers a valid prefix, so the data passes the
same checks as a clerk's input; none of them belongs to a real person (the birth place codes are generic).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范"
    "金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国建华志强海燕春梅晓东文军国华丽娟俊杰"
    "子涵浩然欣怡梓轩雨泽宇航佳怡思远嘉怡一鸣志明秋菊冬梅德胜长林金凤建平新民小红小明永红桂芳"
)
COMPANY_PREFIXES = (
    "江南",
    "洪都",
    "赣江",
    "青山",
    "红谷",
    "城东",
    "新建",
    "万达",
    "华润",
    "永安",
    "恒通",
    "瑞丰",
)
COMPANY_KINDS = (
    "物业服务有限公司",
    "建筑工程有限公司",
    "房地产开发有限公司",
    "商贸有限公司",
    "餐饮管理有限公司",
    "劳务派遣有限公司",
    "汽车运输有限公司",
    "装饰工程有限公司",
)
# Nanchang's county codes, valid from 1983 (南昌县 360121 for every year): checked by python-stdnum.
REGION_CODES = ("360102", "360103", "360104", "360111", "360121", "360123", "360124")
MOBILE_PREFIXES = ("138", "139", "137", "135", "136", "150", "151", "158", "159", "186", "187", "188", "177")
STREETS = (
    "八一大道",
    "中山路",
    "胜利路",
    "北京西路",
    "象山北路",
    "井冈山大道",
    "青山湖大道",
    "解放西路",
    "洪都北大道",
)

# What each dispute type is about (keyed by the seeded dispute type codes, with a fallback).
TOPICS = {
    "marriage_family": ("赡养老人", "离婚后子女抚养", "家庭财产分割", "彩礼返还"),
    "neighbour": ("排水沟堵塞", "房屋漏水", "通道占用", "噪音扰民", "树木遮挡采光"),
    "housing_land": ("宅基地界址", "房屋买卖", "建房越界"),
    "contract": ("货款拖欠", "租赁合同", "借款归还", "装修合同"),
    "production_business": ("合伙经营", "承包经营", "农资质量"),
    "damages": ("人身损害赔偿", "财产损失赔偿", "宠物伤人"),
    "forest_land": ("山林权属", "土地承包经营权", "灌溉用水"),
    "land_requisition": ("征地补偿款分配", "拆迁安置"),
    "environment": ("油烟污染", "养殖污染", "粉尘污染"),
    "labour": ("拖欠工资", "工伤赔偿", "解除劳动合同经济补偿"),
    "consumer": ("商品质量", "预付卡退费", "服务质量"),
    "medical": ("医疗费用", "诊疗过错"),
    "traffic": ("交通事故赔偿", "车辆刮擦"),
    "property_management": ("物业费收缴", "停车位使用", "公共维修"),
}
DETAILS = (
    "双方多次协商未果，申请人请求调委会调解",
    "经网格员排查发现，矛盾有激化苗头",
    "双方各执一词，涉及金额较大",
    "当事人情绪激动，需尽快化解",
    "经村（居）委会初步协调无果",
    "双方同意由人民调解委员会主持调解",
)


def person_name(rng: random.Random) -> str:
    """A surname and a one- or two-character given name."""
    given = rng.choice(GIVEN) if rng.random() < 0.35 else rng.choice(GIVEN) + rng.choice(GIVEN)
    return rng.choice(SURNAMES) + given


def company_name(rng: random.Random) -> str:
    """A plausible local company name."""
    return rng.choice(COMPANY_PREFIXES) + rng.choice(COMPANY_KINDS)


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def resident_id(rng: random.Random) -> str:
    """An 18-character resident ID number with a valid birth date and GB 11643 check digit."""
    born = date(1955, 1, 1) + timedelta(days=rng.randrange(0, 365 * 50))
    region = rng.choice(REGION_CODES) if born.year >= 1984 else "360121"
    body = f"{region}{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
    total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def mobile(rng: random.Random) -> str:
    """A mainland mobile number."""
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(0, 10**8):08d}"


def address(rng: random.Random) -> str:
    """A street address."""
    return f"{rng.choice(STREETS)}{rng.randrange(1, 999)}号"


def summary(rng: random.Random, dispute_code: str, applicant: str, respondent: str) -> str:
    """A one-sentence summary of the dispute."""
    topic = rng.choice(TOPICS.get(dispute_code, ("民间纠纷",)))
    return f"{applicant}与{respondent}因{topic}问题发生纠纷，{rng.choice(DETAILS)}。"
