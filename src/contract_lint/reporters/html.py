"""`--format html -o report.html`: one self-contained page for reviewers.

The page holds, per file, the contract's text view with every finding highlighted by severity,
and beside it a panel grouped by clause and then severity, with counts. Each finding shows its
message, suggestion and statute. Plain anchors jump both ways (panel → words, words → panel), so
the page works without JavaScript; a small inline script adds the filter by rule and severity
and makes a whole highlight clickable. Nothing is fetched: CSS and script are inline, and a
Content-Security-Policy forbids any request.

Every finding gets exactly one highlight element, `<mark id="f1-3" data-finding="f1-3">`, whose
text is the finding's text. Findings nest when one lies inside another (a blank inside an
ambiguous-liability phrase). Two findings that cross (each starts inside the other) cannot both
be one element: the one that starts later is closed where the earlier one ends and continues in
a `<mark data-continues="f1-3">`, so the element plus its continuations hold its text.

A finding of template review shows the template's wording (模板原文), and a changed clause its
redline: the contract's clause with the template's deleted words struck through and the words
put in underlined, one text. The file's heading says which template it was compared with.

The page says when it was made, by which contract-lint version, with which rules and which
configuration file, and, in the folder view, each file's counts by severity. It prints whole: a
print stylesheet drops the controls, lets the panel grow instead of scrolling, puts the panel
above the text, shows filtered-out findings again and starts each file on a new page.

Everything taken from a document (text, file names) or a rule is escaped.
"""

from __future__ import annotations

import html
from collections import OrderedDict

from .. import __version__
from ..findings import SEVERITIES
from ..regexcache import regex
from .summary import RunInfo, summarize

