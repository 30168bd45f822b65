"""Kind `identifier`: a labelled value checked by a named validator.

The rule gives `labels` (统一社会信用代码, 身份证号 …), the `validator` (`credit-code`, `id-number` or
`phone`), `value` (a regex for what a written value looks like: a blank or a stand-in such as
`【  】` or `XX` does not match it, so placeholder-unfilled alone reports those) and `stop` (what
ends the search after a label: the next field's label, a comma …). A value is the first match of
`value` after a label on its line, or in the table cells right of a label cell. `loose_labels`
with `loose_value` catch a value further along the line (身份证（号码为…）).

`defer` names the labels of another identifier and the shape of its values: under a combined
label (统一社会信用代码/身份证号) a value of that shape belongs to the other rule.

Validators are pure functions returning None (valid) or the reason (a message variant).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..facts.periods import signing_date
from ..findings import Hit
from ..model import Document
from ..regexcache import regex
from .common import compile_any, words

# Check characters are computed as the two standards define them (python-stdnum, a test
# dependency, is the oracle they are tested against; importing it cost a cold run ~25 ms, as
# stdnum.util imports ssl and pydoc). A finding needs the reason (length, a forbidden letter, the
# birth date, a birth after signing, the check character) as a message variant, so validation
# is ours too; 15-digit 身份证号 have no check digit.

# --- GB 32100-2015: 统一社会信用代码 ------------------------------------------------------------

CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # the code table: I O Z S V are never used


# weights 3^(i-1) mod 31 for the 17 characters before the check character
_CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def credit_check_char(first17: str) -> str:
    """GB 32100-2015 §5: C18 = 31 − (Σ Ci·Wi mod 31), the value 31 written as 0."""
    total = sum(CREDIT_CHARS.index(ch) * w for ch, w in zip(first17.upper(), _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARS[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """None for a valid code; else "length", "chars" or "checksum"."""
    code = code.upper()
    if len(code) != 18:
        return "length"
    if any(ch not in CREDIT_CHARS for ch in code):
        return "chars"
    if credit_check_char(code[:17]) != code[17]:
        return "checksum"
    return None


# --- GB 11643-1999: 公民身份号码 ---------------------------------------------------------------


# weights 2^(18-i) mod 11 for the 17 digits before the check digit
_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))


def id_check_char(first17: str) -> str:
    """GB 11643-1999 §7.2: a18 = (12 − (Σ ai·Wi mod 11)) mod 11, the value 10 written as X."""
    check = (12 - sum(int(ch) * w for ch, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11) % 11
    return "X" if check == 10 else str(check)


def id_birth_date(number: str) -> dt.date | None:
    """The birth date an 18-digit (YYYYMMDD at 7-14) or legacy 15-digit (YYMMDD at 7-12, 19YY)
    number encodes, or None when it names no real day."""
    raw = number[6:14] if len(number) == 18 else "19" + number[6:12]
    try:
        born = dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))
    except ValueError:
        return None
    return born if born.year >= 1900 else None


def id_number_problem(number: str, signed: dt.date | None = None) -> str | None:
    """None for a valid number; else "length", "chars", "birth", "born_after" or "checksum"."""
    number = number.upper()
    if len(number) not in (15, 18):
        return "length"
    if not (number.isdigit() or (len(number) == 18 and number[:17].isdigit() and number[17] == "X")):
        return "chars"
    born = id_birth_date(number)
    if born is None:
        return "birth"
    if signed is not None and born > signed:
        return "born_after"
    if len(number) == 18 and id_check_char(number[:17]) != number[17]:
        return "checksum"
    return None


# --- 电话号码: mobile, landline with an area code, 400/800 -------------------------------------

_MOBILE = regex(r"1[3-9]\d(?:[- ]?\d{4}[- ]?\d{4})")
# 010 and 02X take 8 digits; other area codes are 0 + 3 digits (0571, 0512) with 7 or 8 digits
_LANDLINE = regex(r"(?:[(（]?(?:0(?:10|2\d))[)）]?[- ]?\d{4}[- ]?\d{4}"
                       r"|[(（]?0[3-9]\d{2}[)）]?[- ]?\d{3,4}[- ]?\d{4})"
                       r"(?:(?:-|转|－|—| ?ext\.? ?)\d{1,6})?", re.IGNORECASE)
_SERVICE = regex(r"[48]00[- ]?\d{3}[- ]?\d{4}")
_COUNTRY = regex(r"^(?:\+|＋|00)?86[- ]?")


def phone_problem(number: str) -> str | None:
    """None for a mainland mobile (3-4-4 grouping allowed), a landline with a plausible area code
    (extension allowed) or a 400/800 number; else "invalid"."""
    s = number.strip().replace("－", "-").replace("—", "-")
    if _COUNTRY.match(s):
        s = _COUNTRY.sub("", s)
        if s[:1] not in "1048(（":
            s = "0" + s  # +86-571-88613072: the area code loses its 0 after the country code
    for pattern in (_MOBILE, _LANDLINE, _SERVICE):
        if pattern.fullmatch(s):
            return None
    return "invalid"


VALIDATORS = {"credit-code": credit_code_problem, "id-number": id_number_problem, "phone": phone_problem}


# --- the check kind -------------------------------------------------------------------------

def prepare(params: dict) -> dict:
    validator = params["validator"]
    if validator not in VALIDATORS:
        raise ValueError(f"unknown validator '{validator}' (known: {', '.join(VALIDATORS)})")
    p = {"validator": validator, "labels": words(params["labels"]), "value": regex(params["value"]),
         "gap": regex(params.get("gap", r"[：:\s]*")), "stop": compile_any(params["stop"]),
         "masked": compile_any(params["masked"]),
         "split": regex(params["split"]) if params.get("split") else None,
         "loose_labels": words(params["loose_labels"]) if params.get("loose_labels") else None,
         "loose_value": regex(params["loose_value"]) if params.get("loose_value") else None,
         "defer": None}
    if params.get("defer"):
        p["defer"] = (words(params["defer"]["labels"]), regex(params["defer"]["shape"]))
    return p


def run(doc: Document, p: dict) -> Iterator[Hit]:
    text = doc.text
    signed = signing_date(doc) if p["validator"] == "id-number" else None
    seen: set[int] = set()
    for start, end, line in _values(doc, p):
        if start in seen:
            continue
        seen.add(start)
        value = text[start:end]
        if p["defer"] and p["defer"][0].search(line) and p["defer"][1].fullmatch(value):
            continue  # 统一社会信用代码/身份证号: this one is the other rule's value
        if p["validator"] == "id-number":
            problem = id_number_problem(value, signed)
        else:
            problem = VALIDATORS[p["validator"]](value)
        if problem:
            yield Hit(start, end, problem, {"value": value})


def _values(doc: Document, p: dict) -> Iterator[tuple[int, int, str]]:
    """(start, end, label line) of every labelled value."""
    text = doc.text
    cells: dict[tuple[int, int], list] = {}
    for block in doc.blocks:
        if block.cell is not None:
            cells.setdefault((block.cell.table, block.cell.row), []).append(block)
    for block in doc.blocks:
        line = text[block.start:block.end]
        for label in p["labels"].finditer(text, block.start, block.end):
            found = list(_after(text, label.end(), block.end, p))
            yield from ((s, e, line) for s, e in found)
            if not found and block.cell is not None:
                yield from _right_cells(doc, block, cells, p, line)
        if p["loose_labels"] is not None:
            for label in p["loose_labels"].finditer(text, block.start, block.end):
                m = p["loose_value"].search(text, label.end(), block.end)
                if m and not _masked(text, m.start(), m.end(), p):
                    yield m.start(), m.end(), line


def _after(text: str, pos: int, limit: int, p: dict) -> Iterator[tuple[int, int]]:
    """The value right after a label (past its colon), split where it lists several numbers."""
    gap = p["gap"].match(text, pos, limit)
    pos = gap.end() if gap else pos
    stop = p["stop"].search(text, pos, limit)
    window_end = stop.start() if stop else limit
    m = p["value"].search(text, pos, window_end)
    if not m or _masked(text, m.start(), m.end(), p):
        return
    if p["validator"] == "phone" and m.start() != pos:
        return  # a phone number follows its label directly: 电话及在线响应 is not a field
    if p["split"] is None:
        yield m.span()
        return
    piece_start = m.start()
    for sep in p["split"].finditer(text, m.start(), m.end()):
        yield piece_start, sep.start()
        piece_start = sep.end()
    yield piece_start, m.end()


def _right_cells(doc: Document, label_block, cells, p: dict, line: str) -> Iterator[tuple[int, int, str]]:
    """Values in the cells right of a label cell (one per party column), up to the first cell
    that holds something else: the next label (电话 | | 传真 | 62661627 — that is the fax)."""
    text = doc.text
    row = sorted(cells.get((label_block.cell.table, label_block.cell.row), []), key=lambda b: b.cell.col)
    for block in row:
        if block.cell.col <= label_block.cell.col or not text[block.start:block.end].strip():
            continue
        found = list(_after(text, block.start, block.end, p))
        if not found:
            break
        for s, e in found:
            yield s, e, line


_MASK_RUN = regex(r"[Xx×*＊_＿]+")


def _masked(text: str, start: int, end: int, p: dict) -> bool:
    """A value cut by a stand-in (138XXXX1234, 9133****) is a blank, not a wrong number; the
    padding of a value typed over its line (_91320111MA1R4G7K3E____) leaves it whole."""
    left, right = max(0, start - 8), min(len(text), end + 8)
    for m in _MASK_RUN.finditer(text, left, right):
        if not p["masked"].search(m.group(0)):
            continue
        inside = start < m.end() and m.start() < end
        before = text[m.start() - 1:m.start()]
        after = text[m.end():m.end() + 1]
        joins = before.isalnum() and after.isalnum() and before.isascii() and after.isascii()
        stand_in = not re.fullmatch(r"[_＿]+", m.group(0))
        if inside or joins or (stand_in and (m.end() == start or m.start() == end)):
            return True
    return False
