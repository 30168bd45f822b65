"""Kind `account-liability`: who keeps an operated account safe, and who bears its losses.

An account is in scope when the service provider operates through it for the client: a shop's
seller centre, a 公众号 or 视频号, a live room's 中控, an advertising account, a payment account
whose access is handed over; its kind is read from the words around 账号/账户/密码/权限/登录 with
the rule's `account_kinds` lexicon (a team can extend it). A bank account named only to be paid
into, or a test login, is not in scope.

For every sentence that mentions such an account and assigns a duty about it (safekeeping, or
bearing the losses of misuse), find the party the duty falls on:
- a noun-like duty (其保管责任…损失，由X…) is governed by the 由-phrase that follows it;
- otherwise a party right after 由 in the duty's own segment ("管理责任由乙方承担");
- otherwise the nearest party word before the duty in the same sentence that is its subject (the
  segmenter's words tell "甲方提供的账号" — an attribute — from "乙方应保管" — a subject);
- otherwise a single party named in the clause heading ("乙方的义务：").
The assignment is ambiguous when that party is a blank, joint or either-or (双方共同管理), left to
later negotiation (由双方另行协商分担), a vague word (相关责任方, 过错方), or missing. Two more
forms are ambiguous: custody given to one party and the losses, unconditionally, to the other
(由乙方保管……损失由甲方承担), and two clauses that give the same account's safekeeping to
different parties (reported at the second). Custody and losses are read together within one
article (6.1 由乙方保管 … 6.2 损失由甲方承担), or one paragraph where there are no articles. A
loss rule that follows fault (因乙方保管不善造成的损失由乙方承担) is clear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Hit
from ..model import Document
from ..regexcache import regex
from .common import compile_any, words

NEEDS_TOKENS = True
_PLACEHOLDER = r"\[[^\]\n]{0,60}\]|【[^】\n]{0,60}】|［[^］\n]{0,60}］|_{2,}|＿{2,}|[Xx×]{2,}|（\s*）|\(\s*\)"
_PLACEHOLDER_RE = regex(_PLACEHOLDER)
_SEGMENT_STOP = regex(rf"(?:{_PLACEHOLDER})|([，,；;。])")
_CREDENTIALS = {"密码", "登录凭证", "登录信息"}
# words that stand before an account word without naming a particular account
_FUNCTION_WORDS = {"因", "由", "对", "将", "把", "为", "在", "与", "和", "及", "或", "其", "该", "此", "上述", "的",
                   "被", "若", "如", "使用", "提供", "开设", "通过", "登录", "各"}
_FUNCTION_CHARS = "因由对将把为在与和及或其该此的被若如各"
# a duty that names a thing rather than an act: the 由-phrase after it says whose it is
_NOUN_DUTY = regex(r"(?:责任|损失|后果|风险|工作)$|^保管(?=责任)")


def prepare(params: dict) -> dict:
    parties = words(params["parties"])
    party = parties.pattern
    vague = words(params["vague"]).pattern
    joint = compile_any(params["joint"]).pattern
    later = compile_any(params["later"]).pattern
    expr = (rf"(?P<blank>{_PLACEHOLDER})|(?P<later>(?:{joint}|{party})?\s*(?:{later}))"
            rf"|(?P<joint>(?:{party})\s*(?:或者|或|和|与|及|、|/)\s*(?:{party})|{joint})"
            rf"|(?P<vague>{vague})|(?P<named>{party})")
    kinds = params["account_kinds"]
    if not isinstance(kinds, dict) or not all(isinstance(v, list) and v for v in kinds.values()):
        raise ValueError("account_kinds maps a kind of account to the words that name it")
    return {
        "account": words(params["account_terms"]),
        "kinds": {kind: words(items) for kind, items in kinds.items()},
        "kind_lists": {kind: list(items) for kind, items in kinds.items()},
        "kinds_any": words([item for items in kinds.values() for item in items]),
        "generic_qualifiers": set(params.get("generic_qualifiers") or ()),
        "handed_over": compile_any(params["handed_over"]),
        "paid_into": compile_any(params["paid_into"]),
        "excluded_before": compile_any(params["excluded_before"]),
        "excluded_after": compile_any(params["excluded_after"]),
        "keep": compile_any(params["keep_duties"]),
        "loss": compile_any(params["loss_duties"]),
        "sub": words(params["sub_account_terms"]),
        "conditional": compile_any(params["conditional"]),
        "party_expr": regex(expr),
        "after_you": regex(rf"由\s*(?:{expr})"),
        "not_subject_next": set(params["not_subject_next"]),
        "not_subject_prev": set(params["not_subject_prev"]),
        # words segmentation must keep whole: a kind of account (千川, 视频号) names the account after it
        "vocabulary": tuple(dict.fromkeys([item for items in kinds.values() for item in items]
                                          + list(params["account_terms"]))),
    }


def describe(p: dict) -> dict[str, list[str]]:
    """What `explain` lists: the kinds of account the rule reads."""
    return {"账号类型": [f"{kind}：{'、'.join(items)}" for kind, items in p["kind_lists"].items()]}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    from ..nlp import know, tokens

    know(p["vocabulary"])
    text = doc.norm
    keepers: list[tuple[str, str, int]] = []  # (account, party, offset) of clear safekeeping duties
    # per article (else paragraph) and account: who keeps it
    custodians: dict[tuple[int, str | None], tuple[str, tuple[int, int]]] = {}
    reported_in: set[str | None] = set()  # one ambiguity per clause: the same defect said twice is one
    for s_start, s_end in doc.sentence_spans:
        sentence = text[s_start:s_end]
        account = _account_in(sentence, p)
        if account is None or _is_heading(doc, s_start, sentence):
            continue
        blanks = [m.span() for m in _PLACEHOLDER_RE.finditer(sentence)]
        duties = sorted([(m, "keep") for m in p["keep"].finditer(sentence)]
                        + [(m, "loss") for m in p["loss"].finditer(sentence)], key=lambda d: d[0].start())
        # words inside a blank ("[约定方，建议甲方承担更多责任]") are drafting notes, not duties
        duties = [(m, k) for m, k in duties if not any(s <= m.start() < e for s, e in blanks)]
        reported = False
        article = doc.top_clause_at(s_start, ("article", "chapter"))
        block = doc.block_at(s_start)
        paragraph = article.start if article is not None else block.start if block is not None else s_start
        clause = doc.clause_label(s_start)
        for duty, kind in duties:
            party, span, by = _responsible(doc, sentence, s_start, duty, p, tokens)
            if party in ("blank", "joint", "later", "vague", "none"):
                if not reported and clause not in reported_in:
                    reported = True
                    reported_in.add(clause)
                    yield Hit(s_start + span[0], s_start + span[1], party, {"duty": duty.group(0)})
                continue
            conditional = p["conditional"].search(sentence[:duty.start()]) is not None
            which = _account_key(sentence, duty.start(), p, tokens)
            if kind == "keep" and not conditional:
                custodians.setdefault((paragraph, which), (party, (s_start + span[0], s_start + span[1])))
                for other_which, other_party, where in keepers:
                    if other_which == which and other_party != party and not reported:
                        reported = True
                        yield Hit(s_start + span[0], s_start + span[1], "conflict",
                                  {"party": party, "other": other_party,
                                   "other_clause": doc.clause_label(where) or "前文"})
                keepers.append((which, party, s_start + duty.start()))
            elif kind == "loss" and by and (custodian := _custodian(custodians, paragraph, which)) \
                    and party != custodian[0] and not reported and not _fault_based(sentence, duty.start(), p):
                # 由乙方保管……损失由甲方承担 (in one article): the keeper does not pay for its failures
                reported = True
                # on both when they share a paragraph; else on the loss rule, naming the keeper
                same = block is not None and block.start <= custodian[1][0] < block.end
                yield Hit(custodian[1][0] if same else s_start + span[0], s_start + span[1], "split",
                          {"party": custodian[0], "other": party, "account": account})


def _account_in(sentence: str, p: dict) -> str | None:
    """The operated account the sentence is about (its kind, or 账号), or None."""
    for m in p["account"].finditer(sentence):
        before = sentence[max(0, m.start() - 8):m.start()]
        after = sentence[m.end():m.end() + 6]
        if p["excluded_before"].search(before) or p["excluded_after"].match(after):
            continue
        kind = _kind_near(sentence, m.start(), p)
        if kind == "收款账户" and not p["handed_over"].search(sentence):
            continue  # an account money is paid into, not one the provider works in
        if p["paid_into"].search(sentence[max(0, m.start() - 12):m.start()]):
            continue
        return kind or m.group(0)
    return None


def _kind_near(sentence: str, at: int, p: dict) -> str | None:
    """The kind named closest before an account word (within the sentence), else after it."""
    best: tuple[int, str] | None = None
    for kind, pattern in p["kinds"].items():
        for m in pattern.finditer(sentence):
            distance = at - m.end() if m.end() <= at else (m.start() - at) + 100
            if best is None or distance < best[0]:
                best = (distance, kind)
    return best[1] if best else None


def _is_heading(doc: Document, start: int, sentence: str) -> bool:
    """An article title such as "账号的保管与使用" names a topic; it assigns nothing."""
    if len(sentence) > 30 or any(ch in sentence for ch in "，,。；;"):
        return False
    clause = doc.clause_at(start)
    while clause is not None:
        if clause.kind in ("article", "clause") and clause.start <= start <= clause.start + 12:
            return True
        clause = doc.clauses[clause.parent] if clause.parent is not None else None
    return False


def _account_key(sentence: str, at: int, p: dict, tokens) -> str | None:
    """Which account a duty at `at` is about, so that a split (主账号/子账号, 管理员账号/维护账号) is
    not mistaken for a conflict: its tier (sub or main) and the word that names it right before the
    account word (管理员, 维护, 千川); generic words (店铺, 后台, 该) name no particular account.
    The account word nearest before the duty counts (after it, when none stands before). None when
    the sentence names no account near the duty."""
    # a password belongs to the account named before it: 管理员账号及密码, 该子账号的密码
    terms = [m for m in p["account"].finditer(sentence) if m.group(0) not in _CREDENTIALS] or \
        list(p["account"].finditer(sentence))
    before = [m for m in terms if m.start() < at][::-1]
    after = [m for m in terms if m.start() >= at]
    term = (before or after or [None])[0]
    if term is None:
        return None
    tier = "sub" if p["sub"].fullmatch(term.group(0)) else "main"
    words_ = [w for w, offset in tokens(sentence[:term.start()]) if offset + len(w) <= term.start()]
    qualifier = words_[-1] if words_ and sentence[term.start() - 1:term.start()] not in _FUNCTION_CHARS else ""
    if qualifier in p["generic_qualifiers"] or qualifier in _FUNCTION_WORDS \
            or not re.fullmatch(r"[\u4e00-\u9fffA-Za-z]{1,6}", qualifier):
        qualifier = ""
    return f"{tier}:{qualifier}"


def _custodian(custodians: dict, paragraph: int, which: str | None):
    """The keeper of the account a loss rule speaks of, in the same article: the same account, or,
    when the loss rule names no particular account (账号被盗用), the article's only one of its tier."""
    if (paragraph, which) in custodians:
        return custodians[(paragraph, which)]
    tier = which.split(":")[0] if which and which.endswith(":") else None
    here = [v for (para, key), v in custodians.items()
            if para == paragraph and (which is None or (tier is not None and key and key.startswith(tier + ":")))]
    return here[0] if len(here) == 1 else None


