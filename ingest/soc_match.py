"""Match one release's occupations to the latest release's: closed groups of codes through the SOC crosswalk."""

import pandas as pd

from ingest.errors import IngestError

SAME = "same content"
MERGE = "summed merge"
SPLIT = "apportioned split"
NONE = "not comparable"
APPORTION_RULE = ("a split group's figures are shared over its current roles in proportion to their base-year "
                  "employment in the earliest SOC 2018 release that publishes each of them separately")


def _find(parent: dict, node: str) -> str:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def components(pairs: list[tuple[str, str]], old: list[str], new: list[str]) -> pd.DataFrame:
    """Connected groups of the bipartite graph old code <-> new code: within one group the old codes hold
    exactly the jobs of the new codes, so sums over a group compare like with like.

    Returns one row per code: side ("old"/"new"), soc_code, group (a number).
    """
    parent = {f"o:{c}": f"o:{c}" for c in old} | {f"n:{c}": f"n:{c}" for c in new}
    for a, b in pairs:
        if f"n:{b}" not in parent:  # jobs going to codes the new release does not publish (see classify)
            continue
        ra, rb = _find(parent, f"o:{a}"), _find(parent, f"n:{b}")
        if ra != rb:
            parent[rb] = ra
    roots = {node: _find(parent, node) for node in parent}
    numbers = {root: i for i, root in enumerate(sorted(set(roots.values())))}
    return pd.DataFrame([{"side": "old" if n.startswith("o:") else "new", "soc_code": n[2:],
                          "group": numbers[r]} for n, r in roots.items()])


def crosswalk_pairs(crosswalk: pd.DataFrame, old: list[str], new: list[str], *, new_aggregates: dict,
                    source: str) -> list[tuple[str, str]]:
    """(old line item, new line item) pairs from the SOC 2010 -> 2018 crosswalk. A line item that is not a
    SOC code but an EP sum of codes (2014-24's 45-3000, 2024-34's 31-1120) stands for its members."""
    old_set, new_set = set(old), set(new)
    member_of_new = {m: agg for agg, members in new_aggregates.items() if agg in new_set for m in members}
    member_of_old = {}
    for code in old_set - set(crosswalk["soc_2010_code"]):
        stem = code.rstrip("0")  # 45-3000 -> "45-3": the crosswalk codes under it that EP did not publish
        members = [c for c in crosswalk["soc_2010_code"].unique() if c.startswith(stem) and c not in old_set]
        if not members:
            raise IngestError(source, f"release code {code} is neither in the SOC crosswalk nor a sum of codes in it.")
        member_of_old |= dict.fromkeys(members, code)
    unknown = sorted(c for c in new_set - set(crosswalk["soc_2018_code"]) if c not in new_aggregates)
    if unknown:
        raise IngestError(source, f"current codes {unknown} are neither in the crosswalk nor known EP sums.",
                          "add them to EP_AGGREGATES in contract/domain.py.")
    pairs = []
    for c10, c18 in crosswalk[["soc_2010_code", "soc_2018_code"]].itertuples(index=False):
        a = c10 if c10 in old_set else member_of_old.get(c10)
        b = c18 if c18 in new_set else member_of_new.get(c18)
        if a is not None and b is not None:
            pairs.append((a, b))
        elif a is not None:
            pairs.append((a, f"(unpublished {c18})"))  # jobs that leave the comparison: the group is open
    return pairs


def same_basis_pairs(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    """Two releases on SOC 2018 codes: an equal code is the same occupation; EP's pooled codes that only one
    release has (2019-29's 29-1228, 'physicians, all other; and ophthalmologists') are pooled per major group."""
    old_set, new_set = set(old), set(new)
    pairs = [(c, c) for c in sorted(old_set & new_set)]
    for major in sorted({c[:2] for c in (old_set ^ new_set)}):
        olds = sorted(c for c in old_set - new_set if c[:2] == major)
        news = sorted(c for c in new_set - old_set if c[:2] == major)
        pairs += [(a, b) for a in olds for b in news]
        if olds and not news:
            pairs += [(a, f"(unpublished {major})") for a in olds]
    return pairs


def classify(groups: pd.DataFrame, pairs: list[tuple[str, str]]) -> pd.DataFrame:
    """Per new code: its group's old codes and how it compares (same content, summed merge, split, none)."""
    open_old = {a for a, b in pairs if b.startswith("(unpublished")}
    olds_of: dict[int, list[str]] = {}
    news_of: dict[int, list[str]] = {}
    for side, code, group in groups[["side", "soc_code", "group"]].itertuples(index=False):
        (olds_of if side == "old" else news_of).setdefault(group, []).append(code)
    rows = []
    for code, group in groups.loc[groups["side"] == "new", ["soc_code", "group"]].itertuples(index=False):
        olds, news = sorted(olds_of.get(group, [])), sorted(news_of[group])
        if not olds:
            how = NONE
        elif open_old & set(olds):
            how = NONE  # part of an old code's jobs went to codes the new release does not publish
        elif len(news) > 1:
            how = SPLIT
        elif len(olds) > 1:
            how = MERGE
        else:
            how = SAME
        rows.append({"soc_code": code, "group": group, "old_codes": olds, "group_new_codes": news,
                     "comparable": how})
    return pd.DataFrame(rows)
