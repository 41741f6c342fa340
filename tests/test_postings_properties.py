"""Property tests: title normalisation is idempotent, the work-mode rules always answer, and the SQL
aggregation agrees with an independent pandas computation on any small input."""

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from aggregation import postings_monthly as job
from matching.title_match import normalise
from matching.work_mode import MODES, classify

words = st.sampled_from(["Sr.", "RN", "nurse", "Tech", "II", "remote", "hybrid", "(ICU)", "GS-12", "&", "Mgr",
                         "Anywhere in the U.S. (remote job)", "not", "on-site", "telework", "Émile", "/", ""])


@given(st.lists(words, max_size=8).map(" ".join))
def test_normalise_is_idempotent(title):
    once = normalise(title)
    assert normalise(once) == once
    assert once == once.strip() and "  " not in once


@given(st.lists(words, max_size=8).map(" ".join), st.one_of(st.none(), st.text(max_size=20)),
       st.one_of(st.none(), st.booleans(), st.sampled_from(["yes", "0", "TRUE"])))
def test_classify_always_answers_one_of_the_modes(text, location, flag):
    assert classify(location=location, description=text, remote_flag=flag) in MODES


rows = st.lists(st.tuples(st.sampled_from(["29-1141", "29-1171", None]),
                          st.dates(min_value=pd.Timestamp("2019-01-01").date(),
                                   max_value=pd.Timestamp("2020-12-31").date()),
                          st.sampled_from(MODES)), min_size=1, max_size=60)


@settings(max_examples=40, deadline=None)
@given(rows)
def test_sql_matches_pandas(records):
    df = pd.DataFrame(records, columns=["role", "posted_date", "work_mode"])
    df["posted_date"] = pd.to_datetime(df["posted_date"])
    got = job.run_duckdb(df)
    month = df["posted_date"].dt.to_period("M").dt.to_timestamp()
    expected = df.assign(month=month, remote=df["work_mode"].eq("remote"), hybrid=df["work_mode"].eq("hybrid"),
                         unknown=df["work_mode"].eq("unknown")).groupby(["role", "month"], dropna=False).agg(
        postings=("remote", "size"), remote_postings=("remote", "sum"), hybrid_postings=("hybrid", "sum"),
        unknown_postings=("unknown", "sum")).reset_index()
    expected["remote_share"] = expected["remote_postings"] / expected["postings"]
    pd.testing.assert_frame_equal(got, job.tidy(expected))
