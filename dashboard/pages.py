"""The page table: every page's script, title, URL path, section, main chart and the filter tests exercise.

app.py builds the navigation from it; the AppTest, browser and benchmark code read it instead of parsing app.py.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Filter:
    """A filter change a test or benchmark makes: the widget (kind, label; None = the first of that kind),
    the option to pick, and the option that undoes it."""
    kind: str = "selectbox"
    label: str | None = None
    value: str | None = None
    back: str | None = None


@dataclass(frozen=True)
class Page:
    script: str  # under views/
    title: str
    icon: str
    url_path: str
    section: str
    main_chart: int | None = 0  # the page's main chart, counted from the top; None: a page of text and tables
    change: Filter | None = None  # None: the first selectbox, else the first radio, to another option
    expect_title: str | None = None  # a phrase the main chart's title must contain after the change
    exact_rows: bool = True  # the chart's CSV has one row per plotted point (or per point of the longest trace)
    default: bool = False  # the page "/" opens (at its own path: app.py redirects)

    def url(self, base: str, query: str = "") -> str:
        return f"{base}/{self.url_path}" + (f"?{query}" if query else "")


PAGES: tuple[Page, ...] = (
    Page("views/overview.py", "Overview", "🩺", "overview", "Outlook", default=True),
    Page("views/growing_roles.py", "Growing roles", "📈", "growing-roles", "Outlook",
         change=Filter("radio", "Lens", "All occupations", back="Healthcare roles"),
         expect_title="Top 10 occupations by projected employment change"),
    Page("views/explorer.py", "Role explorer", "🔎", "explorer", "Outlook"),
    Page("views/profile.py", "Role profile", "🧑‍⚕️", "profile", "Outlook"),
    Page("views/compare.py", "Compare", "⚖️", "compare", "Outlook"),
    Page("views/trends.py", "Trends", "📰", "trends", "Outlook"),
    # The CSV has one row per role; the chart adds the two end points of its "projection exact" diagonal.
    Page("views/track_record.py", "Track record", "🎯", "track-record", "Outlook", exact_rows=False),
    # The map (a heatmap grid) has 11 x 9 cells for about 50 states: its CSV has one row per state, not per cell.
    Page("views/states.py", "States", "🗺️", "states", "Where",
         change=Filter("selectbox", "Role", "Nurse Practitioners (29-1171)", back="Registered Nurses (29-1141)"),
         expect_title="Nurse Practitioners", exact_rows=False),
    # The first selectbox (OEWS years) drives a chart further down; the postings chart follows "Show".
    Page("views/demand_now.py", "Demand now", "📊", "demand-now", "Demand",
         change=Filter("radio", "Show", "Rebased to a start date", back="Index as published")),
    # The first selectbox (vintage) drives the projections chart further down; the monthly counts follow the
    # counting rule for announcements that list several series.
    Page("views/postings.py", "Postings", "🗂️", "postings", "Demand",
         change=Filter("radio", "A multi-series announcement counts", "First listed series only",
                       back="Once per listed series")),
    Page("views/remote_work.py", "Remote work", "🏠", "remote-work", "Remote"),
    Page("views/sources.py", "Data & sources", "📚", "sources", "Data", main_chart=None),
)


def by_path(url_path: str) -> Page:
    return next(p for p in PAGES if p.url_path == url_path)


def default_page() -> Page:
    return next(p for p in PAGES if p.default)
