"""The parts of a document that are not the parties' own contract text, or that rules treat apart.

A contract file often carries more than the contract:
- `registration`: a page that a registration office fills in (以下由技术合同登记机构填写 …);
- `stamp_duty`: the box where stamp-duty stamps are stuck (印花税票粘贴处);
- `instructions`: a 使用说明 / 填写说明 page that tells the parties how to use the form;
- `notes`: notes printed after the contract (风险提示, 特别提示 after the signing block);
- `debris`: what a web page put around a copied contract (a site's header, 下载本文档, VIP …).
Blanks there are somebody else's, drafting advice there is not a clause, and a clause found only
there is not in the contract. `signature` is the signing block, from the clause tree; `annex` an
annex printed after it (附件二：交稿进度表): contract text, but its dates and lines are not the
signing block's.

`truncated` says the document stops in the middle of the contract: no signing block, and the
last line of contract text ends mid-sentence (a preview of a longer document). A claim about the
whole document (a clause is missing) cannot be made about such a fragment.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..model import BODY, TABLE, Document
from ..regexcache import regex

OUTSIDE = frozenset({"registration", "stamp_duty", "instructions", "notes", "debris"})

_REGISTRATION = regex(
    r"^[\s（(【\[]*(?:以下|下列|本页|本栏)(?:内容|各栏|部分)?(?:由|为)[^\n]{0,16}"
    r"(?:登记机构|登记机关|登记处|登记部门|主管部门|税务机关|认定机构|审查机构|备案机关|备案机构|备案部门|经办"
    r"|协会|管理局|监督管理|委员会|鉴证机构|鉴证机关)[^\n]{0,12}填写"
    r"|^[\s【\[]*(?:技术合同)?登记(?:机构|机关|处)?(?:审查|认定)?(?:意见|栏|专用章?)\s*[：:】\]]?\s*$"
    r"|^[\s【\[]*[^\n，。；]{0,12}(?:备案登记|备案登记表|登记备案|备案信息)\s*[】\]]?\s*$")
_STAMP_DUTY = regex(r"印花税票?(?:粘贴|贴花)处|贴花处|印花税粘贴")
_INSTRUCTIONS = regex(
    r"^[\s#*【\[（(]*(?:合同|协议|文本|示范文本|本合同)?(?:使用|填写|填表|签约|签订|阅读)(?:说明|须知|指南|提示)"
    r"[\s*】\]）)：:]*$")
_NOTES = regex(r"^[\s#*【\[（(]*(?:风险提示|特别提示|重要提示|温馨提示|律师提示|法律提示|审查要点|注意事项)"
                    r"[\s*】\]）)：:]*$")
_ANNEX = regex(r"^[\s#*]*附件\s*[一二三四五六七八九十\d]*\s*[：:、.．（(《]?")
# what a web page puts around a copied text; only short lines that are nothing but this count
_WEB = regex(r"VIP|会员|下载|预览|上传|文档贡献者|文档评论|相关文档|原创力|道客巴巴|豆丁|百度文库|文库|阅读全文|"
                  r"查看更多|"
                  r"版权申诉|侵权必究|举报|收藏|分享到|点击|浏览|积分|首页\s*>|我知道了|https?://|www\.|"
                  r"版权所有|发布机关|发布年份|发布编号|文本库|搜索|关注|实名认证|第\s*\d+\s*页\s*共\s*\d+\s*页|"
                  r"猜你喜欢|相关推荐|热门推荐|精选\d*篇|本站|侵权请联系|点个?赞|评论区|相关阅读|^\s*[·•]")
_SENTENCE_END = "。；;！？!?：:」”’）)】]"
# a preview cut short says so: "……" alone on a line, 免费预览已结束, 剩余3页可下载查看
_CUT = regex(r"^[\s.…。·]+$|预览已?结束|剩余\s*\d+\s*页|余下全文|展开全文|试读结束|未完待续")


@dataclass(frozen=True)
class Region:
    kind: str
    start: int
    end: int


class Regions:
    """The special regions of one document, with a lookup by offset."""

    def __init__(self, regions: list[Region], truncated: bool) -> None:
        self.spans = tuple(sorted(regions, key=lambda r: r.start))
        self._starts = [r.start for r in self.spans]
        self.truncated = truncated

    def at(self, offset: int) -> str | None:
        """The kind of the innermost region holding the offset (None: ordinary contract text)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0:
            region = self.spans[i]
            if region.start <= offset < region.end:
                return region.kind
            i -= 1
        return None

    def outside(self, offset: int) -> bool:
        """Is the offset in a part that is not the parties' contract text?"""
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0:
            region = self.spans[i]
            if region.kind in OUTSIDE and region.start <= offset < region.end:
                return True
            i -= 1
        return False

    def of_kind(self, kind: str) -> list[Region]:
        return [r for r in self.spans if r.kind == kind]


