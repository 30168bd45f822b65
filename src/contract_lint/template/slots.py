"""The blanks of a template as slots: what each asks for, and whether a value answers it.

A slot is one blank of the template (facts.blanks finds them, as placeholder-unfilled does). Its
*kind* is read from the blank's label and surroundings: the words before it (统一社会信用代码：,
联系电话, 保密期限为), what is written inside it ([甲方名称]) and the unit after it (小时, 元, %).
A value typed into it is then checked with the parser of that kind, the same parsers every rule
uses: dates (facts.periods), amounts in figures or capitals (facts.money), rates (facts.rates),
durations (facts.periods), numbers (numerals), and the shapes of the identifiers whose check
characters checks.identifier validates.

A value of the right shape that fails its check character (a 统一社会信用代码 with a wrong last
character, an impossible date) is the business of the identifier and date rules, which report
it with the reason; a slot reports a value of the wrong kind: `若干` where a number of hours
belongs, `暂无` for a credit code, `面议` for an amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..checks.identifier import phone_problem
from ..facts import money, periods, rates
from ..numerals import NUMBER, to_number
from ..regexcache import regex

KIND_NAMES = {
    "date": "日期", "amount": "金额", "number": "数字", "percent": "比例", "duration": "期限",
    "phone": "电话号码", "contact": "电话号码或电子邮箱", "credit_code": "统一社会信用代码",
    "id_number": "身份证号码", "credit_or_id": "统一社会信用代码或身份证号码", "bank_account": "银行账号",
    "name": "名称或姓名", "address": "地址", "email": "电子邮箱", "postcode": "邮政编码",
    "choice": "所列选项之一", "text": "文字",
}
KINDS = tuple(KIND_NAMES)

# A value that says nothing: wherever a particular value belongs, these are no answer.
NOTHING = regex(r"(?:暂无|无|没有|待定|待议|面议|另议|另行(?:约定|协商|商定|确定)|详见\S*|见附件\S*|若干|不详|未知"
                     r"|略|同上|N/?A|TBD|[-－—/／?？]+)")
_TIME_UNIT = regex(r"个工作日|工作日|个自然日|自然日|个月|个自然月|个星期|星期|周|年|月|日|天|小时|分钟")
_COUNT_UNIT = regex(r"次|份|名|人|个|项|套|张|篇|台|件|家|页|条|场|期|款|元|万元|倍|公里|平方米|米|千克|吨"
                         r"|小时|分钟|秒|时")
_TICKED = "☑☒■√✓✔"
_BOXES = BOX_MARKS = "□☐" + _TICKED
_OPTION_SPLIT = regex(r"[□☐☑☒■√✓✔/／、|]|\s+|或")
_NUMBER = regex(NUMBER)
_EMAIL = regex(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CREDIT_SHAPE = regex(r"[0-9A-Z]{18}")
_ID_SHAPE = regex(r"\d{15}|\d{17}[\dX]")
_ACCOUNT_SHAPE = regex(r"\d[\d \-]{6,38}\d")
_PHONE_SHAPE = regex(r"[\d\-—－+()（）\s转ext.]{7,}", re.I)
_CJK = regex(r"[\u4e00-\u9fff]")
_LETTERS = regex(r"[\u4e00-\u9fffA-Za-z]")
PAD = " \u3000_＿\t"


@dataclass(frozen=True)
class Constraint:
    """A playbook's limit on a slot's value: `min` / `max` as written (2年, 30%, 30日, 50000元)
    and their values in one measure (days, a fraction, yuan, a number), or a list of allowed values."""

    min_text: str | None = None
    max_text: str | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    allowed: tuple[str, ...] = ()

    def describe(self) -> str:
        parts = []
        if self.min_text is not None:
            parts.append(f"不少于{self.min_text}")
        if self.max_text is not None:
            parts.append(f"不超过{self.max_text}")
        if self.allowed:
            parts.append("只能是" + "、".join(f"“{a}”" for a in self.allowed))
        return "应" + "、".join(parts)


@dataclass(frozen=True)
class Slot:
    index: int
    start: int  # the blank in the template's text view
    end: int
    form: str  # the blank's form (facts.blanks): bracket, underline, date, merge …
    label: str  # what it asks for, as a reader names it: 甲方名称, 有效工作时间不少于＿＿小时
    kind: str
    unit: str  # the unit written right after the blank (小时, 元, %), or ""
    clause: str  # the template clause it stands in
    options: tuple[str, ...] = ()  # the choices of a checkbox or an option list
    constraint: Constraint | None = None


# --------------------------------------------------------------------------- what a slot asks for

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("credit_or_id", regex(r"信用代码.{0,4}[/／或、].{0,3}身份证|身份证.{0,4}[/／或、].{0,6}信用代码")),
    ("credit_code", regex(r"信用代码|社会信用|纳税人识别号|税号")),
    ("id_number", regex(r"身份证|证件号")),
    ("email", regex(r"邮箱|电子邮件|e-?mail", re.I)),
    ("postcode", regex(r"邮编|邮政编码")),
    ("bank_account", regex(r"(?:银行|收款|开户|结算|对公)?(?:账号|帐号|卡号)(?!.{0,2}(?:名称|密码))")),
    ("phone", regex(r"电话|手机|传真|热线|联系号码")),
    ("contact", regex(r"联系方式")),
    ("date", regex(r"日期|签订日|签署日|生效日|截止日|出生年月")),
    ("percent", regex(r"比例|费率|利率|百分比|税率|提成率|折扣率|分成")),
    ("amount", regex(r"金额|价款|价格|费用|服务费|报酬|酬金|薪酬|工资|违约金|保证金|押金|定金|预付款"
                          r"|总价|单价|大写|小写|人民币|¥|￥")),
    ("duration", regex(r"期限|年限|期间|时长|有效期|保质期|质保期|试用期")),
    ("number", regex(r"数量|次数|人数|天数|小时数|份数|个数|数目|名额")),
    # a name or an address is what the label ends with: 乙方联系人 is a name, 乙方每周工作不少于 is not
    ("address", regex(r"(?:地址|住所|住址|所在地|通讯地址|送达地址)(?:（[^（）]*）)?$")),
    ("name", regex(r"(?:名称|姓名|名字|公司|单位|企业|法定代表人|负责人|联系人|代表人|经办人|户名|开户行|开户银行"
                        r"|银行|甲方|乙方|丙方|[\u4e00-\u9fff]{1,4}方|委托人|受托人|平台|店铺|品牌|仲裁委员会|法院)"
                        r"(?:（[^（）]*）)?$")),
)


def infer_kind(label: str, form: str, unit: str, content: str, before: str = "") -> str:
    """The kind of value a blank asks for: from its form, the unit written after it (____小时 is a
    number, ____元 an amount), its label (the words it is asked by: 统一社会信用代码：, [甲方名称]),
    what is written inside it, and the words before it in its sentence."""
    if form == "date":
        return "date"
    if form == "checkbox" or option_list(content):
        return "choice"
    if unit in ("%", "％", "‰"):
        return "percent"
    if unit in ("元", "万元"):
        return "amount"
    if unit and (_TIME_UNIT.fullmatch(unit) or _COUNT_UNIT.fullmatch(unit)):
        return "number"
    for words in (label, before):
        for kind, pattern in _RULES:
            if pattern.search(words):
                return kind
    return "text"


def option_list(content: str) -> tuple[str, ...]:
    """The choices written in a blank: □接口调用 □系统使用, 【线上/线下】."""
    if not any(ch in content for ch in _BOXES) and not re.search(r"[/／]", content):
        return ()
    options = tuple(o for o in (p.strip(" \u3000：:，,。") for p in _OPTION_SPLIT.split(content)) if o)
    return options if len(options) >= 2 else ()


# --------------------------------------------------------------------------- does a value answer it


def clean(value: str) -> str:
    """A value as typed, without the padding of the line it was typed on or its brackets."""
    return value.strip(PAD + "\n").strip("[]【】［］〔〕").strip(PAD)


def problem(slot: Slot, value: str) -> str | None:
    """None when `value` is of the kind the slot asks for; else the kind it should have been."""
    value = clean(value)
    kind = slot.kind
    if kind == "text":
        return None
    if kind == "choice":
        return None if _chosen(value, slot.options) else kind
    if NOTHING.fullmatch(value):
        return kind
    # the line a value was typed on may be left inside it: _2025_年_7_月_1_日
    ok = _CHECKS[kind](_without_unit(re.sub(r"[_＿]+", "", value), slot.unit))
    return None if ok else kind


def _without_unit(value: str, unit: str) -> str:
    """`20小时` typed where `____小时` was: the blank's unit typed again is still the unit."""
    if unit and value.endswith(unit):
        return value[: -len(unit)].strip(PAD)
    return value


