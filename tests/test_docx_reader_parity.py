"""The lxml reader (readers/opc.py + readers/docx.py) reads every corpus .docx as the reader on
python-docx's object model did: same text, blocks, run map, comments and revisions.

The old reader was compared with the new one on every corpus .docx before it was removed (commit
"Read .docx straight from the zip"); what both read then is kept here as a digest per file. A
corpus .docx that is added or regenerated on purpose gets its digest with
`UPDATE_SNAPSHOTS=1 pytest tests/test_docx_reader_parity.py`."""

import hashlib
import io
import json
import os
from pathlib import Path

import pytest

from contract_lint.readers.docx import read_docx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "corpus").glob("*.docx"))
SNAPSHOT = Path(__file__).with_name("data") / "docx_reader_digests.json"


def digest(path: Path) -> str:
    text, blocks, comments, revisions = read_docx(io.BytesIO(path.read_bytes()))
    return hashlib.sha256(repr((text, blocks, comments, revisions)).encode()).hexdigest()


def _snapshot() -> dict[str, str]:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8")) if SNAPSHOT.exists() else {}


def test_update_snapshots_when_asked():
    if not os.environ.get("UPDATE_SNAPSHOTS"):
        pytest.skip("set UPDATE_SNAPSHOTS=1 to record the digests of new or regenerated corpus .docx")
    SNAPSHOT.parent.mkdir(exist_ok=True)
    SNAPSHOT.write_text(json.dumps({p.name: digest(p) for p in CORPUS}, indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_docx_reads_as_it_did(path):
    expected = _snapshot().get(path.name)
    assert expected is not None, f"no digest for {path.name}: record it with UPDATE_SNAPSHOTS=1"
    assert digest(path) == expected
