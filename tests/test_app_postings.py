"""The Postings page under AppTest: committed USAJOBS sample, URL state, and a user's own postings when loaded."""


import pandas as pd

from ingest.runner import run_one
from ingest.sources import user_postings
from tests.conftest import ROOT, figures, open_page


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def test_page_with_committed_sample(committed_data):
    at = open_page("postings")
    assert not at.exception
    assert "biased sample" in at.warning[0].value
    # default: the four mapped series with most announcements, 0602 522 + 0610 205 + 0180 64 + 0603 46
    assert metrics(at)["Announcements in the chosen series, Jan 2016–Dec 2016"] == "837"
    assert metrics(at)["Records with teleworkEligible = Y"] == "0 of 3,879"
    figs = figures(at)
    assert len(figs) == 3
    assert [t["name"] for t in figs[0]["data"]] == ["0180 Psychology", "0602 Medical Officer",
                                                     "0603 Physician Assistant", "0610 Nurse"]
    nurse = next(t for t in figs[2]["data"] if t["name"] == "Nurse")  # one trace per series, named in the legend
    assert list(nurse["x"]) == [4.9] and list(nurse["y"]) == [205]  # EP 2024-34 registered nurses
    captions = " ".join(c.value for c in at.caption)
    assert "Private to this browser session" in captions and "Up to **50 MB**" in captions
    assert "python -m ingest user_postings --file" in captions


def test_url_state_picks_series_and_counting_rule(committed_data):
    at = open_page("postings", series="0610,0620", count="first", vintage="2023-33")
    assert not at.exception
    shown = {k: v for k, v in metrics(at).items() if k.startswith("Announcements in the chosen series")}
    assert list(shown.values()) == [f"{205 + 31:,}"]
    assert [t["name"] for t in figures(at)[0]["data"]] == ["0610 Nurse", "0620 Practical Nurse"]
    assert "2023-33" in figures(at)[2]["layout"]["meta"]["title"]


def test_users_own_postings_get_the_same_charts(committed_data, tmp_path):
    postings = pd.read_parquet(ROOT / "data/usajobs_postings.parquet")
    mine = postings[postings["series"].isin(["0610", "0620"])].head(60)
    path = tmp_path / "my_jobs.csv"
    pd.DataFrame({"Job Title": mine["position_title"], "Posted": mine["open_date"].dt.strftime("%Y-%m-%d"),
                  "Where": mine["locations"]}).to_csv(path, index=False)
    result = run_one(user_postings, offline=True, session=None, built={}, user_file=path,
                     options={"title": "Job Title", "date": "Posted", "location": "Where"})
    assert result.ok, result.message
    at = open_page("postings")
    assert not at.exception
    assert metrics(at)["Your postings"] == "60"
    titles = [f["layout"]["meta"]["title"] for f in figures(at)]
    assert titles[3:] == ["Your postings by month, top roles", "Your postings: remote share by month",
                          "Your postings by role vs the role's projected change, 2024-34"]
    names = [t["name"] for t in figures(at)[3]["data"]]
    assert "Registered nurses" in names
