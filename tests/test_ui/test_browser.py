"""The app end to end in a real headless Chromium, on `workbench demo`, as a reviewer uses it.

The reviewer gives their name, finds the "about 97%" claim on the Review page, marks it verified
with a note and the first evidence passage, opens the app again in a new session (the decision is
still there, in the table and in the article's highlight) and downloads the CSV from the Export
page (the row says verified, with the reviewer, the note and the cited source).

Screenshots of every page go to test-artifacts/screenshots/ at the repository root.

Needs Debian's chromium at /usr/bin/chromium (Playwright drives it; no browser is downloaded).
Without it the test is skipped, except in CI (CI=true), where it fails.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1600, "height": 1000}
TIMEOUT_MS = 30_000
SERVER_START_S = 120.0
REVIEWER = "Ana Lima"
CLAIM = "about 97%"
NOTE = "The trade briefing gives the same share of North Korea's trade."
VERIFIED_RGB = "rgb(187, 247, 208)"  # workbench.ui.markup.STATUS_COLORS["verified"], #bbf7d0


def _require(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason, allow_module_level=True)


_require(
    CHROMIUM.exists(),
    f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)",
)
try:
    from playwright.sync_api import (
        BrowserContext,
        Download,
        Locator,
        Page,
        sync_playwright,
    )
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # pragma: no cover - the dev extra installs it
    _require(False, "playwright is missing: pip install -e '.[dev]'")


def free_port() -> int:
    """A TCP port nobody listens on at the moment, on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def workbench_command() -> list[str]:
    """The installed `workbench` console script beside this Python, else the same entry point."""
    script = Path(sys.executable).parent / "workbench"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-c", "from workbench.cli import main; main()"]


def _answers(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError):
        return None


def _log_tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:] if log.exists() else "(no output)"


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the demo and the Streamlit server it started: the whole process group."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
    # The Streamlit child may outlive the demo command by a moment: end the group in any case.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def demo_url(tmp_path: Path) -> Iterator[str]:
    """`workbench demo` on a free port, run in a temporary folder (it builds ./demo-workspace
    where it runs); its URL once the server answers. Stopped at the end, whatever happened."""
    cwd = tmp_path / "run"
    cwd.mkdir()
    log = tmp_path / "demo.log"
    port = free_port()
    env = {
        **os.environ,
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        # The app's files are not edited during the test: no reruns on a change to them.
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("WORKBENCH_WORKSPACE", None)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*workbench_command(), "demo", "--port", str(port)],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"`workbench demo` exited with {process.returncode}:\n{_log_tail(log)}")
            if _answers(f"{url}/_stcore/health") == "ok" and _answers(f"{url}/") is not None:
                break
            if time.monotonic() > deadline:
                pytest.fail(f"`workbench demo` did not answer on {url}:\n{_log_tail(log)}")
            time.sleep(0.25)
        assert (cwd / "demo-workspace").is_dir(), "the demo workspace is not where demo ran"
        yield url
    finally:
        _stop(process)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[BrowserContext]:
    """Debian's chromium, headless, with a fresh profile; downloads accepted."""
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport=VIEWPORT,
            accept_downloads=True,
        )
        context.set_default_timeout(TIMEOUT_MS)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="module")
def screenshots() -> Path:
    """test-artifacts/screenshots/ at the repository root (git-ignored), emptied of old shots."""
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


def appears(page: Page, target: Locator, what: str) -> None:
    """Wait for `target`; fail at once with the app's error when it shows one instead."""
    error = page.get_by_test_id("stException")
    target.or_(error).first.wait_for()
    if error.count():
        pytest.fail(f"the app shows an error instead of {what}: {error.first.inner_text()}")


def settle(page: Page) -> None:
    """Wait until Streamlit has finished running the script and the page has drawn."""
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden")
    page.wait_for_timeout(500)
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden")


def no_errors(page: Page, where: str) -> None:
    """No exception box on the page."""
    errors = page.get_by_test_id("stException")
    assert errors.count() == 0, f"{where} shows an exception: {errors.first.inner_text()}"


