"""The `workbench` command line: a click group over the library and the application.

Library errors (`ClaimsError`) become `click.ClickException` here, so a user's mistake prints
one clear line that says how to fix it, never a traceback.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
import pandas as pd
from tabulate import tabulate
from tqdm import tqdm

from claims.checks.selfcheck import self_check
from claims.errors import ClaimsError, DecodingWarning
from claims.evidence.index import PassageIndex
from claims.evidence.match import match_claims
from claims.extract import extract_claims, parse_published
from claims.reading.text import DEFAULT_MAX_BYTES, load_text
from claims.schema import CLAIM_COLUMNS
from workbench import doctor as checkup
from workbench import pipeline, versions
from workbench import publisher as publisher_settings
from workbench.errors import WorkbenchError
from workbench.evidence import evidence_table, read_sources, source_files
from workbench.export import EXPORT_FORMATS, cell_text, export_bytes, to_csv, to_jsonl
from workbench.pipeline import DEFAULT_FOLDER, DEMO_FOLDER, ENV_VAR, Workspace, build_demo
from workbench.workspace import DATABASE_VAR

FORMATS = ("table", "csv", "jsonl")
_TABLE_COLUMNS = ("kind", "text", "value", "unit", "qualifier", "speaker", "subject")
_MATCH_TABLE_COLUMNS = (
    "kind", "text", "rank", "agreement", "reason", "source_value", "title", "evidence",
)  # fmt: skip
# The app file, found by path: the command line starts it with `streamlit run`, never imports it.
UI_APP = Path(__file__).resolve().parent / "ui" / "app.py"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claim-workbench")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Find every checkable claim in a news article and check it against your sources.

    Example: workbench extract story.txt --published 2025-08-28
    """
    ctx.with_resource(decoding_warnings_as_lines())


@contextmanager
def decoding_warnings_as_lines() -> Iterator[None]:
    """A file read with bytes replaced is said once, on stderr, as "Warning: ..."."""
    shown: set[str] = set()
    default = warnings.showwarning

    def show(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if not issubclass(category, DecodingWarning):
            default(message, category, *args, **kwargs)
        elif str(message) not in shown:
            shown.add(str(message))
            click.echo(f"Warning: {message}", err=True)

    with warnings.catch_warnings():
        warnings.simplefilter("always", DecodingWarning)
        warnings.showwarning = show
        yield


def max_bytes_option(command: Callable[..., None]) -> Callable[..., None]:
    """`--max-bytes N`, the one limit on what a file read may cost: its size, what a .docx
    unpacks to, the length of its text."""
    return click.option(
        "--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
        help="Refuse a file larger than this, or one that unpacks to more or holds more "
        "characters of text (raise it for a very long document).",
    )(command)  # fmt: skip


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--published", help="Publication date, YYYY-MM-DD: resolves 'next week'.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here.")
@max_bytes_option
@click.option("--bom", is_flag=True, help="Start the CSV with a BOM, for Excel.")
def extract(
    file: Path, published: str | None, fmt: str, output: Path | None, max_bytes: int, bom: bool
) -> None:
    """Extract the claims of an article (.txt, .md, .html, .docx) as a table, CSV or JSON lines.

    Example: workbench extract story.html --published 2025-08-28 --format csv -o claims.csv
    """
    try:
        text = load_text(file, max_bytes=max_bytes)
        table = extract_claims(text, published=published, article_id=file.stem)
    except ClaimsError as exc:
        raise click.ClickException(str(exc)) from None
    _emit(table, fmt, output, bom=bom)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--published", help="Publication date, YYYY-MM-DD: dates without a year, 'in five "
              "years' and anniversaries are checked against it.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here.")
