"""Word segmentation: a blank spaCy `zh` pipeline whose segmenter is jieba.

Loading costs more than a second on a cold process (importing spaCy, reading jieba's
dictionary), so it happens only when a selected rule needs tokens, and once per process. The
jieba instance is our own (not the module-level one), with the project's legal and e-commerce
lexicon from `rules/lexicon.txt` added, so a library user's own jieba is left untouched.
Nothing is downloaded: jieba ships its dictionary, and a blank pipeline has no model.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from .rules import builtin_rules_dir

LEXICON = "lexicon.txt"


@lru_cache(maxsize=1)
def pipeline():
    import jieba
    import spacy
    from spacy.lang.zh import Segmenter

    jieba.setLogLevel(logging.WARNING)  # jieba prints its cache messages to stderr otherwise
    segmenter = jieba.Tokenizer()
    lexicon = builtin_rules_dir() / LEXICON
    if lexicon.exists():
        segmenter.load_userdict(str(lexicon))
    # Built with the "char" segmenter, then switched to our jieba instance: asking spaCy for
    # "jieba" directly would also load jieba's global dictionary, a second 0.4 s and ~100 MB.
    nlp = spacy.blank("zh")
    nlp.tokenizer.segmenter = Segmenter.jieba
    nlp.tokenizer.jieba_seg = segmenter
    return nlp


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[tuple[str, int], ...]:
    """(word, offset) pairs for a short text, usually one sentence."""
    return tuple((t.text, t.idx) for t in pipeline()(text) if not t.is_space)
