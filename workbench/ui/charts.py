"""The Dashboard's tables and charts: claims by status, kind and reviewer, conflicts first.

The summaries are derived tables, cached on the few columns they read: the claim table is read
again on every run (reviews change), the counting is skipped when nothing changed.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from workbench.review import DECIDED_STATUSES, STATUSES
from workbench.ui import markup

SUMMARY_COLUMNS = ["article_id", "claim_id", "kind", "status", "reviewer", "signed_off_by"]
UNASSIGNED = "(no reviewer)"


def summary_input(claims: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    """The columns the summaries read, as plain text (cheap to hash for the cache)."""
    small = claims[SUMMARY_COLUMNS].astype(object).where(claims[SUMMARY_COLUMNS].notna(), None)
    small["title"] = small["article_id"].map(titles)
    return small


@st.cache_data(show_spinner=False, max_entries=32)
def counts_by(small: pd.DataFrame, column: str) -> pd.DataFrame:
    """Claims per value of `column` and status: long form, for a stacked bar chart."""
    table = small.assign(**{column: small[column].fillna(UNASSIGNED)})
    counts = table.groupby([column, "status"], dropna=False).size().reset_index(name="claims")
    counts["label"] = counts["status"].map(markup.STATUS_LABELS)
    return counts


@st.cache_data(show_spinner=False, max_entries=32)
def reviewer_table(small: pd.DataFrame) -> pd.DataFrame:
    """Per reviewer: the decisions they hold and how many of them are signed off."""
    decided = small[small["status"].isin(list(DECIDED_STATUSES))]
    if decided.empty:
        return pd.DataFrame(columns=["reviewer", "decisions", "signed off"])
    grouped = decided.groupby(decided["reviewer"].fillna(UNASSIGNED))
    table = pd.DataFrame(
        {"decisions": grouped.size(), "signed off": grouped["signed_off_by"].count()}
    )
    return table.reset_index().sort_values("decisions", ascending=False, kind="stable")


CONFLICT_COLUMNS = ["article", "claim", "status", "source says", "source", "why"]


def conflicts(claims: pd.DataFrame, matches: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    """The claims that a ranked passage contradicts (the best such passage), open ones first.

    Any rank, not only the first: a source that states another figure for the same thing is
    what a checker must see, even below a passage that agrees."""
    if matches.empty:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    found = matches[matches["agreement"] == "conflicts"].sort_values(["claim_id", "rank"])
    best = found.drop_duplicates("claim_id")
    joined = claims.merge(best[["claim_id", "source_value", "title", "reason"]], on="claim_id")
    joined["open"] = ~joined["status"].isin(list(DECIDED_STATUSES))
    joined = joined.sort_values(["open", "article_id", "start"], ascending=[False, True, True])
    return pd.DataFrame(
        {
            "article": joined["article_id"].map(titles),
            "claim": joined["text"],
            "status": joined["status"],
            "source says": joined["source_value"].astype(str),
            "source": joined["title"],
            "why": joined["reason"].fillna(""),
        }
    ).reset_index(drop=True)


def verdict_counts(matches: pd.DataFrame) -> pd.DataFrame:
    """Claims by the verdict of their best passage, `consistent` apart from `agrees`."""
    if matches.empty:
        return pd.DataFrame(columns=["verdict", "claims"])
    best = matches[matches["rank"] == matches.groupby("claim_id")["rank"].transform("min")]
    counts = best.drop_duplicates("claim_id")["agreement"].value_counts()
    order = [name for name in markup.AGREEMENT_COLORS if name in counts.index]
    return pd.DataFrame({"verdict": order, "claims": [int(counts[name]) for name in order]})


def status_chart(counts: pd.DataFrame, column: str, title: str) -> alt.Chart:
    """A horizontal bar a value of `column`, stacked by status in the status colours."""
    labels = [markup.STATUS_LABELS[s] for s in STATUSES]
    colors = [markup.STATUS_COLORS[s] for s in STATUSES]
    return (
        alt.Chart(counts, title=title)
        .mark_bar(stroke="#9ca3af", strokeWidth=0.5)
        .encode(
            x=alt.X("sum(claims):Q", title="Claims"),
            y=alt.Y(f"{column}:N", title=None, sort="-x"),
            color=alt.Color(
                "label:N", title="Status", scale=alt.Scale(domain=labels, range=colors)
            ),
            order=alt.Order("status:N"),
            tooltip=[
                alt.Tooltip(f"{column}:N"),
                alt.Tooltip("label:N", title="Status"),
                alt.Tooltip("claims:Q"),
            ],
        )
    )
