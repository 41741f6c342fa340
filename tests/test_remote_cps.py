"""CPS telework Table 2: real December 2022 and 2023 workbooks, hand-set headers, labels, SOC majors."""

import io

import pandas as pd
import pytest
from openpyxl import Workbook

from contract import paths
from ingest.errors import IngestError
from ingest.sources import cps_telework

RAW = paths.REPO_ROOT / "data" / "raw" / "bls_cps_telework"


@pytest.fixture(scope="module")
def dec23() -> pd.DataFrame:
    path = "telework-tables-2023-12.xlsx"
    return cps_telework.parse((RAW / path).read_bytes(), path=path)


@pytest.fixture(scope="module")
def dec22() -> pd.DataFrame:
    path = "telework-tables-2022-12.xlsx"
    return cps_telework.parse((RAW / path).read_bytes(), path=path)


def _row(df, section, label):
    hit = df[(df["section"] == section) & (df["label"] == label)]
    assert len(hit) == 1, label
    return hit.iloc[0]


def test_published_rates_december_2023(dec23):
    assert (dec23["date"] == pd.Timestamp("2023-12-01")).all()
    assert _row(dec23, "full_part_time", "Total, 16 years and over")["teleworked_pct"] == 21.9
    hcp = _row(dec23, "occupation", "Healthcare practitioners and technical occupations")
    assert (hcp["at_work_k"], hcp["teleworked_k"], hcp["teleworked_pct"]) == (10177.0, 1226.0, 12.0)
    assert hcp["soc_major_code"] == "29-0000"
    assert hcp["telework_share"] == pytest.approx(0.12)
    assert _row(dec23, "occupation", "Healthcare support occupations")["teleworked_pct"] == 8.9
    assert _row(dec23, "industry", "Health care and social assistance")["teleworked_pct"] == 16.9


def test_published_rates_december_2022(dec22):
    assert _row(dec22, "full_part_time", "Total, 16 years and over")["teleworked_pct"] == 19.0
    hcp = _row(dec22, "occupation", "Healthcare practitioners and technical occupations")
    assert hcp["teleworked_pct"] == 9.6
    assert _row(dec22, "occupation", "Healthcare support occupations")["teleworked_pct"] == 5.4
    assert _row(dec22, "industry", "Health care and social assistance")["teleworked_pct"] == 13.5


def test_occupation_rows_and_soc_mapping(dec23):
    occ = dec23[dec23["section"] == "occupation"]
    assert len(occ) == 29
    majors = occ[occ["soc_major_code"] != ""]
    assert len(majors) == 22 and majors["soc_major_code"].is_unique
    summary = occ[occ["soc_major_code"] == ""]
    assert set(summary["label"]) == {
        "Management, professional, and related occupations",
        "Management, business, and financial operations occupations",
        "Professional and related occupations", "Service occupations", "Sales and office occupations",
        "Natural resources, construction, and maintenance occupations",
        "Production, transportation, and material moving occupations",
    }
    # The major groups of a summary group add up to it (thousands, rounded by BLS).
    service = majors[majors["parent"] == "Service occupations"]
    total = _row(dec23, "occupation", "Service occupations")["at_work_k"]
    assert service["at_work_k"].sum() == pytest.approx(total, abs=3)


def test_labels_are_clean(dec23):
    assert not dec23["label"].str.contains("\xa0").any()
    assert not dec23["label"].str.contains(r"[a-z]\d$").any()
    assert set(dec23["section"]) == {"full_part_time", "occupation", "industry", "class_of_worker"}
    # "Sales and related" has an extra \xa0 in its indent; it still sits one level under its summary group.
    sales = _row(dec23, "occupation", "Sales and related occupations")
    assert (sales["level"], sales["parent"]) == (1, "Sales and office occupations")
    assert _row(dec23, "industry", "Hospitals")["level"] == 3
    assert len(dec23) == 74  # 87 rows less title, 3 header rows, 4 section headings, 4 notes, 1 unit line


def test_clean_strips_glued_footnotes_only():
    assert cps_telework.clean("Class\xa0of\xa0worker3") == "Class of worker"
    assert cps_telework.clean("Total persons \nat work1") == "Total persons at work"
    assert cps_telework.clean("Total, 16 years and over") == "Total, 16 years and over"


def test_split_of_teleworked_adds_up(dec23):
    gap = dec23["teleworked_k"] - dec23["teleworked_some_k"] - dec23["teleworked_all_k"]
    assert gap.abs().max() <= 1.0  # rounding to thousands


def _workbook(header_last: str, title="Table 2. Persons at work by telework status, December 2023") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Table 2"
    sheet.append([title])
    sheet.append(["[Numbers in thousands]"])
    sheet.append([""] * 6 + ["Percent distribution"])
    sheet.append(["", "", "Persons who teleworked or worked at home for pay"])
    names = ["Total persons \nat work1", "Total", "Teleworked some hours2", "Teleworked all hours",
             header_last]
    sheet.append(["Characteristic", *names, *names])
    sheet.append(["Occupation"])
    sheet.append(["Service occupations", 100, 10, 4, 6, 90, 100, 10.0, 4.0, 6.0, 90.0])
    sheet.append(["\xa0\xa0\xa0 Healthcare support occupations", 40, 2, 1, 1, 38, 100, 5.0, 2.5, 2.5, 95.0])
    sheet.append(["1 Data refer to persons who worked"])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_hand_built_table():
    df = cps_telework.parse(_workbook("Persons who did not telework or work at home for pay"),
                            path="telework-tables-2023-12.xlsx")
    assert df[["label", "level", "parent", "soc_major_code", "telework_share"]].values.tolist() == [
        ["Service occupations", 0, "", "", 0.1],
        ["Healthcare support occupations", 1, "Service occupations", "31-0000", 0.05],
    ]


def test_changed_header_is_refused():
    with pytest.raises(IngestError, match="header changed"):
        cps_telework.parse(_workbook("Did not telework"), path="telework-tables-2023-12.xlsx")


def test_file_name_and_title_must_agree():
    with pytest.raises(IngestError, match="disagree"):
        cps_telework.parse(_workbook("Persons who did not telework or work at home for pay"),
                           path="telework-tables-2022-12.xlsx")