@max_bytes_option
def check(file: Path, published: str | None, fmt: str, output: Path | None, max_bytes: int) -> None:
    """Check an article against itself: arithmetic in a sentence, shares over 100%, weekdays,
    durations and anniversaries that do not fit their dates, one figure stated two ways.

    Example: workbench check story.txt --published 2025-08-28
    """
    try:
        text = load_text(file, max_bytes=max_bytes)
        when = parse_published(published)
        table = extract_claims(text, published=when, article_id=file.stem)
        flags = self_check(text, table, published=when)
    except ClaimsError as exc:
        raise click.ClickException(str(exc)) from None
    claims = table[["claim_id", "kind", "text", "start"]]
    joined = flags.merge(claims, on="claim_id", how="left")
    joined = joined[["claim_id", "kind", "text", "start", "check", "message"]]
    if fmt != "table":
        _emit(joined, fmt, output, bom=False)
        return
    lines = [f"{row.check} · “{_short(str(row.text), 60)}” (at {row.start}): {row.message}"
             for row in joined.itertuples()]  # fmt: skip
    lines.append(f"{len(joined)} flags on {len(table)} claims." if len(joined) else
                 f"No self-check flags: {len(table)} claims checked.")  # fmt: skip
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_file(output, data)


@cli.command()
@click.argument("article", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--sources", "source_paths", multiple=True, required=True,
              type=click.Path(exists=True, path_type=Path),
              help="A source file or folder; repeat for several.")  # fmt: skip
@click.option("--published", help="Publication date, YYYY-MM-DD: resolves 'next week'.")
@click.option("-k", "limit", type=click.IntRange(1, 50), default=5, show_default=True,
              help="Passages per claim.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here.")
@max_bytes_option
def match(
    article: Path,
    source_paths: tuple[Path, ...],
    published: str | None,
    limit: int,
    fmt: str,
    output: Path | None,
    max_bytes: int,
) -> None:
    """Find, for each claim of an article, the source passages that confirm or contradict it.

    Example: workbench match story.txt --sources seeds/sources --published 2025-08-28
    """
    try:
        text = load_text(article, max_bytes=max_bytes)
        table = extract_claims(text, published=published, article_id=article.stem)
        passages, matches = _match_sources(table, source_paths, limit=limit, max_bytes=max_bytes)
    except ClaimsError as exc:
        raise click.ClickException(str(exc)) from None
    joined = evidence_table(table, matches, passages)
    _emit(joined, fmt, output, bom=False, columns=_MATCH_TABLE_COLUMNS)


def workspace_option(command: Callable[..., None]) -> Callable[..., None]:
    """`--workspace DIR`, from WORKBENCH_WORKSPACE when not given, else ./workspace; and
    `--database URL`, from WORKBENCH_DATABASE, for a store on PostgreSQL (kept in the
    command's context for `open_workspace`, so that no command needs a parameter for it)."""
    with_database = click.option(
        "--database", envvar=DATABASE_VAR, show_envvar=True, expose_value=False,
        metavar="URL", callback=_remember_database,
        help="A postgresql+psycopg:// URL: the store on PostgreSQL instead of the folder's "
        "SQLite file.",
    )(command)  # fmt: skip
    return click.option(
        "--workspace", "workspace", type=click.Path(file_okay=False, path_type=Path),
        envvar=ENV_VAR, default=DEFAULT_FOLDER, show_default=True, show_envvar=True,
        help="The workspace folder (created if missing).",
    )(with_database)  # fmt: skip


def _remember_database(ctx: click.Context, _: click.Parameter, value: str | None) -> None:
    ctx.meta[DATABASE_VAR] = value or None


def chosen_database() -> str | None:
    """The --database of the command being run (or WORKBENCH_DATABASE), if any."""
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(DATABASE_VAR) if ctx is not None else None


def open_workspace(folder: Path) -> Workspace:
    """The workspace, with any work a stopped command left finished first, and said so."""
    ws = Workspace.open(folder, database=chosen_database())
    with ProgressBars() as bars:
        for line in pipeline.finish_pending(ws, progress=bars.update):
            click.echo(f"Note: {line}.", err=True)
    return ws


@contextmanager
def errors_as_messages() -> Iterator[None]:
    """Library and application errors become one clear line (ClickException), not a traceback."""
    try:
        yield
    except (ClaimsError, WorkbenchError) as exc:
        # A file name whose bytes are not UTF-8 is shown with replacement characters.
        shown = str(exc).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        raise click.ClickException(shown) from None


