"""Role search: find an occupation by the words people use (official, O*NET alternate and reported titles,
abbreviations, typos), ranked, with the title that matched."""

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from contract.domain import EP_AGGREGATES
from matching.title_match import normalise

# Abbreviations a role search box meets that are too ambiguous for matching job ads (PA, MA) or are
# credentials; whole-word replacements before the matcher's own normalisation.
SEARCH_ABBREVIATIONS = {
    "pa": "physician assistant", "pac": "physician assistant", "ma": "medical assistant",
    "cma": "medical assistant", "hha": "home health aide", "chha": "home health aide",
    "stna": "nursing assistant", "pca": "personal care aide", "pta": "physical therapist assistant",
    "cota": "occupational therapy assistant", "ota": "occupational therapy assistant",
    "fnp": "family nurse practitioner", "rad": "radiologic", "radiology": "radiologic", "xray": "radiologic",
    "x ray": "radiologic", "ct": "computed tomography", "mri": "magnetic resonance imaging",
    "ekg": "electrocardiograph", "ecg": "electrocardiograph", "mlt": "medical laboratory technician",
    "mls": "medical laboratory scientist", "lab": "laboratory", "cst": "surgical technologist",
    "rdh": "dental hygienist", "cpht": "pharmacy technician", "cpc": "certified professional coder",
    "rhit": "registered health information technician", "rrt": "registered respiratory therapist",
    "dds": "dentist", "dmd": "dentist", "md": "physician", "psych": "psychiatric", "phleb": "phlebotomist",
    "vet": "veterinary", "doc": "doctor", "coding": "coder", "billing": "biller",
}
# Words that describe the contract, not the occupation: a travel nurse is a registered nurse.
CONTRACT_WORDS = {"travel", "traveling", "travelling", "traveler", "locum", "locums", "tenens", "contract",
                  "remote", "hybrid", "agency", "float", "pool", "night", "nights", "weekend", "weekends",
                  "shift", "job", "jobs", "position", "career", "careers", "hiring"}
STOP = {"and", "or", "with", "except", "all", "other"}  # in official titles, not in anyone's search
KINDS = ("official", "occupation", "alternate", "short", "reported")  # best first: ranks ties
MIN_SCORE = 75  # a fuzzy score below this is no match (checked on the everyday-query table, docs/search.md)
SOC_QUERY = re.compile(r"^\d{2}(-\d{0,4})?$|^\d{2}-?\d{4}$")


def _singular(word: str) -> str:
    if word.endswith("wives"):
        return word[:-3] + "fe"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def key(norm: str) -> str:
    """What search compares: a normalised title without filler words, each word singular."""
    return " ".join(_singular(w) for w in norm.split() if w not in STOP)


def query_norm(query: str) -> str:
    """The query in the index's form: search abbreviations, the matcher's normalisation, then key()."""
    text = re.sub(r"[^a-z0-9]+", " ", str(query).lower().replace("x-ray", "xray")).strip()
    words = [SEARCH_ABBREVIATIONS.get(w, w) for w in text.split() if w not in CONTRACT_WORDS]
    return key(normalise(" ".join(words)))


def _variants(title: str) -> list[str]:
    """A title and, for 'Medical Technologist (MT)', the part outside the brackets: both should match."""
    outside = re.sub(r"\s*\([^)]*\)", "", title).strip()
    return [title, outside] if outside and outside != title else [title]


@dataclass(frozen=True)
class SearchIndex:
    """Distinct (normalised title, role) pairs, each with its best kind and the title shown for it."""

    entries: pd.DataFrame  # norm, title, soc_code, kind_rank
    norms: list[str]
    lengths: np.ndarray  # characters per norm
    official: dict[str, str]  # soc_code -> official title
    size: dict[str, float]  # soc_code -> employment (ties go to the bigger role)
    preferred: frozenset[str]  # roles that win a tie (the dashboard's healthcare roles)


def to_options(onet_code: str, options: set[str]) -> str | None:
    """The option code an O*NET SOC 2018 code falls in: itself, or the EP aggregate that sums it."""
    if onet_code in options:
        return onet_code
    for aggregate, parts in EP_AGGREGATES.items():
        if onet_code in parts and aggregate in options:
            return aggregate
    return None


