"""The healthcare definition switch in the sidebar: chosen once, it follows the user from page to page."""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.definitions import DEFINITIONS, apply_definition, healthcare_summary, left_out, name, short_name
from analysis.growth import growth_by_role
from dashboard import state
from dashboard.layout import computed, derived

HELP = ("BLS healthcare groups: SOC major groups 29 (healthcare practitioners and technical) and 31 (healthcare "
        "support), as BLS publishes them. Wider list: adds related roles such as medical and health services "
        "managers, counsellors and health social workers (data/reference/healthcare_roles.csv). See "
        "docs/healthcare-definition.md.")


@dataclass(frozen=True)
class Definition:
    key: str
    leave_out: tuple[str, ...]

    @property
    def name(self) -> str:
        return name(self.key, self.leave_out)

    @property
    def short(self) -> str:
        return short_name(self.key, self.leave_out)

    @property
    def heading(self) -> str:
        """The short name starting with a capital, for a metric's label."""
        return self.short[0].upper() + self.short[1:]


def choose() -> Definition:
    """Sidebar widgets bound to ?def=bls|wide, ?humans=0|1 and ?massage=0|1, all sticky across pages."""
    side = st.sidebar
    side.markdown("**What counts as healthcare**")
    key = state.select("Healthcare definition", list(DEFINITIONS), param="def", sticky=True, where=side,
                       format_func=DEFINITIONS.get, help=HELP)
    humans = state.toggle("Human patients only", param="humans", default=False, sticky=True, where=side,
                          help="Leaves out veterinarians, veterinary technologists and technicians, and veterinary "
                               "assistants and laboratory animal caretakers.")
    massage = humans and state.toggle("…and leave out massage therapists", param="massage", default=False,
                                      sticky=True, where=side)
    return Definition(key, left_out(humans_only=humans, massage=massage))


def growth(vintage: str, chosen: Definition) -> pd.DataFrame:
    """Every role's growth in the vintage, `is_healthcare` set by the chosen definition (once per vintage and
    definition, shared by every session)."""
    return derived(apply_definition, computed(growth_by_role, "projections", "roles", vintage=vintage),
                   key=(vintage,), definition=chosen.key, leave_out=chosen.leave_out)


def summary(growth: pd.DataFrame, vintage: str, chosen: Definition) -> pd.DataFrame:
    """Healthcare by the chosen definition (first row) against all occupations (second row)."""
    return derived(healthcare_summary, growth, key=(vintage, chosen.key, chosen.leave_out), definition=chosen.key,
                   leave_out=chosen.leave_out)
