"""Demand analysis on hand-built frames with answers worked by hand, plus a few checks on the real data."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import history, openings, postings
from tests.conftest import ROOT


def line(category, values, *, snapshot="tracker 2024-10-03", start="2020-02-01", sa="SA"):
    dates = pd.date_range(start, periods=len(values), freq="D")
    return pd.DataFrame({"snapshot": snapshot, "category": category, "variable": "total postings",
                         "seasonal_adjustment": sa, "date": dates, "index": [float(v) for v in values]})


def test_rebase_divides_each_line_by_its_first_day_on_or_after_start():
    rows = pd.concat([line("Nursing", [100, 110, 120, 132]), line("Dental", [100, 50, 25, 75])])
    out = postings.rebase(rows, start="2020-02-02")
    got = out.groupby("category")["rebased"].apply(list).to_dict()
    assert got["Nursing"] == pytest.approx([100, 120 / 110 * 100, 120])
    assert got["Dental"] == pytest.approx([100, 50, 150])
    assert set(out["base_date"]) == {pd.Timestamp("2020-02-02")}
    assert rows["index"].tolist()[:2] == [100, 110]  # input untouched


def test_rebase_leaves_out_lines_that_end_before_the_start():
    rows = pd.concat([line("Nursing", [100, 110]), line("Dental", [1, 2, 3, 4])])
    assert set(postings.rebase(rows, start="2020-02-04")["category"]) == {"Dental"}


def test_smooth_is_a_trailing_mean_over_full_windows_only():
    out = postings.smooth(line("Nursing", [1, 2, 3, 4, 5]), days=3)
    assert out["smoothed"].isna().tolist()[:2] == [True, True]
    assert out["smoothed"].tolist()[2:] == [2.0, 3.0, 4.0]


def test_smooth_does_not_average_across_a_gap():
    rows = line("Nursing", [1, 2, 3, 4, 5]).drop(index=2)  # 2020-02-03 missing
    out = postings.smooth(rows, days=2)
    assert out["smoothed"].isna().tolist() == [True, False, True, False]
    assert out["smoothed"].dropna().tolist() == [1.5, 4.5]


def test_yoy_compares_with_the_same_day_a_year_earlier_and_handles_29_february():
    rows = pd.concat([line("Nursing", [100], start="2023-02-28"), line("Nursing", [110], start="2024-02-28"),
                      line("Nursing", [120], start="2024-02-29"), line("Nursing", [90], start="2025-02-28")])
    out = postings.yoy(rows).set_index("date")["yoy_pct"]
    assert math.isnan(out[pd.Timestamp("2023-02-28")])
    assert out[pd.Timestamp("2024-02-28")] == pytest.approx(10)
    assert math.isnan(out[pd.Timestamp("2024-02-29")])  # 2023 had no 29 February
    assert out[pd.Timestamp("2025-02-28")] == pytest.approx(90 / 120 * 100 - 100)  # from 29 Feb 2024


def test_vs_all_uses_the_same_snapshot_and_adjustment_only():
    rows = pd.concat([
        line("Nursing", [100, 120]), line(postings.ALL_POSTINGS, [100, 80]),
        line(postings.ALL_POSTINGS, [100, 200], snapshot="tracker 2026-08-19"),
        line("Dental", [100, 90], snapshot="portal 2025-12-20", sa="unstated, probably NSA"),
    ])
    out = postings.vs_all(rows, rows)
    assert out["category"].tolist() == ["Nursing", "Nursing"]
    assert out["vs_all"].tolist() == pytest.approx([100, 150])


def test_weekly_keeps_published_points_last_day_of_each_week_and_the_last_day():
    rows = line("Nursing", range(100, 120))  # Sat 1 Feb 2020 .. Thu 20 Feb 2020
    out = postings.weekly(rows)
    assert out["date"].dt.strftime("%m-%d").tolist() == ["02-01", "02-08", "02-15", "02-20"]
    assert out["index"].tolist() == [100, 107, 114, 119]


@settings(deadline=None, max_examples=60)  # pandas per example is slow on a shared 2-core machine
@given(st.lists(st.floats(min_value=1, max_value=500, allow_nan=False), min_size=1, max_size=60))
def test_weekly_values_are_always_values_of_the_input(values):
    rows = line("Nursing", values)
    out = postings.weekly(rows)
    assert set(out["index"]) <= set(rows["index"])
    assert out["date"].iloc[-1] == rows["date"].iloc[-1]
    assert len(out) == rows["date"].dt.to_period("W-SAT").nunique()


def test_category_of_a_role():
    mapping = pd.DataFrame({"category": ["Dental", "Nursing"], "soc_code": ["29-1292", "29-1141"]})
    assert postings.category_of(mapping, "29-1141") == "Nursing"
    assert postings.category_of(mapping, "15-1252") is None


def test_projected_by_category_sums_roles_then_takes_the_percent():
    mapping = pd.DataFrame({"category": ["Dental", "Dental", "Nursing"],
                            "soc_code": ["31-9091", "29-1292", "29-1141"]})
    proj = pd.DataFrame({"vintage": "2024-34", "soc_code": ["31-9091", "29-1292", "29-1141"],
                         "employment_base_k": [300.0, 100.0, 3000.0], "change_k": [30.0, 2.0, 150.0],
                         "base_year": 2024, "target_year": 2034})
    out = postings.projected_by_category(mapping, proj, vintage="2024-34").set_index("category")
    assert out.loc["Dental", "projected_change_pct"] == pytest.approx(32 / 400 * 100)
    assert out.loc["Nursing", "roles"] == 1


def test_momentum_on_the_real_2024_snapshot():
    data = pd.read_parquet(ROOT / "data" / "postings_index.parquet")
    m = postings.momentum(data, snapshot="tracker 2024-10-03").set_index("category")
    assert len(m) == 46 and set(m["date"]) == {pd.Timestamp("2024-09-27")}
    assert m.loc["Nursing", "index"] == 123.53
    all_last = data[(data["snapshot"] == "tracker 2024-10-03") & (data["category"] == "All postings")
                    & (data["seasonal_adjustment"] == "SA") & (data["variable"] == "total postings")]
    assert m.loc["Nursing", "vs_all"] == pytest.approx(123.53 / all_last["index"].iloc[-1] * 100)


def jolts(rows):
    return pd.DataFrame(rows, columns=["date", "industry_code", "measure", "value"]).assign(
        date=lambda d: pd.to_datetime(d["date"]))


def test_openings_share_and_yoy_by_hand():
    df = jolts([("2024-01-01", "620000", "job openings", 1500), ("2024-01-01", "000000", "job openings", 7500),
                ("2025-01-01", "620000", "job openings", 1200), ("2025-01-01", "000000", "job openings", 6000),
                ("2025-02-01", "620000", "job openings", 1300)])  # total for Feb not published yet
    out = openings.healthcare_vs_total(df)
    assert out["date"].tolist() == [pd.Timestamp("2024-01-01"), pd.Timestamp("2025-01-01")]
    assert out["healthcare_share"].tolist() == [0.2, 0.2]
    assert out["healthcare_yoy_pct"].iloc[1] == pytest.approx(-20)
    assert "healthcare_rate_pct" not in out and not openings.has_rates(df)


def test_openings_rates_join_when_present():
    df = jolts([("2025-01-01", "620000", "job openings", 1200), ("2025-01-01", "000000", "job openings", 6000),
                ("2025-01-01", "620000", "job openings rate", 5.7),
                ("2025-01-01", "000000", "job openings rate", 4.4)])
    out = openings.healthcare_vs_total(df)
    assert out[["healthcare_rate_pct", "total_rate_pct"]].iloc[0].tolist() == [5.7, 4.4]


def oews_rows():
    base = {"o_group": "detailed", "employment_flag": None, "median_wage_annual_flag": None,
            "soc_basis": "SOC 2018"}
    return pd.DataFrame([
        {**base, "year": 2021, "soc_code": "29-1141", "title": "Registered Nurses", "employment": 1000.0,
         "median_wage_annual_usd": 80000.0},
        {**base, "year": 2024, "soc_code": "29-1141", "title": "Registered Nurses", "employment": 1331.0,
         "median_wage_annual_usd": 100000.0},
        {**base, "year": 2021, "soc_code": "29-1229", "title": "Physicians, All Other", "employment": 500.0,
         "median_wage_annual_usd": np.nan, "median_wage_annual_flag": "topcoded"},
        {**base, "year": 2024, "soc_code": "29-1229", "title": "Physicians, All Other", "employment": 400.0,
         "median_wage_annual_usd": 230000.0},
    ])


def test_growth_between_two_years_by_hand():
    out = history.growth_between(oews_rows(), start_year=2021, end_year=2024).set_index("soc_code")
    rn = out.loc["29-1141"]
    assert rn["employment_change"] == 331 and rn["employment_change_pct"] == pytest.approx(33.1)
    assert rn["employment_annual_rate_pct"] == pytest.approx(10.0)  # 1.1 ** 3 = 1.331
    assert rn["median_wage_change_pct"] == pytest.approx(25)
    assert pd.isna(rn["note"])
    doc = out.loc["29-1229"]
    assert math.isnan(doc["median_wage_change_pct"]) and doc["note"] == "median wage 2021 topcoded"
    assert doc["employment_change_pct"] == pytest.approx(-20)


def test_growth_between_refuses_backwards_or_absent_years():
    with pytest.raises(ValueError, match="must come after"):
        history.growth_between(oews_rows(), start_year=2024, end_year=2021)
    with pytest.raises(ValueError, match="no estimates for 2019"):
        history.growth_between(oews_rows(), start_year=2019, end_year=2024)


def test_projection_annual_rate():
    hist = history.growth_between(oews_rows(), start_year=2021, end_year=2024)
    proj = pd.DataFrame({"vintage": "2024-34", "soc_code": ["29-1141"], "base_year": [2024],
                         "target_year": [2034], "change_pct": [21.9], "employment_base_k": [3391.0]})
    out = history.with_projection(hist, proj, vintage="2024-34").set_index("soc_code")
    assert out.loc["29-1141", "projected_annual_rate_pct"] == pytest.approx((1.219 ** 0.1 - 1) * 100)
    assert math.isnan(out.loc["29-1229", "projected_change_pct"])


def test_real_oews_history_matches_the_files():
    oews = pd.read_parquet(ROOT / "data" / "oews.parquet")
    out = history.growth_between(oews, start_year=2019, end_year=2024).set_index("soc_code")
    rn = out.loc["29-1141"]
    assert (rn["employment_start"], rn["employment_end"]) == (2982280, 3282010)
    assert (rn["median_wage_annual_usd_start"], rn["median_wage_annual_usd_end"]) == (73300, 93600)
    assert bool(rn["code_basis_changed"])
    late = history.growth_between(oews, start_year=2024, end_year=2025).set_index("soc_code")
    assert late.loc["29-1229", "note"] == "median wage 2024 topcoded"  # 2025 stopped top-coding