@cli.command("add-article")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--title", help="The article's title (default: the file's name).")
@click.option("--published", help="Publication date, YYYY-MM-DD: resolves 'next week'.")
@click.option("--outlet", help="Who published it, e.g. 'The Associated Press'.")
@click.option("--reviewer", help="Your name, recorded as who added the article.")
@click.option(
    "--version-of",
    metavar="ID",
    help="The file is a revised draft of this article (its newest version): unchanged claims "
    "keep their decisions, changed ones are reset and say what changed.",
)
@max_bytes_option
@workspace_option
def add_article(
    file: Path,
    title: str | None,
    published: str | None,
    outlet: str | None,
    reviewer: str | None,
    version_of: str | None,
    max_bytes: int,
    workspace: Path,
) -> None:
    """Add an article to the workspace: extract its claims, check the article against itself
    and match its claims against the sources.

    Example: workbench add-article story.txt --title "Kim to visit China" --published 2025-08-28

    Example: workbench add-article story-v2.txt --version-of 3f9c2a1b7d4e5f60
    """
    with errors_as_messages():
        ws = open_workspace(workspace)
        article = pipeline.add_article_file(ws, file, title=title, outlet=outlet,
                                            published=published, added_by=reviewer,
                                            version_of=version_of,
                                            max_bytes=max_bytes)  # fmt: skip
        claims = ws.store.claims(article.article_id)
        flagged = ws.store.flags(article.article_id)["claim_id"].nunique()
        changes = ws.store.revisions(article.article_id)
    matched = ws.store.matches(article.article_id)["claim_id"].nunique()
    click.echo(f"Added {article.title!r} (id {article.article_id}): {len(claims)} claims, "
               f"{matched} with evidence in the sources, {flagged} flagged by the "
               "self-checks.")  # fmt: skip
    if article.version_of:
        click.echo(_revision_summary(article.version, changes))


def _revision_summary(version: int, changes: pd.DataFrame) -> str:
    lines = [versions.revision_summary(changes, version)]
    lines += [f"  changed: {c}" for c in changes[changes["status"] == "changed"]["changes"]]
    return "\n".join(lines)


@cli.command("add-sources")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@max_bytes_option
@workspace_option
def add_sources(paths: tuple[Path, ...], max_bytes: int, workspace: Path) -> None:
    """Add source documents (files or folders of .txt .md .html .docx .pdf .csv) and match the
    claims of every article against them again.

    Example: workbench add-sources seeds/sources press-release.pdf
    """
    with errors_as_messages(), ProgressBars() as bars:
        ws = open_workspace(workspace)
        added = pipeline.add_sources(ws, paths, progress=bars.update, max_bytes=max_bytes)
    click.echo(f"Added {len(added.sources)} sources ({added.passages} passages); matched "
               f"{added.claims_matched} claims again.")  # fmt: skip


@cli.command()
@workspace_option
def status(workspace: Path) -> None:
    """Show, for every article in the workspace, its claims counted by review status.

    Example: workbench status --workspace demo-workspace
    """
    with errors_as_messages():
        table = pipeline.status(open_workspace(workspace))
    if table.empty:
        click.echo("No articles yet: add one with `workbench add-article FILE`.")
        return
    shown = table.drop(columns=["published"]).assign(title=[_short(t, 40) for t in table.title])
    click.echo(tabulate(shown.values.tolist(), headers=list(shown.columns)))


@cli.command()
@click.option("--name", help="The organisation that publishes the reviews.")
@click.option("--site-url", help="Its site, e.g. https://factcheck.example.org.")
@click.option("--review-url", help="Where one review is published, with {claim_id} in it.")
@click.option("--reviewer", help="Your name, recorded with the settings.")
@workspace_option
def publisher(
    name: str | None, site_url: str | None, review_url: str | None, reviewer: str | None,
    workspace: Path,
) -> None:  # fmt: skip
    """Show or set who publishes the workspace's fact checks (ClaimReview's author and url).

    Example: workbench publisher --name "Example Fact Check" --site-url https://example.org
    --review-url "https://example.org/fact-checks/{claim_id}"
    """
    with errors_as_messages():
        store = open_workspace(workspace).store
        found = publisher_settings.set_publisher(store, name=name, site_url=site_url,
                                                 review_url=review_url, who=reviewer)  # fmt: skip
    for key, what in publisher_settings.SETTINGS.items():
        click.echo(f"{what.split(' (')[0]}: {found.get(key, '(not set)')}")