def shoot(page: Page, folder: Path, name: str) -> Path:
    """A screenshot of the whole page: the viewport grows to the height of the scrolled content."""
    settle(page)
    height = page.evaluate(
        """() => Math.max(document.documentElement.scrollHeight,
             ...Array.from(document.querySelectorAll('[data-testid="stMain"], section.main'))
                 .map((e) => e.scrollHeight))"""
    )
    page.set_viewport_size(
        {"width": VIEWPORT["width"], "height": min(max(int(height), 1000), 6000)}
    )
    settle(page)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size(VIEWPORT)
    settle(page)
    return path


def open_app(context: BrowserContext, url: str) -> Page:
    """A new tab on the app (a new Streamlit session), on its landing page, Review."""
    page = context.new_page()
    page.goto(url)
    page.get_by_role("heading", name="Review", exact=True).wait_for()
    claim_table_caption(page).wait_for()
    return page


def claim_table_caption(page: Page, shown: str = r"\d+") -> Locator:
    return page.get_by_text(re.compile(rf"^{shown} of \d+ claims\."))


def name_box(page: Page) -> Locator:
    return page.get_by_test_id("stSidebar").get_by_role("textbox", name="Your name")


def enter_name(page: Page) -> None:
    """Give the reviewer's name in the sidebar."""
    box = name_box(page)
    box.fill(REVIEWER)
    box.press("Enter")
    page.get_by_text("Enter your name to record decisions.").wait_for(state="detached")
    settle(page)


def article_mark(page: Page) -> Locator:
    """The claim's highlight in the article text."""
    mark = page.locator("mark").filter(has_text=re.compile(rf"^\s*{re.escape(CLAIM)}\s*$"))
    try:
        mark.first.wait_for(state="attached")
    except PlaywrightTimeout:
        pytest.fail(f"{CLAIM!r} is not highlighted in the article")
    return mark.first


def filter_claims(page: Page, words: str) -> None:
    """Type into the claim table's text filter until one claim is left."""
    box = page.get_by_role("textbox", name="Text contains")
    box.fill(words)
    box.press("Enter")
    claim_table_caption(page, "1").wait_for()
    settle(page)


def claim_grid(page: Page) -> Locator:
    """The claim table: the first data grid on the Review page."""
    return page.get_by_test_id("stDataFrame").first


def grid_row(grid: Locator, row: int) -> list[str]:
    """The cells of a data row as the grid's accessible table reads them (canvas has no text)."""
    cells = grid.locator(f'tr[aria-rowindex="{row + 2}"] td[role="gridcell"]')
    return [str(text or "").strip() for text in cells.all_text_contents()]


def wait_grid_cell(grid: Locator, row: int, text: str) -> None:
    """Wait until a data row of the grid holds a cell that reads `text` (in any case)."""
    cell = grid.locator(f'tr[aria-rowindex="{row + 2}"] td[role="gridcell"]')
    exact = cell.filter(has_text=re.compile(rf"^\s*{re.escape(text)}\s*$", re.IGNORECASE))
    try:
        exact.first.wait_for(state="attached")
    except PlaywrightTimeout:
        pytest.fail(f"row {row} of the table does not read {text!r}: {grid_row(grid, row)}")


def select_first_row(page: Page) -> None:
    """Tick the first row's check box, drawn on the grid's canvas left of the first column."""
    grid = claim_grid(page)
    selected = grid.locator('tr[aria-rowindex="2"][aria-selected="true"]')
    header, row_height, marker = 36, 35, 18  # Streamlit's data grid geometry, in CSS pixels
    for _ in range(3):
        settle(page)
        if selected.count():  # a slow rerun may have taken the earlier click after all
            return
        canvas = grid.get_by_test_id("data-grid-canvas")
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        assert box is not None, "the claim table is not drawn"
        page.mouse.click(box["x"] + marker, box["y"] + header + row_height / 2)
        try:
            selected.wait_for(state="attached", timeout=5_000)
            return
        except PlaywrightTimeout:
            continue  # the click landed while the table was drawn again
    pytest.fail(f"the first row of the claim table cannot be selected: {grid_row(grid, 0)}")


