"""Data & sources: every dataset's origin, licence, citation, coverage and checksum, downloadable, with methods."""

import pandas as pd
import streamlit as st

from contract import paths
from dashboard import datasets, freshness
from dashboard.export import parquet_bytes
from dashboard.layout import load
from dashboard.sources_tables import series_table, vintages_table

st.title("Data & sources")
entries = datasets.manifest()["datasets"]
series = series_table(list(entries))
span = series.groupby("Dataset").agg(first=("First data point", "min"), last=("Last data point", "max"))
overview = pd.DataFrame([{
    "Dataset": name, "Title": e["title"], "Publisher": e["publisher"], "Licence": e["licence"],
    "Rows": e["rows"], "Retrieved": str(e.get("retrieved_at") or "")[:10],
    "Data from": span["first"].get(name), "Data to": span["last"].get(name),
} for name, e in entries.items()])
st.dataframe(overview, hide_index=True, column_config={
    "Data from": st.column_config.DateColumn(format="D MMM YYYY"),
    "Data to": st.column_config.DateColumn(format="D MMM YYYY")})
st.caption(f"Dates are computed from the data files themselves, not from a note kept by hand; ages are counted to "
           f"today, {freshness.today():%d %b %Y}.")

st.header("Every vintage and snapshot")
st.dataframe(vintages_table(), hide_index=True)
st.header("Every series and its last data point")
st.dataframe(series, hide_index=True, column_config={
    "First data point": st.column_config.DateColumn(format="D MMM YYYY"),
    "Last data point": st.column_config.DateColumn(format="D MMM YYYY")})

for name, entry in entries.items():
    with st.expander(f"{name} — {entry['title']}"):
        st.text(f"Publisher: {entry['publisher']}\nURL: {entry['url']}\nLicence: {entry['licence']}\n"
                f"Citation: {entry['citation']}\nRows: {entry['rows']:,}\nParquet sha256: {entry['parquet_sha256']}")
        st.dataframe(pd.DataFrame(entry["raw_files"]), hide_index=True)
        if not paths.dataset_path(name).exists():
            st.warning(str(datasets.MissingDataset(name)))
            continue
        # Made on click, for this session: building every dataset's files on each visit held ~90 MB per session.
        left, right, _ = st.columns([1, 1, 4])
        left.download_button("CSV", data=lambda n=name: load(n).to_csv(index=False).encode(), file_name=f"{name}.csv",
                             mime="text/csv", key=f"csv-{name}", on_click="ignore")
        right.download_button("Parquet", data=lambda n=name: parquet_bytes(load(n)), file_name=f"{name}.parquet",
                              mime="application/octet-stream", key=f"parquet-{name}", on_click="ignore")

st.header("Methods")
st.markdown("""
- **Projections** are BLS's ten-year national projections. Each vintage (e.g. 2024–34) has its own base
  year; numbers are BLS's own, in thousands, never recomputed. Vintages differ because the economy, the
  methods and the occupation codes (SOC 2010 → 2018 in 2019–29) changed; the role profile marks older
  vintages that use predecessor codes.
- **Openings** are BLS's annual average of openings from growth and from workers leaving an occupation. The
  2014–24 release used an older method (decade totals) and is not comparable.
- **Growth phrases** ("much faster than average") use BLS's bands for the vintage; where the bands of a
  vintage are not recorded here no phrase is shown.
- **Healthcare**: by default BLS's healthcare groups, SOC 29 (practitioners and technical) + SOC 31 (support).
  The wider list adds the roles in `data/reference/healthcare_roles.csv`; a switch leaves out roles that do not
  serve human patients (veterinary roles; massage therapists optional). See docs/healthcare-definition.md.
- **An index is not a count**: posting indexes (Indeed) show change since 1 February 2020 = 100.
- **Teleworkable** (Dingel & Neiman) measures whether a job's tasks *can* be done at home; it marks most
  clinical roles as not, and so undercounts telehealth.
""")
st.caption("Indeed Hiring Lab and O*NET data are licensed CC BY 4.0; BLS and FRED data are public domain.")
