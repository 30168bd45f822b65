"""What a rule reports: Hit (from a check) and Finding (what users see)."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
# what a person reads; machine formats (json, sarif, concise, github) keep the English keys
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class Hit:
    """A check's raw result: the span of the offending words, and values for the message.

    `variant` picks an alternative message/suggestion defined in the rule's YAML (e.g. a blank
    date reads differently from a blank name); `values` fill `{placeholders}` in them.
    Template review also sets `severity` (a playbook's policy for the clause overrides the
    rule's), `original` (the template's wording) and `redline` (the clause as ("=" | "-" | "+",
    text) pieces: kept, deleted, inserted words).
    """

    start: int
    end: int
    variant: str | None = None
    values: dict[str, str] = field(default_factory=dict)
    severity: str | None = None
    original: str | None = None
    redline: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Location:
    line: int
    column: int
    end_line: int
    end_column: int
    clause: str | None
    part: str
    start: int
    end: int


@dataclass(frozen=True)
class Finding:
    rule: str
    code: str
    severity: str
    message: str
    suggestion: str
    text: str
    context: str
    location: Location
    statute: str | None = None
    context_offset: int = 0  # where `text` starts inside `context`
    # template review: the template's wording of the clause (模板原文), and the clause as a redline
    original: str | None = None
    redline: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        loc = data["location"]
        template = data.get("template") or {}
        return cls(rule=data["rule"], code=data["code"], severity=data["severity"], message=data["message"],
                   suggestion=data["suggestion"], text=data["text"], context=data["context"],
                   location=Location(loc["line"], loc["column"], loc["end_line"], loc["end_column"],
                                     loc["clause"], loc["part"], loc["start"], loc["end"]),
                   statute=data.get("statute"), context_offset=data.get("context_offset", 0),
                   original=template.get("text"),
                   redline=tuple((op, text) for op, text in template.get("redline", ())))

    def to_dict(self) -> dict:
        loc = self.location
        return {
            "rule": self.rule,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "suggestion": self.suggestion,
            "statute": self.statute,
            "text": self.text,
            "context": self.context,
            "context_offset": self.context_offset,
            "location": {
                "line": loc.line, "column": loc.column, "end_line": loc.end_line,
                "end_column": loc.end_column, "clause": loc.clause, "part": loc.part,
                "start": loc.start, "end": loc.end,
            },
        } | self._template_dict()

    def _template_dict(self) -> dict:
        """Only findings of template review carry the template's wording (and the redline)."""
        if self.original is None:
            return {}
        return {"template": {"text": self.original, "redline": [list(piece) for piece in self.redline]}}
