"""`--template`, `template =` in the configuration, `contract-lint derive` and playbooks, as a user runs
them: fresh processes on real files, and the reports (text, JSON, HTML, the Word copy) they write.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from contract_lint import load_rules, read_path
from contract_lint.template import catalog
from contract_lint.template.playbook import PlaybookError
from contract_lint.template.playbook import load as load_playbook
from terminal import run

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
RULES = load_rules()

TEMPLATE = """技术咨询服务合同（范本）
甲方：[甲方名称]
乙方：[乙方名称]
第一条 咨询内容
1.1 乙方为甲方的数据平台提供架构咨询服务，每月提交一份书面咨询报告。
1.2 乙方每月到甲方现场提供咨询不少于[小时数]小时。
第二条 费用
2.1 咨询服务费为人民币[金额]元，甲方于验收合格后十日内一次性支付。
第三条 保密
3.1 乙方对履行本合同时获知的甲方技术资料负有保密义务，保密期限为本合同终止后[保密年限]年。
第四条 争议解决
4.1 因本合同产生的争议，提交甲方所在地人民法院诉讼解决。
"""

FILLED = (TEMPLATE.replace("（范本）", "").replace("[甲方名称]", "青禾软件有限公司")
          .replace("[乙方名称]", "远山数据咨询有限公司").replace("[小时数]", "12").replace("[金额]", "30,000")
          .replace("[保密年限]", "3"))
CHANGED = FILLED.replace("提交甲方所在地", "提交乙方所在地").replace("不少于12小时", "不少于若干小时")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path / "templates" / "咨询合同.txt", TEMPLATE)
    shutil.copy(CORPUS / "tp02-shop-operation-template.md", tmp_path / "templates" / "代运营协议.md")
    write(tmp_path / "contracts" / "clean.txt", FILLED)
    write(tmp_path / "contracts" / "changed.txt", CHANGED)
    shutil.copy(CORPUS / "ot10-lease.txt", tmp_path / "contracts" / "lease.txt")
    return tmp_path


def json_report(*args, cwd: Path):
    result = run("--format", "json", "--no-cache", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return result, {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}


def template_findings(report: dict) -> list[str]:
    return [f["rule"] for f in report["findings"] if f["rule"].startswith("template-")]


# --------------------------------------------------------------------------- which template


def test_one_template_given_on_the_command_line(project):
    _, files = json_report("--template", "templates/咨询合同.txt", "contracts/changed.txt", cwd=project)
    report = files["changed.txt"]
    assert report["template"]["path"] == "templates/咨询合同.txt"
    assert report["template"]["similarity"] > 0.8
    assert sorted(template_findings(report)) == ["template-clause-changed", "template-slot-invalid"]


def test_a_folder_of_templates_each_contract_gets_the_most_similar_and_a_stranger_a_note(project):
    _, files = json_report("--template", "templates", "contracts", cwd=project)
    assert files["clean.txt"]["template"]["path"] == "templates/咨询合同.txt"
    assert template_findings(files["clean.txt"]) == []
    assert files["changed.txt"]["template"]["path"] == "templates/咨询合同.txt"
    lease = files["lease.txt"]
    assert lease["template"] is None and template_findings(lease) == [] and lease["error"] is None
    [note] = [n for n in lease["notes"] if "模板" in n]
    assert note.startswith("2 个模板中没有足够相似的") and "未与模板比对" in note


def test_the_configuration_names_the_templates_and_a_glob_may_pin_one(project):
    write(project / "contract-lint.toml", 'template = "templates/"\n')
    _, files = json_report("contracts", cwd=project)
    assert files["changed.txt"]["template"]["path"].endswith("咨询合同.txt")
    write(project / "contract-lint.toml", '[per-file-templates]\n"contracts/lease.txt" = "templates/代运营协议.md"\n')
    _, files = json_report("contracts/lease.txt", "contracts/clean.txt", cwd=project)
    assert files["clean.txt"]["template"] is None  # only the mapped files are compared
    assert files["lease.txt"]["template"] is None and "相似度只有" in " ".join(files["lease.txt"]["notes"])


def test_a_broken_configuration_of_templates_is_one_line(project):
    write(project / "contract-lint.toml", 'template = "nowhere/"\n')
    result = run("contracts", cwd=project)
    assert result.returncode == 2
    assert result.stderr.strip().endswith("template: no such file or folder: nowhere/")


@pytest.mark.parametrize(("content", "problem"), [
    (b"", "the template is empty"),
    (b"PK\x03\x04 not really a zip", "damaged .docx"),
])
def test_an_unreadable_or_empty_template_exits_2_naming_it(project, content, problem):
    name = "坏模板.docx" if content else "空模板.txt"
    (project / name).write_bytes(content)
    result = run("--template", name, "contracts/clean.txt", cwd=project)
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"contract-lint: template {name}: ") and problem in line
    assert "Traceback" not in result.stderr


def test_a_template_with_no_blanks_is_fine(project):
    plain = TEMPLATE.replace("[甲方名称]", "青禾软件有限公司").replace("[乙方名称]", "远山数据咨询有限公司") \
        .replace("[小时数]", "12").replace("[金额]", "30,000").replace("[保密年限]", "3")
    write(project / "plain.txt", plain)
    _, files = json_report("--template", "plain.txt", "contracts/changed.txt", cwd=project)
    assert template_findings(files["changed.txt"]) == ["template-clause-changed", "template-clause-changed"]


def test_the_report_is_not_written_over_a_template(project):
    result = run("--template", "templates/咨询合同.txt", "-o", "templates/咨询合同.txt", "contracts/clean.txt",
                 cwd=project)
    assert result.returncode == 2 and "refusing to overwrite the template" in result.stderr
    assert (project / "templates" / "咨询合同.txt").read_text(encoding="utf-8") == TEMPLATE


# --------------------------------------------------------------------------- outputs


def test_the_text_report_names_the_template_and_quotes_its_wording(project):
    result = run("--format", "text", "--no-cache", "--template", "templates/咨询合同.txt", "contracts/changed.txt",
                 cwd=project, columns=200)
    assert result.returncode == 1
    assert "模板：templates/咨询合同.txt（相似度" in result.stdout
    assert "与模板第四条 4.1不同：“甲方所在地”改为“乙方所在地”" in result.stdout
    assert "模板原文：因本合同产生的争议，提交甲方所在地人民法院诉讼解决" in result.stdout


def test_the_html_report_shows_the_template_and_a_redline(project):
    result = run("--format", "html", "--no-cache", "--template", "templates/咨询合同.txt", "contracts/changed.txt",
                 cwd=project)
    page = result.stdout
    assert "模板：templates/咨询合同.txt（相似度" in page
    assert '<del title="模板原有、合同删除">甲方</del><ins title="合同新增">乙方</ins>' in page


def test_the_word_copy_quotes_the_template_on_the_changed_words(project, tmp_path):
    from docx import Document as WordDocument

    shutil.copy(CORPUS / "tp01c-it-consulting-defects.docx", project / "returned.docx")
    shutil.copy(CORPUS / "tp01-it-consulting-template.txt", project / "standard.txt")
    result = run("--template", "standard.txt", "--annotate", "reviewed.docx", "returned.docx", cwd=project)
    assert result.returncode == 1, result.stderr
    word = WordDocument(project / "reviewed.docx")
    comments = {c.text: c for c in word.comments}
    [changed] = [c for text, c in comments.items() if "“甲方所在地”改为“乙方所在地”" in text]
    assert "模板原文：因本合同引起的争议，双方应协商解决；协商不成的，任何一方均可向甲方所在地" in changed.text
    # the comment sits on exactly the changed word of the contract
    body = word.element.body
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    cid = str(changed.comment_id)
    start = body.find(f".//w:commentRangeStart[@w:id='{cid}']", ns)
    covered, inside = [], False
    for node in body.iter():
        if node is start:
            inside = True
        elif node.tag.endswith("commentRangeEnd") and node.get(f"{{{ns['w']}}}id") == cid:
            break
        elif inside and node.tag.endswith("}t"):
            covered.append(node.text)
    assert "".join(covered) == "乙方"


# --------------------------------------------------------------------------- derive and playbooks


def test_derive_writes_a_playbook_that_lints_like_its_template(project):
    result = run("derive", "templates/咨询合同.txt", "-o", "咨询合同.playbook.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    playbook = (project / "咨询合同.playbook.yaml").read_text(encoding="utf-8")
    assert "template: templates/咨询合同.txt" in playbook
    assert ("  - number: 第四条 4.1\n    heading: 争议解决\n"
            "    text: 因本合同产生的争议，提交甲方所在地人民法院诉讼解决\n") in playbook
    assert "  - clause: 第一条 1.2\n    label: 小时数\n    kind: number\n    unit: 小时\n" in playbook
    _, by_template = json_report("--template", "templates/咨询合同.txt", "contracts/changed.txt", cwd=project)
    _, by_playbook = json_report("--template", "咨询合同.playbook.yaml", "contracts/changed.txt", cwd=project)
    assert [f["message"] for f in by_playbook["changed.txt"]["findings"]] == \
        [f["message"] for f in by_template["changed.txt"]["findings"]]
    assert by_playbook["changed.txt"]["template"]["path"] == "咨询合同.playbook.yaml"


def test_derive_prints_without_an_output_and_never_overwrites_the_template(project):
    printed = run("derive", "templates/咨询合同.txt", cwd=project)
    assert printed.returncode == 0 and printed.stdout.startswith("# contract-lint playbook")
    refused = run("derive", "templates/咨询合同.txt", "-o", "templates/咨询合同.txt", cwd=project)
    assert refused.returncode == 2 and "refusing to overwrite" in refused.stderr
    missing = run("derive", "nothing.docx", cwd=project)
    assert missing.returncode == 2 and missing.stderr.strip() == "contract-lint: template nothing.docx: no such file"


def edited_playbook(project: Path) -> Path:
    run("derive", "templates/咨询合同.txt", "-o", "p.yaml", cwd=project)
    path = project / "p.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("# default-policy: negotiable", "default-policy: negotiable")
    for heading, policy in (("第四条\n    heading: 争议解决\n", "locked"), ("第三条\n    heading: 保密\n", "required")):
        text = text.replace(f"  - number: {heading}", f"  - number: {heading}    policy: {policy}\n")
    text = text.replace("    label: 保密年限\n    kind: number\n    unit: 年\n",
                        "    label: 保密年限\n    kind: number\n    unit: 年\n    constraints: {min: 5年}\n")
    path.write_text(text, encoding="utf-8")
    return path


def test_policies_set_the_severity_and_a_broken_constraint_is_reported(project):
    edited_playbook(project)
    contract = CHANGED.replace("1.1 乙方为甲方的数据平台提供架构咨询服务，每月提交一份书面咨询报告。",
                               "1.1 乙方为甲方的数据平台提供架构咨询服务，每季度提交一份书面咨询报告。")
    contract = contract.replace("3.1 乙方对履行本合同时获知的甲方技术资料负有保密义务，"
                                "保密期限为本合同终止后3年。\n", "")
    write(project / "contracts" / "edited.txt", contract)
    _, files = json_report("--template", "p.yaml", "contracts/edited.txt", "contracts/clean.txt", cwd=project)
    found = {(f["rule"], f["severity"], f["message"]) for f in files["edited.txt"]["findings"]
             if f["rule"].startswith("template-")}
    assert ("template-clause-changed", "error", "与模板第四条 4.1不同：“甲方所在地”改为“乙方所在地”") in found  # locked
    assert ("template-clause-changed", "info",
            "与模板第一条 1.1不同：“每月提交”改为“每季度提交”") in found  # negotiable
    assert ("template-clause-missing", "error",
            "模板第三条 3.1（乙方对履行本合同时获知的甲方技术资料……）在合同中被删除") in found  # required
    [constraint] = [f for f in files["clean.txt"]["findings"] if f["rule"] == "template-slot-invalid"]
    assert constraint["message"] == "“保密年限”应不少于5年，合同中填写的是“3年”"


@pytest.mark.parametrize(("edit", "message"), [
    (("  - number: 第四条 4.1\n", "  - number: 第九条 9.1\n"),
     "the template templates/咨询合同.txt has no clause '第九条 9.1' (its clauses: 首部, 第一条, 第一条 1.1, "),
    (("    label: 保密年限\n", "    label: 保密期\n"), "the template templates/咨询合同.txt has no blank '保密期'"),
    (("    kind: number\n    unit: 小时\n", "    kind: hours\n    unit: 小时\n"), "kind must be one of date, "),
    (("\nclauses:\n", "\nclause:\n"), "unknown key 'clause' (known: blanks, clauses, default-policy, template)"),
    (("因本合同产生的争议，提交甲方所在地", "因本合同产生的争议，提交乙方所在地"),
     "text of clause '第四条 4.1' differs from the template templates/咨询合同.txt"),
])
def test_playbook_mistakes_name_the_file_and_line(project, edit, message):
    path = project / "p.yaml"
    run("derive", "templates/咨询合同.txt", "-o", "p.yaml", cwd=project)
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    text = text.replace(*edit, 1)
    path.write_text(text, encoding="utf-8")
    line = text[:text.index(edit[1].strip().splitlines()[0])].count("\n") + 1
    result = run("--template", "p.yaml", "contracts/clean.txt", cwd=project)
    assert result.returncode == 2, result.stdout
    [printed] = result.stderr.strip().splitlines()
    assert printed.startswith(f"contract-lint: template p.yaml:{line}: {message}"), printed
    with pytest.raises(PlaybookError, match=f"p.yaml:{line}: "):
        load_playbook(path, RULES)


def test_a_playbook_in_a_folder_stands_for_its_template(project):
    edited_playbook(project)
    shutil.move(project / "p.yaml", project / "templates" / "p.yaml")
    text = (project / "templates" / "p.yaml").read_text(encoding="utf-8")
    (project / "templates" / "p.yaml").write_text(text.replace("template: templates/咨询合同.txt",
                                                               "template: 咨询合同.txt"), encoding="utf-8")
    _, files = json_report("--template", "templates", "contracts/changed.txt", cwd=project)
    assert files["changed.txt"]["template"]["path"] == "templates/p.yaml"
    assert "error" in {f["severity"] for f in files["changed.txt"]["findings"]}


# --------------------------------------------------------------------------- the catalog


def test_fingerprints_are_kept_in_the_cache_and_results_depend_on_the_template(project, tmp_path):
    cache = tmp_path / "cache"
    args = ("--format", "json", "--cache-dir", str(cache), "--template", "templates", "contracts/changed.txt")
    first = run(*args, cwd=project)
    assert sorted(p.name for p in cache.rglob("template-*.fp")) and first.returncode == 1
    catalog._FINGERPRINTS.clear()
    again = run(*args, cwd=project)
    assert again.stdout == first.stdout  # from the cache, template and all
    write(project / "templates" / "咨询合同.txt", TEMPLATE.replace("甲方所在地", "乙方所在地"))
    changed_template = run(*args, cwd=project)
    findings = [json.loads(r.stdout)["files"][0]["findings"] for r in (first, changed_template)]
    assert findings[0] != findings[1]


def test_similarity_is_high_for_fills_and_low_for_other_contracts():
    template = catalog.load(CORPUS / "tp02-shop-operation-template.md", RULES)
    mine = catalog.template_fingerprint(template)
    assert catalog.similarity(mine, catalog.fingerprint(read_path(CORPUS / "tp02a-shop-operation-clean.txt"))) > 0.75
    for other in ("ec04-shop-daiyunying.docx", "op03-pinduoduo-store-ops.txt", "ot10-lease.txt"):
        assert catalog.similarity(mine, catalog.fingerprint(read_path(CORPUS / other))) < 0.3


def test_the_library_api_takes_a_template(project):
    from contract_lint import ConfigError, lint_path, lint_text

    changed = project / "contracts" / "changed.txt"
    rules = [f.rule for f in lint_path(changed, template=project / "templates" / "咨询合同.txt")]
    assert sorted(r for r in rules if r.startswith("template-")) == ["template-clause-changed", "template-slot-invalid"]
    assert not [f for f in lint_text(FILLED, template=project / "templates") if f.rule.startswith("template-")]
    with pytest.raises(ConfigError, match=r"template .*nothing\.docx: no such file"):
        lint_text(FILLED, template=project / "nothing.docx")


# --------------------------------------------------------------------------- the README's playbook


def readme_blocks(language: str) -> list[str]:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", readme, re.S)


def test_the_readme_playbook_excerpt_is_what_derive_writes():
    excerpt = next(b for b in readme_blocks("yaml") if b.startswith("# contract-lint derive "))
    command = excerpt.splitlines()[0].removeprefix("# contract-lint ").split()
    printed = run(*command, cwd=ROOT)
    assert printed.returncode == 0, printed.stderr
    lines = iter(printed.stdout.splitlines())
    for line in excerpt.splitlines()[1:]:  # in the same order, each one as derive writes it
        assert any(line == out for out in lines), f"not in derive's output (in this order): {line}"


def test_the_readme_edited_playbook_is_a_valid_playbook(tmp_path):
    edited = next(b for b in readme_blocks("yaml") if b.startswith("default-policy:"))
    path = tmp_path / "ec01.playbook.yaml"
    path.write_text(f"template: {CORPUS / 'ec01-parttime-ops-blank.docx'}\n" + edited, encoding="utf-8")
    template = load_playbook(path, RULES)
    assert template.default_policy == "negotiable"
    assert template.policy("第五条 5.2") == "required" and template.policy("第九条 9.1") == "locked"
    assert template.policy("第一条 1.1") == "negotiable"
    limits = {s.label: s.constraint.describe() for s in template.slots if s.constraint}
    assert limits == {"提成比例": "应不超过30%", "保密年限": "应不少于2年"}


@pytest.mark.parametrize("fmt", ["concise", "sarif", "github", "junit", "markdown"])
def test_every_format_carries_the_template_findings(project, fmt):
    result = run("--format", fmt, "--no-cache", "--template", "templates/咨询合同.txt", "contracts/changed.txt",
                 cwd=project)
    assert result.returncode == 1, result.stderr
    assert "CL026" in result.stdout and "CL028" in result.stdout


def test_worker_processes_compare_with_the_same_templates(project):
    args = ("--template", "templates", "contracts")
    _, alone = json_report("--jobs", "1", *args, cwd=project)
    _, workers = json_report("--jobs", "2", *args, cwd=project)
    assert workers == alone
