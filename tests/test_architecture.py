"""The codebase's own rules: imports follow the one-way street, every source declares its contract."""

import ast
from pathlib import Path

import pytest

from dashboard.pages import PAGES
from ingest.registry import SOURCES
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
           "benchmarks", "tests"}
RULES = {  # folder: top-level modules it must never import (data flow: ingest -> data/ -> analysis -> charts -> app)
    "contract": PROJECT - {"contract"} | {"streamlit", "requests", "pandas"},
    # matching: the title normaliser and matcher, pure, shared by ingest (postings) and the dashboard (search)
    "matching": PROJECT - {"matching", "contract"} | {"streamlit", "requests"},
    "ingest": {"streamlit", "dashboard", "analysis", "charts", "views", "appdriver", "benchmarks", "tests"},
    "aggregation": {"streamlit", "requests", "ingest", "dashboard", "analysis", "charts", "views", "appdriver",
                    "benchmarks", "tests"},
    "analysis": {"streamlit", "requests", "ingest", "dashboard", "charts", "views", "appdriver", "benchmarks",
                 "tests"},
    "charts": {"streamlit", "requests", "ingest", "dashboard", "views", "appdriver", "benchmarks", "tests"},
    "dashboard": {"requests", "ingest", "views", "appdriver", "benchmarks", "tests"},
    "views": {"requests", "ingest", "appdriver", "benchmarks", "tests"},
    "appdriver": {"ingest", "aggregation", "analysis", "charts", "views", "benchmarks", "tests"},
    "benchmarks": {"tests"},
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


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_source_declares_its_contract(name):
    module = SOURCES[name]
    source = module.SOURCE
    assert source.title and source.publisher and source.licence and source.citation
    assert source.url.startswith("https://")
    assert callable(module.parse) and hasattr(module, "SCHEMA") and hasattr(module, "fetch")
    assert module.__doc__ and len(module.__doc__.strip().splitlines()) == 1


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
