"""Facts: what a document says, read once and shared by every rule.

Rules used to read amounts, rates, durations, dates, definitions and the document's parts each
with their own regular expressions, so one misreading had to be fixed once per rule. Here each
kind of value has one parser, and a document's facts are computed once, lazily, the first time a
rule asks:

    from contract_lint import facts
    for amount in facts.of(doc).money: ...

- `money`: amounts in figures and in capitals (facts.money);
- `rates`: percentages, per-mille, 万分之, multiples (facts.rates);
- `dates`, `durations`: calendar dates and lengths of time (facts.periods);
- `regions`: the parts of the document that are not the parties' contract text, or are
  special: the signing block, a registration page, a stamp-duty box, an instructions page, notes
  after the contract, web-page debris (facts.regions);
- `definitions`: defined terms with their aliases (facts.terms);
- `genre`: what kind of contract it is (facts.genre).

Facts depend on the document only, never on a rule's parameters, so linting stays a pure
function of (document, rules). They hang off the Document object itself (in its __dict__, as a
cached_property would), so they live exactly as long as the document.
"""

from __future__ import annotations

import bisect
from functools import cached_property

from ..model import Document
from ..textview import MASK
from . import genre, regions, terms
from . import money as _money


class Facts:
    def __init__(self, doc: Document) -> None:
        self.doc = doc

    @cached_property
    def titles(self) -> list[tuple[int, int]]:
        return genre.title_lines(self.doc)

    @cached_property
    def regions(self) -> regions.Regions:
        return regions.find(self.doc, self.titles)

    @cached_property
    def contract_text(self) -> str:
        """The normalised text with every part that is not the parties' contract text (a
        registration page, instructions, notes, web debris) masked: the same length, so offsets
        hold, and nothing in those parts can be found by a rule that asks what the contract says."""
        text = self.doc.norm
        spans = [r for r in self.regions.spans if r.kind in regions.OUTSIDE]
        if not spans:
            return text
        chars = list(text)
        for region in spans:
            for i in range(region.start, min(region.end, len(chars))):
                if chars[i] != "\n":
                    chars[i] = MASK
        return "".join(chars)

    @cached_property
    def definitions(self) -> list[terms.Definition]:
        return terms.find(self.doc)

    @cached_property
    def money(self) -> tuple[_money.Money, ...]:
        return tuple(_money.find(self.doc.norm))

    @cached_property
    def dates(self) -> tuple:
        """Every full date of the normalised text (facts.periods.FoundDate), in order."""
        from .periods import find_dates  # periods asks for facts.of: imported when first used

        return tuple(find_dates(self.doc.norm))

    @cached_property
    def _date_starts(self) -> list[int]:
        return [d.start for d in self.dates]

    def dates_in(self, start: int, end: int) -> tuple:
        """The dates that start in [start, end), as find_dates(norm, start, end) finds them."""
        first = bisect.bisect_left(self._date_starts, start)
        last = bisect.bisect_left(self._date_starts, end, first)
        return tuple(d for d in self.dates[first:last] if d.end <= end)


def of(doc: Document) -> Facts:
    """The facts of a document, computed on first use and kept with the document."""
    found = doc.__dict__.get("_facts")
    if found is None:
        found = doc.__dict__["_facts"] = Facts(doc)
    return found
