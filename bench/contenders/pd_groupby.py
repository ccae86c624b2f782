"""Contender 4: what a notebook user reaches for. pandas read_json(lines=True) + groupby, same state rules as questlog.

Run by bench/run.js as `/usr/bin/python3 bench/contenders/pd_groupby.py '<spec json>'`; prints one JSON line with phase
times (ms) and peak RSS, and writes the canonical statistics to spec["out"]. Not named pandas.py: the script's folder
comes first on sys.path and would shadow the library.
"""

import json
import resource
import sys
import time

import numpy as np
import pandas as pd

# Same synonyms as questlog's ingest; unknown statuses are rejects there, dropped here.
SYNONYMS = {
    "accepted": "accepted", "accept": "accepted", "start": "accepted", "begin": "accepted",
    "declined": "declined", "decline": "declined", "reject": "declined", "rejected": "declined",
    "completed": "completed", "complete": "completed", "success": "completed", "succeed": "completed",
    "succeeded": "completed",
    "abandoned": "abandoned", "abandon": "abandoned", "quit": "abandoned",
    "failed": "failed", "fail": "failed",
}
# Tie-break for events at the same instant, as in questlog's quest_state.sql.
RANK = {"accepted": 0, "declined": 1, "completed": 2, "abandoned": 3, "failed": 4}
BUCKETS = ["accepted", "declined", "completed", "abandoned", "failed"]
KEY = ["player_id", "quest_id"]


def main() -> None:
    spec = json.loads(sys.argv[1])
    phases = {}
    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        phases[name] = round((now - t) * 1000)
        t = now

    frames = [
        pd.read_json(path, lines=True, convert_dates=False,
                     dtype={"ts": str, "player_id": str, "quest_id": str, "status": str})
        for path in spec["inputs"]
    ]
    df = pd.concat(frames, ignore_index=True)
    del frames
    rows = int(len(df))
    lap("read")

    players = int(df["player_id"].nunique())
    df["ts"] = pd.to_datetime(df["ts"], utc=True)
    df["status"] = df["status"].str.strip().str.lower().map(SYNONYMS)
    df = df.loc[df["status"].notna(), ["player_id", "quest_id", "status", "ts"]].drop_duplicates()
    df["rank"] = df["status"].map(RANK).astype("int8")
    df = df.sort_values(KEY + ["ts", "rank"], kind="stable")
    lap("prepare")

    # Completed is absorbing: keep events up to the first completion (same-instant ties by rank).
    first_completion = df.loc[df["rank"] == 2].groupby(KEY, sort=False)["ts"].min().rename("fc")
    df = df.join(first_completion, on=KEY)
    keep = df["fc"].isna() | (df["ts"] < df["fc"]) | ((df["ts"] == df["fc"]) & (df["rank"] <= 2))
    df = df.loc[keep]
    state = df.groupby(KEY, sort=False).tail(1)[KEY + ["status", "fc"]]
    acc = df.loc[df["rank"] == 0].groupby(KEY, sort=False)["ts"].agg(["max", "size"])
    acc.columns = ["last_acc", "attempts"]
    state = state.join(acc, on=KEY)
    lap("state")

    counts = state.groupby(["quest_id", "status"]).size().unstack(fill_value=0).reindex(columns=BUCKETS, fill_value=0)
    done = state.loc[state["status"] == "completed"].copy()
    done["seconds"] = (done["fc"] - done["last_acc"]).dt.total_seconds()
    done["attempts"] = done["attempts"].fillna(0)
    g = done.groupby("quest_id")
    secs = g["seconds"]
    agg = pd.DataFrame({
        "mean_seconds": secs.mean(), "min_seconds": secs.min(), "max_seconds": secs.max(),
        "median_seconds": secs.quantile(0.5), "p90_seconds": secs.quantile(0.9),
        "mean_attempts": g["attempts"].mean(), "anomalies": g["seconds"].apply(lambda s: int(s.isna().sum())),
    })
    out = counts.join(agg)
    quests = []
    for quest_id, row in out.sort_index().iterrows():
        buckets = {b: int(row[b]) for b in BUCKETS}
        quests.append({
            "quest_id": str(quest_id), "players": players, **buckets,
            "not_encountered": players - sum(buckets.values()),
            **{k: num(row[k]) for k in ["mean_seconds", "min_seconds", "max_seconds", "median_seconds",
                                         "p90_seconds", "mean_attempts"]},
            "anomalies": 0 if pd.isna(row["anomalies"]) else int(row["anomalies"]),
        })
    with open(spec["out"], "w", encoding="utf-8") as f:
        json.dump({"players": players, "quests": quests}, f)
    lap("stats")

    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"phases": phases, "maxRssKB": peak_kb, "rows": rows}))


def num(v):
    return None if v is None or (isinstance(v, float) and np.isnan(v)) else float(v)


if __name__ == "__main__":
    main()
