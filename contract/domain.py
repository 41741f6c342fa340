"""Fixed names of the domain, shared by ingest, analysis, charts and pages (one copy, not three)."""

ALL_OCCUPATIONS = "00-0000"  # the all-occupations total in BLS projections and OEWS
ALL_POSTINGS = "All postings"  # the category of Indeed's aggregate (all-sector) postings index
HEALTHCARE_MAJORS = ("29-0000", "31-0000")  # BLS's healthcare groups: practitioners and technical; support
# EP moved to SOC 2018 codes with the 2019-29 release; releases with an earlier base year are on SOC 2010.
SOC_2018_FIRST_BASE_YEAR = 2019

