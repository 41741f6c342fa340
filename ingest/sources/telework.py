"""Teleworkable share (Dingel & Neiman) moved from SOC 2010 codes onto the projections' SOC 2018 codes."""

import io

import numpy as np
import pandas as pd

from contract.domain import EP_AGGREGATES
from ingest import soc
from ingest.errors import IngestError
from ingest.http import download
from ingest.source import Schema, Source

SOURCE = Source(
    name="telework",
    title="Teleworkable share by occupation (Dingel & Neiman), on SOC 2018 codes",
    publisher="Jonathan I. Dingel and Brent Neiman (crosswalk: this project)",
    url="https://raw.githubusercontent.com/jdingel/DingelNeiman-workathome/master/onet_to_BLS_crosswalk/"
    "output/onet_teleworkable_blscodes.csv",
    licence="No data licence stated by the authors: cite the paper; crosswalk public domain (BLS)",
    citation="Dingel, J. I. and Neiman, B. (2020), 'How Many Jobs Can be Done at Home?', Journal of Public "
    "Economics 189, 104235; BLS SOC 2010 to 2018 crosswalk; BLS Employment Projections employment as "
    "weights.",
    raw_dir="raw/dingel_neiman_workathome",
    raw_glob="onet_teleworkable_blscodes.csv",
    depends=("projections", "roles", "soc_crosswalk"),
)

SCHEMA = Schema(
    columns={
        "soc_code": "str",
        "title": "str",
        "teleworkable_share": "float64",  # 0..1: share of the occupation's jobs that can be done at home
        "method": "str",
        "crosswalk": "str",  # direct / split / merge / aggregate
        "weighting": "str",  # employment / equal / single
        "soc_2010_codes": "str",
        "value_weight_share": "float64",  # share of the crosswalk weight whose 2010 source has a value
        "is_healthcare": "bool",
        "employment_base_k": "float64",
        "vintage": "str",
    },
    key=("soc_code",),
    required=("title", "method", "crosswalk", "weighting", "soc_2010_codes", "vintage"),
)

# The last EP vintage on SOC 2010 codes: its base-year employment weighs the 2010 codes.
SOC_2010_VINTAGE = "2016-26"

# OES May 2018 published some hybrid codes that pool SOC 2010 detailed occupations; Dingel & Neiman score the
# pool, so each member takes the pool's value. Members read from the OES 2018 code definitions and titles.
OES_AGGREGATES = {
    "13-1020": ("13-1021", "13-1022", "13-1023"),
    "21-1018": ("21-1011", "21-1014"),
    "25-3097": ("25-3099",),  # teachers and instructors, all other, except substitute teachers
    "25-3098": ("25-3099",),  # substitute teachers, also inside 2010's 25-3099
    "29-2010": ("29-2011", "29-2012"),
    "39-1010": ("39-1011", "39-1012"),
    "39-7010": ("39-7011", "39-7012"),
    "47-4090": ("47-4091", "47-4099"),
    "51-2028": ("51-2022", "51-2023"),
    "51-2098": ("51-2092", "51-2099"),
    "53-1048": ("53-1021", "53-1031"),
}


METHOD = "dingel_neiman"  # their O*NET-based classification, on OES May 2018 codes
METHOD_POOLED = "dingel_neiman_oes_pool"  # at least one input is an OES pooled code's value
NO_VALUE = "none"


def parse(raw: bytes, *, path: str = "onet_teleworkable_blscodes.csv") -> pd.DataFrame:
    df = pd.read_csv(io.BytesIO(raw), dtype={"OCC_CODE": str, "OES_TITLE": str})
    expected = {"OCC_CODE", "OES_TITLE", "teleworkable"}
    if missing := expected - set(df.columns):
        raise IngestError(SOURCE.name, f"{path} lacks column(s) {', '.join(sorted(missing))}.",
                          "check that the file is Dingel & Neiman's onet_teleworkable_blscodes.csv.")
    df = df.rename(columns={"OCC_CODE": "oes_code", "OES_TITLE": "oes_title", "teleworkable": "share"})
    df["oes_code"] = df["oes_code"].str.strip()
    if bad := [c for c in df["oes_code"] if not soc.is_code(c)]:
        raise IngestError(SOURCE.name, f"{path} has malformed code(s) {bad[:3]}.")
    share = pd.to_numeric(df["share"], errors="coerce")
    if share.isna().any() or not share.between(0, 1).all():
        raise IngestError(SOURCE.name, f"{path}: teleworkable must be a number in 0..1 on every row.")
    df["share"] = share.astype("float64")
    if df["oes_code"].duplicated().any():
        raise IngestError(SOURCE.name, f"{path} repeats OES codes.")
    return df


