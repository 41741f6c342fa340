"""Role search on the pages: a cached search index per vintage, search boxes that pick or filter roles."""

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.layout import load, optional, version
from matching.search import SOC_QUERY, SearchIndex, build_search_index, describe, search

EXAMPLES = "e.g. medical coder, CNA, travel nurse, ultrasound tech"


@st.cache_resource(show_spinner=False, max_entries=8)
def _index(vintage: str, versions: tuple[int, ...]) -> SearchIndex:
    # cache_resource: the index is read-only and about 60,000 rows, so it is shared, not copied per rerun.
    projections, roles = load("projections"), load("roles")
    items = projections[(projections["vintage"] == vintage) & (projections["occupation_type"] == "line_item")]
    return build_search_index(items[["soc_code", "title", "employment_base_k"]], optional("onet_titles"),
                              preferred=set(roles.loc[roles["is_healthcare"], "soc_code"]))


def index(vintage: str) -> SearchIndex:
    return _index(vintage, tuple(version(n) for n in ("projections", "roles", "onet_titles")))


@st.cache_data(show_spinner=False, max_entries=256)
def find(query: str, vintage: str, limit: int = 10) -> pd.DataFrame:
    """Roles of the vintage matching the query, best first (see matching.search.search)."""
    return search(index(vintage), query, limit=limit)


def rank_rows(rows: pd.DataFrame, query: str, vintage: str) -> tuple[pd.DataFrame, str]:
    """The rows (one per soc_code) that match the query, best match first, and a line saying what matched.

    A good match that the page's other filters hide is named, so the user knows what to switch off."""
    query = query.strip()
    if not query:
        return rows, ""
    if SOC_QUERY.match(query):
        hit = rows[rows["soc_code"].str.replace("-", "").str.startswith(query.replace("-", ""))]
        return hit, ""
    found = find(query, vintage, limit=25)
    if found.empty:
        return rows.iloc[0:0], f"No role matches “{state.escape_markdown(query)}”. Try another word ({EXAMPLES})."
    order = {code: i for i, code in enumerate(found["soc_code"])}
    hit = rows[rows["soc_code"].isin(order)]
    hit = hit.iloc[hit["soc_code"].map(order).argsort(kind="stable")]
    best = found.iloc[0]
    note = "Best match: " + state.escape_markdown(describe(query, best))
    if best.soc_code not in set(rows["soc_code"]):
        note += " — hidden by the filters above (e.g. “Healthcare roles only”); clear them to see it"
    return hit, note + "."


def _choose(box_key: str, target_key: str, vintage: str, multi: bool, most: int) -> None:
    """on_change of a search box: the best match becomes the picker's value (or joins it)."""
    query = st.session_state.get(box_key, "")
    st.session_state[f"{box_key}_last"] = query
    found = find(query, vintage) if query.strip() else pd.DataFrame()
    if found.empty:
        return
    code = found.iloc[0]["soc_code"]
    if multi:
        chosen = list(st.session_state.get(target_key, []))
        if code not in chosen and len(chosen) < most:
            st.session_state[target_key] = [*chosen, code]
        st.session_state[box_key] = ""  # ready for the next role
    else:
        st.session_state[target_key] = code


def finder(label: str, *, vintage: str, target: str, multi: bool = False, most: int = 5, param: str | None = None,
           where=st) -> str:
    """A search box whose best match becomes the value of the role picker bound to ?<target>= (drawn after
    it); returns the query to describe with matches_note().

    param: bind the box to ?param= too (Role profile: a link with ?find=cna opens nursing assistants);
    None for a box that adds roles (Compare): the result lives in the picker's own parameter."""
    box_key = f"w_{param}" if param else f"find_{target}"
    kwargs = dict(on_change=_choose, args=(box_key, f"w_{target}", vintage, multi, most),
                  placeholder=EXAMPLES, help="Matches official BLS titles, O*NET's alternate and reported job "
                  "titles, abbreviations (RN, LPN, CNA, NP, PA) and typos.")
    if param:
        return state.text(label, param=param, where=where, **kwargs)
    where.text_input(label, key=box_key, **kwargs)
    return st.session_state.get(f"{box_key}_last", "")


def best(query: str, vintage: str) -> str | None:
    """The best-matching role's code, or None."""
    found = find(query, vintage) if query.strip() else pd.DataFrame()
    return None if found.empty else found.iloc[0]["soc_code"]


def matches_note(query: str, vintage: str, *, link_page: str | None = None, where=st) -> None:
    """What the query matched ('medical coder → Medical records specialists, 29-2072') and the next
    matches, as links to link_page (?soc=) when given."""
    if not query.strip():
        return
    found = find(query, vintage)
    if found.empty:
        where.caption(f"No role matches “{state.escape_markdown(query)}”. Try another word ({EXAMPLES}).")
        return
    where.caption("Found: " + state.escape_markdown(describe(query, found.iloc[0])) + ".")
    others = found.iloc[1:4]
    if others.empty:
        return
    if link_page is None:
        where.caption("Other matches: " + "; ".join(state.escape_markdown(f"{r.title} ({r.soc_code})")
                                                    for r in others.itertuples()) + ".")
        return
    with where.expander(f"Other matches for “{state.escape_markdown(query.strip()[:40])}”"):
        for r in others.itertuples():
            st.page_link(link_page, label=state.escape_markdown(describe(query, r)), query_params={"soc": r.soc_code})
