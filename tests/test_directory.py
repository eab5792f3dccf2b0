"""The agency directory: finding the office a letter goes to, and the staffer's own corrections."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from oversight import directory
from oversight.directory import Entry, load_directory, save_user_entry, user_directory_path

REPO = Path(__file__).resolve().parents[1]
# The shared data folder sits beside the repository (as in CI); the script reads it from there.
SHARED_SOURCE = REPO.parent / "shared" / "data" / "usagov-agencies" / "agencies.yaml"

IRS = "internal-revenue-service"
TREASURY = "u-s-department-of-the-treasury"


@pytest.fixture(autouse=True)
def user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test has its own (empty) configuration folder, so the user's directory is its own."""
    monkeypatch.setenv("OVERSIGHT_CONFIG", str(tmp_path / "config" / "config.yaml"))
    return tmp_path / "config" / "directory.yaml"


def first(query: str) -> Entry:
    found = load_directory().search(query)
    assert found, f"nothing found for {query!r}"
    return found[0]


def test_the_directory_covers_the_usagov_index_with_addresses() -> None:
    d = load_directory()
    with_address = [e for e in d.entries if e.address]
    assert len(with_address) >= 380
    assert d.warnings == []
    assert len({e.id for e in d.entries}) == len(d.entries)


@pytest.mark.parametrize(
    "agency",
    [
        "U.S. Government Accountability Office",
        "Congressional Budget Office",
        "Congressional Research Service",
        "Office of Management and Budget",
        "Department of State",
        "Department of the Treasury",
        "Department of Defense",
        "Department of Justice",
        "Department of the Interior",
        "Department of Agriculture",
        "Department of Commerce",
        "Department of Labor",
        "Department of Health and Human Services",
        "Department of Housing and Urban Development",
        "Department of Transportation",
        "Department of Energy",
        "Department of Education",
        "Department of Veterans Affairs",
        "Department of Homeland Security",
        "Internal Revenue Service",
        "Social Security Administration",
        "U.S. Environmental Protection Agency",
        "U.S. General Services Administration",
        "U.S. Office of Personnel Management",
        "National Aeronautics and Space Administration",
        "United States Postal Service",
        "U.S. Securities and Exchange Commission",
        "Federal Trade Commission",
        "Federal Communications Commission",
        "Board of Governors of the Federal Reserve System",
        "Consumer Financial Protection Bureau",
        "National Archives and Records Administration",
    ],
)
def test_the_agencies_letters_go_to_are_there_with_an_address(agency: str) -> None:
    hits = [e for e in load_directory().entries if e.agency == agency]
    assert len(hits) == 1, agency
    assert hits[0].address, agency
    assert hits[0].kind == "agency"


def test_the_cabinet_comes_first_when_the_search_is_empty() -> None:
    d = load_directory()
    everything = d.search("")
    assert len(everything) == len(d.entries)
    assert [e.agency for e in everything[:3]] == [
        "Department of State",
        "Department of the Treasury",
        "Department of Defense",
    ]
    assert all(e.head_title in ("Secretary", "Attorney General") for e in everything[:15])
    rest = [e.agency for e in everything[15:] if e.kind == "agency"]
    assert rest.index("Administrative Conference of the United States") < rest.index(
        "Internal Revenue Service"
    )


@pytest.mark.parametrize("query", ["IRS", "irs", "Internal Revenue", "revenue", "internal revnue"])
def test_the_irs_is_found_first(query: str) -> None:
    irs = first(query)
    assert irs.id == IRS
    assert irs.agency == "Internal Revenue Service"
    assert irs.head_title == "Commissioner"
    assert irs.address == ("1111 Constitution Avenue NW", "Washington, DC 20224")


def test_gao_is_headed_by_the_comptroller_general() -> None:
    gao = first("GAO")
    assert gao.agency == "U.S. Government Accountability Office"
    assert gao.head_title == "Comptroller General of the United States"


