"""Check characters are computed as GB 32100 and GB 11643 define them, with python-stdnum
(stdnum.cn.uscc, stdnum.cn.ric) as the oracle: the rules CL005 and CL006 agree with the library on
any code, as a user sees them (the finding, or none), and so do the check characters themselves."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from contract_lint import lint_text
from contract_lint.checks import identifier

CREDIT = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def reported(text: str, code: str) -> list[str]:
    return [f.code for f in lint_text(text, select=[code])]


# stdnum wants the first 8 characters to be digits (see the next test): compare where it is right
credit_prefixes = st.tuples(st.text(string.digits, min_size=8, max_size=8),
                            st.text(CREDIT, min_size=9, max_size=9)).map("".join)


@settings(max_examples=60, deadline=None)
@given(credit_prefixes, st.sampled_from(CREDIT))
def test_credit_codes_are_judged_as_stdnum_judges_them(first17, last):
    code = first17 + last
    expected = [] if uscc.is_valid(code) else ["CL005"]
    assert reported(f"甲方：某某公司\n统一社会信用代码：{code}\n", "CL005") == expected


def test_a_department_with_a_letter_code_is_valid_although_stdnum_refuses_it():
    # GB 32100-2015 gives some registration departments a letter (N 农业, Y 其他 …); stdnum's
    # validate() insists on digits there, which is why only its check character is used
    first17 = "N2330106MA2KQ8D10"
    code = first17 + uscc.calc_check_digit(first17)
    assert not uscc.is_valid(code)
    assert reported(f"统一社会信用代码：{code}\n", "CL005") == []
    assert reported(f"统一社会信用代码：{code[:-1]}{'0' if code[-1] != '0' else '1'}\n", "CL005") == ["CL005"]


birth_days = st.dates(min_value=__import__("datetime").date(1930, 1, 1),
                      max_value=__import__("datetime").date(2005, 12, 31))


@settings(max_examples=60, deadline=None)
@given(st.text(string.digits, min_size=6, max_size=6).filter(lambda s: s[0] != "0"), birth_days,
       st.text(string.digits, min_size=3, max_size=3), st.sampled_from("0123456789X"))
def test_id_numbers_check_digit_as_stdnum_computes_it(area, born, serial, last):
    number = f"{area}{born:%Y%m%d}{serial}{last}"
    expected = [] if ric.calc_check_digit(number) == last else ["CL006"]
    assert reported(f"乙方：张三\n身份证号码：{number}\n", "CL006") == expected


@settings(max_examples=300, deadline=None)
@given(st.text(CREDIT, min_size=17, max_size=17), st.text(string.digits, min_size=17, max_size=17))
def test_check_characters_are_stdnums(first17_credit, first17_id):
    assert identifier.credit_check_char(first17_credit) == uscc.calc_check_digit(first17_credit)
    assert identifier.id_check_char(first17_id) == ric.calc_check_digit(first17_id + "0")
