"""The `contract-lint` command.

    contract-lint [check] PATH ...       lint contracts (.docx, .txt, .md); `check` may be left out
    contract-lint rules                  list the rules
    contract-lint explain RULE           a rule's rationale, statute, suggestion and examples
    contract-lint eval FOLDER            score every rule against a corpus
    contract-lint derive TEMPLATE        write a template's clauses and blanks as a playbook

The first argument decides: one of the subcommand names, as a bare word, is that subcommand;
anything else (a path, an option) means `check`. So `contract-lint rules` lists the rules even
where a `rules/` folder exists (a hint says how to lint it: `contract-lint check rules` or
`contract-lint rules/`), and a bare path keeps working as it always has.

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
from typer.core import TyperCommand

from . import __version__, cli_params
from .baseline import BaselineError
from .baseline import write as write_baseline_file
from .config import ConfigError
from .findings import SEVERITY_RANK
from .rules import Rule, RuleError, load_rules, rule_vocabulary
from .suppressions import IgnoreFileError
from .terminal import console as make_console
from .terminal import use_color

SUBCOMMANDS = ("check", "rules", "explain", "eval", "derive")
EPILOG = ("'contract-lint PATH...' is short for 'contract-lint check PATH...'. Other commands: "
          "'contract-lint rules' lists the rules, 'contract-lint explain RULE' explains one, "
          "'contract-lint eval FOLDER' scores the rules against a corpus, "
          "'contract-lint derive TEMPLATE -o PLAYBOOK.yaml' writes a template's playbook.")
FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "markdown", "html")  # reporters.names()
PROGRESS_FROM = 30  # files: a folder this large takes long enough on a terminal to show progress


class Format(str, Enum):
    text = "text"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class _CheckCommand(TyperCommand):
    """`check`'s usage line reads `contract-lint check [OPTIONS] PATH...`: typer would print
    `{PATH...}...` and a `<list[str]>` type, which tell a user nothing."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        return [self.options_metavar or "[OPTIONS]", "PATH..."]  # after the program name, `contract-lint check`


# Two apps, as the first argument decides which: `check` alone is built for a lint run, so its
# start-up does not pay for the other commands' parameters (typer builds a pydantic adapter for
# an enum option with a default: ~50 ms).
check_app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
tools_app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False,
                        no_args_is_help=True)


def _version(value: bool) -> None:
    if value:
        print(f"contract-lint {__version__}")
        raise typer.Exit()


@check_app.command("check", cls=_CheckCommand, epilog=EPILOG,
             help="Lint Chinese contracts (.docx, .txt, .md). PATH... are files and folders: a file is always "
                  "linted; a folder is walked for contracts (see the README: hidden, ignored and build folders, "
                  "and .md/.txt files that do not look like contracts, are skipped); '-' reads standard input.")