@pytest.mark.parametrize(
    ("query", "agency", "head"),
    [
        ("justice", "Department of Justice", "Attorney General"),
        ("SSA", "Social Security Administration", "Commissioner"),
        ("omb", "Office of Management and Budget", "Director"),
        ("CBO", "Congressional Budget Office", "Director"),
        ("crs", "Congressional Research Service", "Director"),
        ("NARA", "National Archives and Records Administration", "Archivist of the United States"),
        ("department of the treasury", "Department of the Treasury", "Secretary"),
        ("U.S. Department of the Treasury", "Department of the Treasury", "Secretary"),
        ("dept of labor", "Department of Labor", "Secretary"),
        ("epa", "U.S. Environmental Protection Agency", "Administrator"),
        ("postal service", "United States Postal Service", "Postmaster General"),
        ("Treasurey", "Department of the Treasury", "Secretary"),
    ],
)
def test_a_staffer_finds_the_agency_and_its_heads_title(query: str, agency: str, head: str) -> None:
    found = first(query)
    assert (found.agency, found.head_title) == (agency, head)


def test_treasury_finds_the_department_its_inspector_general_and_tigta() -> None:
    found = load_directory().search("treasury")
    assert found[0].id == TREASURY
    agencies = [e.agency for e in found]
    assert "Office of Inspector General, Department of the Treasury" in agencies
    tigta = next(e for e in found if e.acronym == "TIGTA")
    assert tigta.head_title == "Treasury Inspector General for Tax Administration"
    assert tigta.parent == TREASURY and tigta.kind == "inspector-general"


def test_short_or_unknown_queries_return_nothing_rather_than_junk() -> None:
    d = load_directory()
    assert d.search("xq") == []
    assert d.search("zzzz") == []
    assert d.search("qwertyuiop") == []
    assert d.search("...") == []
    assert len(d.search("department", limit=5)) == 5


def test_inspectors_general() -> None:
    d = load_directory()
    igs = [e for e in d.entries if e.kind == "inspector-general"]
    assert 40 <= len(igs) <= 75
    for ig in igs:
        parent = d.get(ig.parent or "")
        assert parent is not None, ig.id
        assert ig.address, ig.id
        if ig.address_derived:
            assert ig.address == parent.address, ig.id
    labor = d.inspectors_general("u-s-department-of-labor")
    assert [e.agency for e in labor] == ["Office of Inspector General, Department of Labor"]
    assert labor[0].head_title == "Inspector General" and labor[0].address_derived
    dod = d.inspectors_general("u-s-department-of-defense")[0]
    assert not dod.address_derived and dod.address != d.get("u-s-department-of-defense").address  # type: ignore[union-attr]


def test_a_users_correction_wins_and_survives_reloading(user_config: Path) -> None:
    irs = load_directory().get(IRS)
    assert irs is not None and not irs.user
    moved = msgspec.structs.replace(irs, address=("Room 3000", "1111 Constitution Ave., NW"))
    assert save_user_entry(moved) == []
    assert user_config == user_directory_path() and user_config.is_file()

    directory._memo = None  # as a new session would
    again = load_directory()
    assert again.warnings == []
    assert again.get(IRS).address == ("Room 3000", "1111 Constitution Ave., NW")  # type: ignore[union-attr]
    assert again.get(IRS).user and again.get(IRS).head_title == "Commissioner"  # type: ignore[union-attr]
    assert first("irs").address[0] == "Room 3000"
    # Only the changed field is written, so a later release's other corrections still apply.
    assert "head_title" not in user_config.read_text(encoding="utf-8")


def test_a_correction_of_a_department_moves_its_inspectors_general_too(user_config: Path) -> None:
    user_config.parent.mkdir(parents=True)
    user_config.write_text(
        "entries:\n  - id: u-s-department-of-labor\n    address: [200 Constitution Ave NW, 'Washington, DC 20210']\n",
        encoding="utf-8",
    )
    d = load_directory()
    ig = d.inspectors_general("u-s-department-of-labor")[0]
    assert ig.address == ("200 Constitution Ave NW", "Washington, DC 20210")


