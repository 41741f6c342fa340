"""Role search: everyday queries (tests/fixtures/role_queries.csv) at top-1/top-3, hand-built cases, the pages."""

import pandas as pd
import pytest

from matching.search import build_search_index, describe, query_norm, search, to_options
from tests.conftest import ROOT, open_page

QUERIES = ROOT / "tests" / "fixtures" / "role_queries.csv"
TOP1_FLOOR, TOP3_FLOOR = 0.93, 0.97  # measured 0.965 and 0.991 on 113 queries (docs/search.md)


@pytest.fixture(scope="module")
def real_index():
    projections = pd.read_parquet(ROOT / "data" / "projections.parquet")
    roles = pd.read_parquet(ROOT / "data" / "roles.parquet")
    items = projections[(projections["vintage"] == "2024-34") & (projections["occupation_type"] == "line_item")]
    return build_search_index(items[["soc_code", "title", "employment_base_k"]],
                              pd.read_parquet(ROOT / "data" / "onet_titles.parquet"),
                              preferred=set(roles.loc[roles["is_healthcare"], "soc_code"]))


def accuracy(index, queries: pd.DataFrame) -> tuple[float, float, list[str]]:
    top1 = top3 = 0
    misses = []
    for row in queries.itertuples():
        codes = search(index, row.query, limit=3)["soc_code"].tolist()
        top1 += codes[:1] == [row.expected_soc]
        top3 += row.expected_soc in codes
        if codes[:1] != [row.expected_soc]:
            misses.append(f"{row.query}: {codes[:1]} not {row.expected_soc}")
    return top1 / len(queries), top3 / len(queries), misses


def test_everyday_queries_reach_the_accuracy_floor(real_index):
    queries = pd.read_csv(QUERIES, dtype=str, keep_default_na=False)
    assert len(queries) >= 60 and queries["query"].is_unique
    assert set(queries["expected_soc"]) <= set(real_index.official), "expected codes must be 2024-34 roles"
    top1, top3, misses = accuracy(real_index, queries)
    print(f"top-1 {top1:.3f}, top-3 {top3:.3f}; misses: {misses}")
    assert top1 >= TOP1_FLOOR, misses
    assert top3 >= TOP3_FLOOR, misses


@pytest.mark.parametrize(("query", "code"), [
    ("medical coder", "29-2072"), ("CNA", "31-1131"), ("travel nurse", "29-1141"), ("home health aide", "31-1120"),
])
def test_the_four_from_the_issue_are_first(real_index, query, code):
    assert search(real_index, query)["soc_code"].iloc[0] == code


def test_the_match_is_named(real_index):
    found = search(real_index, "medical coder")
    assert describe("medical coder", found.iloc[0]) == "medical coder → Medical records specialists, 29-2072"
    assert found.iloc[0]["matched_title"] == "Medical Coder" and found.iloc[0]["match"] == "exact O*NET alternate title"
    coding = search(real_index, "medical coding").iloc[0]
    assert describe("medical coding", coding) == ("medical coding → Medical records specialists, 29-2072 "
                                                  f"(as “{coding.matched_title}”)")
    official = search(real_index, "registered nurses").iloc[0]
    assert describe("registered nurses", official) == "registered nurses → Registered nurses, 29-1141"
    assert official["match"] == "exact official title"


def small_index():
    roles = pd.DataFrame({"soc_code": ["29-1141", "29-1171", "31-1120", "31-1131", "29-2061"],
                          "title": ["Registered nurses", "Nurse practitioners", "Home health and personal care aides",
                                    "Nursing assistants", "Licensed practical and licensed vocational nurses"],
                          "employment_base_k": [3300.0, 300.0, 4000.0, 1400.0, 650.0]})
    onet = pd.DataFrame({
        "title_kind": ["alternate", "alternate", "reported", "alternate", "short", "alternate"],
        "title": ["Staff Nurse", "Home Health Aide (HHA)", "Caregiver", "Nurse Aide", "PT", "Nurse Practitioner"],
        # 31-1121 is a SOC 2018 code that EP publishes only inside its aggregate 31-1120
        "soc_code": ["29-1141", "31-1121", "31-1122", "31-1131", "29-2053", "29-1171"],
    })
    return build_search_index(roles, onet)


def test_onet_codes_land_on_the_ep_aggregate_and_unknown_codes_are_dropped():
    assert to_options("31-1121", {"31-1120"}) == "31-1120"
    assert to_options("29-2053", {"31-1120"}) is None
    index = small_index()
    assert set(index.entries["soc_code"]) == {"29-1141", "29-1171", "31-1120", "31-1131", "29-2061"}
    assert search(index, "caregiver")["soc_code"].tolist()[:1] == ["31-1120"]


@pytest.mark.parametrize(("query", "first"), [
    ("RN", "29-1141"), ("rn", "29-1141"), ("LPN", "29-2061"), ("CNA", "31-1131"), ("NP", "29-1171"),
    ("HHA", "31-1120"), ("home helth aide", "31-1120"), ("regsitered nurse", "29-1141"),
    ("travel nurse", "29-1141"), ("staff nurse", "29-1141"), ("Nurse practitioners", "29-1171"),
])
def test_abbreviations_typos_and_contract_words(query, first):
    assert search(small_index(), query)["soc_code"].iloc[0] == first


def test_an_official_title_beats_an_alternate_with_the_same_words():
    # 'Nurse Practitioner' is an O*NET alternate of 29-1171 and, singular, the official title: one row, official
    found = search(small_index(), "nurse practitioner")
    assert found.iloc[0]["match"] == "exact official title"
    assert found["soc_code"].is_unique


def test_soc_codes_empty_and_nonsense_queries():
    index = small_index()
    assert search(index, "29-11")["soc_code"].tolist() == ["29-1141", "29-1171"]
    assert search(index, "311120")["soc_code"].tolist() == ["31-1120"]
    assert search(index, "").empty and search(index, "   ").empty
    assert search(index, "zzzqqq xylophone").empty
    assert query_norm("Travel ICU RN (nights)") == "icu registered nurse"


def test_explorer_and_profile_find_the_four_at_top_1():
    for query, code, title in (("medical coder", "29-2072", "Medical records specialists"),
                               ("CNA", "31-1131", "Nursing assistants"),
                               ("travel nurse", "29-1141", "Registered nurses"),
                               ("home health aide", "31-1120", "Home health and personal care aides")):
        explorer = open_page("explorer", q=query)
        assert not explorer.exception
        assert explorer.dataframe[-1].value["SOC"].iloc[0] == code
        assert explorer.subheader[0].value.startswith(f"Best match: {query} → {title}, {code}".replace("-", "\\-"))
        profile = open_page("profile", find=query)
        assert not profile.exception
        assert profile.title[0].value == title


def test_typing_in_the_profile_search_box_opens_the_role():
    at = open_page("profile", soc="29-1141")
    at.text_input(key="w_find").set_value("medical coder").run()
    assert at.title[0].value == "Medical records specialists"
    # the link keeps the search; the role is its best match, so ?soc= (equal to that default) stays out
    assert at.query_params["find"] == "medical coder" and at.query_params.get("soc") in (None, "29-2072")
    assert any("medical coder → Medical records specialists, 29\\-2072" in c.value for c in at.caption)


def test_compare_adds_a_role_by_job_title():
    at = open_page("compare")
    at.text_input(key="find_roles").set_value("CNA").run()
    assert str(at.query_params["roles"]).strip("[]'").split(",") == ["29-1171", "29-1071", "29-1141", "31-1131"]
    assert at.text_input(key="find_roles").value == ""
