"""Job title -> SOC 2018 on O*NET titles: normalise, exact lookup, then fuzzy (rapidfuzz), with a score."""

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

# Abbreviations common in job ads, expanded so 'Sr. RN' meets 'Registered Nurse'. Ambiguous ones stay out
# (PA: physician assistant or Pennsylvania; MA: medical assistant or master of arts).
ABBREVIATIONS = {
    "rn": "registered nurse", "lpn": "licensed practical nurse", "lvn": "licensed vocational nurse",
    "cna": "certified nursing assistant", "np": "nurse practitioner",
    "aprn": "advanced practice registered nurse",
    "crna": "certified registered nurse anesthetist", "emt": "emergency medical technician",
    "cnm": "certified nurse midwife", "pharmd": "pharmacist", "rph": "pharmacist",
    "asst": "assistant", "assoc": "associate", "mgr": "manager", "mgmt": "management", "tech": "technician",
    "techs": "technicians", "coord": "coordinator", "dir": "director", "spec": "specialist",
    "rep": "representative", "admin": "administrative", "eng": "engineer", "engr": "engineer",
    "dev": "developer", "vp": "vice president", "svp": "senior vice president", "acct": "accountant",
    "hr": "human resources", "ceo": "chief executive officer", "cfo": "chief financial officer",
    "cno": "chief nursing officer", "ot": "occupational therapist", "pt": "physical therapist",
    "rt": "respiratory therapist", "slp": "speech language pathologist", "med": "medical",
    "surg": "surgical", "&": "and",
}
# Seniority and level words say nothing about the occupation; both sides drop them.
NOISE = {"senior", "sr", "junior", "jr", "lead", "staff", "i", "ii", "iii", "iv", "v", "level", "entry",
         "trainee", "intern", "temporary", "temp", "part", "full", "time", "per", "diem", "prn", "the", "a",
         "an", "of", "for", "in"}
GRADE = re.compile(r"^[a-z]{2}\d{1,2}$|^\d+$")  # federal grades like 'na09', 'gs12', and bare numbers

MATCH_THRESHOLD = 70  # best fuzzy score below this = "unmatched" (chosen on the dev half; README)
TOP_K = 10  # fuzzy candidates that vote for an occupation
BLOCK = 500


def normalise(title: object) -> str:
    """Lower case, ASCII, punctuation to spaces, abbreviations expanded, level and grade words dropped."""
    if title is None or (isinstance(title, float) and title != title):
        return ""
    text = unicodedata.normalize("NFKD", str(title)).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " & ").replace("/", " ")
    text = re.sub(r"(?<=[a-z])\.(?=[a-z])", "", text)  # r.n. -> rn
    text = re.sub(r"[^a-z0-9&]+", " ", text)
    text = re.sub(r"\b([a-z]{2}) (\d{1,2})\b", r"\1\2", text)  # 'gs 12' -> 'gs12'
    words = []
    for word in text.split():
        word = ABBREVIATIONS.get(word, word)
        words.extend(w for w in word.split() if w not in NOISE and not GRADE.match(w))
    return " ".join(dict.fromkeys(words))  # 'CEO (Chief Executive Officer)' says it twice


@dataclass(frozen=True)
class TitleIndex:
    """Distinct normalised titles, each with its most frequent SOC code and that code's share of entries."""

    norms: list[str]
    soc: np.ndarray
    share: np.ndarray
    titles: np.ndarray
    lookup: dict[str, int]


def build_index(titles: pd.DataFrame, *, exclude: set[str] | frozenset = frozenset()) -> TitleIndex:
    """titles: columns title, title_norm, soc_code. exclude: normalised titles to hold out."""
    df = titles[(titles["title_norm"] != "") & ~titles["title_norm"].isin(exclude)]
    counts = df.groupby(["title_norm", "soc_code"]).size().rename("n").reset_index()
    totals = counts.groupby("title_norm")["n"].transform("sum")
    counts = counts.assign(share=counts["n"] / totals).sort_values(
        ["title_norm", "n", "soc_code"], ascending=[True, False, True])
    best = counts.drop_duplicates("title_norm").reset_index(drop=True)
    shown = df.drop_duplicates("title_norm").set_index("title_norm")["title"]
    norms = best["title_norm"].tolist()
    return TitleIndex(norms=norms, soc=best["soc_code"].to_numpy(), share=best["share"].to_numpy(),
                      titles=shown.reindex(norms).to_numpy(), lookup={n: i for i, n in enumerate(norms)})


