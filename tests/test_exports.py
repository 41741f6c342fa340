"""Export payloads and the command-line export: file types, exact data, the provenance line."""

import io

import pandas as pd
import plotly.graph_objects as go
import pytest

from charts.theme import finish
from dashboard import images
from dashboard.__main__ import main
from dashboard.export import csv_bytes, html_bytes, provenance_lines, slug


@pytest.fixture
def fig():
    return finish(go.Figure(go.Bar(x=["a", "b"], y=[1.5, 2.5])), title="Two bars", source="Source: test data.")


def test_csv_holds_exactly_the_plotted_data_after_provenance(fig):
    data = pd.DataFrame({"x": ["a", "b"], "y": [1.5, 2.5]})
    payload = csv_bytes(data, provenance=provenance_lines(title="Two bars", source="Source: test data."))
    text = payload.decode()
    assert text.splitlines()[:2] == ["# Title: Two bars", "# Source: test data."]
    pd.testing.assert_frame_equal(pd.read_csv(io.BytesIO(payload), comment="#"), data)


def test_html_is_standalone_and_carries_provenance(fig):
    page = html_bytes(fig, provenance=["Title: Two bars", "Source: <test> data."]).decode()
    assert page.startswith("<!doctype html>") and "Plotly.newPlot" in page
    assert "Source: &lt;test&gt; data." in page  # escaped, never raw markup
    assert "cdn.plot.ly" not in page.split("<script", 2)[1][:200]  # plotly.js inlined, works offline


def test_slug_is_file_name_safe():
    assert slug("Top 10 healthcare roles by change, 2024–34!") == "top-10-healthcare-roles-by-change-2024-34"


needs_browser = pytest.mark.skipif(not images.available(), reason=f"static export off: {images.why_unavailable()}")


@needs_browser
@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("svg", b"<svg"), ("pdf", b"%PDF")])
def test_server_side_images(fig, fmt, magic):
    assert images.image_bytes(fig, fmt).startswith(magic)


def test_cli_export_writes_csv_and_html(tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path), "--format", "csv,html", "--vintage", "2024-34"]) == 0
    files = sorted(p.name for p in tmp_path.iterdir())
    assert "fastest-growing-healthcare-roles.csv" in files and len(files) == 6
    data = pd.read_csv(tmp_path / "fastest-growing-healthcare-roles.csv", comment="#")
    assert data.iloc[0].tolist()[:3] == ["29-1171", "Nurse practitioners", 40.1]
    assert "Bureau of Labor Statistics" in (tmp_path / "healthcare-vs-all-occupations.csv").read_text()


def test_cli_export_rejects_unknown_vintage_and_format(tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path), "--format", "csv", "--vintage", "1999-09"]) == 2
    with pytest.raises(SystemExit):
        main(["export", "--format", "gif"])
