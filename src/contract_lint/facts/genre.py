"""The document's title, and the lines that look like a contract's title.

A title is a short line that names a contract type (…合同, …协议, …确认书, …委托书), near the top,
that is neither web-page text (首页 > 委托合同) nor a clause. Model texts print the title twice,
on the cover and again above the party block, so `title_lines` gives every such line among the
first lines and `title_of` the first.
"""

from __future__ import annotations

from ..model import BODY, TABLE, Document
from ..regexcache import regex

_TITLE = regex(r"(?:合同|合同书|协议|协议书|承诺书|契约|确认书|约定书|声明书?|委托书)"
                    r"\s*(?:[（(][^（）()\n]{0,12}[）)])?\s*$")
_MD = regex(r"^[\s#>*_\-]+|[*_\s]+$")
_NOT_TITLE = regex(r"首页\s*>|^\s*(?:第[^条\n]{1,5}条|[一二三四五六七八九十]+[、.]|\d+[.、])|[：:，。；]")
TITLE_LINES = 60

# What makes a document a service contract (服务合同, 委托合同, 承揽 …), read from its title and then
# its recitals: one vocabulary for every rule that only applies to service contracts. A sale, a
# lease, a transfer, an NDA, an employment contract, a platform's terms for its users and a
# revenue-share cooperation are other kinds; an exclusion in the title wins (软件项目委托测试保密协议
# is an NDA).
GENRES = {
    "service": {
        "include": ["服务", "委托", "代运营", "运营", "外包", "咨询", "推广", "劳务", "兼职", "设计", "代理", "顾问",
                    "技术", "维护", "运维", "家教", "培训", "策划", "营销", "承揽", "制作", "开发", "测试", "主播",
                    "客服", "摄影", "拍摄", "翻译", "保洁", "维保", "托管"],
        "exclude": ["买卖", "购销", "采购", "销售合同", "租赁", "经销", "分销", "代销", "加盟", "借款", "担保",
                    "保证合同", "抵押", "质押", "保密", "承诺书", "竞业", "劳动合同", "转让", "许可使用",
                    "入驻", "用户协议", "用户服务协议", "平台服务协议", "平台规则", "隐私政策", "分成"],
    },
}
RECITAL_CHARS = 600


def title_lines(doc: Document) -> list[tuple[int, int]]:
    """Spans of the lines near the top that read as a contract's title."""
    found = []
    seen = 0
    for block in doc.blocks:
        if block.part not in (BODY, TABLE):
            continue
        line = doc.norm[block.start:block.end]
        if not line.strip():
            continue
        seen += 1
        if seen > TITLE_LINES:
            break
        clean = _MD.sub("", line)
        if 2 <= len(clean) <= 40 and _TITLE.search(clean) and not _NOT_TITLE.search(clean):
            offset = line.find(clean)
            found.append((block.start + offset, block.start + offset + len(clean)))
    return found


def title_of(doc: Document) -> tuple[int, int] | None:
    lines = title_lines(doc)
    return lines[0] if lines else None


def recitals_of(doc: Document) -> str:
    for clause in doc.clauses:
        if clause.kind == "preamble":
            return doc.norm[clause.start:clause.end][:RECITAL_CHARS * 3]
    return doc.norm[:RECITAL_CHARS]
