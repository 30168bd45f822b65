"""Kind `numbering`: gaps and duplicates in article and clause numbers.

The sequences come from the clause tree (typed numbers and Word's auto-numbering alike): the
chapters, the articles (第X条, or 一、 in shorter contracts), and under each article the
clauses of each numbering style (1.1 1.2 …, （一）（二） …, 1. 2. …) as separate sequences.
Within a sequence each number should be the previous one plus one:

- a number already used in the sequence is a duplicate (1.2, 1.2);
- a jump is a gap (1.2, 1.4; or a sequence that starts at 2), reported once at the heading
  after the gap, with the numbers that are missing;
- a single-number list that starts again at 1 (1. 2. 3. … 1.) is a new list, not an error:
  forms put several lists under one article, and notes after the signing block restart too.

Dotted numbers carry their parent's number, so 2.1 after 1.3 starts the run of 2.x.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from ..model import Clause, Document
from ..numerals import label_numbers, label_scheme


def prepare(params: dict) -> dict:
    return {"report_late_start": bool(params.get("report_late_start", True))}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    effective = _effective_numbers(doc)  # once: every clause sequence asks it of its article
    for sequence in _sequences(doc.clauses):
        yield from _check(doc, sequence, p, effective)


def _sequences(clauses: tuple[Clause, ...]) -> list[list[Clause]]:
    """Chapters, articles, and each (parent, style) group of clauses, in document order."""
    groups: dict[tuple, list[Clause]] = {}
    for clause in clauses:
        if clause.kind in ("chapter", "article"):
            key: tuple = (clause.kind,)
        elif clause.kind == "clause":
            key = ("clause", clause.parent, label_scheme(clause.label))
        else:
            continue
        groups.setdefault(key, []).append(clause)
    return list(groups.values())


def _check(doc: Document, sequence: list[Clause], p: dict, effective: dict) -> Iterator[Hit]:
    if sequence[0].kind == "clause" and (mismatch := _foreign_prefix(doc, sequence, effective)):
        yield mismatch  # 3.1 3.2 under 第四条: one finding; the gaps inside would only echo it
        return
    seen: set[tuple[int, ...]] = set()
    last: dict[tuple[int, ...], int] = {}  # prefix (the 2 of 2.3) -> last number under it
    for clause in sequence:
        numbers = label_numbers(clause.label)
        if not numbers:
            continue
        prefix, number = numbers[:-1], numbers[-1]
        expected = last.get(prefix, 0) + 1
        if numbers in seen and not (number == 1 and not prefix):
            yield _hit(doc, clause, "duplicate", _label_like(clause.label, numbers))
            if number == expected - 1:
                # 第二条, 第二条, 第四条: the repeated number stands where 第三条 belongs; the
                # number after it is then no gap (one defect, one finding)
                seen.add(numbers)
                last[prefix] = expected
                continue
        elif number == 1 and not prefix:
            seen = set()  # a new list under the same parent
        elif number > expected and (expected > 1 or p["report_late_start"]):
            missing = [_label_like(clause.label, (*prefix, n)) for n in range(expected, number)]
            yield _hit(doc, clause, "gap", "、".join(missing[:3]) + ("等" if len(missing) > 3 else ""))
        seen.add(numbers)
        last[prefix] = number


def _foreign_prefix(doc: Document, sequence: list[Clause], effective: dict) -> Hit | None:
    """A dotted clause whose first number is not its article's (3.1 under 第四条)."""
    parent = sequence[0].parent
    if parent is None or doc.clauses[parent].kind != "article":
        return None
    article = effective.get(parent) or label_numbers(doc.clauses[parent].label)
    for clause in sequence:
        numbers = label_numbers(clause.label)
        if article and numbers and len(numbers) == 2 and numbers[0] != article[0]:
            hit = _hit(doc, clause, "prefix", f"{article[0]}.{numbers[1]}")
            return Hit(hit.start, hit.end, hit.variant, {**hit.values, "article": doc.clauses[parent].label})
    return None


def _effective_numbers(doc: Document) -> dict[int, tuple[int, ...]]:
    """The number each article stands for: a repeated number (第二条 twice) stands for the next one,
    so that its clauses 3.1, 3.2 are at home under it."""
    found: dict[int, tuple[int, ...]] = {}
    last = 0
    for i, clause in enumerate(doc.clauses):
        if clause.kind != "article":
            continue
        numbers = label_numbers(clause.label)
        if not numbers:
            continue
        found[i] = (last + 1,) if numbers[0] == last else numbers
        last = found[i][0]
    return found


def _label_like(label: str, numbers: tuple[int, ...]) -> str:
    """How the document would write `numbers` in the style of `label` (for the message)."""
    scheme = label_scheme(label)
    n = numbers[-1]
    if scheme == "article":
        return f"第{_cn(n)}条" if not any(ch.isdigit() for ch in label) else f"第{n}条"
    if scheme == "chapter":
        return label[:1] + _cn(n) + label[-1:]
    if scheme.startswith("dotted"):
        return ".".join(str(x) for x in numbers)
    if scheme == "cn_paren":
        return f"（{_cn(n)}）"
    if scheme == "num_paren":
        return f"（{n}）" if label.startswith("（") else f"({n})"
    if scheme == "cn_enum":
        return f"{_cn(n)}、"
    if scheme == "num_dot":
        return f"{n}{label[-1] if label[-1] in '、.．' else '.'}"
    return str(n)


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


def _hit(doc: Document, clause: Clause, variant: str, numbers: str) -> Hit:
    """Span: the heading's number (when typed) and title, on its first line."""
    text = doc.text
    start = clause.start
    while start < clause.end and text[start] in " \t\u3000#>*":
        start += 1
    end = text.find("\n", start, clause.end)
    end = clause.end if end == -1 else end
    if clause.title:
        title_at = text.find(clause.title, start, end)
        if title_at != -1:
            end = title_at + len(clause.title)
    return Hit(start, max(end, start), variant, {"label": clause.label, "numbers": numbers})
