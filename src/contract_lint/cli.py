"""The `contract-lint` command.

    contract-lint FILE_OR_FOLDER ...     lint contracts (.docx, .txt, .md)
    contract-lint rules                  list the rules
    contract-lint explain RULE           a rule's rationale, statute, suggestion and examples

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage error or a
file that could not be read (the other files are still linted and reported).
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from . import __version__
from .findings import SEVERITY_RANK
from .rules import Rule, RuleError, load_rules

SUBCOMMANDS = ("rules", "explain", "eval")
EPILOG = "Other commands: 'contract-lint rules' lists the rules, 'contract-lint explain RULE' explains one."


class Format(str, Enum):
    text = "text"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


lint_app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
tools_app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False,
                        no_args_is_help=True)


def _version(value: bool) -> None:
    if value:
        print(f"contract-lint {__version__}")
        raise typer.Exit()


@lint_app.command(epilog=EPILOG, help="Lint Chinese contracts (.docx, .txt, .md): files or folders.")
def lint(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to lint.", show_default=False)],
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format: text, json.",
                                     show_default=False)] = "text",
    fail_on: Annotated[FailOn, typer.Option(help="Lowest severity that makes the exit code 1.")] = FailOn.warning,
    select: Annotated[str | None, typer.Option(help="Only these rules (ids or codes, comma-separated).")] = None,
    ignore: Annotated[str | None, typer.Option(help="Skip these rules (ids or codes, comma-separated).")] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Plain text output.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    from . import reporters
    from .reporters import text as text_reporter
    from .runner import lint_paths

    if fmt not in reporters.names():
        print(f"contract-lint: --format: unknown format '{fmt}' (one of: {', '.join(reporters.names())})",
              file=sys.stderr)
        raise typer.Exit(2)
    rules = _rules(select, ignore)
    results = lint_paths(paths, rules)
    for result in results:
        if result.error:
            print(f"contract-lint: {result.path}: {result.error}", file=sys.stderr)
    if fmt == reporters.TEXT:
        text_reporter.render(results, Console(no_color=no_color, highlight=False))
    else:
        print(reporters.renderer(fmt)(results, rules))
    if any(r.error for r in results):
        raise typer.Exit(2)
    threshold = SEVERITY_RANK.get(fail_on.value, 99)
    if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings):
        raise typer.Exit(1)


def _rules(select: str | None, ignore: str | None) -> list[Rule]:
    try:
        rules = load_rules()
    except RuleError as exc:
        print(f"contract-lint: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    chosen = rules
    for option, value in (("--select", select), ("--ignore", ignore)):
        if value is None:
            continue
        names = {n.strip() for n in value.split(",") if n.strip()}
        # a name is a rule id, or a code or code prefix ("CL0"); the same test selects and validates
        unknown = sorted(n for n in names if not any(_names(rule, n) for rule in rules))
        if not names or unknown:
            what = f"unknown rule {', '.join(unknown)}" if unknown else "no rule named"
            print(f"contract-lint: {option}: {what} (see 'contract-lint rules')", file=sys.stderr)
            raise typer.Exit(2)
        keep = option == "--select"
        chosen = [r for r in chosen if any(_names(r, n) for n in names) == keep]
    return chosen


def _names(rule: Rule, name: str) -> bool:
    return rule.id == name or rule.code.startswith(name.upper())


@tools_app.command("rules", help="List every rule: code, id, severity, title.")
def rules_command() -> None:
    console = Console(highlight=False)
    for rule in _rules(None, None):
        line = Text(f"{rule.code}  ")
        line.append(f"{rule.id:<34}", style="bold")
        line.append(f"{rule.severity:<8}")
        line.append(rule.title)
        console.print(line)


@tools_app.command("explain", help="Explain a rule: rationale, statute, suggestion, examples.")
def explain_command(rule: Annotated[str, typer.Argument(help="Rule id or code, e.g. placeholder-unfilled")]) -> None:
    rules = {key: r for r in _rules(None, None) for key in (r.id, r.code)}
    found = rules.get(rule)
    if found is None:
        print(f"contract-lint: unknown rule '{rule}' (see 'contract-lint rules')", file=sys.stderr)
        raise typer.Exit(2)
    console = Console(highlight=False)
    title = Text(f"{found.id} ({found.code}) — {found.title}", style="bold")
    console.print(title)
    console.print(f"severity: {found.severity}")
    for label, body in (("消息", found.message), ("理由", found.rationale), ("法律依据", found.statute),
                        ("建议", found.suggestion)):
        if body:
            console.print(Text(f"\n{label}", style="bold"))
            console.print(Text(body))
    for label, examples in (("会报告的例子", found.fire), ("不会报告的例子", found.ok)):
        console.print(Text(f"\n{label}", style="bold"))
        for example in examples:
            console.print(Text("  • " + example.text.replace("\n", " ⏎ ")))


@tools_app.command("eval", help="Score every rule against a corpus of contracts with expected findings.")
def eval_command(
    folder: Annotated[str, typer.Argument(help="Folder with NAME.expected.yaml files, e.g. corpus/")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    min_precision: Annotated[float, typer.Option(help="Fail under this precision for any rule.")] = 0.95,
    min_recall: Annotated[float, typer.Option(help="Fail under this recall for any rule.")] = 0.95,
    min_clause: Annotated[float, typer.Option(help="Fail under this clause accuracy for any rule.")] = 0.90,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every miss and false alarm.")] = False,
) -> None:
    import json
    from pathlib import Path

    from .evaluate import CorpusError, evaluate

    try:
        report = evaluate(Path(folder), _rules(None, None))
    except CorpusError as exc:
        print(f"contract-lint: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    failing = [rule for rule, s in report.scores.items()
               if s.precision < min_precision or s.recall < min_recall or s.clause_accuracy < min_clause]
    if fmt is Format.json:
        print(json.dumps({"documents": report.documents, "rules": {
            rule: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4),
                   "recall": round(s.recall, 4), "clause_accuracy": round(s.clause_accuracy, 4)}
            for rule, s in report.scores.items()}, "failing": failing, "problems": report.problems},
            ensure_ascii=False, indent=2))
    else:
        console = Console(highlight=False)
        console.print(f"{report.documents} documents")
        console.print(f"{'rule':<32} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7} {'clause':>7}")
        for rule, s in report.scores.items():
            line = Text(f"{rule:<32} {s.tp:>4} {s.fp:>4} {s.fn:>4} {s.precision:>9.3f} {s.recall:>7.3f} "
                        f"{s.clause_accuracy:>7.3f}", style="red" if rule in failing else "")
            console.print(line)
        if verbose:
            for problem in report.problems:
                console.print(Text(problem))
        if failing:
            console.print(Text(f"below the thresholds: {', '.join(failing)}", style="bold red"))
    if failing:
        raise typer.Exit(1)


def main() -> None:
    args = sys.argv[1:]
    if args and args[0] in SUBCOMMANDS:
        tools_app(args=args, prog_name="contract-lint")
    else:
        lint_app(args=args, prog_name="contract-lint")


if __name__ == "__main__":
    main()
