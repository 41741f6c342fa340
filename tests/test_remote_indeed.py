"""Indeed remote tracker: postings share (one row per country and day) and searches share (de-duplicated)."""

import pandas as pd
import pytest

from contract import paths
from ingest.errors import IngestError
from ingest.sources import remote_postings_share, remote_searches_share

RAW = paths.REPO_ROOT / "data" / "raw" / "indeed_remote_tracker"


@pytest.fixture(scope="module")
def postings() -> pd.DataFrame:
    df = remote_postings_share.parse((RAW / "remote_postings.csv").read_bytes())
    return remote_postings_share.SCHEMA.conform(df, "remote_postings_share")


@pytest.fixture(scope="module")
def searches() -> pd.DataFrame:
    df = remote_searches_share.parse((RAW / "remote_searches.csv").read_bytes())
    return remote_searches_share.SCHEMA.conform(df, "remote_searches_share")


def test_postings_real_file(postings):
    # One row per country and day, every country on every day (7 x 2,677 in the committed file; a refreshed
    # file is longer, so the shape is checked, not the count).
    assert sorted(postings["country"].unique()) == ["AU", "CA", "DE", "FR", "GB", "IE", "US"]
    days = postings["date"].nunique()
    assert len(postings) == 7 * days and (postings.groupby("country").size() == days).all()
    assert postings["date"].min() == pd.Timestamp("2019-01-01")
    assert postings["date"].max() >= pd.Timestamp("2026-04-30")
    last_us = postings[(postings["country"] == "US") & (postings["date"] == "2026-04-30")].iloc[0]
    assert last_us["remote_pct"] == pytest.approx(8.461423, abs=1e-6)
    assert last_us["remote_share"] == pytest.approx(0.08461423, abs=1e-8)
    assert postings["remote_share"].between(0, 1).all()


def test_searches_deduplicated(searches):
    # 42,592 rows: 18,530 exact repeats go; JP's 2,646 dates with two different values cannot be resolved.
    assert "JP" not in set(searches["country"])
    assert not searches.duplicated(["country", "date"]).any()
    assert (searches.groupby("country").size() == searches["date"].nunique()).all()
    first_us = searches[(searches["country"] == "US") & (searches["date"] == "2019-01-01")].iloc[0]
    assert first_us["remote_pct"] == pytest.approx(1.801657, abs=1e-6)


def test_dedupe_by_hand():
    df = pd.DataFrame({
        "country": ["US", "US", "US", "JP", "JP"],
        "date": pd.to_datetime(["2020-01-01", "2020-01-01", "2020-01-02", "2020-01-01", "2020-01-01"]),
        "remote_pct": [1.0, 1.0, 2.0, 0.5, 0.6],
    })
    out, dropped = remote_searches_share.dedupe(df)
    assert dropped == ["JP"]
    assert out["remote_pct"].tolist() == [1.0, 2.0]


def test_postings_refuse_repeats_and_bad_values():
    twice = b"date,jobcountry,remote_share_postings\n2020-01-01,US,5\n2020-01-01,US,5\n"
    with pytest.raises(IngestError, match="repeats"):
        remote_postings_share.parse(twice)
    with pytest.raises(IngestError, match="outside"):
        remote_postings_share.parse(b"date,jobcountry,remote_share_postings\n2020-01-01,US,150\n")
    with pytest.raises(IngestError, match="lacks column"):
        remote_postings_share.parse(b"date,country,share\n2020-01-01,US,5\n")
