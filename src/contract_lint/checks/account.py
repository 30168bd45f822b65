"""Kind `account-liability`: who keeps the shop account safe, and who bears its losses.

For every sentence that mentions an in-scope account (shop back office, sub-account,
password; not a bank account or a test login) and assigns a duty about it (safekeeping, or
bearing the losses of misuse), find the party the duty falls on:
- a party right after 由 ("管理责任由乙方承担"), otherwise
- the nearest party word before the duty in the same sentence that is its subject (the
  segmenter's words tell "甲方提供的账号" — an attribute — from "乙方应保管" — a subject),
  otherwise
- a single party named in the clause heading ("乙方的义务：").
The assignment is ambiguous when that party is a blank, a joint or either-or expression,
a vague word (相关责任方), or missing. Two clauses that give the same safekeeping duty for
the same account to different parties are a conflict, reported at the second.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Hit
from ..model import Document
from .common import compile_any, words

NEEDS_TOKENS = True
_PLACEHOLDER = r"\[[^\]\n]{0,60}\]|【[^】\n]{0,60}】|［[^］\n]{0,60}］|_{2,}|＿{2,}|[Xx×]{2,}|（\s*）|\(\s*\)"
_PLACEHOLDER_RE = re.compile(_PLACEHOLDER)
_SEGMENT_STOP = re.compile(rf"(?:{_PLACEHOLDER})|([，,；;。])")


def prepare(params: dict) -> dict:
    parties = words(params["parties"])
    party = parties.pattern
    vague = words(params["vague"]).pattern
    joint = compile_any(params["joint"]).pattern
    expr = (rf"(?P<blank>{_PLACEHOLDER})|(?P<joint>(?:{party})\s*(?:或者|或|和|与|及|、|/)\s*(?:{party})|{joint})"
            rf"|(?P<vague>{vague})|(?P<named>{party})")
    return {
        "account": words(params["account_terms"]),
        "excluded_before": compile_any(params["excluded_before"]),
        "excluded_after": compile_any(params["excluded_after"]),
        "keep": compile_any(params["keep_duties"]),
        "loss": compile_any(params["loss_duties"]),
        "sub": words(params["sub_account_terms"]),
        "generic_qualifiers": set(params["generic_qualifiers"]),
        "conditional": compile_any(params["conditional"]),
        "party_expr": re.compile(expr),
        "after_you": re.compile(rf"由\s*(?:{expr})"),
        "not_subject_next": set(params["not_subject_next"]),
        "not_subject_prev": set(params["not_subject_prev"]),
    }


def run(doc: Document, p: dict) -> Iterator[Hit]:
    from ..nlp import tokens

    text = doc.text
    keepers: list[tuple[str, str, int]] = []  # (account kind, party, offset) of clear safekeeping duties
    for s_start, s_end in doc.sentence_spans:
        sentence = text[s_start:s_end]
        if not _mentions_account(sentence, p) or _is_heading(doc, s_start, sentence):
            continue
        blanks = [m.span() for m in _PLACEHOLDER_RE.finditer(sentence)]
        duties = sorted([(m, "keep") for m in p["keep"].finditer(sentence)]
                        + [(m, "loss") for m in p["loss"].finditer(sentence)], key=lambda d: d[0].start())
        # words inside a blank ("[约定方，建议甲方承担更多责任]") are drafting notes, not duties
        duties = [(m, k) for m, k in duties if not any(s <= m.start() < e for s, e in blanks)]
        reported = False
        for duty, kind in duties:
            party, span = _responsible(doc, sentence, s_start, duty, p, tokens)
            if party in ("blank", "joint", "vague", "none"):
                if not reported:
                    reported = True
                    start, end = span
                    yield Hit(s_start + start, s_start + end, party, {"duty": duty.group(0)})
                continue
            if kind == "keep" and not p["conditional"].search(sentence[:duty.start()]):
                account = _account_kind(sentence, duty.start(), p)
                for other_kind, other_party, where in keepers:
                    if other_kind == account and other_party != party and not reported:
                        reported = True
                        start, end = span
                        yield Hit(s_start + start, s_start + end, "conflict",
                                  {"party": party, "other": other_party,
                                   "other_clause": doc.clause_label(where) or "前文"})
                keepers.append((account, party, s_start + duty.start()))


def _is_heading(doc: Document, start: int, sentence: str) -> bool:
    """An article title such as "账号的保管与使用" names a topic; it assigns nothing."""
    return len(sentence) <= 30 and not any(ch in sentence for ch in "，,。；;") and \
        any(c.start <= start <= c.start + 12 and c.kind in ("article", "clause") for c in doc.clauses)


def _account_kind(sentence: str, duty_start: int, p: dict) -> str:
    """Which account a duty is about, so that a split (主账号/子账号, 管理员账号/运维账号) is not
    mistaken for a conflict. The account words nearest before the duty decide (after it, when
    none stands before):
    a sub-account term, 主账号, or a bare term (账号, 密码) with a telling qualifier before it
    ("运维账号"); bare terms with a generic qualifier ("店铺账号", "其密码") say nothing."""
    terms = list(p["account"].finditer(sentence))
    before = [m for m in terms if m.start() < duty_start][::-1]
    after = [m for m in terms if m.start() >= duty_start]
    for term in before or after:  # the object of "乙方应妥善保管该子账号" comes after the verb
        word = term.group(0)
        if p["sub"].fullmatch(word):
            return "sub"
        if word.startswith("主"):
            return "main"
        qualifier = sentence[max(0, term.start() - 2):term.start()]
        if word in p["generic_qualifiers"] and qualifier and qualifier[-1] not in "的其该及和与、，,；; " \
                and qualifier not in p["generic_qualifiers"] and qualifier[-1] not in "铺台营号":
            return qualifier
    return "main"


def _mentions_account(sentence: str, p: dict) -> bool:
    for m in p["account"].finditer(sentence):
        before = sentence[max(0, m.start() - 8):m.start()]
        after = sentence[m.end():m.end() + 6]
        if p["excluded_before"].search(before) or p["excluded_after"].match(after):
            continue
        return True
    return False


def _responsible(doc, sentence: str, base: int, duty: re.Match, p: dict, tokens):
    """(kind of party, span in the sentence to report) for one duty."""
    # "…由X负责/承担": the party after 由, within the duty's own segment.
    segment_end = _segment_end(sentence, duty.end())
    by = p["after_you"].search(sentence, duty.start(), segment_end) or \
        p["after_you"].search(sentence, _segment_start(sentence, duty.start()), duty.start())
    if by:
        return _classify(by), (min(by.start(), duty.start()), max(by.end(), duty.end()))
    # The nearest subject before the duty in its sentence.
    words_ = tokens(sentence[:duty.start()])
    for i in range(len(words_) - 1, -1, -1):
        _, offset = words_[i]
        m = p["party_expr"].match(sentence, offset)
        if not m:
            continue
        nxt = words_[i + 1][0] if i + 1 < len(words_) else ""
        prev = words_[i - 1][0] if i > 0 else ""
        if nxt in p["not_subject_next"] or prev in p["not_subject_prev"]:
            continue
        return _classify(m), (m.start(), duty.end())
    # "…的保管，以及…的损失，由X承担": one 由-phrase later in the sentence governs the duty.
    later = p["after_you"].search(sentence, duty.end())
    if later:
        return _classify(later), later.span()
    heading = _heading_party(doc, base, p)
    if heading:
        return heading, (duty.start(), duty.end())
    return "none", (duty.start(), duty.end())


def _classify(m: re.Match) -> str:
    for kind in ("blank", "joint", "vague"):
        if m.group(kind):
            return kind
    return m.group("named")


def _heading_party(doc: Document, offset: int, p: dict) -> str | None:
    clause = doc.clause_at(offset)
    while clause is not None:
        found = {m.group("named") for m in p["party_expr"].finditer(clause.title) if m.group("named")}
        if len(found) == 1:
            return found.pop()
        clause = doc.clauses[clause.parent] if clause.parent is not None else None
    return None


def _segment_end(sentence: str, pos: int) -> int:
    """End of the clause segment: the next comma or semicolon that is not inside a blank."""
    for m in _SEGMENT_STOP.finditer(sentence, pos):
        if m.group(1):
            return m.start()
    return len(sentence)


def _segment_start(sentence: str, pos: int) -> int:
    cut = max(sentence.rfind(ch, 0, pos) for ch in "，,；;")
    return cut + 1
