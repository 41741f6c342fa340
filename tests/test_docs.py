"""README and docs against the code: the two commands, the page table, the dataset table, every link resolves."""

import re

import pytest

from dashboard.pages import PAGES
from ingest.registry import SOURCES
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = sorted((ROOT / "docs").glob("*.md"))
LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")  # [text](target), web addresses and anchors aside


def test_readme_is_a_front_door_under_12_kb():
    assert len(README.encode("utf-8")) < 12 * 1024, "move detail to docs/<topic>.md and link it"


def test_readme_keeps_the_two_commands():
    assert "python -m pip install -e . && streamlit run app.py" in README
    assert "python -m pip install -e '.[test,browser,scale]' && python -m pytest" in README


def test_readme_page_table_is_the_page_table():
    table = README[README.index("| page | what it answers |"):]
    table = table[:table.index("\n\n")]
    rows = re.findall(r"^\| \*\*(.+?)\*\* \|", table, flags=re.MULTILINE)
    assert rows == [p.title for p in PAGES], "one row per Page in dashboard/pages.py, in its order"


def test_dataset_table_names_every_registered_source():
    text = (ROOT / "docs" / "datasets.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)`", text, flags=re.MULTILINE)
    assert len(rows) == len(set(rows)) and set(rows) == set(SOURCES), "one row per source: python -m ingest --list"


@pytest.mark.parametrize("doc", [ROOT / "README.md", *DOCS], ids=lambda p: p.name)
def test_every_relative_link_resolves(doc):
    text = doc.read_text(encoding="utf-8")
    broken = [t for t in LINK.findall(text) if "://" not in t and not (doc.parent / t).exists()]
    assert broken == []


def test_every_doc_is_reachable_from_the_readme():
    reached, todo = set(), [ROOT / "README.md"]
    while todo:
        doc = todo.pop()
        for target in LINK.findall(doc.read_text(encoding="utf-8")):
            path = (doc.parent / target).resolve()
            if path.suffix == ".md" and path.is_file() and path not in reached:
                reached.add(path)
                todo.append(path)
    assert [d.name for d in DOCS if d.resolve() not in reached] == [], "link the document from README.md"
