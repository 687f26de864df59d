"""Helpers of the app tests: find the claim table, click a row, sign in, check a run."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Button

from workbench.ui import state

APP = Path(__file__).resolve().parents[2] / "workbench" / "ui" / "app.py"


def no_exception(at: AppTest) -> None:
    """The run raised nothing, and no user error was shown."""
    assert not at.exception, [e.value for e in at.exception]


def open_page(at: AppTest, name: str) -> AppTest:
    """Switch to a page of the app (its file name under views/, without .py) and run it."""
    at.switch_page(f"views/{name}.py").run()
    no_exception(at)
    return at


def claim_table(at: AppTest) -> tuple[str, pd.DataFrame]:
    """The Review page's claim table: its widget key and the rows it shows."""
    key = state.table_key_for(int(at.session_state[state.TABLE_GENERATION]))
    tables = [d for d in at.dataframe if d.key == key]
    assert tables, f"no claim table {key!r} on the page"
    return key, tables[0].value


def select_claim(at: AppTest, text: str) -> str:
    """Click the claim table's row whose claim reads `text`; the claim's id."""
    key, rows = claim_table(at)
    positions = [i for i, claim in enumerate(rows["text"]) if claim == text]
    assert positions, f"no claim {text!r} in the table: {rows['text'].tolist()}"
    at.session_state[key] = {"selection": {"rows": [positions[0]], "columns": []}}
    at.run()
    no_exception(at)
    selected = at.session_state[state.SELECTED_CLAIM]
    assert selected
    return str(selected)


def sign_in(at: AppTest, name: str) -> None:
    """Type the reviewer's name in the sidebar."""
    at.sidebar.text_input(key=state.REVIEWER).input(name)
    at.run()
    no_exception(at)


def button(at: AppTest, label: str) -> Button:
    """The one button (or form submit button) with this label."""
    found = [b for b in at.button if b.label == label]
    assert len(found) == 1, f"{len(found)} buttons labelled {label!r}"
    return found[0]
