"""Fixed names of the domain, shared by ingest, analysis, charts and pages (one copy, not three)."""

ALL_OCCUPATIONS = "00-0000"  # the all-occupations total in BLS projections and OEWS
ALL_POSTINGS = "All postings"  # the category of Indeed's aggregate (all-sector) postings index
HEALTHCARE_MAJORS = ("29-0000", "31-0000")  # BLS's healthcare groups: practitioners and technical; support
# EP moved to SOC 2018 codes with the 2019-29 release; releases with an earlier base year are on SOC 2010.
SOC_2018_FIRST_BASE_YEAR = 2019


# EP line items that are not SOC 2018 occupations but sums of them (e.g. 31-1120 = 31-1121 + 31-1122).
EP_AGGREGATES = {
    "13-1020": ("13-1021", "13-1022", "13-1023"),
    "13-2020": ("13-2022", "13-2023"),
    "21-1018": ("21-1011", "21-1014"),
    "25-2052": ("25-2055", "25-2056"),
    "25-9045": ("25-9042", "25-9043", "25-9049"),
    "29-2010": ("29-2011", "29-2012"),
    "31-1120": ("31-1121", "31-1122"),
    "39-7010": ("39-7011", "39-7012"),
    "47-4090": ("47-4091", "47-4099"),
    "51-2028": ("51-2022", "51-2023"),
    "51-2090": ("51-2092", "51-2099"),
    "53-1047": ("53-1042", "53-1043", "53-1044", "53-1049"),
}

# Roles in BLS's healthcare groups that do not serve human patients: the "human patients only" switch
# leaves them out (veterinarians; veterinary technologists and technicians; veterinary assistants and
# laboratory animal caretakers); massage therapists are an option of their own.
VETERINARY = ("29-1131", "29-2056", "31-9096")
MASSAGE_THERAPISTS = "31-9011"