def choose_option(page: Page, scope: Locator, label: str, option: str) -> None:
    """Pick an option of a select box: open its list (again, if a rerun closed it), click it."""
    combobox = scope.get_by_role("combobox", name=label)
    select = scope.get_by_test_id("stSelectbox").filter(
        has=page.get_by_role("combobox", name=label)
    )
    choice = page.get_by_role("option", name=option, exact=True)
    for _ in range(5):
        settle(page)
        if combobox.get_attribute("aria-expanded") != "true":
            select.get_by_role("button", name="Open").click()
        try:
            choice.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            continue
    choice.click()
    settle(page)
    assert combobox.input_value() == option


def go_to(page: Page, title: str) -> None:
    """Follow the sidebar's link to a page and wait for its title."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    appears(page, page.get_by_role("heading", name=title, exact=True), f"the {title} page")
    settle(page)


def csv_rows(download: Download, folder: Path) -> list[dict[str, Any]]:
    path = folder / download.suggested_filename
    download.save_as(str(path))
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.timeout(300)
def test_reviewer_verifies_a_claim_in_the_browser(
    demo_url: str, browser: BrowserContext, screenshots: Path, tmp_path: Path
) -> None:
    page = open_app(browser, demo_url)
    no_errors(page, "Review")
    shoot(page, screenshots, "1-review")

    enter_name(page)

    # Find the claim by its words and open it.
    filter_claims(page, CLAIM)
    grid = claim_grid(page)
    wait_grid_cell(grid, 0, CLAIM)
    select_first_row(page)
    appears(page, page.get_by_role("heading", name="Evidence in the sources"), "the evidence")
    page.get_by_role("heading", name=f"“{CLAIM}”").wait_for()

    # Decide: verified, a note, the first passage cited.
    form = page.get_by_test_id("stForm").filter(has_text="Your decision")
    choose_option(page, form, "Status", "Verified")
    form.get_by_role("textbox", name="Note").fill(NOTE)
    first_passage = form.get_by_test_id("stRadio").get_by_text(re.compile(r"^Passage 1: "))
    passage_label = first_passage.inner_text().strip()
    cited_title = passage_label.split(": ", 1)[1]
    first_passage.click()
    assert form.get_by_role("radio", name=passage_label).is_checked()
    form.get_by_role("button", name="Save decision").click()
    saved = page.get_by_test_id("stAlertContentSuccess").filter(has_text="Saved: marked verified.")
    appears(page, saved, "the success message")
    no_errors(page, "Review after the decision")
    page.get_by_text(f"by {REVIEWER}").first.wait_for()
    article_mark(page).scroll_into_view_if_needed()
    shoot(page, screenshots, "6-review-after-decision")

    # A new session on the app: the decision is stored, not kept in the browser.
    page.close()
    page = open_app(browser, demo_url)
    marked = article_mark(page)
    colour = marked.evaluate("(e) => getComputedStyle(e).backgroundColor")
    assert colour == VERIFIED_RGB, f"{CLAIM!r} is highlighted in {colour}, not the verified colour"
    assert "verified" in str(marked.get_attribute("title") or "")
    filter_claims(page, CLAIM)
    grid = claim_grid(page)
    wait_grid_cell(grid, 0, CLAIM)
    wait_grid_cell(grid, 0, "verified")
    select_first_row(page)
    appears(page, page.get_by_role("heading", name=f"“{CLAIM}”"), "the claim")
    page.get_by_text(f"by {REVIEWER}").first.wait_for()
    page.get_by_text(f"Note: {NOTE}").wait_for()

    # The other pages draw without errors; the name given once stays for the session.
    enter_name(page)
    for number, title in ((2, "Articles"), (3, "Sources"), (4, "Dashboard"), (5, "Export")):
        go_to(page, title)
        no_errors(page, title)
        assert name_box(page).input_value() == REVIEWER, f"the name is lost on {title}"
        shoot(page, screenshots, f"{number}-{title.lower()}")

    # Export: the CSV the editors download says the claim is verified, by whom and on what.
    with page.expect_download() as download_info:
        page.get_by_role("button", name=re.compile(r"^Download claims.*\.csv$")).click()
    rows = csv_rows(download_info.value, tmp_path)
    ours = [r for r in rows if r["text"] == CLAIM]
    assert len(ours) == 1, [r["text"] for r in rows]
    row_csv = ours[0]
    assert row_csv["status"] == "verified"
    assert row_csv["reviewer"] == REVIEWER
    assert row_csv["note"] == NOTE
    assert row_csv["cited_source_title"] == cited_title
    assert row_csv["cited_passage"].strip()
    assert row_csv["decided_at"].strip()
    others = [r for r in rows if r["text"] != CLAIM]
    assert others and all(r["status"] == "unreviewed" for r in others)


SEED_ID = "000_c76c75e25c87b28b"


@pytest.mark.timeout(300)
def test_a_revised_draft_shows_what_changed_in_the_browser(
    demo_url: str, browser: BrowserContext, screenshots: Path, tmp_path: Path
) -> None:
    # A second draft arrives from the command line while the app runs: a figure changed and a
    # sentence added whose figures do not make the rise it states.
    workspace = tmp_path / "run" / "demo-workspace"
    text = (REPO_ROOT / "seeds" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    draft = tmp_path / "draft-2.txt"
    draft.write_text(
        str(text)
        .replace("about 97% of North Korea", "about 95% of North Korea")
        .replace(
            "while 1.2% was with Russia.",
            "while 1.2% was with Russia. Trade rose 50% to $1.13bn from $639m.",
        ),
        encoding="utf-8",
    )
    added = subprocess.run(
        [*workbench_command(), "add-article", str(draft), "--version-of", SEED_ID,
         "--workspace", str(workspace)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "Version 2:" in added.stdout

    page = open_app(browser, demo_url)
    no_errors(page, "Review of version 2")
    shoot(page, screenshots, "7-review-version-2")
    latest = page.get_by_text("Version 2 (latest)", exact=True)
    appears(page, latest, "the version switcher")
    changes = page.get_by_text(re.compile(r"What changed since version 1: 1 changed claim"))
    changes.first.wait_for()
    page.get_by_text("97% -> 95%").first.wait_for(state="attached")  # a grid cell: drawn on canvas
    page.get_by_text(re.compile(r"31 claims · 1 flagged by the self-checks")).wait_for()
    mark = page.locator("mark").filter(has_text=re.compile(r"^\s*about 95%\s*$"))
    mark.first.wait_for(state="attached")
    shoot(page, screenshots, "7-review-version-2")

    page.get_by_text("Version 1", exact=True).click()
    settle(page)
    no_errors(page, "Review of version 1")
    page.locator("mark").filter(has_text=re.compile(rf"^\s*{re.escape(CLAIM)}\s*$")).first.wait_for(
        state="attached"
    )
    assert changes.count() == 0, "version 1 has no previous version to compare with"


def test_a_server_started_without_an_address_shows_nothing_of_the_workspace(
    tmp_path: Path, browser: BrowserContext
) -> None:
    """`streamlit run` of the app file with no --server.address listens on every interface:
    the app shows how to start it safely, and none of the workspace."""
    folder = tmp_path / "ws"
    from workbench.pipeline import build_demo

    build_demo(folder)
    port, log = free_port(), tmp_path / "streamlit.log"
    app = Path(__file__).resolve().parents[2] / "workbench" / "ui" / "app.py"
    env = {**os.environ, "WORKBENCH_WORKSPACE": str(folder),
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
           "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}  # fmt: skip
    env.pop("STREAMLIT_SERVER_ADDRESS", None)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true",
             "--server.port", str(port)],
            cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_S
        while _answers(f"{url}/_stcore/health") != "ok":
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not answer on {url}:\n{_log_tail(log)}")
            time.sleep(0.25)
        page = browser.new_page()
        page.goto(url)
        warning = page.get_by_text("listens on every network interface")
        appears(page, warning, "the warning of a server on every interface")
        assert page.get_by_role("heading", name="Review", exact=True).count() == 0
        assert page.get_by_text("Kim Jong Un").count() == 0
    finally:
        _stop(process)