_CONTROL = regex("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
_PARTS = {"header": "页眉", "footer": "页脚", "textbox": "文本框"}


def esc(value: object) -> str:
    """Escape for text and for quoted attribute values; C0 controls become U+FFFD (one for one)."""
    return html.escape(_CONTROL.sub("\ufffd", str(value)), quote=True)


def render(results, rules=None, info: RunInfo | None = None) -> str:
    titles = {r.id: r.title for r in rules or ()}
    info = info or RunInfo(rules=tuple(r.code for r in rules or ()))
    summary = summarize(results)
    present = sorted({(f.code, f.rule) for r in results for f in r.findings})
    out = ['<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">',
           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
           'style-src \'unsafe-inline\'; script-src \'unsafe-inline\'">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<title>contract-lint 审阅报告</title>", f"<style>{_CSS}</style>", "</head>\n<body>",
           '<header class="top"><h1>contract-lint 审阅报告</h1>', _meta(info),
           f'<p class="totals">{summary.files} 个文件，{summary.total} 个问题：'
           + "，".join(f'<span class="badge sev-{s}">{_LABELS[s]} {summary.by_severity[s]}</span>'
                       for s in SEVERITIES) + "</p>"]
    if present:
        out.append('<form id="filters" class="filters" hidden><fieldset><legend>严重程度</legend>')
        out.extend(f'<label><input type="checkbox" checked data-severity="{s}"> '
                   f'<span class="badge sev-{s}">{_LABELS[s]}</span></label>' for s in SEVERITIES)
        out.append("</fieldset><fieldset><legend>规则</legend>")
        out.extend(f'<label title="{esc(titles.get(rule, ""))}"><input type="checkbox" checked '
                   f'data-rule="{esc(rule)}"> {esc(code)} {esc(rule)}</label>' for code, rule in present)
        out.append("</fieldset></form>")
    if len(results) > 1:
        out.append('<nav class="files"><ol>')
        out.extend(f'<li><a href="#file{i}">{esc(r.path)}</a> {_file_counts(r)}</li>'
                   for i, r in enumerate(results, 1))
        out.append("</ol></nav>")
    out.append("</header>")
    for i, result in enumerate(results, 1):
        out.append(_file(i, result, titles))
    out.append(f"<script>{_SCRIPT}</script>\n</body>\n</html>")
    return "\n".join(out)


def _meta(info: RunInfo) -> str:
    """When, by what and with which rules the report was made: a printed report is read later."""
    created = info.created or ""
    rules = "、".join(info.rules) if info.rules else "（无）"
    rows = [("生成时间", f'<time datetime="{esc(created)}">{esc(created.replace("T", " "))}</time>'),
            ("版本", f"contract-lint {esc(__version__)}"),
            ("规则", f"{len(info.rules)} 条：{esc(rules)}"),
            ("配置文件", esc(info.config) if info.config else "无（默认设置）")]
    if info.skipped:
        rows.append(("跳过", f"{len(info.skipped)} 个非合同文件：{esc('、'.join(info.skipped))}"))
    return '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _file_counts(result) -> str:
    """Counts by severity for one file, as in the folder list."""
    if result.error:
        return '<span class="badge sev-error">无法读取</span>'
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in result.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return " ".join(f'<span class="badge sev-{s}">{_LABELS[s]} {counts[s]}</span>' for s in SEVERITIES)


def _file(i: int, result, titles: dict[str, str]) -> str:
    out = [f'<section class="file" id="file{i}"><h2>{esc(result.path)}</h2>']
    if result.error:
        out.append(f'<p class="error">无法读取：{esc(result.error)}</p></section>')
        return "\n".join(out)
    document = result.document
    template = getattr(result, "template", None)
    if template is not None:
        out.append(f'<p class="template">模板：{esc(template.path)}（相似度 {template.similarity:.2f}）</p>')
    for note in getattr(result, "notes", ()) or getattr(document, "notes", ()) or ():
        out.append(f'<p class="note">{esc(note)}</p>')
    ids = {id(f): f"{i}-{n}" for n, f in enumerate(result.findings, 1)}
    out.append('<div class="columns">')
    out.append(_panel(result.findings, ids, titles))
    if document is not None:
        text = _highlight(document.text, result.findings, ids, _decorations(document))
        out.append(f'<pre class="contract" lang="zh-CN">{text}</pre>')
    out.append("</div></section>")
    return "\n".join(out)


def _panel(findings, ids: dict[int, str], titles: dict[str, str]) -> str:
    if not findings:
        return '<aside class="panel"><p class="clean">没有发现问题。</p></aside>'
    groups: OrderedDict[str, dict[str, list]] = OrderedDict()
    for f in findings:
        groups.setdefault(f.location.clause or "（无条款）", {}).setdefault(f.severity, []).append(f)
    out = ['<aside class="panel">']
    for clause, by_severity in groups.items():
        total = sum(len(v) for v in by_severity.values())
        out.append(f'<details class="group clause" open><summary>{esc(clause)} '
                   f'<span class="count">{total}</span></summary>')
        for severity in SEVERITIES:
            items = by_severity.get(severity)
            if not items:
                continue
            out.append(f'<div class="group"><h4><span class="badge sev-{severity}">{_LABELS[severity]}</span> '
                       f'<span class="count">{len(items)}</span></h4><ol>')
            out.extend(_item(f, ids[id(f)], titles) for f in items)
            out.append("</ol></div>")
        out.append("</details>")
    out.append("</aside>")
    return "\n".join(out)


def _item(f, key: str, titles: dict[str, str]) -> str:
    loc = f.location
    quote = f.text if f.text.strip() else "（没有对应的具体文字）"
    parts = [f'<li class="finding sev-{esc(f.severity)}" id="p{key}" data-rule="{esc(f.rule)}" '
             f'data-severity="{esc(f.severity)}">',
             f'<a class="jump" href="#f{key}"><span class="n">{key.split("-")[-1]}</span> '
             f'<q>{esc(_short(quote))}</q></a>',
             f'<div class="rule" title="{esc(titles.get(f.rule, ""))}">{esc(f.code)} {esc(f.rule)} · '
             f'{loc.line}:{loc.column}</div>',
             f'<p class="message">{esc(f.message)}</p>']
    if getattr(f, "redline", ()):
        parts.append('<p class="redline"><b>对照模板</b> ' + "".join(_redline_piece(op, text) for op, text in f.redline)
                     + "</p>")
    elif getattr(f, "original", None) is not None:
        parts.append(f'<p class="original"><b>模板原文</b> {esc(f.original)}</p>')
    if f.suggestion:
        parts.append(f'<p class="suggestion"><b>建议</b> {esc(f.suggestion)}</p>')
    if f.statute:
        parts.append(f'<p class="statute"><b>依据</b> {esc(f.statute)}</p>')
    parts.append("</li>")
    return "".join(parts)


def _redline_piece(op: str, text: str) -> str:
    """Deleted words struck through, inserted words underlined (and titled, for a screen reader)."""
    if op == "-":
        return f'<del title="模板原有、合同删除">{esc(text)}</del>'
    if op == "+":
        return f'<ins title="合同新增">{esc(text)}</ins>'
    return esc(text)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _decorations(document) -> dict[int, str]:
    """What Word shows but the text view does not hold, drawn by CSS from data- attributes so the
    page's text stays exactly the text view: line numbers, header/footer/text box, auto-numbers."""
    out: dict[int, list[str]] = {}
    for n, start in enumerate(getattr(document, "line_starts", ()), 1):
        out.setdefault(start, []).append(f'<span class="ln" data-ln="{n}"></span>')
    for block in getattr(document, "blocks", ()):
        if block.part in _PARTS:
            out.setdefault(block.start, []).append(f'<span class="tag" data-tag="{_PARTS[block.part]}"></span>')
        if block.label:
            out.setdefault(block.start, []).append(f'<span class="label" data-label="{esc(block.label)}"></span>')
    return {pos: "".join(items) for pos, items in out.items()}


def _highlight(text: str, findings, ids: dict[int, str], decorations: dict[int, str] | None = None) -> str:
    """The text with one <mark> per finding, nested; crossing findings continue in a second mark."""
    decorations = decorations or {}
    starts: dict[int, list] = {}
    points: dict[int, list] = {}
    for f in findings:
        s, e = max(0, min(f.location.start, len(text))), max(0, min(f.location.end, len(text)))
        (points if e <= s else starts).setdefault(s, []).append((e, f))
    cuts = sorted({0, len(text), *starts, *points, *(e for v in starts.values() for e, _ in v),
                   *(p for p in decorations if 0 <= p <= len(text))})
    out: list[str] = []
    stack: list[tuple[int, object]] = []  # open marks: (end, finding)
    for k, pos in enumerate(cuts):
        # Close what ends here; what is open inside them and goes on is closed and reopened.
        if any(e == pos for e, _ in stack):
            reopen = []
            while any(e == pos for e, _ in stack):
                e, f = stack.pop()
                out.append("</mark>")
                if e != pos:
                    reopen.append((e, f))
            for e, f in reversed(reopen):
                out.append(_open(f, ids[id(f)], continued=True))
                stack.append((e, f))
        out.append(decorations.get(pos, ""))
        for _, f in points.get(pos, ()):
            out.append(_open(f, ids[id(f)], empty=True) + "</mark>")
        # Longest first, so that a finding inside another opens inside it.
        for e, f in sorted(starts.get(pos, ()), key=lambda x: -x[0]):
            out.append(_open(f, ids[id(f)]))
            stack.append((e, f))
        if k + 1 < len(cuts):
            out.append(esc(text[pos:cuts[k + 1]]))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def _open(f, key: str, continued: bool = False, empty: bool = False) -> str:
    common = f'data-rule="{esc(f.rule)}" data-severity="{esc(f.severity)}"'
    if continued:
        return f'<mark class="hl cont sev-{esc(f.severity)}" data-continues="f{key}" {common}>'
    title = esc(f"{f.code} {f.rule}：{f.message}")
    ref = f'<a class="ref" href="#p{key}" data-n="{key.split("-")[-1]}" aria-label="问题 {key}"></a>'
    return (f'<mark class="hl sev-{esc(f.severity)}{" empty" if empty else ""}" id="f{key}" data-finding="f{key}" '
            f'{common} title="{title}">{ref}')


_CSS = """
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;font-family:"Noto Sans CJK SC","Source Han Sans SC",
"PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:var(--fg);background:#f6f8fa}
body{margin:0}
.top{padding:.8rem 1.2rem;background:#fff;border-bottom:1px solid var(--line)}
h1{font-size:1.25rem;margin:.2rem 0}
h2{font-size:1.05rem;margin:.4rem 0 .6rem;word-break:break-all}
.totals{margin:.3rem 0}
.badge{display:inline-block;padding:0 .45em;border-radius:.6em;font-size:.85em;background:var(--bg);
color:var(--ink);border:1px solid var(--ink)}
.sev-error{--bg:#ffe1de;--ink:#b42318}
.sev-warning{--bg:#fff1bf;--ink:#8a5a00}
.sev-info{--bg:#dcebff;--ink:#1d5fbf}
.filters{display:flex;flex-wrap:wrap;gap:.6rem;margin:.4rem 0 0}
.filters fieldset{border:1px solid var(--line);border-radius:6px;padding:.2rem .6rem;margin:0}
.filters label{margin-right:.8rem;white-space:nowrap;cursor:pointer}
.files ol{margin:.3rem 0;padding-left:1.4rem}
.file{padding:.6rem 1.2rem 1.2rem}
.columns{display:grid;grid-template-columns:minmax(16rem,25rem) minmax(0,1fr);gap:1rem;align-items:start}
@media (max-width:800px){.columns{grid-template-columns:1fr}.panel{position:static;max-height:none}}
.panel{position:sticky;top:0;max-height:100vh;overflow:auto;background:#fff;border:1px solid var(--line);
border-radius:8px;padding:.4rem .6rem;font-size:.9rem}
.panel summary{font-weight:600;cursor:pointer;padding:.3rem 0}
.panel h4{margin:.3rem 0 .2rem;font-weight:normal}
.panel ol{list-style:none;margin:0;padding:0}
.count{display:inline-block;min-width:1.4em;text-align:center;border-radius:.7em;background:#eef1f4;
font-size:.8em;font-weight:normal;color:var(--muted)}
.group.empty{display:none}
.finding{border-left:4px solid var(--ink);background:#fafbfc;margin:.3rem 0;padding:.3rem .5rem;
border-radius:0 6px 6px 0}
.finding:target{background:var(--bg);outline:2px solid var(--ink)}
.finding.off{display:none}
.finding p{margin:.2rem 0}
.finding .rule{color:var(--muted);font-size:.85em}
.finding .suggestion{color:#33383f}
.finding .statute{color:var(--muted);font-size:.85em}
.finding .redline,.finding .original{background:#fff;border:1px dashed var(--line);padding:.2rem .4rem;
white-space:pre-wrap}
.redline del{color:#b42318;text-decoration:line-through;background:#ffebe9}
.redline ins{color:#1a7f37;text-decoration:underline;background:#dafbe1}
.template{color:var(--muted);font-size:.9em;margin:.2rem 0}
.jump{color:inherit;text-decoration:none;display:block}
.jump q{color:var(--ink);font-weight:600}
.n{display:inline-block;min-width:1.5em;text-align:center;background:var(--ink);color:#fff;border-radius:.75em;
font-size:.8em}
.contract{white-space:pre-wrap;word-break:break-word;margin:0;background:#fff;border:1px solid var(--line);
border-radius:8px;padding:1rem 1.2rem;font:1rem/1.9 "Noto Serif CJK SC","Source Han Serif SC","SimSun",serif}
mark.hl{background:var(--bg);color:inherit;border-bottom:2px solid var(--ink);cursor:pointer;padding:0}
mark.hl mark.hl{border-bottom-style:double;border-bottom-width:3px;box-shadow:inset 0 -.35em 0 var(--bg)}
mark.hl:target{outline:3px solid var(--ink);outline-offset:1px}
mark.hl.off{background:none;border-bottom-color:transparent;box-shadow:none;cursor:auto}
mark.hl.off>a.ref{display:none}
mark.empty::after{content:"▲";color:var(--ink);font-size:.8em}
a.ref{text-decoration:none}
a.ref::before{content:attr(data-n);vertical-align:super;font:600 .6rem/1 system-ui,sans-serif;color:#fff;
background:var(--ink);border-radius:.6em;padding:0 .3em;margin-right:1px}
.ln::before{content:attr(data-ln);display:inline-block;width:2.2em;margin-right:.9em;text-align:right;
color:#8c959f;font:.75rem/1 system-ui,sans-serif;user-select:none}
.label::before{content:attr(data-label) " ";font-weight:600}
.tag::before{content:attr(data-tag);font:.7rem/1 system-ui,sans-serif;color:var(--muted);border:1px solid var(--line);
border-radius:4px;padding:0 .3em;margin-right:.4em}
.note{color:var(--muted);font-size:.9em}
.error{color:#b42318}
.clean{color:var(--muted)}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.3rem 0;font-size:.85rem;
color:var(--muted)}
.meta dt{font-weight:600}
.meta dd{margin:0;word-break:break-all}
.files .badge{font-size:.75em}
@media print{
:root{background:#fff}
.filters,mark.hl.empty::after{display:none!important}
.top{border:0;padding:0 0 .5rem}
.file{padding:.5rem 0 0}
.file+.file{break-before:page}
.columns{display:block}
.panel{position:static;max-height:none;overflow:visible;border:0;padding:0;margin:0 0 1rem;font-size:.85rem}
.finding,.finding.off{display:block;break-inside:avoid}
.group.empty{display:block}
mark.hl.off{background:var(--bg);border-bottom-color:var(--ink)}
mark.hl.off>a.ref{display:inline}
.contract{border:0;padding:0;font-size:.9rem;line-height:1.7}
a{color:inherit;text-decoration:none}
}
"""

# Reads everything from the page (data- attributes): no data is embedded in the script.
_SCRIPT = """
(function () {
  var form = document.getElementById('filters');
  if (form) {
    form.hidden = false;
    var apply = function () {
      var off = {};
      form.querySelectorAll('input').forEach(function (box) {
        if (!box.checked) { off[box.dataset.severity ? 's:' + box.dataset.severity : 'r:' + box.dataset.rule] = 1; }
      });
      document.querySelectorAll('.finding, mark.hl').forEach(function (el) {
        el.classList.toggle('off', !!(off['s:' + el.dataset.severity] || off['r:' + el.dataset.rule]));
      });
      document.querySelectorAll('.panel .group').forEach(function (group) {
        var shown = group.querySelectorAll('.finding:not(.off)').length;
        group.querySelector('.count').textContent = shown;
        group.classList.toggle('empty', shown === 0);
      });
    };
    form.addEventListener('change', apply);
    apply();
  }
  // A closed group would be left out of a printout: open every one first.
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
  document.addEventListener('click', function (event) {
    if (event.target.closest('a')) { return; }
    var mark = event.target.closest('mark.hl:not(.off)');
    if (!mark) { return; }
    var key = (mark.dataset.finding || mark.dataset.continues).slice(1);
    var item = document.getElementById('p' + key);
    if (item) { location.hash = 'p' + key; }
  });
})();
"""
