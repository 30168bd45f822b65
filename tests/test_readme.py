"""The README's sample output is what the command prints today (run on a terminal, as a reader
runs it). When a rule's wording changes, `python tools/readme_sample.py` rewrites the sample."""

from __future__ import annotations

import pytest

from tools.readme_sample import README, run, sample, samples


def test_the_readme_sample_is_what_the_command_prints():
    command, shown = sample(README.read_text(encoding="utf-8"))
    assert command == "contract-lint corpus/ec03-parttime-ops-defects.docx"  # the README's first command
    printed = run(command)
    assert printed == shown, "the README's sample is out of date: run `python tools/readme_sample.py`"


@pytest.mark.parametrize(("command", "shown"), samples(README.read_text(encoding="utf-8"))[1:],
                         ids=lambda value: value if isinstance(value, str) else "")
def test_every_other_sample_is_what_its_command_prints(command, shown):
    assert run(command) == shown, "a README sample is out of date: run `python tools/readme_sample.py`"
