"""The command line as a staffer meets it: exit codes, messages, files written or left alone."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from helpers import EXAMPLES, MINIMAL, REPO, run_oversight

run = run_oversight


def test_version_and_help(tmp_path: Path) -> None:
    assert run("--version", cwd=tmp_path).stdout.startswith("oversight ")
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    for command in ("render", "validate", "new", "schema"):
        assert command in result.stdout
    assert run(cwd=tmp_path).returncode == 2


def test_new_then_render_writes_a_docx_next_to_the_letter(tmp_path: Path) -> None:
    assert run("new", cwd=tmp_path).returncode == 0
    result = run("render", "letter.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "wrote letter.docx"
    assert zipfile.is_zipfile(tmp_path / "letter.docx")


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "letter.yaml").write_text("mine", encoding="utf-8")
    result = run("new", cwd=tmp_path)
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert (tmp_path / "letter.yaml").read_text(encoding="utf-8") == "mine"


def test_render_with_output_path(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    result = run("render", "a.yaml", "-o", "out.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.docx").exists() and not (tmp_path / "a.docx").exists()


@pytest.mark.not_a_docx("letter.docx", reason="stands for an earlier letter: bytes to keep")
def test_bad_letter_names_file_line_field_and_changes_nothing(tmp_path: Path) -> None:
    letter = tmp_path / "letter.yaml"
    letter.write_text(MINIMAL.replace("    name: Jane Doe", "    nmae: Jane Doe"), encoding="utf-8")
    (tmp_path / "letter.docx").write_bytes(b"previous version")
    result = run("render", "letter.yaml", cwd=tmp_path)
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first == "letter.yaml:4:5: recipients[0].nmae: unknown key 'nmae'"
    assert "did you mean 'name'?" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "letter.docx").read_bytes() == b"previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.docx", "letter.yaml"]


def test_validate_reports_every_problem_at_once(tmp_path: Path) -> None:
    (tmp_path / "l.yaml").write_text(
        "date: 2025-03-20\nrecipents: []\nsigners: Jane\nbody: hi\n", encoding="utf-8"
    )
    result = run("validate", "l.yaml", cwd=tmp_path)
    assert result.returncode == 1
    heads = [line for line in result.stderr.splitlines() if line.startswith("l.yaml:")]
    assert heads == [
        "l.yaml:2:1: recipents: unknown key 'recipents'",
        "l.yaml:1:1: missing 'recipients'",
        "l.yaml:3:10: signers: expected a list of mappings (each item starting with '- '), got text",
    ]


def test_validate_accepts_every_example(tmp_path: Path) -> None:
    result = run("validate", *[str(p) for p in sorted(EXAMPLES.glob("*.yaml"))], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": ok") == len(list(EXAMPLES.glob("*.yaml")))
    assert result.stderr == "", "the examples raise no warning (no flood on common salutations)"


def test_unused_inline_report_is_a_warning_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "l.yaml").write_text(
        MINIMAL
        + "reports:\n  - {id: spare, kind: web, title: T, publisher: P, url: 'https://example.org'}\n",
        encoding="utf-8",
    )
    result = run("render", "l.yaml", cwd=tmp_path)
    assert result.returncode == 0
    assert "warning: reports[0]: report 'spare' is never cited" in result.stderr


def test_schema_is_json_schema_of_the_letter(tmp_path: Path) -> None:
    result = run("schema", cwd=tmp_path)
    schema = json.loads(result.stdout)
    letter = schema["$defs"]["Letter"]
    assert {"date", "recipients", "body"} <= set(letter["required"])
    assert "signers" not in letter["required"]  # optional: a letter signed otherwise warns
    assert letter["additionalProperties"] is False
    assert "description" in letter["properties"]["recipients"]


def _as_an_editor_reads(value: Any) -> Any:
    """A letter's YAML as a YAML language server checks it: dates are strings."""
    if isinstance(value, dict):
        return {str(k): _as_an_editor_reads(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_an_editor_reads(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def test_every_example_passes_the_json_schema_and_a_wrong_option_does_not(tmp_path: Path) -> None:
    """What an editor checks as it is typed: every option the examples use is in the schema,
    and an option's wrong value is refused there as `validate` refuses it."""
    schema = json.loads(run("schema", cwd=tmp_path).stdout)
    validator = jsonschema.Draft202012Validator(schema)
    examples = sorted(EXAMPLES.glob("*.yaml"))
    assert len(examples) >= 6
    used: set[str] = set()
    for path in examples:
        data = _as_an_editor_reads(yaml.safe_load(path.read_text(encoding="utf-8")))
        used |= set(data) | {f"options.{k}" for k in data.get("options") or {}}
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], f"{path.name}: {errors}"
    assert {"lead_in", "closing", "cc", "options.question_style", "options.part_style"} <= used
    wrong = _as_an_editor_reads(
        yaml.safe_load((EXAMPLES / "numbered-parens-bullets.yaml").read_text())
    )
    wrong["options"]["question_style"] = "(x)"
    assert list(validator.iter_errors(wrong)), "a label style the renderer refuses"
    wrong = _as_an_editor_reads(yaml.safe_load((EXAMPLES / "two-lists-prose.yaml").read_text()))
    wrong["questions"][0]["paragraph"] = 5
    assert list(validator.iter_errors(wrong))


def test_schema_describes_report_entries_by_kind(tmp_path: Path) -> None:
    """An inline report entry is checked against its kind: the registry's kinds and fields."""
    from oversight.citations import registry

    schema = json.loads(run("schema", cwd=tmp_path).stdout)
    reports = schema["$defs"]["Letter"]["properties"]["reports"]["items"]
    assert {"$ref": "#/$defs/ReportEntry"} in reports["anyOf"]
    entry = schema["$defs"]["ReportEntry"]
    assert entry["properties"]["kind"]["enum"] == registry.names()
    by_kind = {alt["properties"]["kind"]["const"]: alt for alt in entry["oneOf"]}
    assert list(by_kind) == registry.names()
    for kind in ("article", "executive-order", "fed-reg", "note"):
        alt = by_kind[kind]
        assert alt["required"] == ["id", "kind", *registry.kind(kind).required]
        assert set(alt["properties"]) == {
            "id",
            "kind",
            "short",
            "note",
            *(f.name for f in registry.kind(kind).fields),
        }
        assert alt["additionalProperties"] is False
    assert by_kind["court"]["properties"]["filed"]["description"] == "filed (a pending case)"
    assert by_kind["article"]["properties"]["volume"]["anyOf"][1] == {"type": "integer"}


def test_pdf_without_libreoffice_says_so_and_keeps_the_docx(tmp_path: Path) -> None:
    (tmp_path / "l.yaml").write_text(MINIMAL, encoding="utf-8")
    result = run("render", "l.yaml", "--pdf", cwd=tmp_path, env={"PATH": "/nonexistent"})
    assert result.returncode == 1
    assert "PDF needs LibreOffice" in result.stderr
    assert (tmp_path / "l.docx").exists()


def test_render_imports_neither_textual_nor_python_docx(tmp_path: Path) -> None:
    """The command line stays fast: rendering loads only what it needs."""
    (tmp_path / "l.yaml").write_text(MINIMAL, encoding="utf-8")
    code = (
        "import sys\n"
        "from oversight.cli.main import main\n"
        "rc = main(['render', 'l.yaml'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'docx', 'pydantic'))\n"
        "print(rc, heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip().splitlines()[-1] == "0 []", result.stdout + result.stderr


def test_installed_wheel_renders_from_another_folder(tmp_path: Path) -> None:
    """Build the wheel, install it into a fresh venv, render an example from another folder."""
    import sysconfig

    dist = tmp_path / "dist"
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(dist.glob("oversight-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120
    )
    site = next((venv / "lib").glob("python3*/site-packages"))
    # The dependencies come from the test environment; oversight itself only from the wheel.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        zf.extractall(site)
    assert "oversight/templates/oversight-letter/letter.md.j2" in names
    assert "oversight/tui/__init__.py" in names
    assert any(n.startswith("oversight/data/banks/") for n in names)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    python = str(venv / "bin" / "python")
    result = subprocess.run(
        [
            python,
            "-m",
            "oversight.cli",
            "render",
            str(EXAMPLES / "irs-dhs-doge-letter.yaml"),
            "-o",
            "m.docx",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "m.docx").exists()
    clean_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    for command in (["validate", str(EXAMPLES / "irs-dhs-doge-letter.yaml")], ["tui", "--help"]):
        ran = subprocess.run(
            [python, "-m", "oversight.cli", *command],
            cwd=elsewhere, capture_output=True, text=True, timeout=120, env=clean_env,
        )  # fmt: skip
        assert ran.returncode == 0, (command, ran.stderr)
    # Every package of the source tree is in the wheel (pyproject.toml lists them by hand).
    packages = {
        "oversight/" + str(d.relative_to(REPO / "oversight"))
        for d in (REPO / "oversight").rglob("*")
        if (d / "__init__.py").is_file()
    } | {
        "oversight/tui/" + str(d.relative_to(REPO / "tui"))
        for d in (REPO / "tui").rglob("*")
        if (d / "__init__.py").is_file()
    }
    missing = [d for d in packages if f"{d}/__init__.py" not in names]
    assert missing == []
    where = subprocess.run(
        [
            python,
            "-c",
            "import oversight.paths as p; print(p.builtin_templates(), p.shipped_banks())",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert where.stdout.count(str(site / "oversight")) == 2, where.stdout


def test_batch_across_processes_reports_the_bad_letter_and_writes_the_rest(tmp_path: Path) -> None:
    good = MINIMAL
    for i in range(12):
        (tmp_path / f"letter{i:02}.yaml").write_text(
            good.replace("Jane Doe", f"Jane Doe {i}"), encoding="utf-8"
        )
    (tmp_path / "letter05.yaml").write_text(good.replace("signers:", "signerz:"), encoding="utf-8")
    (tmp_path / "out").mkdir()
    letters = sorted(p.name for p in tmp_path.glob("letter*.yaml"))
    result = run("render", *letters, "-o", "out", "-j", "2", cwd=tmp_path)
    assert result.returncode == 1
    assert "letter05.yaml:" in result.stderr and "unknown key 'signerz'" in result.stderr
    assert result.stderr.strip().splitlines()[-1] == "11 written, 1 failed"
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == [f"letter{i:02}.docx" for i in range(12) if i != 5]
    # Not a terminal: one plain line per letter written, in the order given.
    assert result.stdout.splitlines() == [
        f"wrote out/letter{i:02}.docx" for i in range(12) if i != 5
    ]
    from oversight.letters.prepare import load_letter
    from oversight.render import docx_bytes

    assert (tmp_path / "out" / "letter07.docx").read_bytes() == docx_bytes(
        load_letter(tmp_path / "letter07.yaml")
    )


def test_one_letter_to_each_recipient(tmp_path: Path) -> None:
    from helpers import DocxView

    text = MINIMAL.replace(
        "signers:",
        "  - {honorific: Mr., name: Richard Roe, title: Inspector General, agency: Office of Inspector General}\n"
        "signers:",
    )
    (tmp_path / "letter.yaml").write_text(text, encoding="utf-8")
    result = run("render", "letter.yaml", "--each-recipient", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == [
        "letter-jane-doe.docx",
        "letter-richard-roe.docx",
    ]
    roe = DocxView(tmp_path / "letter-richard-roe.docx")
    paragraphs = [t for _, t in roe.body_paragraphs()]
    assert "Dear Inspector General Roe:" in paragraphs
    assert not any("Jane Doe" in t for t in paragraphs)
    assert roe.header_text("default").startswith("Mr. Richard Roe")


def test_subprocesses_run_the_code_under_test(tmp_path: Path) -> None:
    """A command run from another folder imports the same oversight as the tests themselves,
    not another checkout's (an editable install elsewhere, a relative PYTHONPATH)."""
    import oversight

    where = subprocess.run(
        [sys.executable, "-c", "import oversight; print(oversight.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()) == Path(oversight.__file__)
    assert Path(oversight.__file__).is_relative_to(REPO)
