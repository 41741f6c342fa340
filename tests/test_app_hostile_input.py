"""Every page under hostile links: unknown codes, huge values, repeated keys, script tags and markdown."""

import re
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.pages import PAGES
from tests.conftest import ROOT, open_page

APP = ROOT / "app.py"


def pages() -> list[str]:
    return [p.script for p in PAGES]


def url_keys(page: str) -> list[str]:
    """The query parameters a page reads through dashboard.state (widgets bound with param=, state.param,
    and the shared vintage selector)."""
    source = (ROOT / page).read_text(encoding="utf-8")
    for part in re.findall(r"from dashboard import (\w+_sections)", source):  # a page's sections (named parts)
        source += (ROOT / "dashboard" / f"{part}.py").read_text(encoding="utf-8")
    keys = set(re.findall(r"\bparam=[\"'](\w+)[\"']", source)) | set(re.findall(r"state\.param\(\s*[\"'](\w+)", source))
    return sorted(keys | ({"vintage"} if "state.vintage(" in source else set()))


PAYLOADS = {  # one run per value and page, every key at once: the suite stays short as pages are added
    "unknown-code": "99-9999",
    "very-long": "9" * 20_000,
    "huge": "9" * 100_000,  # all keys together pass Streamlit's own 512 KiB limit: it drops the query
    "markup": "<script>alert(document.cookie)</script><img src=x onerror=alert(1)><b>bold</b> **bold** "
              "[click](https://evil.example/) ![img](https://evil.example/x.png) # heading",
    "odd-characters": "$\\frac{1}{0}$ :rocket: ${x} a\x00b\r\nc\u202ed\ufeff",
}
SHOWN = ("markdown", "caption", "title", "header", "subheader", "error", "warning", "info", "success", "text")


def run(page: str, params: dict[str, str | list[str]]) -> AppTest:
    """Open the app, switch to the page, then load it with the link's parameters."""
    return open_page(Path(page).stem, **params)


def rendered_text(at: AppTest) -> list[str]:
    return [str(el.value) for kind in SHOWN for el in at.get(kind)]


def test_every_page_is_found():
    assert "views/growing_roles.py" in pages()
    assert all((ROOT / p).is_file() for p in pages())
    assert url_keys("views/growing_roles.py") == ["by", "lens", "n", "q", "vintage"]


@pytest.mark.parametrize("page", pages())
@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_hostile_values_in_every_parameter_render_with_a_note(page, payload):
    keys = [*url_keys(page), "unknown_key"]
    at = run(page, {key: PAYLOADS[payload] for key in keys})
    assert not at.exception, at.exception
    texts = rendered_text(at)
    assert texts, "the page rendered nothing"
    for text in texts:  # user text may be shown, but only with Markdown/HTML characters backslash-escaped
        assert not re.search(r"(?<!\\)<(script|img|b>)", text), text
        assert not re.search(r"(?<!\\)\]\(https://evil", text), text  # a live link or image
        assert len(text) < 5_000  # a huge value is cut, not echoed
    checked = re.search(r"state\.(select|multi|vintage)\(", (ROOT / page).read_text(encoding="utf-8"))
    if payload != "huge" and checked:  # values checked against a list are dropped with a note
        assert any(t.startswith("Ignored") for t in texts), texts


@pytest.mark.parametrize("page", pages())
def test_repeated_keys_take_one_value(page):
    at = run(page, {key: ["<b>x</b>", "y" * 300] for key in url_keys(page)})
    assert not at.exception, at.exception


def test_no_page_lets_html_through():
    folders = {p.split("/")[0] for p in pages()} | {"dashboard", "charts"}
    offenders = [str(p.relative_to(ROOT)) for folder in sorted(folders)
                 for p in (ROOT / folder).rglob("*.py") if "unsafe_allow_html" in p.read_text(encoding="utf-8")]
    offenders += ["app.py"] if "unsafe_allow_html" in APP.read_text(encoding="utf-8") else []
    assert offenders == []


def test_uploads_are_capped():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert 0 < config["server"]["maxUploadSize"] <= 50


def test_a_parquet_that_does_not_match_its_manifest_is_flagged(tmp_path, monkeypatch):
    """What a run killed between the Parquet and the manifest write leaves: the page says so."""
    import json
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("user"))
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    manifest["datasets"]["projections"]["parquet_sha256"] = "0" * 64
    (data / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    monkeypatch.setenv("HLT_DATA_DIR", str(data))
    monkeypatch.setenv("HLT_CONTACT_EMAIL", "app-secret-contact@example.org")
    at = run("views/growing_roles.py", {})
    assert not at.exception
    footer = " ".join(el.value for el in at.text)
    assert "data/projections.parquet does not match its manifest entry" in footer
    assert "python -m ingest --offline projections" in footer
    assert "data/roles.parquet does not match" not in footer
    assert not any("app-secret-contact" in t for t in rendered_text(at))