_PARTY_LINE = regex(r"[\s#*>]*(?:甲方|乙方|委托方|受托方|委托人|受托人|出租方|承租方|出卖人|买受人|买方|卖方|"
                         r"服务方|需求方|发包方|承包方|转让方|受让方|数据委托方|数据受托方)[^\n]{0,12}[：:]")


def find(doc: Document, titles: list[tuple[int, int]]) -> Regions:
    text = doc.norm
    blocks = [b for b in doc.blocks if b.part in (BODY, TABLE)]
    end = len(text)
    regions = [Region("signature", c.start, c.end) for c in doc.clauses if c.kind == "signature"]
    signing_start = regions[0].start if regions else None
    heading_at: list[tuple[int, str]] = []  # section headings that start a region running on
    for block in blocks:
        line = text[block.start:block.end]
        if _STAMP_DUTY.search(line):
            regions.append(_stamp_box(doc, block))
        elif _REGISTRATION.search(line):
            heading_at.append((block.start, "registration"))
        elif len(line.strip()) <= 24 and _INSTRUCTIONS.match(line):
            heading_at.append((block.start, "instructions"))
        elif signing_start is not None and block.start > signing_start and len(line.strip()) <= 24 \
                and _NOTES.match(line):
            heading_at.append((block.start, "notes"))
        elif _ANNEX.match(line) and (heading_at or (signing_start is not None and block.start > signing_start)):
            heading_at.append((block.start, "annex"))
    for i, (start, kind) in enumerate(heading_at):
        stop = heading_at[i + 1][0] if i + 1 < len(heading_at) else end
        if kind == "annex":
            if signing_start is not None and start > signing_start:
                regions.append(Region(kind, start, stop))
            continue
        if kind == "instructions":  # printed before the contract: it ends where the contract starts
            stop = min(stop, _contract_start_after(doc, blocks, titles, start) or stop)
        regions.append(Region(kind, start, stop))
    debris_before, debris_after = _debris(doc, blocks, titles[0] if titles else None)
    if debris_before:
        regions.append(Region("debris", 0, debris_before))
    if debris_after is not None:
        regions.append(Region("debris", debris_after, end))
    truncated = signing_start is None and _ends_mid_sentence(doc, blocks, debris_after)
    return Regions(regions, truncated)


def _contract_start_after(doc: Document, blocks, titles, after: int) -> int | None:
    """Where the contract starts after an instructions page: its title, or its first party line."""
    starts = [t[0] for t in titles if t[0] > after]
    starts += [b.start for b in blocks if b.start > after and _PARTY_LINE.match(doc.norm, b.start, b.end)][:1]
    return min(starts) if starts else None


def _stamp_box(doc: Document, block) -> Region:
    """The stamp-duty box: its table when it stands in a small one, else its own paragraph."""
    if block.cell is not None:
        cells = [b for b in doc.blocks if b.cell is not None and b.cell.table == block.cell.table]
        if len(cells) <= 6:
            return Region("stamp_duty", min(b.start for b in cells), max(b.end for b in cells) + 1)
    return Region("stamp_duty", block.start, block.end + 1)


def _is_web_line(line: str) -> bool:
    line = line.strip()
    return bool(line) and len(line) <= 60 and _WEB.search(line) is not None


def _debris(doc: Document, blocks, title: tuple[int, int] | None) -> tuple[int, int | None]:
    """(end of the web-page text before the title, start of the web-page text after the contract)."""
    text = doc.norm
    before = 0
    if title is not None:
        lines = [text[b.start:b.end] for b in blocks if b.end <= title[0] and text[b.start:b.end].strip()]
        if lines and sum(_is_web_line(line) for line in lines) >= max(1, len(lines) // 3):
            before = title[0]
    # after: the web-page lines at the end, allowing single short lines between them (发布机关： /
    # 市场监管总局 / 发布年份： / 2025年)
    after, gap = None, False
    tail = [b for b in blocks if text[b.start:b.end].strip()]
    for block in reversed(tail):
        line = text[block.start:block.end]
        if _is_web_line(line):
            after, gap = block.start, False
        elif len(line.strip()) <= 20 and not gap:
            gap = True
        else:
            break
    return before, after


def _ends_mid_sentence(doc: Document, blocks, debris_after: int | None) -> bool:
    """The last paragraph of contract text is a sentence cut short: long enough to be prose (not
    a field or a table cell) and not ended by punctuation."""
    text = doc.norm
    content = [b for b in blocks if text[b.start:b.end].strip() and (debris_after is None or b.start < debris_after)]
    if len(content) < 5:
        return False
    tail = text[content[-1].start:content[-1].end] if debris_after is None else text[content[-1].start:]
    if any(_CUT.search(line) for line in tail.splitlines()[:6]):
        return True
    if content[-1].cell is not None:
        return False
    last = text[content[-1].start:content[-1].end].strip()
    return len(last) >= 12 and last[-1] not in _SENTENCE_END
