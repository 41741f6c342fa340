"""Remote/hybrid/on-site rules on hand-labelled real strings (2016 USAJOBS sample, USAJOBS Help, notes)."""

import pandas as pd
import pytest

from matching.work_mode import classify, classify_frame

# (location, title, description, label). Locations and titles are verbatim from
# data/raw/usajobs_historicjoa/historical_jobs_2016.parquet unless marked; descriptions quote USAJOBS Help.
LABELLED = [
    ("Fort Derussy, Hawaii", "MAINTENANCE MECHANIC (NA-09)", None, "on-site"),
    ("Murfreesboro, Tennessee", "Physician (Hospitalist)", None, "on-site"),
    ("Location Negotiable After Selection", "City Carrier Assistant", None, "on-site"),
    ("FBI - Location Determined by the needs of the FBI; FBI - Overseas - Location Determined by the needs "
     "of the FBI", "For All FBI Positions - Please apply for all FBI Positions on www.fbijobs.gov", None,
     "on-site"),
    ("Tokyo", "Foreign Affairs Specialist", None, "on-site"),
    # telehealth, telemetry, home-based care and Title 38 'Hybrid' are not work patterns (real titles)
    ("North Little Rock, Arkansas", "Physician - Primary Care Telehealth", None, "on-site"),
    (None, "Physician - Primary Care Telehealth", None, "unknown"),  # title alone: no signal
    ("Orange City, Florida", "Licensed Practical Nurse- Clinical Video Telehealth-Orange City", None,
     "on-site"),
    ("San Diego County, California", "Registered Nurse, Medical/Surgical Telemetry - NC", None, "on-site"),
    ("Jennings, Louisiana", "Staff Physician (Jennings Home Based Primary Care )", None, "on-site"),
    ("New Orleans, Louisiana", "Psychologist (PTSD - Tele-Mental Health)", None, "on-site"),
    ("Kennewick, Washington", "Telecommunications Specialist", None, "on-site"),
    ("Tampa, Florida", "Hybrid Positions (Direct Hire)", None, "on-site"),
    # the remote label of Historic JOA records and the Search API display (usajobs-api.md §0, §2.3)
    # title made up:
    ("Anywhere in the U.S. (remote job)", "Medical Records Technician (Coder)", None, "remote"),
    ("Anywhere in the U.S. (remote job)", None, None, "remote"),
    ("Tampa, Florida", None, None, "on-site"),
    ("Multiple Locations", None, None, "on-site"),
    # USAJOBS Help definitions (usajobs-api.md §2.4)
    (None, None, "Remote job: you are not expected to report to an official agency worksite regularly.",
     "remote"),
    ("Tampa, Florida", None, "Telework eligible: the option to work from home and from an office location.",
     "hybrid"),
    # common ad phrasings (not from a real file; they pin the precedence rules)
    ("Boston, MA", "Registered Nurse", "This is not a remote position.", "on-site"),
    ("Remote", "RN Case Manager", "Hybrid schedule: 2 days a week in the office.", "hybrid"),
    (None, "Remote Medical Coder", None, "remote"),
    (None, None, None, "unknown"),
]


@pytest.mark.parametrize(("location", "title", "description", "label"), LABELLED)
def test_hand_labelled_examples(location, title, description, label):
    assert classify(location=location, title=title, description=description) == label


def test_remote_flag_counts_unless_the_text_says_hybrid():
    assert classify(location="Denver, Colorado", remote_flag="TRUE") == "remote"
    assert classify(location="Denver, Colorado", remote_flag=1) == "remote"
    assert classify(location="Denver, Colorado", remote_flag="false") == "on-site"
    assert classify(description="hybrid work: 3 days in office", remote_flag=True) == "hybrid"


def test_frame_version_matches_row_version():
    df = pd.DataFrame(LABELLED, columns=["location", "title", "description", "label"])
    assert classify_frame(df).tolist() == df["label"].tolist()
