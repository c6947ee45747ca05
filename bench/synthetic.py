"""A synthetic disclosure in the style of a department's final-account narrative, with its own numbers.

Every figure is made here from a seeded random generator, and the arithmetic is
consistent: totals are the sum of their parts, shares and growth rates are the
exact values rounded half up. Sections repeat with distinct subjects, so a
larger document is more of the same kind of text, not one paragraph copied.
"""

from __future__ import annotations

import random
from fractions import Fraction

_DIGITS = "零一二三四五六七八九"
_PLACES = ["东城", "西城", "南岸", "北山", "江北", "河西", "湖滨", "新港", "高新", "临空", "滨江", "青山"]
_FIELDS = ["信息化", "城市管理", "教育", "卫生", "文化", "农业", "水利", "交通", "社区", "科技", "生态", "应急"]
_PART_PAIRS = [
    ("基本支出", "项目支出"),
    ("人员经费", "公用经费"),
    ("工资福利支出", "商品和服务支出"),
    ("运行维护费", "专项业务费"),
]


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 305 → 三百零五 (below 100,000): no ASCII digits, which would read as figures."""
    if n == 0:
        return "零"
    out = ""
    gap = False
    for size, name in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, size)
        if digit:
            if gap:
                out += "零"
            gap = False
            if not (size == 10 and digit == 1 and not out):
                out += _DIGITS[digit]
            out += name
        elif out:
            gap = True
    return out


def money(hundredths: int) -> str:
    sign = "-" if hundredths < 0 else ""
    whole, cents = divmod(abs(hundredths), 100)
    return f"{sign}{whole}.{cents:02d}"


def percent(part: int, whole: int, decimals: int = 2) -> str:
    """100 × part / whole rounded half up, exactly."""
    value = Fraction(100 * part, whole) * 10**decimals
    rounded = (value.numerator * 2 + value.denominator) // (value.denominator * 2)
    whole_part, frac = divmod(rounded, 10**decimals)
    return f"{whole_part}.{frac:0{decimals}d}" if decimals else str(whole_part)


def section(rng: random.Random, number: int, year: int) -> str:
    """One numbered section about one program: totals, a 其中 list with shares, a change against last year."""
    place = _PLACES[number % len(_PLACES)]
    field = _FIELDS[(number // len(_PLACES)) % len(_FIELDS)]
    name = f"{place}{field}第{chinese_number(number + 1)}项目"
    # Parts carry the program's name: one program's 基本支出 is not another's.
    first, second = (name + label for label in _PART_PAIRS[number % len(_PART_PAIRS)])
    b = rng.randint(100, 2_000_000)
    c = rng.randint(100, 2_000_000)
    total = b + c
    previous = rng.randint(total // 2, total * 2)
    delta = total - previous
    word, rate_word = ("增加", "增长") if delta >= 0 else ("减少", "下降")
    reason = rng.choice(["人员调整", "项目建设进度变化", "落实过紧日子要求压减一般性支出", "新增专项任务"])
    meetings = rng.randint(0, 30_000)
    training = rng.randint(0, 30_000)
    cars = rng.randint(0, 9)
    groups = rng.randint(0, 40)
    people = groups * rng.randint(1, 12)
    lines = [
        f"（{chinese_number(number % 20 + 1)}）{name}收支情况",  # headings number up to 二十, as in real files
        f"{year}年度{name}支出总计{money(total)}万元，其中：{first}{money(b)}万元，占{percent(b, total)}%；"
        f"{second}{money(c)}万元，占{percent(c, total)}%。",
        f"{name}支出总计较上年{word}{money(abs(delta))}万元，{rate_word}{percent(abs(delta), previous)}%，"
        f"主要原因是{reason}。",
        f"{name}会议费支出{money(meetings)}万元，{name}培训费支出{money(training)}万元，"
        f"{name}公务用车保有量为{cars}辆，{name}国内公务接待{groups}批次{people}人。",
        "",
    ]
    return "\n".join(lines)


def disclosure(target_bytes: int, seed: int = 1) -> str:
    """A disclosure of at least `target_bytes` UTF-8 bytes (one section more than needed at most)."""
    rng = random.Random(seed)
    year = 2024
    head = [
        "某某市某某区综合服务管理局",
        f"{year} 年度部门决算情况说明",
        "一、部门基本情况",
        "（一）职能职责",
        "负责统筹推进本区综合服务管理工作，组织实施相关规划和年度计划，承担上级交办的其他事项。",
        "二、收支情况",
        "",
    ]
    parts = ["\n".join(head)]
    size = len(parts[0].encode("utf-8"))
    number = 0
    while size < target_bytes:
        text = section(rng, number, year)
        parts.append(text)
        size += len(text.encode("utf-8")) + 1
        number += 1
    return "\n".join(parts)
