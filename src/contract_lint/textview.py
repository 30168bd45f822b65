"""The normalised text view that rules match against.

Contracts copied from web pages write `:` `,` `()` `;` where Word writes `：` `，` `（）` `；`, and
full-width digits (１２) where others write 12. Every rule has to read both, so instead of
teaching every pattern both spellings, rules match against `normalise(text)`: a string of the
**same length** as the text, character for character, in which

- half-width punctuation is full-width (but not the `,` of `1,000` or the `:` of `9:00`);
- full-width digits and Latin letters are ASCII;
- a Markdown-escaped underscore `\\_` reads as `__` (the backslash becomes an underscore), so an
  escaped blank `\\_\\_\\_` is a blank of six underscores;
- HTML comments (`<!-- contract-lint: disable=… -->` directives among them) are masked with
  U+FFFC: they are not contract text, and no rule may find anything inside them.

Because the lengths are equal, an offset found in the view is an offset into the text, and a
finding still quotes the user's own characters.
"""

from __future__ import annotations

import re

from .regexcache import regex

MASK = "\ufffc"

_PUNCT = str.maketrans({":": "：", ",": "，", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"})
_WIDE = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                       **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
                       **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}})
# ASCII punctuation that must stay ASCII: a thousands separator and a time of day
_KEEP = regex(r"(?<=\d)[,:](?=\d)")
_ESCAPED_UNDERSCORE = regex(r"\\(?=_)")
_HTML_COMMENT = regex(r"<!--.*?-->", re.S)


def normalise(text: str) -> str:
    comments = [m.span() for m in _HTML_COMMENT.finditer(text)] if "<!--" in text else []
    view = text.translate(_WIDE)
    kept = [(m.start(), m.group(0)) for m in _KEEP.finditer(view)]
    view = view.translate(_PUNCT)
    if kept:
        chars = list(view)
        for at, ch in kept:
            chars[at] = ch
        view = "".join(chars)
    if "\\_" in view:
        view = _ESCAPED_UNDERSCORE.sub("_", view)
    for start, end in reversed(comments):
        view = view[:start] + re.sub(r"[^\n]", MASK, view[start:end]) + view[end:]
    return view