def lint(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", show_default=False, hidden=True)],
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", metavar="FORMAT", show_default=False,
        help=f"Output format, one of: {', '.join(FORMATS)}. Default: github when GITHUB_ACTIONS=true, text on a "
             "terminal, concise otherwise.")] = None,
    output: Annotated[str | None, typer.Option("--output", "-o", metavar="FILE", show_default=False,
                                               help="Write the report to this file (atomically).")] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="After the report, count findings per rule.")
                          ] = False,
    exit_zero: Annotated[bool, typer.Option(
        "--exit-zero", help="Exit 0 even with findings (still 2 for unreadable files and usage errors).")] = False,
    fail_on: Annotated[FailOn | None, typer.Option(
        metavar="LEVEL", show_default=False,
        help="Lowest severity that makes the exit code 1, one of: error, warning, info, never "
             "[default: warning].")] = None,
    select: Annotated[str | None, typer.Option(
        metavar="RULES", help="Only these rules (ids, codes or code prefixes, comma-separated).")] = None,
    ignore: Annotated[str | None, typer.Option(
        metavar="RULES", help="Skip these rules (ids, codes or code prefixes, comma-separated).")] = None,
    no_color: Annotated[bool, typer.Option(
        "--no-color", help="No colour or other escape codes (as NO_COLOR=1 does; FORCE_COLOR=1 forces "
                           "colour).")] = False,
    max_file_size: Annotated[float, typer.Option(
        metavar="MB", help="Refuse an input file larger than this (MB).")] = 50.0,
    config_path: Annotated[str | None, typer.Option(
        "--config", metavar="FILE", show_default=False,
        help="Configuration file (default: the nearest contract-lint.toml or pyproject.toml with "
             "[tool.contract-lint], walking up from the first path).")] = None,
    extend_select: Annotated[str | None, typer.Option(
        metavar="RULES", help="Add these rules to the selection.")] = None,
    exclude: Annotated[list[str] | None, typer.Option(
        metavar="GLOB", help="Skip files and folders matching this glob when walking folders (repeatable).")] = None,
    force_exclude: Annotated[bool, typer.Option(
        "--force-exclude", help="Select named files as a folder walk would: apply 'exclude', .gitignore, the "
                                "build folders and the contract check of .md/.txt files to them too "
                                "(for pre-commit).")] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="List the .md/.txt files skipped because they do not look like contracts.")
                       ] = False,
    stdin_filename: Annotated[str | None, typer.Option(
        metavar="NAME", help="Name (and so the format) of the contract read from '-'.")] = None,
    baseline: Annotated[str | None, typer.Option(
        metavar="FILE", show_default=False, help="Report only findings that are not in this baseline.")] = None,
    write_baseline: Annotated[str | None, typer.Option(
        metavar="FILE", show_default=False, help="Record today's findings as the baseline, then exit 0.")] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", metavar="N", show_default=False, help="Worker processes (default: the number of CPUs).")
                    ] = None,
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
    template: Annotated[str | None, typer.Option(
        "--template", "-t", metavar="PATH", show_default=False,
        help="Compare each contract with its standard template: a .docx/.txt/.md template, a playbook .yaml "
             "(contract-lint derive), or a folder of them (each contract gets the most similar one).")] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    from . import files, project, reporters
    from .reporters import statistics as report_statistics
    from .reporters.summary import RunInfo
    from .selection import select as select_files

    fmt = fmt or reporters.default_format(to_terminal=output is None and sys.stdout.isatty())
    if fmt not in reporters.names():
        print(f"contract-lint: --format: unknown format '{fmt}' (one of: {', '.join(reporters.names())})",
              file=sys.stderr)
        raise typer.Exit(2)
    try:
        cfg = _project_config(config_path, paths)
    except ConfigError as exc:
        print(f"contract-lint: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    selection = select_files(paths, (*cfg.exclude, *(exclude or ())), cfg.root, force_exclude)
    inputs = [path for path, error in selection.files if path != "-" and not error]
    for option, target in (("--output", output), ("--write-baseline", write_baseline)):
        clash = target and files.input_clash(target, inputs)
        if clash:  # contract-lint never writes over a contract it reads
            print(f"contract-lint: {option}: refusing to overwrite the input file {clash}", file=sys.stderr)
            raise typer.Exit(2)
    copies = _annotation_plan(inputs, annotate_to, annotate_dir)
    from .cache import Cache, default_dir
    from .readers import DEFAULT_LIMITS
    from .runner import Options

    try:
        known = project.available_rules(cfg)
        rules = project.choose_rules(cfg, project.split(select, "--select"), project.split(ignore, "--ignore"),
                                     project.split(extend_select, "--extend-select") or (), available=known)
    except (project.UsageError, RuleError) as exc:
        print(f"contract-lint: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    known_names = frozenset(name for r in known for name in (r.id, r.code))
    keep_documents = bool(copies) or fmt == "html"  # a Word copy and the HTML page show the document itself
    cache = None if no_cache else Cache(Path(cache_dir) if cache_dir else default_dir(), rules, known_names)
    templates = _templates(template, cfg, known, cache)
    for option, target in (("--output", output), ("--write-baseline", write_baseline)):
        clash = target and templates and files.input_clash(target, [s.path for s in templates.sources])
        if clash:  # nor over a template it reads
            print(f"contract-lint: {option}: refusing to overwrite the template {clash}", file=sys.stderr)
            raise typer.Exit(2)
    options = Options(
        limits=dataclasses.replace(DEFAULT_LIMITS, max_file_bytes=int(max_file_size * 2**20)),
        cache=cache, jobs=jobs if jobs is not None else (os.cpu_count() or 1), keep_documents=keep_documents,
        exclude=(*cfg.exclude, *(exclude or ())), exclude_root=cfg.root, stdin_name=stdin_filename,
        known_rules=known_names, templates=templates)
    color = use_color(sys.stdout, no_color)
    if verbose:
        for path in selection.skipped:
            print(f"contract-lint: skipped {path}: does not look like a contract (no contract title or "
                  "party lines)", file=sys.stderr)
    results = _lint_with_progress(selection.files, rules, options, no_color)
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
    info = RunInfo(skipped=selection.skipped, config=str(cfg.path) if cfg.path else None,
                   rules=tuple(sorted(r.code for r in rules)), created=_created(),
                   color=color and output is None)
    if fmt == reporters.TEXT and output is None:
        from .reporters import text as text_reporter  # rich: only for the terminal report

        try:
            text_reporter.render(results, make_console(color), info)
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    else:
        try:
            reporters.deliver(reporters.report(fmt, results, rules, info), output)
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


def _templates(option: str | None, cfg, known: list[Rule], cache):
    """The templates contracts are compared with (--template, else the configuration's), each read
    now: a template that cannot be used stops the run before any contract is linted."""
    if not option and not cfg.template and not cfg.per_file_templates:
        return None
    from .template.catalog import TemplateError, open_catalog

    spec = option or (str(cfg.template) if cfg.template else None)
    mapping = {} if option else {glob: str(path) for glob, path in cfg.per_file_templates.items()}
    try:
        return open_catalog(spec, mapping, cfg.root, known, cache.folder if cache else None)
    except TemplateError as exc:
        print(f"contract-lint: template {exc}", file=sys.stderr)
        raise typer.Exit(2) from None


def _lint_with_progress(todo, rules, options, no_color: bool):
    """Lint, with a progress bar on stderr when a person waits at a terminal for many files."""
    from .runner import lint_selected

    count = sum(1 for path, error in todo if not error and path != "-")
    if count < PROGRESS_FROM or not sys.stderr.isatty():
        return lint_selected(list(todo), rules, options)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = make_console(use_color(sys.stderr, no_color), stderr=True)
    with Progress(TextColumn("检查合同"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("", total=count)
        return lint_selected(list(todo), rules, options, progress=lambda: bar.advance(task))


def _created() -> str:
    """Now, as local time with its offset; SOURCE_DATE_EPOCH fixes it (reproducible reports)."""
    import datetime as dt

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).isoformat(timespec="seconds")
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _annotation_plan(inputs: list[str], file: str | None, folder: str | None) -> dict[str, str]:
    """--annotate / --annotate-dir: input -> commented copy, checked before anything is linted."""
    if not file and not folder:
        return {}
    from .annotate import AnnotateError, plan

    option = "--annotate" if file else "--annotate-dir"
    try:
        return plan(inputs, file, folder)
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


NO_COLOR_OPTION = typer.Option("--no-color", help="No colour or other escape codes (as NO_COLOR=1 does).")


@tools_app.command("rules", help="List every rule: code, id, severity, title.")
def rules_command(
    fmt: Annotated[Format, typer.Option("--format", "-f", metavar="FORMAT",
                                        help="Output format, one of: text, json.")] = Format.text,
    no_color: Annotated[bool, NO_COLOR_OPTION] = False,
) -> None:
    from .findings import SEVERITY_LABELS

    rules = sorted(_available_rules(), key=lambda r: r.code)
    if fmt is Format.json:
        import json

        print(json.dumps([{"code": r.code, "id": r.id, "severity": r.severity, "title": r.title,
                           "rationale": r.rationale, "suggestion": r.suggestion, "statute": r.statute,
                           "check": r.check} for r in rules], ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("代码", no_wrap=True)
    table.add_column("规则", style="bold", no_wrap=True)
    table.add_column("严重程度", no_wrap=True)
    table.add_column("说明", overflow="fold")
    for rule in rules:
        table.add_row(rule.code, rule.id, SEVERITY_LABELS.get(rule.severity, rule.severity), rule.title)
    make_console(use_color(sys.stdout, no_color)).print(table)


@tools_app.command("explain", help="Explain a rule: rationale, statute, suggestion, examples.")
def explain_command(
    rule: Annotated[str, typer.Argument(metavar="RULE", help="Rule id or code, e.g. placeholder-unfilled or CL001")],
    no_color: Annotated[bool, NO_COLOR_OPTION] = False,
) -> None:
    from rich.text import Text

    from .findings import SEVERITY_LABELS
    from .wrap import print_wrapped

    rules = {key: r for r in _available_rules() for key in (r.id, r.code)}
    found = rules.get(rule)
    if found is None:
        print(f"contract-lint: unknown rule '{rule}' (see 'contract-lint rules')", file=sys.stderr)
        raise typer.Exit(2)
    console = make_console(use_color(sys.stdout, no_color))
    print_wrapped(console, Text(f"{found.id} ({found.code}) — {found.title}", style="bold"))
    console.print(f"严重程度：{SEVERITY_LABELS.get(found.severity, found.severity)}")
    for label, body in (("消息", found.message), ("理由", found.rationale), ("法律依据", found.statute),
                        ("建议", found.suggestion)):
        if body:
            console.print(Text(f"\n{label}", style="bold"))
            print_wrapped(console, body)
    for label, items in rule_vocabulary(found).items():  # what the rule reads: kinds of account, metrics …
        console.print(Text(f"\n{label}", style="bold"))
        for item in items:
            print_wrapped(console, "• " + item, indent=2, hanging=4)
    for label, examples in (("会报告的例子", found.fire), ("不会报告的例子", found.ok)):
        console.print(Text(f"\n{label}", style="bold"))
        for example in examples:
            if example.template is not None:  # a template rule's example: the template, then the contract
                print_wrapped(console, "• 模板：" + example.template.replace("\n", " ⏎ "), indent=2, hanging=4)
                print_wrapped(console, "  合同：" + example.text.replace("\n", " ⏎ "), indent=2, hanging=4)
                continue
            print_wrapped(console, "• " + example.text.replace("\n", " ⏎ "), indent=2, hanging=4)


@tools_app.command("eval", help="Score every rule against a corpus of contracts with expected findings.")
def eval_command(
    folder: Annotated[str, typer.Argument(metavar="FOLDER", help="Folder with NAME.expected.yaml files, e.g. corpus/")],
    fmt: Annotated[Format, typer.Option("--format", "-f", metavar="FORMAT",
                                        help="Output format, one of: text, json.")] = Format.text,
    min_precision: Annotated[float, typer.Option(metavar="RATIO", help="Fail under this precision for any rule.")
                             ] = 0.95,
    min_recall: Annotated[float, typer.Option(metavar="RATIO", help="Fail under this recall for any rule.")] = 0.95,
    min_clause: Annotated[float, typer.Option(metavar="RATIO", help="Fail under this clause accuracy for any rule.")
                          ] = 0.90,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every miss and false alarm.")] = False,
    no_color: Annotated[bool, NO_COLOR_OPTION] = False,
) -> None:
    import json

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
        from rich.table import Table
        from rich.text import Text

        console = make_console(use_color(sys.stdout, no_color))
        table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold",
                      title=f"{report.documents} 份文档", title_justify="left")
        table.add_column("规则", no_wrap=True)
        for name in ("TP", "FP", "FN", "precision", "recall", "clause"):
            table.add_column(name, justify="right", no_wrap=True)
        for rule, s in report.scores.items():
            table.add_row(rule, str(s.tp), str(s.fp), str(s.fn), f"{s.precision:.3f}", f"{s.recall:.3f}",
                          f"{s.clause_accuracy:.3f}", style="red" if rule in failing else None)
        console.print(table)
        if verbose:
            for problem in report.problems:
                console.print(Text(problem))
        if failing:
            console.print(Text(f"below the thresholds: {', '.join(failing)}", style="bold red"))
    if failing:
        raise typer.Exit(1)


@tools_app.command("derive", help="Write a template's clauses and blanks as a playbook to edit "
                                   "(policies, constraints); use it with --template PLAYBOOK.yaml.")
def derive_command(
    template: Annotated[str, typer.Argument(metavar="TEMPLATE", help="The standard template (.docx, .txt, .md)")],
    output: Annotated[str | None, typer.Option("--output", "-o", metavar="FILE", show_default=False,
                                               help="Write the playbook to this file (default: print it).")] = None,
) -> None:
    from . import files
    from .template.catalog import TemplateError, load
    from .template.playbook import derive, is_playbook

    if is_playbook(template):
        print(f"contract-lint: derive: {template} is a playbook already; derive reads a template "
              "(.docx, .txt, .md)", file=sys.stderr)
        raise typer.Exit(2)
    if output and files.input_clash(output, [template]):
        print(f"contract-lint: --output: refusing to overwrite the input file {template}", file=sys.stderr)
        raise typer.Exit(2)
    try:
        found = load(Path(template), _available_rules())
    except TemplateError as exc:
        print(f"contract-lint: template {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    text = derive(found, Path(template), Path(output) if output else None)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        files.write_atomic(output, text)
    except OSError as exc:
        print(f"contract-lint: --output: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    print(f"contract-lint: wrote {output} ({len(found.patterns)} units, {len(found.slots)} blanks)", file=sys.stderr)


def main() -> None:
    cli_params.install()  # option values read without importing pydantic
    try:
        _dispatch(sys.argv[1:])
    except SystemExit as exc:
        _leave(exc.code)
    _leave(0)


def _leave(code) -> None:
    """Exit without the interpreter's teardown (freeing every module and object one by one costs
    a short run tens of milliseconds): the exit handlers still run and both streams are flushed
    first; if flushing fails, the normal exit reports it."""
    import atexit

    status = code if isinstance(code, int) else (0 if code is None else 1)
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(status)
    os._exit(status)


def _dispatch(args: list[str]) -> None:
    if args and args[0] in SUBCOMMANDS[1:]:
        if Path(args[0]).exists():
            # `contract-lint rules` in a repository with a rules/ folder: the subcommand wins
            print(f"contract-lint: note: '{args[0]}' is the subcommand; to lint the '{args[0]}' folder, run "
                  f"'contract-lint check {args[0]}' or 'contract-lint {args[0]}/'", file=sys.stderr)
        tools_app(args=args, prog_name="contract-lint")
        return
    if args and args[0] == "check":
        args = args[1:]
    else:
        named = [a for a in args if a in SUBCOMMANDS[1:]]
        if named:  # `contract-lint --format json rules`: options first make it a path
            print(f"contract-lint: note: '{named[0]}' is read as a path to lint; for the subcommand, put it "
                  f"first: 'contract-lint {named[0]} …'", file=sys.stderr)
    check_app(args=args, prog_name="contract-lint check")


if __name__ == "__main__":
    main()
