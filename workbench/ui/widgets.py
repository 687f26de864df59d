"""Rendering helpers shared by the pages: the sidebar, the workspace, messages, colours, tables."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from claims.errors import ClaimsError, DecodingWarning
from claims.evidence.index import PassageIndex
from workbench import doctor, pipeline
from workbench.errors import WorkbenchError
from workbench.review import STATUSES
from workbench.store import Store
from workbench.ui import markup, state

PAGES_DIR = Path(__file__).resolve().parent / "views"
# The errors a user can cause or fix: shown with their message, never as a traceback.
USER_ERRORS = (WorkbenchError, ClaimsError)


def refuse_all_interfaces() -> None:
    """Stop the page when the server listens on every interface because nobody chose an
    address: the workspace's articles and decisions are not for the whole network."""
    if not st.context.headers:
        return  # no browser's request: the page logic run without a server (AppTest)
    address = st.get_option("server.address")
    if address:  # loopback, or an address chosen on purpose
        return
    st.error(
        "This server listens on every network interface, so the workbench shows nothing. "
        "Start it with `workbench ui` (this machine only), or run `streamlit run "
        "workbench/ui/app.py --server.address 127.0.0.1`; to serve a network on purpose, "
        "give that address with --server.address."
    )
    st.stop()


def sidebar() -> None:
    """The reviewer's name, asked once for the session, and where the workspace lives."""
    with st.sidebar:
        st.text_input(
            "Your name",
            key=state.REVIEWER,
            placeholder="e.g. Ana Lima",
            help="Every decision is recorded under this name. It is kept for this session.",
        )
        if state.reviewer() is None:
            st.caption("Enter your name to record decisions.")
        st.caption(f"Workspace: {markup.md(pipeline.default_folder())}")


def open_workspace() -> pipeline.Workspace:
    """The workspace, opened for this run only: a store is never shared between sessions.
    Work a stopped command left unfinished is shown in a banner, with a button to finish it."""
    try:
        ws = pipeline.Workspace.open(pipeline.default_folder())
    except USER_ERRORS as exc:
        st.error(f"The workspace cannot be opened: {markup.md(exc)}")
        st.stop()
    repair_banner(ws)
    return ws


def repair_banner(ws: pipeline.Workspace) -> None:
    """A warning when the workspace needs repair: unfinished work with nobody working, or a
    passage index that cannot be opened; its button repairs it as `workbench doctor` does."""
    pending = ws.store.pending_work()
    if pending and not ws.idle():
        return  # a command is working on it now: its work is not unfinished
    try:
        ws.index()
        broken = None
    except WorkbenchError as exc:
        broken = exc
    if not pending and broken is None:
        return
    what = (
        f"{len(pending)} tasks a stopped command left unfinished (indexing or matching)"
        if pending
        else "the passage index cannot be opened"
    )
    st.warning(
        f"This workspace needs repair: {what}. Evidence may be missing until it is done; "
        "nothing a reviewer decided is lost.",
        icon=":material/build:",
    )
    if st.button("Repair the workspace now", key=state.REPAIR, icon=":material/build:"):
        bar = st.progress(0.0, text="Repairing…")

        def report(done: int, total: int, step: str) -> None:
            bar.progress(done / total if total else 1.0, text=f"{step}: {done} of {total}")

        with user_errors("The repair stopped: "):
            done = doctor.repair(ws, progress=report)
            bar.progress(1.0, text="Done")
            st.success("Repaired: " + "; ".join(markup.md(line) for line in done) + ".")


def callback_workspace() -> pipeline.Workspace:
    """The workspace for a widget callback (which runs before the page and cannot stop it)."""
    return pipeline.Workspace.open(pipeline.default_folder())


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A table's rows as dicts keyed by column name."""
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict(orient="records")]


@st.cache_resource(show_spinner=False)
def passage_index(folder: str) -> PassageIndex:
    """The passage index of a workspace, opened once per server: it reloads after each commit."""
    return PassageIndex.open(Path(folder))


def article_claims(ws: pipeline.Workspace, article: Any) -> pd.DataFrame:
    """An article's claim table with its reviews, read again only after a change to a review.

    Every change to a claim or a review writes a history row, so the newest row's id is part
    of the cache key, with the article's id and when it was added (a rebuilt workspace)."""
    mark = ws.store.last_change()
    return _claims_at(ws.store.database, article.article_id, article.added_at, mark)


@st.cache_data(show_spinner=False, max_entries=16)
def _claims_at(database: str, article_id: str, added_at: str, last_change: int) -> pd.DataFrame:
    return Store(database).claims(article_id)


