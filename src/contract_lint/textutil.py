"""Small helpers over text."""

from __future__ import annotations

import re


def squeeze(text: str, limit: int = 60) -> str:
    """One-line form of a snippet for messages."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