def build_search_index(roles: pd.DataFrame, onet_titles: pd.DataFrame | None = None, *,
                       preferred=frozenset()) -> SearchIndex:
    """roles: soc_code, title (the roles a picker offers), optional employment_base_k. onet_titles: the
    onet_titles dataset (title_kind, title, soc_code); without it only official titles match. preferred:
    codes that win ties (e.g. healthcare roles, for 'lab tech' or 'unit secretary')."""
    codes = set(roles["soc_code"])
    parts = [pd.DataFrame({"title": roles["title"], "soc_code": roles["soc_code"], "kind_rank": 0})]
    if onet_titles is not None and not onet_titles.empty:
        mapped = onet_titles["soc_code"].map(lambda c: to_options(c, codes))
        o = onet_titles[mapped.notna()]
        parts.append(pd.DataFrame({"title": o["title"], "soc_code": mapped[mapped.notna()],
                                   "kind_rank": o["title_kind"].map(KINDS.index)}))
    entries = pd.concat(parts, ignore_index=True)
    entries = entries.assign(variant=entries["title"].map(_variants)).explode("variant")
    entries["norm"] = [key(normalise(v)) for v in entries["variant"]]
    entries = (entries.drop(columns="variant").query("norm != ''")
               .sort_values(["norm", "soc_code", "kind_rank"], kind="stable")
               .drop_duplicates(["norm", "soc_code"]).reset_index(drop=True))
    size = (dict(zip(roles["soc_code"], roles["employment_base_k"].fillna(0), strict=True))
            if "employment_base_k" in roles else {})
    return SearchIndex(entries=entries, norms=entries["norm"].tolist(), lengths=entries["norm"].str.len().to_numpy(),
                       official=dict(zip(roles["soc_code"], roles["title"], strict=True)), size=size,
                       preferred=frozenset(preferred))


def _by_code(index: SearchIndex, query: str, limit: int) -> pd.DataFrame:
    code = query.strip()
    hits = sorted(c for c in index.official if c.startswith(code) or c.replace("-", "").startswith(code))
    return pd.DataFrame({"soc_code": hits[:limit], "title": [index.official[c] for c in hits[:limit]],
                         "matched_title": hits[:limit], "match": "SOC code", "score": 100.0})


def search(index: SearchIndex, query: str, *, limit: int = 10, min_score: float = MIN_SCORE) -> pd.DataFrame:
    """Roles for a query, best first: soc_code, title (official), matched_title, match, score 0..100.

    Score: rapidfuzz WRatio on normalised text (typos, word order, a query inside a longer title). Ranking:
    an exact title beats any fuzzy one; then the score; then official titles before O*NET's alternate,
    short and reported ones; then how many of the role's titles score as well (several "coder" titles of
    medical records specialists beat one "computer language coder"); then the bigger role."""
    from rapidfuzz import fuzz, process

    columns = ["soc_code", "title", "matched_title", "match", "score"]
    if SOC_QUERY.match(query.strip()):
        return _by_code(index, query, limit)
    norm = query_norm(query)
    if not norm or not index.norms:
        return pd.DataFrame(columns=columns)
    scores = process.cdist([norm], index.norms, scorer=fuzz.WRatio, dtype=np.uint8)[0].astype(float)
    # A title much shorter than the query must match it whole: WRatio would find 'OR St' inside 'flebotomist'.
    short = np.flatnonzero(index.lengths < 0.67 * len(norm))
    if len(short):
        whole = process.cdist([norm], [index.norms[i] for i in short], scorer=fuzz.token_sort_ratio)[0]
        scores[short] = np.minimum(scores[short], whole)
    hit = scores >= min_score
    if not hit.any():
        return pd.DataFrame(columns=columns)
    found = index.entries[hit].assign(score=scores[hit], exact=lambda d: d["norm"] == norm)
    found["support"] = found.groupby("soc_code")["score"].transform(lambda s: int((s >= 95).sum()))
    found["preferred"] = found["soc_code"].isin(index.preferred)
    found["size"] = found["soc_code"].map(index.size).fillna(0)
    found = found.sort_values(["exact", "score", "kind_rank", "preferred", "support", "size"],
                              ascending=[False, False, True, False, False, False], kind="stable")
    best = found.drop_duplicates("soc_code").head(limit)
    kinds = {0: "official title", 1: "O*NET title", 2: "O*NET alternate title", 3: "O*NET short title",
             4: "O*NET reported title"}
    return pd.DataFrame({
        "soc_code": best["soc_code"].to_numpy(),
        "title": best["soc_code"].map(index.official).to_numpy(),
        "matched_title": best["title"].to_numpy(),
        "match": [("exact " if e else "close ") + kinds[k] for e, k in zip(best["exact"], best["kind_rank"],
                                                                          strict=True)],
        "score": best["score"].to_numpy(),
    }, columns=columns)


def describe(query: str, row) -> str:
    """'medical coder → Medical records specialists, 29-2072' (with the O*NET title when it differs)."""
    via = "" if row.matched_title.lower() in (query.strip().lower(), row.title.lower(), row.soc_code) else (
        f" (as “{row.matched_title}”)")
    return f"{query.strip()} → {row.title}, {row.soc_code}{via}"