def shares_2010(dn: pd.DataFrame, codes_2010) -> pd.DataFrame:
    """A value per SOC 2010 code: its own OES code's, else the mean of the OES pools that contain it."""
    own = dn.set_index("oes_code")["share"]
    pooled: dict[str, list[float]] = {}
    for pool, members in OES_AGGREGATES.items():
        if pool in own.index:
            for member in members:
                pooled.setdefault(member, []).append(float(own[pool]))
    rows = []
    for code in sorted(set(codes_2010)):
        if code in own.index:
            rows.append((code, float(own[code]), False))
        elif code in pooled:
            # Only 25-3099 sits in two pools (both scored 1), so a plain mean loses nothing.
            rows.append((code, float(np.mean(pooled[code])), True))
        else:
            rows.append((code, np.nan, False))
    return pd.DataFrame(rows, columns=["soc_2010_code", "share", "pooled"])


def flows(crosswalk: pd.DataFrame, emp10: pd.Series, emp18: pd.Series) -> pd.DataFrame:
    """Each (2010, 2018) pair with its employment weight: the 2010 employment, split over its 2018 children
    in proportion to their 2018 employment (equally when a child has none, e.g. inside an EP aggregate)."""
    out = crosswalk[["soc_2010_code", "soc_2018_code"]].copy()
    child_emp = out["soc_2018_code"].map(emp18)
    complete = child_emp.notna().groupby(out["soc_2010_code"]).transform("all") & (child_emp > 0)
    complete = complete.groupby(out["soc_2010_code"]).transform("all")
    n_children = out.groupby("soc_2010_code")["soc_2018_code"].transform("size")
    by_emp = child_emp / child_emp.groupby(out["soc_2010_code"]).transform("sum")
    out["alloc"] = np.where(complete, by_emp, 1.0 / n_children)
    out["weight"] = out["soc_2010_code"].map(emp10) * out["alloc"]
    return out


def crosswalk_shares(values10: pd.DataFrame, pairs: pd.DataFrame, targets, *,
                     split_codes=frozenset()) -> pd.DataFrame:
    """Share per 2018 target code: the weighted mean of its 2010 sources' shares, over sources with a value.

    values10: soc_2010_code, share (NaN = no value), pooled. pairs: the output of flows(). targets: 2018
    codes, EP aggregates included. split_codes: 2010 codes the crosswalk splits.
    """
    v = values10.set_index("soc_2010_code")
    shares, pooled_codes = v["share"].to_dict(), v["pooled"].to_dict()
    by_child = {code: idx for code, idx in pairs.groupby("soc_2018_code", sort=False).indices.items()}
    rows = []
    for target in targets:
        children = EP_AGGREGATES.get(target, (target,))
        # The rows of pairs for these children, in pairs' own order (a sum's order fixes its last bit).
        part = pairs.iloc[np.sort(np.concatenate([by_child.get(c, np.array([], dtype=np.intp)) for c in children]))]
        sources = sorted(part["soc_2010_code"].unique())
        if target in EP_AGGREGATES:
            how = "aggregate"
        elif len(sources) > 1:
            how = "merge"
        elif len(sources) == 1:
            how = "split" if sources[0] in split_codes else "direct"
        else:
            how = "unmatched"
        share = pd.Series([shares.get(c, np.nan) for c in part["soc_2010_code"]], index=part.index, dtype="float64")
        weight = part["weight"]
        weighting = "employment"
        if len(sources) <= 1:
            weighting = "single"
        else:
            weight = weight.fillna(0.0)  # a 2010 code EP never projected (military) adds no weight
            if weight.sum() <= 0:
                weight, weighting = pd.Series(1.0, index=part.index), "equal"  # nothing to weigh by
        has = share.notna()
        total = float(weight.sum())
        covered = float(weight[has].sum())
        value = float((weight[has] * share[has]).sum() / covered) if covered > 0 else np.nan
        if has.any() and covered == 0:  # every valued source has zero weight: fall back to a plain mean
            value = float(share[has].mean())
        pooled = any(bool(pooled_codes.get(c, False)) for c in part.loc[has, "soc_2010_code"])
        rows.append({
            "soc_code": target,
            "teleworkable_share": min(max(value, 0.0), 1.0) if not np.isnan(value) else np.nan,
            "method": NO_VALUE if np.isnan(value) else (METHOD_POOLED if pooled else METHOD),
            "crosswalk": how,
            "weighting": weighting,
            "soc_2010_codes": ";".join(sources),
            "value_weight_share": covered / total if total > 0 else (1.0 if has.all() and len(part) else 0.0),
        })
    return pd.DataFrame.from_records(rows)


