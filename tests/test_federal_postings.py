"""Federal postings analysis and figures on hand-built frames, answers worked out by hand."""

import pandas as pd

from analysis.federal_postings import by_series_month, next_to_projections, remote_share_over_time, user_role_totals
from charts.federal_postings import announcements_over_time, postings_vs_growth, share_over_time


def monthly() -> pd.DataFrame:
    return pd.DataFrame({
        "series_code": ["0610", "0610", "0602"],
        "month": pd.to_datetime(["2024-01-01", "2024-03-01", "2024-02-01"]),
        "series_title": ["NURSE", "NURSE", "MEDICAL OFFICER"],
        "announcements": [10, 4, 5], "announcements_first_series": [8, 4, 5],
        "remote_announcements": [1, 0, 0], "remote_share": [0.1, 0.0, 0.0],
        "announcements_with_numeric_openings": [5, 2, 3], "numeric_openings": [12, 2, 3],
        "soc_code": ["29-1141", "29-1141", "29-1210"], "projections_soc_code": ["29-1141", "29-1141", "29-1210"],
    })


def mapping() -> pd.DataFrame:
    return pd.DataFrame({
        "series_code": ["0610", "0610", "0602"], "series_title": ["NURSE", "NURSE", "MEDICAL OFFICER"],
        "soc_code": ["29-1141", "29-1171", "29-1210"], "soc_title": ["Registered nurses", "NPs", "Physicians"],
        "is_primary": [True, False, True], "projections_soc_code": ["29-1141", "29-1171", "29-1210"],
    })


def test_months_without_postings_are_zero_not_missing():
    out = by_series_month(monthly(), series=["0610"])
    assert out["month"].dt.strftime("%Y-%m").tolist() == ["2024-01", "2024-02", "2024-03"]
    assert out["announcements"].tolist() == [10, 0, 4]
    assert out["remote_share"].tolist()[0] == 0.1 and pd.isna(out["remote_share"].iloc[1])
    assert by_series_month(monthly(), series=["0610"], first_series_only=True)["announcements"].tolist() == [8, 0, 4]
    assert by_series_month(monthly(), series=[]).empty


def test_remote_share_pools_the_chosen_series():
    out = remote_share_over_time(monthly(), series=["0610", "0602"])
    assert out["announcements"].tolist() == [10, 5, 4]
    assert out["remote_share"].tolist() == [0.1, 0.0, 0.0]


def test_next_to_projections_uses_the_primary_soc():
    projections = pd.DataFrame({"vintage": "2024-34", "soc_code": ["29-1141", "29-1171", "29-1210"],
                                "title": ["Registered nurses", "Nurse practitioners", "Physicians"],
                                "change_pct": [4.9, 40.1, 2.8], "openings_annual_k": [189.1, 29.2, 23.6],
                                "employment_base_k": [3300.0, 300.0, 800.0]})
    out = next_to_projections(monthly(), mapping(), projections, series=["0610", "0602"], vintage="2024-34")
    assert out[["series_code", "announcements", "numeric_openings", "change_pct"]].values.tolist() == [
        ["0610", 14, 14, 4.9], ["0602", 5, 3, 2.8]]
    fig = postings_vs_growth(out, title="t", source="s", vintage="2024-34")
    assert [t.x[0] for t in fig.data] == [4.9, 2.8] and [t.y[0] for t in fig.data] == [14, 5]


def test_user_role_totals_keep_unmatched_visible():
    user = pd.DataFrame({"role": ["29-1141", None, "29-1141"], "month": pd.to_datetime(["2024-01-01"] * 3),
                         "postings": [3, 2, 1], "remote_postings": [1, 0, 0]})
    roles = pd.DataFrame({"soc_code": ["29-1141"], "title": ["Registered nurses"]})
    out = user_role_totals(user, roles)
    assert out["title"].tolist() == ["Registered nurses", "Unmatched titles"]
    assert out["postings"].tolist() == [4, 2] and out["remote_share"].tolist() == [0.25, 0.0]


def test_figures_carry_title_and_source():
    long = by_series_month(monthly(), series=["0610", "0602"])
    fig = announcements_over_time(long, label="series_title", title="Monthly", source="Source: USAJOBS.")
    assert [t.name for t in fig.data] == ["MEDICAL OFFICER", "NURSE"]
    assert fig.layout.meta["source"] == "Source: USAJOBS." and fig.layout.meta["title"] == "Monthly"
    fig2 = share_over_time(remote_share_over_time(monthly(), series=["0610"]), title="R", source="S",
                           measure="Remote share")
    assert list(fig2.data[0].y) == [0.1, 0.0]  # January and March; no February row
