"""Kind `party-names`: a party's full name spelled one way in the party block, another elsewhere.

The party block is the `甲方（委托方）：X` lines of the 首部 (or a table cell `甲方名称` with X
in the cell to its right); the first full name given for a role is the party's name. It is
compared with
- the signing block: `甲方（盖章）：Y`;
- later party lines of the 首部 for the same role;
- a payee: `户名：Y`, `账户名称 | Y` … (`payee_labels`), whose role is the last role word
  before the label in its paragraph or the paragraph before (乙方收款账户——户名：Y); with no
  role word, the payee is compared with the only party of the same kind, or with the party
  whose name is close enough (`similarity`) — a payee unlike every party is a third party.

Both must be full names of the same kind: an organisation (ending in one of `org_suffixes`)
or a person (2–4 Chinese characters). An organisation signed for by a person (个体工商户 signed
by its owner) is not a mismatch, nor are blanks, placeholders, or abbreviations (they are
never full names). A note in brackets after a name (（个体工商户）) is not part of it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Hit
from ..model import Document
from ..regexcache import regex
from .common import words

_LABELLED = regex(r"\s*(?:[-*>#]+\s*)?(?P<label>[^\n：:，,；;。]{1,20}?)\s*[：:]\s*")
_PARENS = regex(r"[（(][^（）()]*[）)]")
_VALUE_END = regex(r"[，,；;。\t\n]|\s{2,}|(?<=\S)\s+(?=\S+[：:])")
_PLACEHOLDER = regex(r"[_＿\[\]【】«»{}〔〕<>]|XX|××|某某")
_PERSON = regex(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8}")


@dataclass(frozen=True)
class _Name:
    role: str | None
    value: str
    start: int
    end: int
    where: str  # party | signature | payee


def prepare(params: dict) -> dict:
    roles = list(params["roles"])
    return {"roles": words(roles), "main_roles": words(params["main_roles"]),
            "name_words": words(params["name_words"]), "payee": words(params["payee_labels"]),
            "org": regex(f"(?:{'|'.join(map(re.escape, params['org_suffixes']))})$"),
            "not_payee_before": tuple(params.get("not_payee_before") or ()),
            "not_name_start": tuple(params.get("not_name_start") or ()),
            "similarity": float(params.get("similarity", 0.6))}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    names = list(_names(doc, p))  # a table cell "甲方（盖章）：某公司" holds its label and its value
    parties: dict[str, str] = {}
    for name in names:
        if name.where == "party" and name.role and name.role not in parties and _kind(name.value, p):
            parties[name.role] = name.value
    if not parties:
        return
    for name in names:
        kind = _kind(name.value, p)
        if kind is None or _norm(name.value) in {_norm(v) for v in parties.values()}:
            continue
        if name.role is not None and name.role not in parties:
            continue  # a role with no full name in the party block
        role = name.role or _closest(name.value, kind, parties, p)
        if role is None:
            continue
        expected = parties[role]
        if _kind(expected, p) == kind and _norm(expected) != _norm(name.value):
            yield Hit(name.start, name.end, name.where,
                      {"role": role, "name": expected, "other": name.value})


def _names(doc: Document, p: dict) -> Iterator[_Name]:
    text = doc.norm
    cells = {(b.cell.table, b.cell.row, b.cell.col): b for b in doc.blocks if b.cell is not None}
    previous = None
    for block in doc.blocks:
        clause = doc.clause_at(block.start)
        part = clause.kind if clause else None
        inline = block.cell is not None and re.search(r"[：:]\s*\S", text[block.start:block.end])
        if block.cell is not None and not inline:
            label = text[block.start:block.end].strip().rstrip("：:")
            right = cells.get((block.cell.table, block.cell.row, block.cell.col + 1))
            if right is not None and label:
                value = _value_span(text, right.start, right.end)
                if p["payee"].fullmatch(label):
                    role = _role_before(doc, block, previous, block.start, p)
                    yield from _named(doc, role, value, "payee", p)
                elif role := _party_label(label, p):
                    yield from _named(doc, role, value, _where(part), p)
        else:
            for m in _labels(text, block.start, block.end):
                role = _party_label(m.group("label"), p)
                if role:
                    yield from _named(doc, role, _value_span(text, m.end(), block.end), _where(part), p)
            for m in p["payee"].finditer(text, block.start, block.end):
                if text[m.start() - 1:m.start()] in p["not_payee_before"]:
                    continue  # 用户名 is a login, not an account holder
                if not _whole_word(text, m.start(), m.end(), block.start):
                    continue  # 户名 inside 客户名单 is no label
                sep = regex(r"[：:]?[ \t\u3000]*").match(text, m.end(), block.end)
                value = _value_span(text, sep.end(), block.end)
                if sep.end() == m.end() and text[value[0]:value[0] + 1] in p["not_name_start"]:
                    continue  # 户名须一致: no separator, and what follows is a sentence
                role = _role_before(doc, block, previous, m.start(), p)
                yield from _named(doc, role, value, "payee", p)
        if text[block.start:block.end].strip():
            previous = block


def _whole_word(text: str, start: int, end: int, line_start: int) -> bool:
    """Is text[start:end] a word of its sentence? Only asked when a Chinese character stands right
    before it (客户名单): then word segmentation decides, loaded only for such a case."""
    if start == line_start or not re.match(r"[\u4e00-\u9fff]", text[start - 1]):
        return True
    from ..nlp import word_starts

    left = max(line_start, start - 8)
    return start - left in word_starts(text[left:min(len(text), end + 8)])  # a word starts at the label


def _where(part: str | None) -> str | None:
    return {"preamble": "party", "signature": "signature"}.get(part or "")


def _labels(text: str, start: int, end: int) -> Iterator[re.Match]:
    """`label：` at the start of the paragraph and after a wide gap (甲方：X        乙方：Y)."""
    pos = start
    while pos < end:
        m = _LABELLED.match(text, pos, end)
        if m:
            yield m
        gap = regex(r"\s{2,}|[，,；;]\s*").search(text, m.end() if m else pos, end)
        if gap is None:
            return
        pos = gap.end()


def _value_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\u3000":
        start += 1
    stop = _VALUE_END.search(text, start, end)
    return start, min(stop.start() if stop else end, end)


def _party_label(label: str, p: dict) -> str | None:
    """The role a party line is labelled with: 甲方（委托方） 甲方, 委托方（以下称甲方） 甲方,
    设计方（乙方） 乙方, 甲方（盖章） 甲方, 出租人 出租人; None for 联系人, 地址 …"""
    label = label.replace("*", "").strip()  # **乙方（设计方）**：in Markdown
    core = p["name_words"].sub("", _PARENS.sub("", label)).strip()
    main = p["main_roles"].search(label)
    if p["roles"].fullmatch(core):
        return main.group(0) if main else core
    if main and re.fullmatch(r"[\u4e00-\u9fff]{1,5}[方人]", core):
        return main.group(0)
    return None


def _named(doc: Document, role: str | None, value: tuple[int, int], where: str | None, p) -> Iterator[_Name]:
    if where is None:
        return
    start, end = value
    name = doc.text[start:end]
    # the padding of a name typed over its line: __南京木与石空间设计有限公司____ (\_ in Markdown)
    lead = len(name) - len(name.lstrip("_＿\\ \u3000"))
    start, name = start + lead, name.strip("_＿\\ \u3000")
    # a note in brackets after the name is not part of it: （个体工商户）, （盖章）
    while (m := re.search(r"\s*[（(][^（）()]*[）)]\s*$", name)) and m.start() > 0:
        name = name[:m.start()]
    if name.strip():
        yield _Name(role, name, start, start + len(name), where)


def _role_before(doc, block, previous, at, p) -> str | None:
    """The last role word before a payee label: in its paragraph, else the one before."""
    found = p["main_roles"].findall(doc.norm, block.start, at)
    if not found and previous is not None and block.cell is None:
        found = p["main_roles"].findall(doc.norm, previous.start, previous.end)
    if not found and block.cell is not None and previous is not None:
        # a payee table: the paragraph before the table says whose account it is
        before = doc.norm.rfind("\n", 0, _table_start(doc, block))
        line_start = doc.norm.rfind("\n", 0, max(before, 0)) + 1
        found = p["main_roles"].findall(doc.norm, line_start, max(before, line_start))
    return found[-1] if found else None


def _table_start(doc: Document, block) -> int:
    return min(b.start for b in doc.blocks if b.cell is not None and b.cell.table == block.cell.table)


def _kind(value: str, p: dict) -> str | None:
    value = value.strip()
    if not value or _PLACEHOLDER.search(value) or p["roles"].fullmatch(value):
        return None
    if len(value) >= 4 and p["org"].search(value):
        return "org"
    if _PERSON.fullmatch(value):
        return "person"
    return None


def _norm(value: str) -> str:
    return re.sub(r"\s+", "", value).translate(str.maketrans("()", "（）"))


def _closest(value: str, kind: str, parties: dict[str, str], p: dict) -> str | None:
    same = {role: name for role, name in parties.items() if _kind(name, p) == kind}
    if not same:
        return None
    scored = [(difflib.SequenceMatcher(None, _core(value, p), _core(name, p)).ratio(), role)
              for role, name in same.items()]
    score, role = max(scored)
    return role if score >= p["similarity"] else None


def _core(name: str, p: dict) -> str:
    """The distinctive part of a name: without the organisation suffix."""
    return p["org"].sub("", _norm(name)) or name
