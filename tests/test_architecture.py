"""The codebase's own rules: imports follow the one-way street, every source declares its contract."""

import ast
from pathlib import Path

import pytest

from dashboard.pages import PAGES
from tests.conftest import ROOT


def imports(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


PROJECT = {"contract", "matching", "ingest", "aggregation", "analysis", "charts", "dashboard", "views", "appdriver",
           "benchmarks", "deploy", "tests"}
RULES = {  # folder: top-level modules it must never import (data flow: ingest -> data/ -> analysis -> charts -> app)
    "contract": PROJECT - {"contract"} | {"streamlit", "requests", "pandas"},
    # matching/: job titles to SOC (ingest, the browser upload and the role search boxes), work mode, a user file's rows
    "matching": {"streamlit", "requests", "ingest", "aggregation", "dashboard", "analysis", "charts", "views",
                 "appdriver", "benchmarks", "deploy", "tests"},
    "ingest": {"streamlit", "dashboard", "analysis", "charts", "views", "appdriver", "benchmarks", "tests"},
    "aggregation": {"streamlit", "requests", "ingest", "dashboard", "analysis", "charts", "views", "appdriver",
                    "benchmarks", "tests"},
    "analysis": {"streamlit", "requests", "ingest", "dashboard", "charts", "views", "appdriver", "benchmarks",
                 "tests"},
    "charts": {"streamlit", "requests", "ingest", "dashboard", "views", "appdriver", "benchmarks", "tests"},
    "dashboard": {"requests", "ingest", "views", "appdriver", "benchmarks", "tests"},
    "views": {"requests", "ingest", "appdriver", "benchmarks", "tests"},
    "appdriver": {"ingest", "aggregation", "analysis", "charts", "views", "benchmarks", "deploy", "tests"},
    "benchmarks": {"tests"},
    "deploy": {"ingest", "aggregation", "analysis", "charts", "views", "benchmarks", "tests"},
}


def test_every_top_level_package_has_rules():
    packages = {p.parent.name for p in ROOT.glob("*/*.py") if p.parent.name not in ("tests", "data", "docs")}
    assert packages - set(RULES) == set(), "add the new folder to RULES"


@pytest.mark.parametrize("folder", sorted(RULES))
def test_imports_follow_the_one_way_street(folder):
    offenders = {p.name: imports(p) & RULES[folder] for p in (ROOT / folder).rglob("*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_app_entry_is_a_short_router():
    assert len((ROOT / "app.py").read_text().splitlines()) < 40


def test_every_module_has_a_one_line_docstring():
    missing = [str(p.relative_to(ROOT)) for folder in sorted(RULES)
               for p in (ROOT / folder).rglob("*.py") if not ast.get_docstring(ast.parse(p.read_text()))]
    assert missing == []


def test_no_legacy_pages_folder():
    # Streamlit serves scripts in pages/ by URL without running app.py (no navigation, no page config).
    assert not (ROOT / "pages").exists(), "move page scripts to views/ and list them in app.py"


def test_every_view_is_in_the_page_table():
    routed = {Path(p.script).stem for p in PAGES}
    assert routed == {p.stem for p in (ROOT / "views").glob("*.py")}
    assert sum(p.default for p in PAGES) == 1 and len({p.url_path for p in PAGES}) == len(PAGES)


MODULE_LINES, PAGE_LINES = 300, 120


def test_no_module_over_300_lines():
    # Every Python file, tests and benchmarks included: a long file is several things to be named and split.
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
             for p in [ROOT / "app.py", *(p for folder in sorted(RULES) for p in (ROOT / folder).rglob("*.py"))]}
    assert {k: n for k, n in sizes.items() if n > MODULE_LINES} == {}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_page_script_reads_top_to_bottom_in_120_lines(page):
    # Longer pages move their sections to named functions under dashboard/ (e.g. dashboard/demand_sections.py).
    assert len((ROOT / page.script).read_text(encoding="utf-8").splitlines()) <= PAGE_LINES
