"""The tile-grid map: values land on their state's tile, absent states stay grey, labels stay short."""

import pandas as pd

from charts.states import DIVERGING, SEQUENTIAL, short, tile_map

TILES = {"WA": (2, 0), "TX": (7, 3), "HI": (7, 0)}
NAMES = {"WA": "Washington", "TX": "Texas", "HI": "Hawaii"}


def figure(values: dict[str, float], **kwargs):
    table = pd.DataFrame({"area_postal": list(values), "change_pct": list(values.values())})
    return tile_map(table, measure="change_pct", label="Projected change, %", fmt="{:+.1f}%", title="t", source="s",
                    tiles=TILES, names=NAMES, **kwargs)


def test_values_on_their_tiles_and_a_missing_state_grey_and_named():
    fig = figure({"WA": 12.0, "TX": 17.1})
    z, hover = fig.data[1].z, fig.data[1].text
    assert (z[2][0], z[7][3], z[7][0]) == (12.0, 17.1, None)
    assert hover[7][0] == "Hawaii: not published" and hover[7][3] == "Texas: +17.1%"
    assert fig.data[0].z[7][0] == 0  # the grey background tile is there for Hawaii
    assert "<b>HI</b><br>—" in fig.data[2].text and "<b>TX</b><br>+17%" in fig.data[2].text
    assert fig.data[1].colorscale[0][1] == "rgb(247,251,255)"  # Blues: nothing falls
    assert fig.layout.shapes == ()


def test_a_falling_state_switches_to_a_scale_centred_on_zero_and_the_chosen_one_is_outlined():
    fig = figure({"WA": -4.0, "TX": 17.1}, chosen="TX")
    assert fig.data[1].zmid == 0
    assert fig.layout.shapes[0].x0 == 2.5 and fig.layout.shapes[0].y0 == 6.5
    assert SEQUENTIAL != DIVERGING


def test_short_labels():
    assert short(17.14, "{:+.1f}%") == "+17%"
    assert short(2_120, "{:,.0f}") == "2.1k" and short(16_210, "{:,.0f}") == "16k" and short(640, "{:,.0f}") == "640"
    assert short(84_500, "${:,.0f}") == "$84k"
