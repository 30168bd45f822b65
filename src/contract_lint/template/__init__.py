"""Template review: a contract held against the standard template (标准合同, 范本) it was made from.

- `units`: the pieces of a document compared one by one (clauses, preamble paragraphs, table rows,
  the signing block), with their compared characters;
- `slots`: a template's blanks, the kind of value each asks for, and whether a value answers it;
- `build`: a template read once: units as patterns with wildcards for the blanks;
- `align`: which unit of the contract is which of the template (moved, split, merged);
- `diff`: the words that changed, by word segmentation, and the values typed into blanks;
- `filled`: those values checked against their blanks' kinds and a playbook's limits;
- `review`: what the template rules report, computed once per contract and template;
- `catalog`: which template a contract gets (--template, a folder, the configuration);
- `playbook`: `contract-lint derive` and the playbooks it writes.
"""

from __future__ import annotations

from .build import Template, build

__all__ = ["Template", "build", "from_document"]


def from_document(document, rules, path: str | None = None) -> Template:
    """The template `document` is, read with the loaded `rules`: placeholder-unfilled's params
    say what a blank is, and template-guidance-left's notes may be dropped by a contract. The
    rules are the ones loaded, selected or not: a run of `--select CL026` still reads blanks."""
    placeholder = next((r for r in rules if r.check == "placeholder"), None)
    if placeholder is None:
        from ..rules import load_rules

        placeholder = next(r for r in load_rules() if r.check == "placeholder")
    guidance = next((r for r in rules if r.id == "template-guidance-left"), None)
    return build(document, placeholder.params, guidance, path)
