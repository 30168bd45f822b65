"""Blanks: the places a template leaves for the parties to fill, each found once.

A blank is read from the normalised view (so `:` and `：`, `(` and `（` are one), in the parties'
own text only (not a registration page, a stamp-duty box, instructions or web-page debris).
Detectors run from the most specific to the most general, and each claims its span, so the same
words are one blank:

1. merge fields («Name», {{name}});
2. dates with a blank part (`____年__月__日`, `    年  月  日`, `从20年月日起`), one blank per date;
   a date typed over its line (`_2026__年_8_月_1_日`) is filled;
3. brackets: a bracket holding nothing, an instruction or a description of what to write
   (`[甲方地址]`) is a blank; a value kept in brackets after filling (`【张三】`, `[1.5]%`,
   `第[1、2]周`) and a note (`[注：S为学员人数]`) are not;
4. parentheses holding only blank characters or a fill-in label (`（大写：    ）`);
5. underscore runs: each run is a blank (`人民币（大写）：____元（小写）：¥____` has two), unless a
   value was typed on it: a run touching a number or a Latin letter is the padding of that value
   (`_2026__年`, `___6222 0212____`), and a field whose value stands among underscores
   (`甲方：__杭州青禾科技有限公司____`) is filled. A single underscore between words is a blank
   too (`网站_，关键词_`). Lines that hold nothing but an underline continue the blank above them:
   a field drawn over several lines is one blank;
6. a number left out before its unit: a space where it belongs (`金额为 元`, `一式 份`), or
   nothing at all where a web page dropped it (`一式份`, `每周元`, `的%`, `第条`);
7. spaces standing for a word between two words (`担任　　职务`, `处理 事务`), but not the
   spacing of a value (`第一 条`, `违约金 贰万 元整`), a heading or a gap before the next label;
8. stand-ins (`XX`, `某某`) and words saying the matter is undecided (`待定`, `TBD`);
9. a labelled field with nothing after it (`联系电话：` at the end of a line or before the next
   label; an empty table cell beside a label cell; `交付形式：。`), but not a lead-in to a list
   (`甲方委托乙方运营下列账号：`) or a party's sub-heading inside a clause (`甲方：` above its
   duties);
10. a numbered item with nothing after it in a list to be filled (`1、` … `5、`);
11. a checkbox list with no box ticked.

Signature and seal fields (`甲方（盖章）：____`) are completed by hand at signing and are not
blanks; a blank signing date is. The word lists come from the rule that asks (placeholder-unfilled's
`params`), so a team can extend them.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ..model import BODY, TABLE, Document
from ..numerals import to_int
from ..regexcache import regex
from . import of as facts_of
from .money import parse_capital
from .periods import parse_date

_PAD = "_＿ \u3000"
_BLANK_TOKEN = r"(?:_+|＿+|[ \u3000]+|\[[^\]\n]{0,20}\]|【[^】\n]{0,20}】|［[^］\n]{0,20}］|[Xx×]{1,4})"
_NUMERAL = "〇零一二三四五六七八九十"
_VALUE_CH = regex(rf"[0-9A-Za-z{_NUMERAL}壹贰叁肆伍陆柒捌玖拾]")
# what a value may end with: also the magnitudes (叁万捌仟____元 is filled; ____万元 is not)
_VALUE_END = regex(rf"[0-9A-Za-z{_NUMERAL}壹贰叁肆伍陆柒捌玖拾佰仟百千万亿]")
# a piece of text that cannot be a value typed on a line: it starts with a unit or a role's 方
# (____方违反…, ____日内) or ends where a number must follow (…本合同第____)
_NOT_VALUE_START = "方年月日天个份条款项次名元%％小时期号人篇张场页秒套间台件幢、"
_UNIT_CHARS = _NOT_VALUE_START + "周"
_NOT_VALUE_END = "第每共按计为于在向由的至到从自及和与或"
# one part of a date: padding, digits or numerals, a bracket, a stand-in; at most a few characters
_PART = rf"(?:[_＿ \u3000Xx×]|\d|[{_NUMERAL}]|\[[^\]\n]{{0,20}}\]|【[^】\n]{{0,20}}】|［[^］\n]{{0,20}}］){{0,24}}"
_DATE = regex(rf"(?P<y>{_PART})年(?P<m>{_PART})月(?:(?P<d>{_PART})日)?")  # no day: a month
_FILLED_PART = regex(rf"\d+|[{_NUMERAL}]+")
_AFTER_MONTH = regex(r"[起止至份底末初前后内，。；、\s]|$")  # 自____年__月起: a month, not a date cut short
_DATE_BRACKET = regex(r"(?:\d{4}|[〇零一二三四五六七八九]{4})[ \u3000]*年[ \u3000]*"
                           r"(?:\[[^\]\n]{0,20}\]|【[^】\n]{0,20}】|［[^］\n]{0,20}］)")
_MERGE = regex(r"«[^»\n]{1,40}»|<<[^<>\n]{1,30}>>|MERGEFIELD\s+[^\s\n]+")
_CURLY = regex(r"\{\{[^{}\n]{0,40}\}\}|\$\{[^{}\n]{0,40}\}")
_PAREN = regex(r"（([^（）\n]{0,30})）")
_UNDERSCORES = regex(r"[_＿]+")
_ONLY_BLANK = regex(r"^[\s_＿\u3000]*$")
_DIGITS_ONLY = regex(r"^\s*[\d\-–—/]+\s*$")
_LATIN_TASK = regex(r"^\s*(?:[-*+]\s*)?\[[ xX]\]\s")
# a value kept inside brackets after filling: a number, a list of numbers, a person's name
_BRACKET_VALUE = regex(rf"[\d.,，、%％\s{_NUMERAL}]+(?:[年月日周天个%％元万])?"
                            r"|[\d.]+\s*(?:万元|元|%|％|天|日|个月|年)")
# a name kept in brackets after filling: an organisation or a bank branch (【中国建设银行苏州吴中支行】)
_ORG_NAME = regex(r"[\u4e00-\u9fff（）()A-Za-z\d]{2,40}"
                       r"(?:有限公司|有限责任公司|股份公司|公司|集团|支行|分行|银行|分理处|营业部"
                       r"|事务所|研究院|研究所|委员会|协会|大学|学院|医院|工作室|商行|合作社|中心)")
_STAND_IN = regex(r"[Xx×＊*]{2}|某某|某")
# what a blank's description says (【乙方开户银行】, 【甲方名称】), which a value does not
_DESCRIPTION = regex(r"[甲乙丙丁]方|开户|名称|全称|地址|所在地|指定|约定|填写|具体|对方|本方|双方")
_UNDECIDED = regex(r"视[^】\]］]{0,4}而定|另行(?:协商|约定|确定)|一段时间|适当(?:的)?(?:期限|时间|金额)|待定")
_IDENTIFIER = regex(r"(?=[0-9A-Z]*\d{6})[0-9A-Z]{15,20}")
_INSTRUCTION = regex(r"删除本[款条项]|删除此[款条项]|保留本[款条项]|二选一|择一|划掉|划去|可选条款|选择性条款"
                          r"|不适用的删除")
_WEB_BUTTON = regex(r"举报|收藏|分享|下载|打印|评论|点赞|关注|复制|纠错|全文|展开|返回顶部|VIP|首页")
_NAME_LABEL = regex(r"(?:姓名|联系人|代表人?|负责人|经办人|经理|顾问|讲师|主播|摄影师|设计师|甲方|乙方|本人|委托人"
                         r"|受托人)(?:（[^（）]*）)?[：\s]*$")
_NOTE = regex(r"^\s*(?:注|说明|备注|提示|例|示例)\s*[：:]")
# what may stand before a bracketed heading on its line: indentation, Markdown, a clause number
_HEADING_POSITION = regex(
    r"^[\s\u3000]*(?:#+\s*|[-*>]\s*|\*\*)*(?:第[^条\n]{1,5}条|\d+(?:[.．]\d+)*[.、．]?|[一二三四五六七八九十]+、"
    r"|（[一二三四五六七八九十\d]+）)?[\s\u3000]*$")
_UNIT_AFTER_SPACE = regex(
    r"[ \u3000]+(?:个工作日|个自然日|个月|工作日|小时|分钟|万元|元|%|日|天|年|项|条|款|份|次|名|倍|套|张|篇"
    r"|幢|间|台|件|号|秒|(?=（大写))"
    r"(?![期度龄目件数份称单下额码：:])")  # "日期", "年度", "项目", "户　名：" are words, not units
# a number missing altogether, where a web page collapsed its blank
# a line that names a party's person or entity, value filled: 新郎：__顾远舟__, 姓名：张三
_NAMED_BELOW = regex(r"(?:姓名|名称|新郎|新娘|户主|学员|学生|家长|监护人|本人)\s*[：:][_＿ \u3000]*[^\s_＿：]")
_TOTAL_ROW = regex(r"(?:合计|小计|总计|共计|总价|总金额|合计金额)(?:（[^（）]*）)?")
_PADDED_NUMBER_BEFORE = regex(rf"[\d{_NUMERAL}][_＿ \u3000]+$")
_COLLAPSED = regex(
    r"(?:一式|各执|执|共计|合计|共)(?=[份页条项次个名张篇])"
    r"|(?<![\d.%％〇零一二三四五六七八九十百千万半两几\s（(\]】］)）])(?=[%％‰](?![a-zA-Z]))"
    r"|第(?=[条款项章节页期次周]|个(?:工作日|月))"
    r"|(?:人民币|费|每[周月天日年次]|为|计)(?=元)"
    r"|每月(?=日(?:前|之前|以前|内))"
    # 签订后日内, 完成后个工作日内, 时长为秒至秒, 免费提出次修改: a count or a time with no number
    r"|(?<=[后前起])(?=(?:个工作日|个自然日|个月|日|天)(?:内|之内|前|以前))"
    r"|(?<=[为至])(?=(?:秒|分钟|小时)(?![钟间]))"
    r"|(?<=提出|修改|提供|交付|拍摄|推送|发布)(?=[次条套张篇份个](?![数量]))"
    # 由方负责, 由方承担: the party's letter left out
    r"|(?<=[由归向])(?=方(?:负责|承担|提供|所有|享有|支付))")
_CJK = r"\u4e00-\u9fff"
_WORD_GAP = regex(rf"(?<=[{_CJK}《“])[ \u3000]+(?=[{_CJK}》”，。；、）])")
_MARKER_BEFORE = regex(rf"(?:第[{_NUMERAL}\d]+[条章节款项编]|附件[{_NUMERAL}\d]*|[{_NUMERAL}]+、"
                            rf"|（[{_NUMERAL}\d]+）|\d+(?:\.\d+)*[.、]?)$")
# a field word standing alone before a wide gap (no colon): 开户行              账号
_BARE_LABEL = regex(r"(?:(?<=[：\s])|(?<![^\n]))(?P<label>[\u4e00-\u9fff]{2,8})[ \u3000]{4,}"
                         r"(?=$|[\u4e00-\u9fff]{2,8}[ \u3000]{2,}|[\u4e00-\u9fff]{2,8}\s*$)", re.M)
# a line that holds only a (list item's) label and its colon
_LONE_LABEL = regex(r"\s*(?P<item>[-*+]\s+|\d{1,2}[.、]\s*|（\d{1,2}）\s*)?"
                         r"(?P<label>[^\s：，。；、]{1,12})\s*：\s*$")
_LATIN_UNIT = regex(r"(?:kW|KW|kw|W|mm|cm|m²|m|km|kg|KG|g|t|L|ml|mL|V|A|Hz|GB|MB|TB|px|dpi|℃)(?![A-Za-z])")
_LABEL_AFTER = regex(r"[^\s：，。；]{1,14}：")
# the text since the sentence began is a heading: 第一条、托管店铺 / 三、服务内容
_HEADING_GAP = regex(rf"\s*(?:第[{_NUMERAL}\d]+条|[{_NUMERAL}]+、)[、.：\s]?[\u4e00-\u9fff]{{0,10}}$")
# where a field's value ends: punctuation, a bracket, the next label after a gap, the line's end
_FIELD_STOP = regex(r"[，。；（）【】《》“”]|[ \u3000]{2,}[^\s：]{1,14}：|$", re.M)
_LEAD_IN = regex(r"下列|如下|以下|下述|包括|分别|约定|应当|应|须|的")
_STRONG_LEAD_IN = regex(r"下列|如下|以下|下述|如下所示")
_ITEM = regex(r"^[ \u3000\t]*(?:\d{1,2}[、.．]|（\d{1,2}）|[①-⑳])[ \u3000\t_＿]*$")
_LIST_START = regex(r"^[ \u3000\t]*(?:\d{1,2}[、.．)）]|（\d{1,2}）|[①-⑳]|[-*•·]|[a-z][.、)])")
_MD_EMPHASIS = regex(r"(?<![\w_])_[^_\s，。；：、“”‘’（）《》【】][^_\n，。；：、“”‘’（）《》【】]*_(?![\w_])")
_UNTICKED, _TICKED = "□☐", "☑☒■√✓✔"
# how to answer a list of boxes, printed with it: （在□内打“√”）, 在□中划√
_BOX_INSTRUCTION = regex(r"[（(][^（）()\n]{0,20}[□☐][^（）()\n]{0,10}[√✓✔×☑][^（）()\n]{0,10}[）)]"
                              r"|在\s*[□☐]\s*(?:内|中)\s*(?:打|划|画)\s*[“\"]?[√✓✔×☑][”\"]?")
# a choice among numbered options that has been made: 采取下列第_1_种方式
_CHOSEN = regex(r"第[_＿\s]*(?P<n>\d|[一二三四五六七八九])[_＿\s]*种[^\n]{0,30}[：。]?\s*\n?")
_OPTION = regex(r"[ \u3000\t]*(?:（(?P<n>\d{1,2}|[一二三四五六七八九])）|(?P<n2>\d{1,2})[.、])", re.M)


@dataclass(frozen=True)
class Blank:
    start: int
    end: int
    # date | bracket | underline | number | space | merge | stand_in | pending | empty_field | item | checkbox
    form: str
    values: dict[str, str] = field(default_factory=dict, compare=False)


def find(doc: Document, p: dict) -> list[Blank]:
    """Every blank of the document, in order, once. `p` is placeholder-unfilled's prepared params."""
    return _Finder(doc, p).run()