def test_a_user_added_entry_is_searchable_and_comments_are_kept(user_config: Path) -> None:
    user_config.parent.mkdir(parents=True)
    user_config.write_text("# my office's additions\nentries: []\n", encoding="utf-8")
    commission = Entry(
        id="commission-on-federal-grant-integrity",
        name="Commission on Federal Grant Integrity",
        agency="Commission on Federal Grant Integrity",
        acronym="CFGI",
        head_title="Chair",
        address=("100 Main Street", "Washington, DC 20001"),
    )
    save_user_entry(commission)
    text = user_config.read_text(encoding="utf-8")
    assert text.startswith("# my office's additions")
    found = first("cfgi")
    assert (
        found.id == "commission-on-federal-grant-integrity"
        and found.user
        and found.source == "user"
    )
    assert first("grant integrity").id == "commission-on-federal-grant-integrity"
    assert "commission-on-federal-grant-integrity" in {e.id for e in load_directory().search("")}

    # Correcting the built-in GAO keeps the first entry and the comment.
    gao = first("gao")
    save_user_entry(msgspec.structs.replace(gao, head_title="Acting Comptroller General"))
    text = user_config.read_text(encoding="utf-8")
    assert "# my office's additions" in text and "commission-on-federal-grant-integrity" in text
    assert first("gao").head_title == "Acting Comptroller General"

    # Setting it back to the built-in value removes the correction.
    save_user_entry(msgspec.structs.replace(gao, head_title=gao.head_title))
    assert "government-accountability-office" not in user_config.read_text(encoding="utf-8")
    assert not first("gao").user


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b"entries:\n  - id: irs\n    name: IRS: the tax agency\n", 3, "not valid YAML"),
        (b"entries:\n  - id: x\n    name: Caf\xe9\n", 3, "not UTF-8"),
        (b"- just a list\n", 1, "expected 'entries:'"),
    ],
)
def test_a_broken_user_file_is_a_warning_and_the_directory_still_loads(
    user_config: Path, content: bytes, line: int, message: str
) -> None:
    user_config.parent.mkdir(parents=True)
    user_config.write_bytes(content)
    d = load_directory()
    assert len(d.entries) > 380
    assert first("irs").id == IRS
    assert d.warnings and f"{user_config}:{line}" in d.warnings[0]
    assert message in d.warnings[0]


def test_a_bad_field_in_the_user_file_is_skipped_with_its_line(user_config: Path) -> None:
    user_config.parent.mkdir(parents=True)
    user_config.write_text(
        "entries:\n"
        "  - id: internal-revenue-service\n"
        "    head_title: Acting Commissioner\n"
        "    adress: [nowhere]\n"
        "  - id: new-office\n"
        "    address: [1 Main St]\n",
        encoding="utf-8",
    )
    d = load_directory()
    assert d.get(IRS).head_title == "Acting Commissioner"  # type: ignore[union-attr]
    assert len(d.warnings) == 2
    assert (
        f"{user_config}:4:5: warning:" in d.warnings[0]
        and "did you mean 'address'" in d.warnings[0]
    )
    assert f"{user_config}:5" in d.warnings[1] and "needs a 'name'" in d.warnings[1]
    assert d.get("new-office") is None


def test_saving_over_a_broken_user_file_keeps_it_aside(user_config: Path) -> None:
    user_config.parent.mkdir(parents=True)
    user_config.write_bytes(b"entries: [\n")
    irs = first("irs")
    warnings = save_user_entry(msgspec.structs.replace(irs, head_title="Acting Commissioner"))
    assert warnings and "directory.yaml.broken" in warnings[0]
    assert (user_config.parent / "directory.yaml.broken").read_bytes() == b"entries: [\n"
    d = load_directory()
    assert d.warnings == [] and d.get(IRS).head_title == "Acting Commissioner"  # type: ignore[union-attr]


def _build_script() -> object:
    path = REPO / "scripts" / "build-directory"
    loader = importlib.machinery.SourceFileLoader("build_directory", str(path))
    spec = importlib.util.spec_from_loader("build_directory", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.mark.skipif(
    not SHARED_SOURCE.is_file(),
    reason=f"the shared usa.gov data is not beside the repository ({SHARED_SOURCE})",
)
def test_the_committed_directory_is_what_the_script_builds() -> None:
    built = _build_script().build(SHARED_SOURCE)  # type: ignore[attr-defined]
    committed = (REPO / "oversight" / "data" / "directory.yaml").read_text(encoding="utf-8")
    assert built == committed, "run scripts/build-directory and commit the result"


def test_importing_the_directory_loads_neither_textual_nor_rapidfuzz() -> None:
    code = (
        "import sys, oversight.directory as d; d.load_directory().search('irs');"
        "print(sorted(m for m in ('textual', 'rapidfuzz', 'ruamel') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.strip() == "[]"