def _number(value: str) -> bool:
    value = value.strip()
    if to_number(value) is not None:
        return True
    # a range or an approximate figure: 3-5, 3至5, 约20
    return bool(re.fullmatch(rf"(?:约|不少于|不超过|最多|至少)?\s*(?:{NUMBER})\s*(?:[-~～至到]\s*(?:{NUMBER}))?",
                             value))


def _amount(value: str) -> bool:
    if money.find(value) or money.parse_capital(value) is not None:
        return True
    bare = re.sub(r"^(?:人民币|RMB|¥|￥)\s*", "", value)
    bare = re.sub(r"\s*(?:元整?|万元)$", "", bare)
    return to_number(bare) is not None


def _percent(value: str) -> bool:
    return bool(rates.find_rates(value)) or _number(value.rstrip("%％"))


def _duration(value: str) -> bool:
    return bool(periods.find_durations(value)) or _number(value) or bool(periods.find_dates(value))


# a date a program wrote in English (a mail merge's "Mon Jun 27 2022", "27 June 2022"): still a date,
# whatever its style; facts.periods reads the forms Chinese contracts use
_ENGLISH_DATE = regex(r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?(?:"
                           r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
                           r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{4})", re.I)


def _date(value: str) -> bool:
    return bool(periods.find_dates(value)) or bool(_ENGLISH_DATE.fullmatch(value.strip()))


def _phone(value: str) -> bool:
    # a number of the right shape that fails its plan is phone-invalid's finding, with the reason
    return (bool(_PHONE_SHAPE.fullmatch(value)) and sum(ch.isdigit() for ch in value) >= 7) \
        or phone_problem(value) is None


def _contact(value: str) -> bool:
    return _phone(value) or bool(_EMAIL.search(value))


def _name(value: str) -> bool:
    return bool(_LETTERS.search(value)) and not _date(value) and len(value) <= 80


def _address(value: str) -> bool:
    return bool(_CJK.search(value)) and not _date(value)


def _chosen(value: str, options: tuple[str, ...]) -> bool:
    """A box ticked, or one of the options kept (the others deleted)."""
    if any(ch in value for ch in _TICKED):
        return True
    kept = [o for o in (p.strip() for p in _OPTION_SPLIT.split(value)) if o]
    return bool(kept) and all(any(k == o or k in o or o in k for o in options) for k in kept) \
        and len(kept) < max(2, len(options))


_CHECKS = {
    "date": _date, "amount": _amount, "number": _number, "percent": _percent, "duration": _duration,
    "phone": _phone, "contact": _contact,
    "credit_code": lambda v: bool(_CREDIT_SHAPE.fullmatch(v.upper())),
    "id_number": lambda v: bool(_ID_SHAPE.fullmatch(v.upper())),
    "credit_or_id": lambda v: bool(_CREDIT_SHAPE.fullmatch(v.upper()) or _ID_SHAPE.fullmatch(v.upper())),
    "bank_account": lambda v: bool(_ACCOUNT_SHAPE.fullmatch(v)) and sum(ch.isdigit() for ch in v) >= 8,
    "name": _name, "address": _address, "email": lambda v: bool(_EMAIL.fullmatch(v)),
    "postcode": lambda v: bool(re.fullmatch(r"\d{6}", v)),
}


# --------------------------------------------------------------------------- constraints


def measure(kind: str, text: str, unit: str = "") -> Decimal | None:
    """A value (or a constraint's bound) in one measure for its kind: a duration in days, a rate as
    a fraction, an amount in yuan, else the number. `unit` is the slot's unit, for a bare number."""
    text = clean(text)
    if kind in ("duration", "number") and (_TIME_UNIT.search(text) or _TIME_UNIT.fullmatch(unit or "-")):
        found = periods.find_durations(text if _TIME_UNIT.search(text) else text + unit)
        if len(found) == 1:
            return Decimal(str(round(found[0].days, 4)))
    if kind == "percent":
        found = rates.find_rates(text if re.search(r"[%％‰]|分之", text) else text + "%")
        return found[0].value if len(found) == 1 else None
    if kind == "amount":
        amounts = money.find(text)
        if len(amounts) == 1 and amounts[0].value is not None:
            return amounts[0].value
        capital = money.parse_capital(text)
        if capital is not None:
            return capital
        text = re.sub(r"\s*(?:元整?)$", "", text)
        number = to_number(re.sub(r"^(?:人民币|RMB|¥|￥)\s*", "", text))
        return number
    found = _NUMBER.search(_without_unit(text, unit))
    return to_number(found.group(0)) if found else None


def broken(slot: Slot, value: str) -> bool:
    """Does the value break the playbook's constraint on the slot?"""
    c = slot.constraint
    if c is None:
        return False
    value = clean(value)
    if c.allowed and value not in c.allowed:
        return True
    if c.minimum is None and c.maximum is None:
        return False
    number = measure(slot.kind, value, slot.unit)
    if number is None:
        return False  # not a value of its kind: the kind check reports that
    return (c.minimum is not None and number < c.minimum) or (c.maximum is not None and number > c.maximum)