def _vote(title: str, norm: str, top: np.ndarray, scores: np.ndarray, index: TitleIndex,
          threshold: float) -> tuple:
    """Among the top candidates, the SOC code with the most score^4 (times title share) wins: several near
    titles of one occupation beat a single lucky string. Its best title is shown as the match."""
    votes: dict[str, float] = {}
    best: dict[str, int] = {}
    for j in top:
        code, score = index.soc[j], float(scores[j])
        votes[code] = votes.get(code, 0.0) + score**4 * float(index.share[j])  # power 4: chosen on the dev half
        if code not in best or score > scores[best[code]]:
            best[code] = int(j)
    code = max(votes, key=lambda c: (votes[c], -best[c]))
    j = best[code]
    score = float(scores[j])
    if score < threshold:
        return (title, norm, None, index.titles[j], "unmatched", score, 0.0)
    confidence = score / 100 * votes[code] / sum(votes.values())
    return (title, norm, code, index.titles[j], "fuzzy", score, confidence)


def match_titles(titles, index: TitleIndex, *, threshold: float = MATCH_THRESHOLD,
                 workers: int = 1, progress=None) -> pd.DataFrame:
    """One row per distinct title: soc_code (None when unmatched), method, score 0..100, confidence 0..1.

    Exact: confidence = the share of the index entries for that title that carry the chosen SOC code (a title
    O*NET lists under two occupations is at most 0.5 sure). Fuzzy (token-set ratio): the top candidates vote;
    confidence = best score / 100 x the winning code's share of the votes. progress(done, total), if given,
    is called after each block of fuzzy titles (the slow part: thousands of distinct titles take minutes).
    """
    from rapidfuzz import fuzz, process

    distinct = pd.Series(pd.unique(pd.Series(list(titles), dtype="object").dropna()), dtype="object")
    rows = []
    pending = []
    for title in distinct:
        norm = normalise(title)
        i = index.lookup.get(norm)
        if i is not None:
            rows.append((title, norm, index.soc[i], index.titles[i], "exact", 100.0, float(index.share[i])))
        elif not norm:
            rows.append((title, norm, None, None, "unmatched", 0.0, 0.0))
        else:
            pending.append((title, norm))
    if pending:
        queries = [n for _, n in pending]
        for start in range(0, len(queries), BLOCK):  # bounded memory: BLOCK x index-size scores at a time
            block = pending[start:start + BLOCK]
            scores = process.cdist([n for _, n in block], index.norms, scorer=fuzz.token_set_ratio,
                                   workers=workers, dtype=np.uint8).astype(np.int16)
            k_top = min(TOP_K, scores.shape[1])
            top = np.argpartition(-scores, k_top - 1, axis=1)[:, :k_top]
            for k, (title, norm) in enumerate(block):
                rows.append(_vote(title, norm, top[k], scores[k], index, threshold))
            if progress is not None:
                progress(min(start + BLOCK, len(queries)), len(queries))
    out = pd.DataFrame(rows, columns=["title", "title_norm", "soc_code", "matched_title", "match_method",
                                      "match_score", "match_confidence"])
    return out.astype({"title": "str", "title_norm": "str", "soc_code": "str", "matched_title": "str",
                       "match_method": "str", "match_score": "float64", "match_confidence": "float64"})


def evaluate(onet_titles: pd.DataFrame, *, thresholds=(MATCH_THRESHOLD,), half: str | None = None,
             workers: int = 1, sample: int | None = None) -> pd.DataFrame:
    """Top-1 accuracy on O*NET's reported titles, with every reported title held out of the index.

    The index is built from occupation, alternate and short titles whose normalised text is not one of the
    reported titles (every reported title also appears verbatim as an alternate title, so leaving them in
    would test a lookup table). half='dev' or 'test' evaluates one fixed half (by a hash of the title);
    unmatched titles count as wrong. One row per threshold.
    """
    reported = onet_titles[onet_titles["title_kind"] == "reported"]
    if half is not None:
        bucket = pd.util.hash_pandas_object(reported["title"], index=False) % 2
        reported = reported[bucket == (0 if half == "dev" else 1)]
    if sample is not None:
        reported = reported.sample(min(sample, len(reported)), random_state=0)
    held_out = set(onet_titles.loc[onet_titles["title_kind"] == "reported", "title_norm"])
    index = build_index(onet_titles[onet_titles["title_kind"] != "reported"], exclude=held_out)
    matches = match_titles(reported["title"], index, threshold=0, workers=workers)
    best = matches.rename(columns={"soc_code": "predicted"})[["title", "predicted", "match_score"]]
    got = reported.merge(best, on="title")
    rows = []
    for threshold in thresholds:
        kept = got["match_score"] >= threshold
        hit6 = kept & (got["predicted"] == got["soc_code"])
        hit2 = kept & (got["predicted"].str[:2] == got["soc_code"].str[:2])
        rows.append({"threshold": threshold, "titles": len(got), "matched_share": kept.mean(),
                     "top1_6digit": hit6.mean(), "top1_major_group": hit2.mean(),
                     "precision_6digit_when_matched": hit6.sum() / max(int(kept.sum()), 1),
                     "index_titles": len(index.norms)})
    return pd.DataFrame(rows)
