"""The README's sample output is what the command prints today (run on a terminal, as a reader
runs it). When a rule's wording changes, `python tools/readme_sample.py` rewrites the sample."""

from __future__ import annotations

from tools.readme_sample import README, run, sample


def test_the_readme_sample_is_what_the_command_prints():
    command, shown = sample(README.read_text(encoding="utf-8"))
    assert command == "contract-lint corpus/ec03-parttime-ops-defects.docx"  # the README's first command
    printed = run(command)
    assert printed == shown, "the README's sample is out of date: run `python tools/readme_sample.py`"