class _Finder:
    def __init__(self, doc: Document, p: dict) -> None:
        self.doc, self.p = doc, p
        self.text = doc.norm
        self.regions = facts_of(doc).regions
        self.signing = self.regions.of_kind("signature")
        self.spans: list[tuple[int, int]] = []
        self.found: list[Blank] = []

    # --- bookkeeping ---------------------------------------------------------------------------

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.spans)

    def add(self, start: int, end: int, form: str, **values: str) -> bool:
        if end <= start or not self.free(start, end) or self.regions.outside(start):
            return False
        self.spans.append((start, end))
        self.found.append(Blank(start, end, form, values))
        return True

    def in_signing(self, pos: int) -> bool:
        """In the signing block, and not in an annex printed after it (附件一：信息表 is a form)."""
        return any(r.start <= pos < r.end for r in self.signing) and self.regions.at(pos) != "annex"

    def line_of(self, pos: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end == -1 else end

    def signature_field(self, start: int) -> bool:
        """Is the blank at `start` the writing space of a signature or seal field?"""
        line_start, _ = self.line_of(start)
        label = re.split(r"[，。；]", self.text[line_start:start])[-1]
        if self.p["signature_label"].search(label):
            return True
        return self.in_signing(start) and bool(self.p["signing_block_label"].search(label))

    # --- the detectors, most specific first ----------------------------------------------------

    def run(self) -> list[Blank]:
        text = self.text
        self.moot_options()
        for m in itertools.chain(_MERGE.finditer(text), _CURLY.finditer(text)):
            self.add(*m.span(), "merge" if m.group(0)[0] != "{" and m.group(0)[0] != "$" else "bracket")
        self.dates()
        self.brackets()
        self.parens()
        self.underlines()
        self.missing_numbers()
        self.word_gaps()
        for m in self.p["stand_in"].finditer(text):
            self.add(*m.span(), "stand_in")
        for m in self.p["pending"].finditer(text):
            self.add(*m.span(), "pending")
        self.empty_fields()
        self.empty_items()
        self.checkboxes()
        return sorted(self.found, key=lambda b: b.start)

    def moot_options(self) -> None:
        """按以下第_1_种方式: once an option is chosen, the blanks of the options not chosen have no
        effect; nobody fills them."""
        text = self.text
        for m in _CHOSEN.finditer(text):
            chosen = to_int(m.group("n"))
            options = list(_OPTION.finditer(text, m.end(), min(len(text), m.end() + 600)))
            options = [o for o in options if o.start() == m.end() or text[o.start() - 1] == "\n"]
            for i, option in enumerate(options[:8]):
                end = options[i + 1].start() if i + 1 < len(options) else text.find("\n", option.end())
                if to_int(option.group("n") or option.group("n2")) != chosen and end > option.start():
                    self.spans.append((option.start(), end))

    def dates(self) -> None:
        text = self.text
        for m in _DATE.finditer(text):
            if m.group("d") is None:  # 自____年__月起: a month, its parts blank, is one blank
                kinds = [_date_part(m.group(g)) for g in "ym"]
                if _AFTER_MONTH.match(text, m.end()) and "other" not in kinds and "blank" in kinds \
                        and ("empty" not in kinds or kinds[0] != "empty"):
                    self.add(*m.span(), "date")
                continue
            parts = [m.group(g) for g in "ymd"]
            kinds = [_date_part(part) for part in parts]
            if "other" in kinds or ("blank" not in kinds and "empty" not in kinds):
                continue
            if kinds == ["empty", "empty", "empty"] or kinds[0] == "empty":
                # "年月日" with nothing at all: a blank only where a date is expected (after a
                # label, at a line's start, after 自/于/至), not 出生年月日 in a label
                prev = text[m.start() - 1] if m.start() else "\n"
                if prev not in "：\n \u3000\t自于至从起到" or text[m.end():m.end() + 1] == "：":
                    continue
            if kinds[0] == "filled" and not re.search(r"\d{4}|[〇零一二三四五六七八九]{4}", parts[0]) \
                    and "blank" not in kinds[1:] and not re.fullmatch(r"\d{2}", parts[0].strip(_PAD)):
                continue  # 2025年 is a year; 12年月日 is nothing we read
            start = m.start() + len(parts[0]) - len(parts[0].lstrip(" \u3000")) if kinds[0] != "blank" else m.start()
            self.add(start, m.end(), "date")
        for m in _DATE_BRACKET.finditer(text):
            self.add(*m.span(), "date")

    def brackets(self) -> None:
        text = self.text
        found = [(m, opener) for opener, _closer, pattern in self.p["bracket_re"] for m in pattern.finditer(text)]
        contents = [m.group(1).strip(_PAD) for m, _ in found]
        values = sum(1 for c in contents if c and (_DIGITS_ONLY.match(c) or _BRACKET_VALUE.fullmatch(c)
                                                   or _kept_value(c)))
        # a filled form that kept its brackets (【2026年3月2日】, 【伍仟元整】, 【上海】): when most
        # brackets with words in them hold values, a plain word in one is a value too
        self.kept_form = values >= 2 and values * 2 >= sum(1 for c in contents if c)
        for m, opener in found:
            if self.bracket_is_blank(m, opener, m.group(1)):
                self.add(*m.span(), "bracket")

    def bracket_is_blank(self, m: re.Match, opener: str, content: str) -> bool:
        text = self.text
        if not content.strip() or _ONLY_BLANK.match(content):
            return True
        if _DIGITS_ONLY.match(content) or _BRACKET_VALUE.fullmatch(content.strip()) or _kept_value(content.strip()):
            return False  # a document number [2025], a citation [1], a value kept in brackets [1.5]
        if _NOTE.match(content):
            return False  # [注：S为学员人数] explains, it asks for nothing
        if _INSTRUCTION.search(content):
            return False  # [不加收的删除本款]: a note to the drafter, template-guidance-left's finding
        if _WEB_BUTTON.fullmatch(content.strip()):
            return False  # 【举报】【收藏】: a web page's buttons copied with the text
        if opener == "[" and self.doc.text[m.end():m.end() + 1] == "(":
            return False  # a Markdown link [text](url) (an ASCII bracket in the file itself)
        line_start, _ = self.line_of(m.start())
        if opener == "[" and (content.startswith("^") or _LATIN_TASK.match(text[line_start:m.end() + 1])):
            return False  # a Markdown footnote or task-list box (checkboxes are judged as a group)
        if self.p["fill_cue"].search(content):
            return True
        if _person_name(content, self.p) and _NAME_LABEL.search(text[line_start:m.start()]):
            return False  # 联系人：【张三】: a name kept in the brackets it was typed into
        if _UNDECIDED.search(content):
            return True  # 【视情节而定】, 【一段时间】: typed in, but it answers nothing
        if getattr(self, "kept_form", False) and not _DESCRIPTION.search(content) \
                and not _STAND_IN.search(content) and len(content.strip()) <= 20:
            return False  # 【上海】 in a form whose other brackets hold values
        if opener in self.p["strict_brackets"]:
            # 【重要提示】 opening a line is a heading; inside a sentence, 【电商平台】 is a blank.
            return not _HEADING_POSITION.match(text[line_start:m.start()])
        return True

    def parens(self) -> None:
        for m in _PAREN.finditer(self.text):
            content = m.group(1)
            if _ONLY_BLANK.match(content):
                if not self.signature_field(m.start()):
                    self.add(*m.span(), "bracket")
            elif self.p["paren_cue"].search(content):
                self.add(*m.span(), "bracket")

    def underlines(self) -> None:
        text, doc = self.text, self.doc
        underlined = [(s, e) for b in doc.blocks for s, e in b.underlined if text[s:e].strip("_ \u3000")]
        continuation_of: int | None = None  # the end of the blank a following underline-only line continues
        for block in doc.blocks:
            line = text[block.start:block.end]
            runs = list(_UNDERSCORES.finditer(text, block.start, block.end))
            if not runs:
                if line.strip():
                    continuation_of = None
                continue
            if _ONLY_BLANK.match(line) and line.strip() and block.cell is None:
                if continuation_of is not None:  # a field drawn over several lines is one blank
                    self.spans.append((block.start, block.end))
                    continue
            if doc.format == "md" and re.fullmatch(r"\s*(?:[_*-]\s*){3,}", line) \
                    and not (continuation_of is not None or self.after_label(block.start)):
                continue  # a Markdown horizontal rule (but not the lines drawn under a label)
            emphasis = [m.span() for m in _MD_EMPHASIS.finditer(line)] if doc.format == "md" else []
            added = False
            for run in runs:
                start, end = run.span()
                if end - start == 1 and not self.single_blank(start, emphasis, block.start):
                    continue
                if any(s <= start < e for s, e in underlined) or self.padding(start, end) \
                        or self.signature_field(start):
                    continue
                added |= self.add(start, end, "underline")
            continuation_of = block.end if added else None

    def after_label(self, pos: int) -> bool:
        """Does the last non-empty line before `pos` end with a label's colon?"""
        before = self.text[:pos].rstrip()
        return before.endswith("：")

    def single_blank(self, pos: int, emphasis, line_start: int) -> bool:
        """A lone underscore is a blank where a value goes: before punctuation or a unit, after a
        colon or an opening quote (网站_，关键词_ / 图文_篇 / 原始ID：_), not a separator between words
        (协议书_合同协议_文档分享网), part of a name (snake_case, a URL) or Markdown emphasis."""
        text = self.text
        before = text[pos - 1:pos] if pos else "\n"
        after = text[pos + 1:pos + 2] or "\n"
        if any(s <= pos - line_start < e for s, e in emphasis):
            return False
        if re.match(r"[A-Za-z0-9./@:-]", before) or re.match(r"[A-Za-z0-9./@:-]", after):
            return False
        return bool(re.match(r"[\s，。；、：！？（）】”》,.;:]", after) or after in _UNIT_CHARS
                    or re.match(r"[\s：（【“《]", before))

    def padding(self, start: int, end: int) -> bool:
        """Is the underscore run the padding of a value typed over the line?"""
        text = self.text
        before, after = text[start - 1:start], text[end:end + 1]
        if before in ("-", "—", "/", "第") or text[max(0, start - 3):start].endswith(("No.", "NO.")):
            return False  # CHZN-CG-2026-____, 第____: the rest of a printed value is still to come
        if _LATIN_UNIT.match(text, end) and not _VALUE_END.match(before or " "):
            return False  # ______kW, ____mm: a unit after the run, so it is still a blank
        if _VALUE_END.match(before or " ") or _VALUE_CH.match(after or " "):
            # touching digits, letters or numerals; but ____年 after no value is still a blank date
            return not (after in ("年", "月", "日") and not _VALUE_END.match(before or " "))
        line_start, line_end = self.line_of(start)
        # a value between two runs: 委托方__南京云栈信息技术有限公司____, 提交__南京仲裁委员会__仲裁
        for chunk in (_chunk_after(text, end, line_end), _chunk_before(text, start, line_start)):
            if chunk is not None and chunk[1] and _value_like(chunk[0]) \
                    and not self.p["field_label"].search(chunk[0].strip(" \u3000")):
                return True  # (户名____开户行____: a label between two blanks is no value)
        # a field whose value stands beside the underscores: 甲方：张三____, 地址：____杭州市西湖区…
        field_start = max(line_start, *(text.rfind(ch, line_start, start) + 1 for ch in "：，。；（【“"))
        if end - start < 2 or field_start == line_start or text[field_start - 1] != "：":
            return False
        stop = _FIELD_STOP.search(text, end, line_end)
        inside = text[field_start:stop.start() if stop else line_end]
        value = inside.strip(_PAD)
        if not value or self.p["field_label"].search(value) or _LABEL_AFTER.match(value):
            return False  # 户名________: a label, then its blank
        return bool(re.fullmatch(r"[_＿ \u3000]*[^_＿]+?[_＿ \u3000]*", inside)) and _value_like(value)

    def missing_numbers(self) -> None:
        text = self.text
        for m in _UNIT_AFTER_SPACE.finditer(text):
            before = text[m.start() - 1:m.start()]
            if not before or not re.match(rf"[{_CJK}：（]", before) or _VALUE_END.match(before):
                continue  # "第一 条", "贰万 元": a value stands before the space
            unit = text[m.start():m.end()].strip() or "（大写）"
            self.add(m.start(), m.end(), "number", unit=unit)
        for m in _COLLAPSED.finditer(text):
            pos = m.end()
            unit = re.match(r"%|％|‰|个工作日|个自然日|个月|分钟|小时|[元份页条项次个名张篇款章节期周日天秒套方]",
                            text[pos:])
            if unit is None or _PADDED_NUMBER_BEFORE.search(text, max(0, pos - 8), pos):
                continue  # _30_%: a number typed over the line, its padding kept
            self.add(pos - 1 if pos > 0 else pos, pos + len(unit.group(0)), "number", unit=unit.group(0))

    def word_gaps(self) -> None:
        """Spaces standing for a missing word inside a sentence. A full-width space there is such a
        blank; half-width spaces only when the document writes its blanks that way (several of
        them), since a single half-width space is often just spacing."""
        text, doc = self.text, self.doc
        full, half = [], []
        for m in _WORD_GAP.finditer(text):
            start, end = m.span()
            block = doc.block_at(start)
            if block is None or block.part not in (BODY, TABLE) or self.in_signing(start):
                continue
            line_start, line_end = self.line_of(start)
            line = text[line_start:line_end]
            before, after = text[line_start:start], text[end:line_end]
            segment = re.split(r"[。；！？]", before)[-1]
            if not re.search(r"[，。；：！？]", line) or _letter_spaced(line):
                continue  # a cover line (……　制定), a header, a title: layout, not a sentence
            if re.search(r"\d", before[-6:]) or _VALUE_END.match(before[-1:] or " ") \
                    or _VALUE_CH.match(after[:1] or " "):
                continue  # 318号 嘉业大厦, 2025年1月1日 起: the spacing of a value
            heading = _HEADING_GAP.match(segment) and re.match(rf"[{_CJK}]", after)
            if _MARKER_BEFORE.search(before.replace(" ", "")) or heading \
                    or self.p["field_label"].search(before) or _LABEL_AFTER.match(after) \
                    or re.search(r"[□☐☑■][^□☐☑■\s]{1,8}$", before):
                continue  # after a heading, a label (户名 河南…), a checkbox option; before a label
            (full if "\u3000" in m.group(0) else half).append((start, end))
        for start, end in full + (half if len(half) >= 3 else []):
            before = re.search(r"[^\s，。；：、]{0,6}$", text[max(0, start - 6):start]).group(0)
            after = re.match(r"[^\s，。；：、]{0,6}", text[end:end + 6]).group(0) or text[end:end + 1]
            self.add(start, end, "space", gap=f"{before}＿＿{after}")

    def empty_fields(self) -> None:
        text, p = self.text, self.p
        field_re = _field_re(p["max_label"])
        blocks = self.doc.blocks
        rows: dict[tuple[int, int], list] = {}
        for index, block in enumerate(blocks):
            if block.cell is not None:
                rows.setdefault((block.cell.table, block.cell.row), []).append(block)
            line = text[block.start:block.end]
            matches = list(field_re.finditer(line)) if "：" in line else []  # a field has a colon
            for m in matches:
                label = _md_plain(m.group(1))
                rest = line[m.end():]
                start, end = block.start + m.start(1), block.start + m.end(1) + 1
                if rest[:1] in ("。", "；"):
                    form_field = True  # 交付形式：。 — a colon with nothing before the full stop
                elif self.is_field(label, start):
                    form_field = True
                else:
                    # a short label followed by a gap where its value belongs, on a line of such
                    # fields (甲方：　　身份证号：　　地址：): a field whatever its label says
                    form_field = len(matches) >= 2 and len(label) <= 8 and bool(m.group(2)) \
                        and not _LEAD_IN.search(label)
                if not form_field:
                    continue
                if not rest.strip() and block.cell is None and self.value_below(blocks, index, label):
                    continue
                if self.signature_field(start) or p["signature_label"].search(label) or \
                        (self.in_signing(start) and p["signing_block_label"].search(label)):
                    continue
                self.add(start, end, "empty_field", label=label.rstrip("： \u3000\t"))
        self.bare_labels()
        self.label_lists(field_re)
        tables: dict[int, list] = {}
        for (table, _row), cells in rows.items():
            tables.setdefault(table, []).append(cells)
        for table_rows in tables.values():
            filled_values = sum(1 for cells in table_rows if _value_cells(text, cells))
            for cells in table_rows:
                self.empty_cells(cells, form=filled_values >= 2)

    def bare_labels(self) -> None:
        """A field word with no colon, followed by a wide gap and then the next label or the line's
        end: 开户行              账号                        """
        text = self.text
        for m in _BARE_LABEL.finditer(text):
            word = m.group("label")
            if not self.p["field_label"].search(word) or self.signature_field(m.start("label")):
                continue
            self.add(m.start("label"), m.end("label"), "empty_field", label=word)

    def label_lists(self, field_re) -> None:
        """Lines that hold nothing but a label and its colon, one after another (- 模块一： / - 模块二：):
        a form to fill in, whatever the labels say."""
        text = self.text
        run: list[tuple[int, int, str]] = []
        kind = None  # the items of one list are alike: all bulleted or numbered, or all plain

        def flush() -> None:
            if len(run) >= 2:
                for start, end, label in run:
                    self.add(start, end, "empty_field", label=label)
            run.clear()

        for block in self.doc.blocks:
            line = text[block.start:block.end]
            m = _LONE_LABEL.match(line)
            if m and not _LEAD_IN.search(m.group("label")) and not self.in_signing(block.start):
                marked = bool(m.group("item"))
                if run and marked != kind:
                    run.clear()  # 开发内容： above its items leads in to them
                kind = marked
                run.append((block.start + m.start("label"), block.start + m.end("label") + 1,
                            _md_plain(m.group("label"))))
            elif line.strip():
                flush()
        flush()

    def empty_cells(self, cells, form: bool) -> None:
        """An empty cell to the right of a label cell. The label must name a field, unless the
        table is a form whose other rows have their values filled in."""
        text, p = self.text, self.p
        by_col: dict[int, list] = {}
        for block in sorted(cells, key=lambda b: b.cell.col):
            by_col.setdefault(block.cell.col, []).append(block)
        for left, right in itertools.pairwise(sorted(by_col)):
            label_blocks = [b for b in by_col[left] if text[b.start:b.end].strip()]
            right_blocks = by_col[right]
            if len(label_blocks) != 1 or any(b.cell.merged for b in right_blocks):
                continue
            if any(text[b.start:b.end].strip(" \u3000\t") for b in right_blocks):
                continue
            block = label_blocks[0]
            label = _md_plain(text[block.start:block.end].strip().rstrip("： "))
            if _TOTAL_ROW.fullmatch(label) and any(text[b.start:b.end].strip() for col in sorted(by_col)
                                                   if col > right for b in by_col[col]):
                continue  # 合计 | | | 46,800: the cells before the total are layout
            if not label or label.endswith("：") or len(label) > p["max_label"]:
                continue
            if (_is_field(label, p) or (form and not re.search(r"[，。；、]", label))) \
                    and not self.signature_field(block.start) and not p["signature_label"].search(label) \
                    and not (self.in_signing(block.start) and p["signing_block_label"].search(label)):
                self.add(block.start, block.end, "empty_field", label=label)

    def is_field(self, label: str, at: int) -> bool:
        if not _is_field(label, self.p):
            return False
        core = re.sub(r"（[^（）]*）", "", label)
        if _STRONG_LEAD_IN.search(core) or (_LEAD_IN.search(core) and not self.p["field_label"].search(label)):
            return False  # 甲方委托乙方运营下列账号： leads in to a list
        if self.p["field_label_exact"].fullmatch(_role_core(label)):
            # 甲方： opening a party's duties inside a clause is a sub-heading, not a field
            clause = self.doc.clause_at(at)
            if clause is not None and clause.kind in ("article", "clause", "chapter"):
                return False
        return True

    def value_below(self, blocks, index: int, label: str) -> bool:
        """Some layouts put a field's value on the line below its label ("委托方：" / "«P1»"),
        and a lead-in's list follows it: the field is not empty then."""
        text = self.text
        for block in blocks[index + 1:index + 3]:
            line = text[block.start:block.end].strip()
            if not line:
                continue
            if _LIST_START.match(line):
                return not self.p["field_label"].search(label)
            if _NAMED_BELOW.match(line) and self.p["field_label_exact"].fullmatch(_role_core(label)):
                return True  # 甲方（消费者）： / 新郎：顾远舟 …: the party is the persons named below
            if block.cell is not None or len(line) > 40 or "：" in line:
                return False
            return not re.match(r"(?:第[^条]{1,5}条|\d+[.、．]|[一二三四五六七八九十]+、|（)", line)
        return False

    def empty_items(self) -> None:
        """A list of numbered items left empty for the parties to fill: each empty item is a blank."""
        text = self.text
        blocks = [b for b in self.doc.blocks if b.cell is None]
        for block in blocks:
            line = text[block.start:block.end]
            if (_ITEM.match(line) and line.strip()) or (block.label and not line.strip(_PAD)):
                lead = len(line) - len(line.lstrip(" \u3000\t"))
                end = block.start + len(line.rstrip(" \u3000\t_＿")) if line.strip() else block.end
                if line.strip():
                    self.add(block.start + lead, max(end, block.start + lead + 1), "item")

    def checkboxes(self) -> None:
        text = self.text
        group: list = []

        def options(block) -> str:  # the line without its answering instruction (在□内打“√”)
            return _BOX_INSTRUCTION.sub(lambda m: "\ufffc" * len(m.group(0)), text[block.start:block.end])

        def flush() -> None:
            if group and not any(ch in _TICKED for b in group for ch in options(b)):
                first = group[0]
                line = options(first)
                offset = min(line.index(ch) for ch in _UNTICKED if ch in line)
                last_box = max(line.rindex(ch) for ch in _UNTICKED if ch in line)
                # the options end at the first bracket, blank or sentence mark after the last box
                stop = re.search(r"[（【_＿，。；]|[ \u3000]{2,}|$", line[last_box + 1:])
                end = first.start + last_box + 1 + stop.start() if len(group) == 1 else first.end
                self.add(first.start + offset, max(end, first.start + offset + 1), "checkbox")
            group.clear()

        for block in self.doc.blocks:
            line = options(block)
            if not line.strip():
                continue  # a list of options may have empty lines between its items
            if any(ch in line for ch in _UNTICKED):
                starts_with_box = line.lstrip()[:1] in _UNTICKED
                if group and not starts_with_box:
                    flush()
                group.append(block)
                if not starts_with_box:
                    flush()
            else:
                flush()
        flush()


def _value_cells(text: str, cells) -> bool:
    """Does this table row hold a label and, to its right, a value?"""
    ordered = sorted(cells, key=lambda b: b.cell.col)
    return len(ordered) >= 2 and all(text[b.start:b.end].strip() for b in ordered[:2])


def _date_part(part: str) -> str:
    """filled (2025, 八), blank (____, [  ], XX), empty (nothing: collapsed) or other."""
    core = part.strip(" \u3000")
    if not core:
        return "empty" if not part else "blank"
    digits = re.sub(r"[_＿ \u3000]", "", core)
    if not digits:
        return "blank"
    if _FILLED_PART.fullmatch(digits) or _FILLED_PART.fullmatch(digits.strip("[]【】［］")):
        return "filled"  # 2026, or 【2026】: a number typed into the brackets of a form
    if re.fullmatch(r"\[[^\]]*\]|【[^】]*】|［[^］]*］|[Xx×]+", digits):
        return "blank"
    return "other"


def _chunk_after(text: str, end: int, line_end: int) -> tuple[str, bool] | None:
    """The text right after an underscore run up to the next run (and whether a run follows)."""
    m = regex(r"[^_＿\n，。；]+").match(text, end, line_end)
    if not m:
        return None
    return m.group(0), text[m.end():m.end() + 1] in ("_", "＿")


def _chunk_before(text: str, start: int, line_start: int) -> tuple[str, bool] | None:
    m = re.search(r"[^_＿\n，。；]+$", text[line_start:start])
    if not m:
        return None
    at = line_start + m.start()
    return m.group(0), at > line_start and text[at - 1] in ("_", "＿")


def _kept_value(content: str) -> bool:
    """A value typed into the brackets of a form: a full date, an amount in capitals, an
    identifier (统一社会信用代码), the name of an organisation or a bank branch; never a stand-in
    (【XX有限公司】) or a description of what to write (【乙方开户银行】)."""
    if _STAND_IN.search(content) or _DESCRIPTION.search(content):
        return False
    return parse_date(content) is not None or parse_capital(content) is not None \
        or bool(_IDENTIFIER.fullmatch(content)) or bool(_ORG_NAME.fullmatch(content))


def _value_like(chunk: str) -> bool:
    """Could this be a value typed on an underline (南京云栈信息技术有限公司, 周子宁, 杭州市西湖区文三路1号)
    rather than the words between two blanks (”及关联视频号（视频号ID：, 方违反本合同第)?"""
    chunk = chunk.strip(" \u3000")
    return 2 <= len(chunk) <= 40 and chunk[0] not in _NOT_VALUE_START and chunk[-1] not in _NOT_VALUE_END \
        and not re.search(r"[：“”‘’《》]|[ \u3000]{2,}", chunk) and chunk.count("（") == chunk.count("）")


def _person_name(content: str, p: dict) -> bool:
    """【张三】, 【欧阳明】: a Chinese personal name (a common surname and one or two more characters)."""
    content = content.strip()
    surnames = p["surnames"]
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", content) or p["fill_cue"].search(content):
        return False
    return (content[:2] in surnames and len(content) <= 4) or (content[0] in surnames and len(content) <= 3)


def _letter_spaced(line: str) -> bool:
    """合 同 书, 甲  方: a line whose characters are spread apart for layout."""
    pieces = re.split(r"[ \u3000]+", line.strip())
    return len(pieces) >= 3 and sum(len(piece) == 1 for piece in pieces) >= len(pieces) - 1


def _md_plain(label: str) -> str:
    """The label as a reader names it: no Markdown emphasis, list number or checkbox before it,
    no letter-spacing inside it (账　号)."""
    label = label.replace("**", "").replace("__", "").strip("*# ")
    label = _LABEL_LEAD.sub("", label)
    return re.sub(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])", "", label)


