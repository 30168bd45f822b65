"""The `contract-lint` command.

    contract-lint FILE_OR_FOLDER ...     lint contracts (.docx, .txt, .md)
    contract-lint rules                  list the rules
    contract-lint explain RULE           a rule's rationale, statute, suggestion and examples

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage error or a
file that could not be read (the other files are still linted and reported).
"""

from __future__ import annotations

import dataclasses
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from . import __version__
from .baseline import BaselineError
from .baseline import write as write_baseline_file
from .config import ConfigError
from .findings import SEVERITY_RANK
from .rules import Rule, RuleError, load_rules
from .suppressions import IgnoreFileError

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
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", show_default=False,
        help="Output format: text, concise, json, sarif, github, junit, markdown, html. Default: github when "
             "GITHUB_ACTIONS=true, text on a terminal, concise otherwise.")] = None,
    output: Annotated[str | None, typer.Option("--output", "-o", show_default=False,
                                               help="Write the report to this file (atomically).")] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="After the report, count findings per rule.")
                          ] = False,
    exit_zero: Annotated[bool, typer.Option(
        "--exit-zero", help="Exit 0 even with findings (still 2 for unreadable files and usage errors).")] = False,
    fail_on: Annotated[FailOn | None, typer.Option(
        help="Lowest severity that makes the exit code 1 [default: warning].", show_default=False)] = None,
    select: Annotated[str | None, typer.Option(help="Only these rules (ids or codes, comma-separated).")] = None,
    ignore: Annotated[str | None, typer.Option(help="Skip these rules (ids or codes, comma-separated).")] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Plain text output.")] = False,
    max_file_size: Annotated[float, typer.Option(help="Refuse an input file larger than this (MB).")] = 50.0,
    config_path: Annotated[str | None, typer.Option(
        "--config", metavar="FILE", show_default=False,
        help="Configuration file (default: the nearest contract-lint.toml or pyproject.toml with "
             "[tool.contract-lint], walking up from the first path).")] = None,
    extend_select: Annotated[str | None, typer.Option(help="Add these rules to the selection.")] = None,
    exclude: Annotated[list[str] | None, typer.Option(
        help="Skip files and folders matching this glob when walking folders (repeatable).")] = None,
    stdin_filename: Annotated[str | None, typer.Option(
        help="Name (and so the format) of the contract read from '-'.")] = None,
    baseline: Annotated[str | None, typer.Option(
        metavar="FILE", show_default=False, help="Report only findings that are not in this baseline.")] = None,
    write_baseline: Annotated[str | None, typer.Option(
        metavar="FILE", show_default=False, help="Record today's findings as the baseline, then exit 0.")] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", show_default=False, help="Worker processes (default: the number of CPUs).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Lint every file, ignoring cached results.")] = False,
    cache_dir: Annotated[str | None, typer.Option(
        metavar="DIR", show_default=False,
        help="Cache folder (default: $XDG_CACHE_HOME/contract-lint, i.e. ~/.cache/contract-lint).")] = None,
    annotate_to: Annotated[str | None, typer.Option(
        "--annotate", metavar="FILE", show_default=False,
        help="Write a copy of the (one) .docx input with every finding as a Word comment.")] = None,
    annotate_dir: Annotated[str | None, typer.Option(
        "--annotate-dir", metavar="DIR", show_default=False,
        help="Write a commented copy of every .docx input into this folder.")] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    from . import files, reporters
    from .reporters import statistics as report_statistics
    from .reporters import text as text_reporter
    from .runner import expand, lint_paths

    fmt = fmt or reporters.default_format(to_terminal=output is None and sys.stdout.isatty())
    if fmt not in reporters.names():
        print(f"contract-lint: --format: unknown format '{fmt}' (one of: {', '.join(reporters.names())})",
              file=sys.stderr)
        raise typer.Exit(2)
    inputs = [path for path, _ in expand(paths) if path != "-"]
    for option, target in (("--output", output), ("--write-baseline", write_baseline)):
        clash = target and files.input_clash(target, inputs)
        if clash:  # contract-lint never writes over a contract it reads
            print(f"contract-lint: {option}: refusing to overwrite the input file {clash}", file=sys.stderr)
            raise typer.Exit(2)
    copies = _annotation_plan(paths, annotate_to, annotate_dir)
    from . import project
    from .cache import Cache, default_dir
    from .readers import DEFAULT_LIMITS
    from .runner import Options

    try:
        cfg = _project_config(config_path, paths)
        known = project.available_rules(cfg)
        rules = project.choose_rules(cfg, project.split(select, "--select"), project.split(ignore, "--ignore"),
                                     project.split(extend_select, "--extend-select") or (), available=known)
    except (project.UsageError, ConfigError, RuleError) as exc:
        print(f"contract-lint: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    known_names = frozenset(name for r in known for name in (r.id, r.code))
    keep_documents = bool(copies) or fmt == "html"  # a Word copy and the HTML page show the document itself
    options = Options(
        limits=dataclasses.replace(DEFAULT_LIMITS, max_file_bytes=int(max_file_size * 2**20)),
        cache=None if no_cache else Cache(Path(cache_dir) if cache_dir else default_dir(), rules, known_names),
        jobs=jobs if jobs is not None else (os.cpu_count() or 1), keep_documents=keep_documents,
        exclude=(*cfg.exclude, *(exclude or ())), exclude_root=cfg.root, stdin_name=stdin_filename,
        known_rules=known_names)
    results = lint_paths(paths, rules, options)
    try:
        results = project.accepted_filter(results, cfg, baseline)
    except (BaselineError, IgnoreFileError) as exc:
        print(f"contract-lint: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    if write_baseline:
        count = write_baseline_file(write_baseline, results)
        print(f"contract-lint: wrote {count} finding(s) to the baseline {write_baseline}", file=sys.stderr)
        raise typer.Exit(2 if any(r.error for r in results) else 0)
    for result in results:
        if result.error:
            print(f"contract-lint: {result.path}: {result.error}", file=sys.stderr)
    if fmt == reporters.TEXT and output is None:
        text_reporter.render(results, Console(no_color=no_color, highlight=False))
    else:
        try:
            reporters.deliver(reporters.report(fmt, results, rules), output)
        except BrokenPipeError:
            # the reader of a pipe (`| head`) stopped early: not an error of ours
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError as exc:
            where = f"--output: cannot write {output}" if output else "cannot write the report"
            print(f"contract-lint: {where}: {exc.strerror or exc}", file=sys.stderr)
            raise typer.Exit(2) from None
    if statistics and (counts := report_statistics.render(results)):
        # a parsed format on stdout must stay parseable, so the counts go beside it
        beside = output is None and fmt in reporters.STRUCTURED
        print(counts, file=sys.stderr if beside else sys.stdout)
    if copies and not _write_annotated(results, copies):
        raise typer.Exit(2)
    if any(r.error for r in results):
        raise typer.Exit(2)
    if exit_zero:
        return
    threshold = SEVERITY_RANK.get(fail_on.value if fail_on else (cfg.fail_on or "warning"), 99)
    if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings):
        raise typer.Exit(1)


def _annotation_plan(paths: list[str], file: str | None, folder: str | None) -> dict[str, str]:
    """--annotate / --annotate-dir: input -> commented copy, checked before anything is linted."""
    if not file and not folder:
        return {}
    from .annotate import AnnotateError, plan
    from .runner import expand

    option = "--annotate" if file else "--annotate-dir"
    try:
        return plan([path for path, error in expand(paths) if not error], file, folder)
    except AnnotateError as exc:
        print(f"contract-lint: {option}: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None


def _write_annotated(results, copies: dict[str, str]) -> bool:
    """Write each commented copy; a line on stderr for each. False when one could not be written."""
    from .annotate import AnnotateError, annotate

    ok = True
    for result in results:
        target = copies.get(result.path)
        if target is None or result.error or result.document is None:
            if result.document is not None and result.document.format != "docx":
                print(f"contract-lint: {result.path}: no Word copy (only .docx files get comments)", file=sys.stderr)
            continue
        try:
            done = annotate(result.path, result.document, result.findings, target)
        except AnnotateError as exc:
            print(f"contract-lint: {result.path}: cannot write the commented copy: {exc}", file=sys.stderr)
            ok = False
            continue
        print(f"contract-lint: wrote {target} ({done.comments} comments)", file=sys.stderr)
        for note in done.notes:
            print(f"contract-lint: {target}: note: {note}", file=sys.stderr)
    return ok


def _project_config(explicit: str | None, paths: list[str]):
    from . import config

    if explicit:
        if not Path(explicit).is_file():
            raise ConfigError(f"--config: no such file: {explicit}")
        return config.load(Path(explicit))
    first = next((p for p in paths if p != "-"), ".")
    return config.load(config.find(Path(first)))


def _available_rules() -> list[Rule]:
    """Every rule `rules`, `explain` and `eval` know: the built-in ones and the project's own
    (rule-paths in the configuration found from the working directory)."""
    from .rules import builtin_rules_dir

    try:
        cfg = _project_config(None, ["."])
        return load_rules([builtin_rules_dir(), *cfg.rule_paths])
    except (ConfigError, RuleError) as exc:
        print(f"contract-lint: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None


@tools_app.command("rules", help="List every rule: code, id, severity, title.")
def rules_command() -> None:
    console = Console(highlight=False)
    for rule in sorted(_available_rules(), key=lambda r: r.code):
        line = Text(f"{rule.code}  ")
        line.append(f"{rule.id:<34}", style="bold")
        line.append(f"{rule.severity:<8}")
        line.append(rule.title)
        console.print(line, soft_wrap=True)  # one rule per line, whatever the width: it is grepped


@tools_app.command("explain", help="Explain a rule: rationale, statute, suggestion, examples.")
def explain_command(rule: Annotated[str, typer.Argument(help="Rule id or code, e.g. placeholder-unfilled")]) -> None:
    rules = {key: r for r in _available_rules() for key in (r.id, r.code)}
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
        report = evaluate(Path(folder), _available_rules())
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
