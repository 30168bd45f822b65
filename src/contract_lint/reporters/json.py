"""`--format json`: one JSON document for machines (schema in the README)."""

from __future__ import annotations

import json

from ..findings import SEVERITIES
from ..runner import FileResult
from .summary import RunInfo, summarize


def render(results: list[FileResult], rules=None, info: RunInfo | None = None) -> str:
    files = [{"path": r.path, "error": r.error,
              "notes": list(r.notes or (r.document.notes if r.document else ())),
              "template": r.template.to_dict() if getattr(r, "template", None) else None,
              "findings": [f.to_dict() for f in r.findings]}
             for r in results]
    summary = summarize(results)
    skipped = list(info.skipped) if info else []
    return json.dumps({"files": files, "skipped": skipped, "summary": {
        "files": summary.files, "files_with_errors": summary.errors, "skipped": len(skipped),
        "findings": summary.total, **{s: summary.by_severity[s] for s in SEVERITIES},
    }}, ensure_ascii=False, indent=2)