def _fault_based(sentence: str, at: int, p: dict) -> bool:
    """因乙方保管不善造成的损失: a loss rule that follows fault is no split of custody."""
    segment_start = max(sentence.rfind(ch, 0, at) for ch in "；;") + 1
    return p["conditional"].search(sentence, segment_start, at) is not None


def _responsible(doc, sentence: str, base: int, duty: re.Match, p: dict, tokens):
    """(kind of party, span in the sentence to report, whether a 由-phrase names it) for one duty."""
    segment_end = _segment_end(sentence, duty.end())
    # "其保管责任及因泄露造成的损失，由双方另行协商分担": a noun-like duty is governed by the
    # 由-phrase after it, even past a comma
    if _NOUN_DUTY.search(duty.group(0)):
        later = p["after_you"].search(sentence, duty.end())
        if later and not p["party_expr"].search(sentence, duty.end(), segment_end):
            return _classify(later), (duty.start(), later.end()), True
    # "…由X负责/承担": the party after 由, within the duty's own segment.
    by = p["after_you"].search(sentence, duty.start(), segment_end) or \
        p["after_you"].search(sentence, _segment_start(sentence, duty.start()), duty.start())
    if by:
        return _classify(by), (min(by.start(), duty.start()), max(by.end(), duty.end())), True
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
        return _classify(m), (m.start(), duty.end()), False
    # "…的保管，以及…的损失，由X承担": one 由-phrase later in the sentence governs the duty.
    later = p["after_you"].search(sentence, duty.end())
    if later:
        return _classify(later), later.span(), True
    heading = _heading_party(doc, base, p)
    if heading:
        return heading, (duty.start(), duty.end()), False
    return "none", (duty.start(), duty.end()), False


def _classify(m: re.Match) -> str:
    for kind in ("blank", "later", "joint", "vague"):
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
