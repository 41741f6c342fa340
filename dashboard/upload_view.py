"""Your postings on the Postings page: the same charts as the federal ones, roles vs projections, hand matches."""

import pandas as pd
import streamlit as st

from analysis.federal_postings import user_role_totals
from analysis.user_postings import assign_by_hand, monthly_by_role, next_to_projections, unmatched_titles
from charts.federal_postings import announcements_over_time, postings_vs_growth, share_over_time
from dashboard import upload
from dashboard.export import csv_bytes, provenance_lines
from dashboard.layout import chart

CLI_HINT = ("Or, on your own machine, from the command line (every visitor of this server would then see "
            "them): `python -m ingest user_postings --file postings.csv --option title=<column> "
            "--option date=<column> [--option location=<column>] [--option remote=<column>]`.")
MATCHER = "titles matched to SOC with O*NET 29.3 alternate titles (CC BY 4.0)"


def _assign() -> None:
    # A callback: runs before the script, so the charts above already show the new role.
    title, role = st.session_state.get("upload_assign_title"), st.session_state.get("upload_assign_role")
    if title and role:
        st.session_state.setdefault("upload_hand", {})[title] = role


def _hand_matching(frame: pd.DataFrame, roles: pd.DataFrame, source: str) -> None:
    st.subheader("Titles without a role")
    left = unmatched_titles(frame)
    hand = st.session_state.get("upload_hand", {})
    if left.empty:
        st.success("Every title has a SOC role" + (f" ({len(hand)} assigned by hand)." if hand else "."))
    else:
        st.caption(f"{len(left):,} distinct titles ({int(left['postings'].sum()):,} postings) matched no O*NET "
                   "title closely enough. Give one a role by hand; it counts as that role in every chart above.")
        st.dataframe(left, hide_index=True)
        detailed = roles[roles["soc_level"] == "detailed"].drop_duplicates("soc_code").sort_values("soc_code")
        names = dict(zip(detailed["soc_code"], detailed["title"], strict=True))
        c1, c2, c3 = st.columns([2, 2, 1])
        c1.selectbox("Unmatched title", left["title"].tolist(), key="upload_assign_title")
        c2.selectbox("Role (SOC 2018)", list(names), format_func=lambda c: f"{c} {names[c]}", index=None,
                     placeholder="Type a role or code", key="upload_assign_role")
        c3.button("Assign role", key="upload_assign_go", on_click=_assign)
        lines = provenance_lines(title="Your postings: titles without a SOC role", source=source)
        st.download_button("CSV of titles without a role", data=lambda: csv_bytes(left, provenance=lines),
                           file_name="titles-without-a-role.csv", mime="text/csv", key="csv-unmatched",
                           on_click="ignore")
    if hand:
        st.caption("Assigned by hand: " + "; ".join(f"{t} → {c}" for t, c in hand.items()))
        if st.button("Undo hand assignments", key="upload_hand_clear"):
            st.session_state["upload_hand"] = {}
            st.rerun()


def show(frame: pd.DataFrame, *, name: str, roles: pd.DataFrame, projections: pd.DataFrame, vintage: str,
         private: bool) -> None:
    """Metrics, postings by role and month, remote share, postings vs projected growth, unmatched titles."""
    frame = assign_by_hand(frame, st.session_state.get("upload_hand", {}), roles)
    source = f"Source: your file {name}; {MATCHER}." if private else f"Source: your file; {MATCHER}."
    mine = monthly_by_role(frame)
    top = user_role_totals(mine, roles)
    mine = mine.merge(top[["role", "title"]], on="role", how="inner")
    mine["label"] = mine["title"].fillna("Unmatched titles")
    u1, u2, u3 = st.columns(3)
    u1.metric("Your postings", f"{len(frame):,}")
    u2.metric("Titles matched to a SOC role", f"{(frame['soc_code'].notna()).mean():.0%}")
    u3.metric("Remote (rule-based)", f"{(frame['work_mode'] == 'remote').mean():.1%}")
    fig = announcements_over_time(mine.rename(columns={"postings": "announcements"}), label="label",
                                  title="Your postings by month, top roles", source=source)
    chart(fig, mine.drop(columns="label"), key="user-monthly")
    overall = mine.groupby("month", as_index=False).agg(announcements=("postings", "sum"),
                                                        remote_postings=("remote_postings", "sum"))
    overall["remote_share"] = overall["remote_postings"] / overall["announcements"]
    fig = share_over_time(overall, title="Your postings: remote share by month", source=source,
                          measure="Remote share of postings")
    chart(fig, overall, key="user-remote")
    side = next_to_projections(frame, projections, roles, vintage=vintage)
    fig = postings_vs_growth(side, vintage=vintage, source=source + " Projections: BLS Employment Projections.",
                             title=f"Your postings by role vs the role's projected change, {vintage}",
                             noun="your postings", y_title="Your postings (log scale)")
    chart(fig, side, key="user-growth")
    st.caption("Bubble size = the role's projected openings a year. A role EP publishes only combined "
               "(e.g. 29-2010) is placed at that combined row.")
    _hand_matching(frame, roles, source)


def section(*, shared: pd.DataFrame | None, roles: pd.DataFrame, projections: pd.DataFrame, vintage: str) -> None:
    """Upload (private to the session) first; a file ingested on the server from the command line otherwise."""
    st.subheader("Your postings")
    loaded = upload.flow()
    if loaded is not None:
        show(loaded["frame"], name=loaded["name"], roles=roles, projections=projections, vintage=vintage,
             private=True)
    elif shared is not None:
        st.caption("Showing the postings loaded on this server from the command line (data/user/), which "
                   "every visitor sees. An upload above replaces them for your session only.")
        show(shared, name="data/user", roles=roles, projections=projections, vintage=vintage, private=False)
    else:
        st.caption(CLI_HINT)