@contextmanager
def user_errors(prefix: str = "") -> Iterator[None]:
    """Show a library or workbench error as a message beside the form, not a traceback, and a
    file read with bytes replaced (`DecodingWarning`) as a warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DecodingWarning)
        try:
            yield
        except USER_ERRORS as exc:
            st.error(f"{prefix}{markup.md(exc)}", icon=":material/error:")
        finally:
            shown = dict.fromkeys(
                str(w.message) for w in caught if issubclass(w.category, DecodingWarning)
            )
            for message in shown:
                st.warning(markup.md(message), icon=":material/warning:")


def report_errors(action: Callable[[], Any], prefix: str = "") -> Any:
    """Run `action` in a widget callback; keep its error for the next run instead of raising."""
    try:
        return action()
    except USER_ERRORS as exc:
        state.flash("error", f"{prefix}{markup.md(exc)}")
        return None


def show_flash() -> None:
    """The message a callback left for this run: a toast and a line at the top of the page."""
    message = state.take_flash()
    if message is None:
        return
    kind, text = message
    if kind == "success":
        st.toast(text, icon=":material/check_circle:")
        st.success(text)
    elif kind == "warning":
        st.warning(text)
    else:
        st.error(text, icon=":material/error:")


def page_link(file_name: str, label: str, icon: str | None = None) -> None:
    """A link to another page of the app."""
    st.page_link(str(PAGES_DIR / file_name), label=label, icon=icon)


def empty_state(message: str, file_name: str, label: str) -> None:
    """What to do when there is nothing to show yet, with a link to the page that fixes it."""
    st.info(message, icon=":material/info:")
    page_link(file_name, label, icon=":material/arrow_forward:")


def html(body: str) -> None:
    """Show HTML built by `markup` (every piece of text in it is already escaped)."""
    st.markdown(body, unsafe_allow_html=True)


def status_legend() -> None:
    """The status colours, as on the article."""
    html(markup.legend())


def article_picker(articles: list[Any], *, label: str = "Article") -> str | None:
    """Choose an article by title; the choice is kept across pages."""
    ids = [a.article_id for a in articles]
    titles = {a.article_id: a.title for a in articles}
    chosen = state.kept(state.ARTICLE)
    index = ids.index(chosen) if chosen in ids else 0
    picked = st.selectbox(
        label,
        ids,
        index=index,
        format_func=lambda article_id: titles.get(article_id, article_id),
        key=state.widget_key(state.ARTICLE),
        on_change=_article_changed,
    )
    st.session_state[state.ARTICLE] = picked
    return str(picked) if picked is not None else None


def _article_changed() -> None:
    state.keep(state.ARTICLE)
    state.reset_claim_table()
    st.session_state[state.SELECTED_CLAIM] = None


def value_text(value: Any, kind: str | None = None) -> str:
    """A claim's value as a reader writes it: a percentage as 97%, a range with a dash."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, list):
        return " – ".join(value_text(v, kind) for v in value)
    if kind == "percent" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value * 100:g}%"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def status_counts_frame(status_table: pd.DataFrame) -> pd.DataFrame:
    """Per article: title, claims, decided share and the count of each status, for a table."""
    table = status_table.copy()
    open_count = table["unreviewed"] + table["in_progress"]
    decided = (table["claims"] - open_count).clip(lower=0)
    table["progress"] = (decided / table["claims"].where(table["claims"] > 0)).fillna(0.0)
    return table[["title", "version", "published", "claims", "progress", *STATUSES]]


def status_column_config() -> dict[str, Any]:
    """Column set-up for the per-article status tables: a progress bar and readable headers."""
    config: dict[str, Any] = {
        "progress": st.column_config.ProgressColumn(
            "Decided",
            help="Share of claims with a decision",
            format="percent",
            min_value=0.0,
            max_value=1.0,
        ),
        "title": st.column_config.TextColumn("Article"),
        "published": st.column_config.TextColumn("Published"),
        "claims": st.column_config.NumberColumn("Claims"),
    }
    for status in STATUSES:
        config[status] = st.column_config.NumberColumn(markup.STATUS_LABELS[status])
    return config


STATUS_COLUMN_PIXELS = 122


def status_column(label: str = "Status") -> Any:
    """A status column drawn as a label in the status's colour (cells hold [status])."""
    return st.column_config.MultiselectColumn(
        label,
        options=list(STATUSES),
        color=[markup.STATUS_COLORS[s] for s in STATUSES],
        format_func=markup.status_label,
        # Pixels: "small" cut the longest labels ("Unreviewed", "Unverifiable") to "Unreviewe".
        width=STATUS_COLUMN_PIXELS,
    )


def as_status_cells(statuses: pd.Series) -> pd.Series:
    """Statuses as the one-item lists a status column shows."""
    return pd.Series([[str(s)] for s in statuses], index=statuses.index, dtype=object)