def combine(frames: dict[str, pd.DataFrame], projections: pd.DataFrame, roles: pd.DataFrame,
            soc_crosswalk: pd.DataFrame) -> pd.DataFrame:
    dn = pd.concat(frames.values(), ignore_index=True)
    latest = projections.loc[projections["vintage"] >= "2019-29", "vintage"].max()
    lines = projections[projections["occupation_type"] == "line_item"]
    emp18 = lines[lines["vintage"] == latest].set_index("soc_code")["employment_base_k"]
    emp10 = lines[lines["vintage"] == SOC_2010_VINTAGE].set_index("soc_code")["employment_base_k"]
    if emp10.empty:
        raise IngestError(SOURCE.name, f"projections lack the {SOC_2010_VINTAGE} vintage (SOC 2010 weights).")
    values10 = shares_2010(dn, soc_crosswalk["soc_2010_code"])
    pairs = flows(soc_crosswalk, emp10, emp18)
    split_codes = frozenset(soc_crosswalk.loc[soc_crosswalk["is_split"], "soc_2010_code"])
    out = crosswalk_shares(values10, pairs, list(emp18.index), split_codes=split_codes)
    if (out["crosswalk"] == "unmatched").any():
        missing = out.loc[out["crosswalk"] == "unmatched", "soc_code"].tolist()
        raise IngestError(SOURCE.name, f"projection codes {missing} are neither in the crosswalk nor known "
                          "EP aggregates.", "add them to EP_AGGREGATES in contract/domain.py.")
    titles = lines[lines["vintage"] == latest].set_index("soc_code")["title"]
    out["title"] = out["soc_code"].map(titles)
    out["is_healthcare"] = out["soc_code"].map(roles.set_index("soc_code")["is_healthcare"]).fillna(False)
    out["employment_base_k"] = out["soc_code"].map(emp18)
    out["vintage"] = latest
    return out


def employment_coverage(df: pd.DataFrame) -> float:
    """Share of employment (base year of the projections vintage) whose occupation has a value."""
    emp = df["employment_base_k"]
    return float(emp[df["teleworkable_share"].notna()].sum() / emp.sum())


def fetch(session) -> dict[str, bytes]:
    raw = download(session, SOURCE.url, source=SOURCE.name, raw_hint=f"data/{SOURCE.raw_dir}/")
    return {"onet_teleworkable_blscodes.csv": raw}


# What each live URL answers, as a committed file under data/<raw_dir>: tests/test_ingest_faults.py replays it.
REPLAY = {SOURCE.url: "onet_teleworkable_blscodes.csv"}


def coverage(df: pd.DataFrame) -> dict:
    health = df[df["is_healthcare"]]
    return {
        "vintage": str(df["vintage"].iloc[0]),
        "latest_vintage": str(df["vintage"].iloc[0]),  # codes and weights of this projections vintage
        "occupations": len(df),
        "with_value": int(df["teleworkable_share"].notna().sum()),
        "employment_coverage": round(employment_coverage(df), 4),
        "healthcare_occupations": len(health),
        "healthcare_employment_coverage": round(employment_coverage(health), 4),
        "crosswalk": df["crosswalk"].value_counts().sort_index().to_dict(),
    }