@cli.command()
@click.option(
    "--rebuild-index",
    is_flag=True,
    help="Make the passage index again from the store even if it looks whole.",
)
@click.option(
    "--check", "check_only", is_flag=True, help="Only report; exit with 1 if anything needs repair."
)
@workspace_option
def doctor(rebuild_index: bool, check_only: bool, workspace: Path) -> None:
    """Check the store against the passage index and the matches, and repair what is out of
    step (work a stopped command left, a lost or broken index, claims never matched).

    Example: workbench doctor --workspace demo-workspace --rebuild-index
    """
    with errors_as_messages():
        ws = Workspace.open(workspace, database=chosen_database())
        findings = checkup.check(ws)
        for finding in findings:
            click.echo(f"- {finding.problem}: {finding.repair}")
        if check_only:
            if findings:
                raise SystemExit(1)
            click.echo("The store, the passage index and the matches agree.")
            return
        with ProgressBars() as bars:
            done = checkup.repair(ws, rebuild_index_anyway=rebuild_index, progress=bars.update)
    for line in done:
        click.echo(f"Repaired: {line}.")
    if not done:
        click.echo("The store, the passage index and the matches agree; nothing to repair.")


@cli.command()
@click.option("--article", "article_id", help="Only this article's claims (id from `status`).")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="csv",
              show_default=True)  # fmt: skip
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here.")
@click.option("--bom", is_flag=True, help="Start the CSV with a BOM, for Excel.")
@workspace_option
def export(
    article_id: str | None, fmt: str, output: Path | None, bom: bool, workspace: Path
) -> None:
    """Export the claims with their reviews: CSV for editors, JSON lines, or ClaimReview JSON-LD.

    Example: workbench export --article 000_c76c75e25c87b28b --format csv -o claims.csv --bom
    """
    with errors_as_messages():
        data = export_bytes(open_workspace(workspace), fmt, article_id=article_id, bom=bom)
    _write_bytes(data, output, f"Wrote the {fmt} export to {output}")


@cli.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@workspace_option
def ui(port: int, workspace: Path) -> None:
    """Open the review app in the browser, on this machine only (127.0.0.1).

    Example: workbench ui --workspace newsroom --port 8502
    """
    with errors_as_messages():
        Workspace.open(workspace, database=chosen_database())  # fails here, not in the app
    sys.exit(run_ui(workspace, port=port))


@cli.command()
@click.option("--no-ui", is_flag=True, help="Only build the demo workspace and print its claims.")
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
def demo(no_ui: bool, port: int) -> None:
    """Build ./demo-workspace from seeds/ (the seed article, an AP story of 2025-08-28, and the
    illustrative demo sources of seeds/sources/), rebuilt each time, and open the app on it.

    Example: workbench demo --no-ui
    """
    with errors_as_messages(), ProgressBars() as bars:
        ws = build_demo(DEMO_FOLDER, progress=bars.update)
    if not no_ui:
        sys.exit(run_ui(ws.folder, port=port))
    article = ws.store.articles()[0]
    click.echo(f"{article.title}\n{article.outlet}, published {article.published}\n")
    table = ws.store.claims(article.article_id)
    _emit(table, "table", None, bom=False)
    click.echo("\nEvidence in the demo sources (seeds/sources/, illustrative):\n")
    best = ws.store.matches(article.article_id)
    best = best[best["rank"] == 1]
    joined = evidence_table(table[list(CLAIM_COLUMNS)], best.drop(columns=["title"]),
                            ws.store.passages())  # fmt: skip
    _emit(joined, "table", None, bom=False, columns=_MATCH_TABLE_COLUMNS)
    click.echo(f"\nThe demo workspace is in {ws.folder}/; open it with `workbench demo`.")


