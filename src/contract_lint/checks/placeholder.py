"""Kind `placeholder`: blanks a template left unfilled.

The blanks themselves are a fact of the document (facts.blanks: one finder, shared with template
review); this kind reports each blank once, with a message that fits its form. The word lists
(what a field label, a stand-in, a signature field, a fill-in cue is) are the rule's params.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..facts import blanks
from ..findings import Hit
from ..model import Document
from ..regexcache import regex
from .common import compile_any


def prepare(params: dict) -> dict:
    p = dict(params)
    p["bracket_re"] = [(o, c, regex(f"{re.escape(o)}([^\n{re.escape(o + c)}]{{0,60}}){re.escape(c)}"))
                       for o, c in params["brackets"]]
    p["strict_brackets"] = set(params.get("strict_brackets", ["【", "〔"]))
    p["fill_cue"] = compile_any(params["fill_cues"])
    p["paren_cue"] = compile_any(params["paren_cues"])
    p["stand_in"] = compile_any(params["stand_ins"])
    p["pending"] = compile_any(params["pending_words"])
    # a label is a field when it *ends* with a field word: "甲方联系电话", not "甲方的义务"
    p["field_label"] = regex(f"(?:{compile_any(params['field_labels']).pattern})$")
    # a party's role is a field only on its own ("甲方（委托人）："), not "应立即通知甲方："
    p["field_label_exact"] = regex(f"(?:{compile_any(params['role_labels']).pattern})")
    p["signature_label"] = compile_any(params["signature_labels"])
    p["signing_block_label"] = compile_any(params["signing_block_labels"])
    p["max_label"] = int(params.get("max_label_chars", 14))
    p["surnames"] = frozenset(params.get("surnames") or ())
    return p


def run(doc: Document, p: dict) -> Iterator[Hit]:
    for blank in blanks.find(doc, p):
        yield Hit(blank.start, blank.end, blank.form, dict(blank.values))
