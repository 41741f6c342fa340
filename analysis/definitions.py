"""Which roles count as healthcare: BLS's healthcare groups (the default) or the wider list, optionally
without the roles that do not serve human patients; each definition with the name every total carries."""

import pandas as pd

from analysis.growth import healthcare_majors
from contract.domain import ALL_OCCUPATIONS, MASSAGE_THERAPISTS, SOC_2018_FIRST_BASE_YEAR, VETERINARY

DEFINITIONS = {
    "bls": "BLS healthcare groups (SOC 29 + 31)",
    "wide": "Wider healthcare list (SOC 29 + 31 and related roles)",
}
SUMMED = ["employment_base_k", "employment_target_k", "change_k", "openings_annual_k"]


def left_out(*, humans_only: bool, massage: bool = False) -> tuple[str, ...]:
    """Codes the 'human patients only' switch leaves out (massage therapists only when asked)."""
    return (*VETERINARY, *((MASSAGE_THERAPISTS,) if massage else ())) if humans_only else ()


def name(definition: str = "bls", leave_out: tuple[str, ...] = ()) -> str:
    """'BLS healthcare groups (SOC 29 + 31)', plus what is left out."""
    if definition not in DEFINITIONS:
        raise ValueError(f"unknown healthcare definition {definition!r}; choose one of {list(DEFINITIONS)}")
    text = DEFINITIONS[definition]
    if set(VETERINARY) <= set(leave_out):
        text += " without veterinary roles" + (" and massage therapists" if MASSAGE_THERAPISTS in leave_out else "")
    return text


def short_name(definition: str = "bls", leave_out: tuple[str, ...] = ()) -> str:
    """For a title or a label: 'healthcare (BLS, SOC 29+31)', '…, human patients only'."""
    name(definition)
    text = "healthcare (BLS, SOC 29+31)" if definition == "bls" else "healthcare (wider list)"
    return text + (", human patients only" if leave_out else "")


def apply_definition(growth: pd.DataFrame, *, definition: str = "bls", leave_out: tuple[str, ...] = ()
                     ) -> pd.DataFrame:
    """growth with `is_healthcare` set by the definition: 'bls' = SOC major groups 29 and 31 (summary rows
    included), 'wide' = the roles list's healthcare flag (SOC 29 + 31 and related roles such as health
    managers and counsellors); codes in leave_out are not healthcare."""
    name(definition)  # validates
    out = growth.copy()
    if definition == "bls":
        in_29_31 = out["soc_code"].str[:2].isin(["29", "31"])
        old_codes = len(out) and int(out["base_year"].iloc[0]) < SOC_2018_FIRST_BASE_YEAR
        if old_codes and "in_soc_29_31" in out:  # SOC 2010 releases: the roles whose jobs sit in 29/31 today
            in_29_31 = out["in_soc_29_31"].astype("boolean").fillna(False).astype(bool)
        out["is_healthcare"] = in_29_31
    out["is_healthcare"] = out["is_healthcare"] & ~out["soc_code"].isin(leave_out)
    return out


def healthcare_summary(growth: pd.DataFrame, *, definition: str = "bls", leave_out: tuple[str, ...] = ()
                       ) -> pd.DataFrame:
    """Two rows, the named healthcare definition and all occupations: rows summed, employment, change,
    percent change and annual openings. BLS groups: the published 29-0000 and 31-0000 summary rows, less
    the line items left out; wider list: its line items summed. A sum's percent is recomputed from the sums."""
    marked = apply_definition(growth, definition=definition, leave_out=leave_out)
    items = marked[(marked["occupation_type"] == "line_item") & marked["is_healthcare"]]
    if definition == "bls":  # BLS's summary rows (or, for SOC 2010 releases, their SOC 2018 rebuild)
        majors, basis = healthcare_majors(growth)
        published = (majors["occupation_type"] != "line_item").all()
        dropped = growth[growth["soc_code"].isin(leave_out) & (growth["occupation_type"] == "line_item")]
        if not published:
            majors, dropped = majors[~majors["soc_code"].isin(leave_out)], dropped.iloc[0:0]
        sums = {c: majors[c].sum(min_count=1) - dropped[c].sum() for c in SUMMED}
        basis += f", less {', '.join(dropped['soc_code'])}" if len(dropped) else ""
    else:
        sums = {c: items[c].sum(min_count=1) for c in SUMMED}
        basis = "healthcare line items of the roles list, summed"
    total = growth[growth["soc_code"] == ALL_OCCUPATIONS]
    out = pd.DataFrame([{"group": name(definition, leave_out), "rows": len(items), **sums, "basis": basis},
                        {"group": "All occupations", "rows": len(total),
                         **{c: total[c].sum(min_count=1) for c in SUMMED}, "basis": "BLS's published total 00-0000"}])
    base = out["employment_base_k"].where(out["employment_base_k"] > 0)
    out["change_pct"] = (out["change_k"] / base * 100).round(1)
    if not total.empty:
        out.loc[1, "change_pct"] = float(total["change_pct"].iloc[0])  # BLS's own figure
    return out