def run_ui(workspace: Path, *, port: int) -> int:
    """Run `streamlit run` on the app file, with the workspace in WORKBENCH_WORKSPACE."""
    if importlib.util.find_spec("streamlit") is None:  # looked up, never imported
        raise click.ClickException(
            "the app needs Streamlit: pip install 'streamlit>=1.57' (or `make demo`)"
        )
    if not UI_APP.is_file():
        raise click.ClickException(f"the app file {UI_APP} is missing; reinstall claim-workbench")
    command = [sys.executable, "-m", "streamlit", "run", str(UI_APP),
               "--server.address", "127.0.0.1", "--server.headless", "true",
               "--server.port", str(port),
               # A local newsroom tool: no "Deploy" button, no usage statistics sent anywhere.
               "--client.toolbarMode", "minimal",
               "--browser.gatherUsageStats", "false"]  # fmt: skip
    env = {**os.environ, ENV_VAR: str(Path(workspace).resolve())}
    if chosen_database():
        env[DATABASE_VAR] = str(chosen_database())
    click.echo(f"Opening the workbench on http://127.0.0.1:{port} (Ctrl+C to stop)", err=True)
    try:
        return subprocess.run(command, env=env, check=False).returncode
    except KeyboardInterrupt:
        return 0


class ProgressBars:
    """tqdm bars on stderr for `pipeline.Progress`: a new bar for every new step."""

    def __init__(self) -> None:
        self._bar: tqdm[None] | None = None
        self._what = ""

    def __enter__(self) -> ProgressBars:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()

    def update(self, done: int, total: int, what: str) -> None:
        """Move the bar of step `what` to `done` of `total`."""
        if self._bar is None or what != self._what:
            if self._bar is not None:
                self._bar.close()
            self._bar, self._what = tqdm(total=total, desc=what, file=sys.stderr), what
        self._bar.total = total
        self._bar.update(done - self._bar.n)


def _write_bytes(data: bytes, output: Path | None, message: str) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_file(output, data)
        click.echo(message, err=True)


def _match_sources(
    table: pd.DataFrame, paths: tuple[Path, ...], *, limit: int, max_bytes: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Index the sources in memory, with a progress bar, and match the claims against them."""
    passages = read_sources(source_files(paths), max_bytes=max_bytes)
    index = PassageIndex.open(None)
    with tqdm(total=len(passages), desc="Indexing passages", unit="passage",
              file=sys.stderr) as bar:  # fmt: skip
        index.add(passages, progress=lambda done, _total: bar.update(done - bar.n))
    return passages, match_claims(table, index, limit=limit)


def _emit(
    table: pd.DataFrame,
    fmt: str,
    output: Path | None,
    *,
    bom: bool,
    columns: tuple[str, ...] = _TABLE_COLUMNS,
) -> None:
    if fmt == "table":
        data = (render_table(table, columns=columns) + "\n").encode("utf-8")
    elif fmt == "csv":
        data = to_csv(table, bom=bom)
    else:
        data = to_jsonl(table)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_file(output, data)
        click.echo(f"Wrote {len(table)} claims to {output}", err=True)


def write_file(output: Path, data: bytes) -> None:
    """Write `-o OUT`, or say in one line why it cannot be written and what to do."""
    if not output.parent.is_dir():
        raise click.ClickException(
            f"cannot write {output}: the folder {output.parent} does not exist; create it "
            "first or choose another -o"
        )
    try:
        output.write_bytes(data)
    except OSError as error:
        raise click.ClickException(
            f"cannot write {output}: {error.strerror or error}; choose another -o"
        ) from None


def render_table(
    table: pd.DataFrame, *, width: int = 48, columns: tuple[str, ...] = _TABLE_COLUMNS
) -> str:
    """A readable terminal table: one line a row, long cells shortened."""
    if table.empty:
        return "No claims found."
    rows = [[_short(cell_text(row[col]), width) for col in columns] for _, row in table.iterrows()]
    counts = table["kind"].value_counts()
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    noun = "claims" if columns == _TABLE_COLUMNS else "matches"
    return tabulate(rows, headers=list(columns)) + f"\n\n{len(table)} {noun}: {summary}"


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def main() -> None:
    """Entry point of the `workbench` console script."""
    cli(prog_name="workbench")