def _role_core(label: str) -> str:
    return re.sub(r"（[^（）]*）$", "", label).strip()


def _is_field(label: str, p: dict) -> bool:
    """"委托方（甲方）", "摄影方（乙方）" and "联系电话（手机）" are fields: a note in brackets
    counts when it names a role, and otherwise does not."""
    note = re.search(r"（([^（）]*)）$", label)
    core = _role_core(label)
    if p["field_label"].search(core) or p["field_label_exact"].fullmatch(core):
        return True
    return bool(note and p["field_label_exact"].fullmatch(note.group(1).strip()))


_LABEL_LEAD = regex(rf"^(?:[□☐☑■]|（?\d{{1,2}}）|\d{{1,2}}[.、．]|（[{_NUMERAL}]+）|[{_NUMERAL}]+、"
                         r"|\d+(?:\.\d+)+)\s*")


def _field_re(max_label: int) -> re.Pattern[str]:
    # a label is a run of non-space characters, or two characters spaced apart (账　号：)
    return regex(rf"([\u4e00-\u9fff][ \u3000]{{1,8}}[\u4e00-\u9fff](?=[ \u3000]*：)"
                      rf"|[^\s：，。；、]{{1,{max_label}}})[ \u3000]*：([ \u3000\t]*)"
                      rf"(?=$|[。；，]|[ \u3000\t]+\S{{1,{max_label}}}：)")

