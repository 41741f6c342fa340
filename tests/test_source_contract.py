"""The source contract (ingest/hooks.py): every source keeps it, every hook is documented, the template works."""

import re
import types

import pytest

from ingest import hooks
from ingest.__main__ import main
from ingest.errors import IngestError
from ingest.registry import SOURCES
from ingest.sources import _template
from tests.conftest import ROOT

DOC = (ROOT / hooks.DOCS).read_text(encoding="utf-8")
TEMPLATE = (ROOT / "ingest" / "sources" / "_template.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_source_declares_its_contract(name):
    module = SOURCES[name]
    contract = hooks.of(module)  # raises ContractError on a missing name, a wrong type or a misspelt hook
    source = contract.source
    assert source.name == name and source.title and source.publisher and source.licence and source.citation
    assert source.url.startswith("https://")
    assert set(source.depends) <= set(SOURCES), "depends names datasets built by other sources"
    assert module.__doc__ and len(module.__doc__.strip().splitlines()) == 1
    if contract.live:  # the fault tests cover every live source, or it says why not
        assert contract.replay or contract.replay_skip


@pytest.mark.parametrize("hook", hooks.HOOKS, ids=lambda h: h.name)
def test_every_hook_is_documented_in_the_guide_and_the_template(hook):
    assert hook.doc and hook.signature
    assert f"| `{hook.name}` |" in DOC, f"add a row for {hook.name} to {hooks.DOCS}"
    assert re.search(rf"\b{hook.name}\b", TEMPLATE), f"show {hook.name} in ingest/sources/_template.py"


def test_the_guide_documents_no_hook_that_does_not_exist():
    rows = set(re.findall(r"^\| `(\w+)` \|", DOC, flags=re.MULTILINE))
    assert rows == hooks.NAMES


def test_the_template_keeps_the_contract_and_reads_its_own_example():
    contract = hooks.of(_template)
    assert _template.SOURCE.name not in SOURCES  # never registered: the registry skips "_" modules
    frames = {"2024/rates.csv": _template.parse(_template.EXAMPLE, path="2024/rates.csv")}
    df = _template.SCHEMA.conform(contract.combined(frames, {}), "example_rates")
    assert df.to_dict("records") == [{"vintage": "2024", "soc_code": "29-1141", "rate_pct": 4.5},
                                     {"vintage": "2024", "soc_code": "29-1171", "rate_pct": 7.25}]
    assert contract.covers(df) == {"vintages": ["2024"], "occupations": 2}
    for fault in contract.replay_faults.values():
        with pytest.raises(IngestError, match="n/a%"):
            _template.parse(fault, path="2024/rates.csv")


def module_with(**names) -> types.ModuleType:
    module = types.ModuleType("ingest.sources.example")
    base = {n: getattr(_template, n) for n in ("SOURCE", "SCHEMA", "parse", "fetch")}
    for name, value in {**base, **names}.items():
        if value is not None or name == "fetch":
            setattr(module, name, value)
    return module


@pytest.mark.parametrize(("names", "message"), [
    ({"SCHEMA": None}, "declares no SCHEMA"),
    ({"REPLAY_FAULT": {}}, "REPLAY_FAULT is not a hook; did you mean"),
    ({"coverage": "vintages"}, "coverage must be a function, not str"),
    ({"APPEND_ONLY": "yes"}, "APPEND_ONLY must be True or False"),
    ({"REPLAY": ["https://example.org/"]}, "REPLAY must be a dict"),
    ({"REPLAY_SKIP": " "}, "REPLAY_SKIP must be a non-empty reason"),
    ({"combinE": None, "COMBINE": lambda frames: frames}, "COMBINE is not a hook; did you mean combine"),
])
def test_a_module_that_breaks_the_contract_is_named_with_the_hook_and_the_guide(names, message):
    with pytest.raises(hooks.ContractError, match=re.escape(message)) as err:
        hooks.of(module_with(**names))
    assert "ingest.sources.example" in str(err.value) and hooks.DOCS in str(err.value)


def test_defaults_of_absent_hooks():
    contract = hooks.of(module_with(fetch=None))
    assert (contract.live, contract.takes_user_file, contract.append_only) == (False, False, False)
    assert contract.origin("2024/rates.csv") == _template.SOURCE.url
    assert contract.covers(None) == {} and dict(contract.replay) == {} and contract.raw_from() == "committed"


def test_list_shows_each_source_in_build_order_with_what_it_needs(capsys):
    assert main(["--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["SOURCE", "RAW", "FILES", "NEEDS", "TITLE"]
    listed = [line.split()[0] for line in lines[1:]]
    assert listed == list(SOURCES)
    for line in lines[1:]:
        name, raw_from, needs = line.split()[:3]
        depends = SOURCES[name].SOURCE.depends
        assert raw_from == hooks.of(SOURCES[name]).raw_from()
        assert needs.rstrip(",") == (depends[0] if depends else "-")
        assert all(listed.index(d) < listed.index(name) for d in depends)  # what it needs is built first
