"""The `workbench` command line: a click group over the library and the application.

Library errors (`ClaimsError`) become `click.ClickException` here, so a user's mistake prints
one clear line that says how to fix it, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
import pandas as pd
from tabulate import tabulate
from tqdm import tqdm

from claims.errors import ClaimsError
from claims.extract import extract_claims
from claims.index import PassageIndex
from claims.match import match_claims
from claims.text import DEFAULT_MAX_BYTES, load_text
from workbench.evidence import evidence_table, read_sources, source_files
from workbench.export import cell_text, to_csv, to_jsonl
from workbench.seeds import SEEDS_DIR, seed_article

FORMATS = ("table", "csv", "jsonl")
_TABLE_COLUMNS = ("kind", "text", "value", "unit", "qualifier", "speaker", "subject")
_MATCH_TABLE_COLUMNS = ("kind", "text", "rank", "agreement", "source_value", "title", "evidence")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claim-workbench")
def cli() -> None:
    """Find every checkable claim in a news article and check it against your sources.

    Example: workbench extract story.txt --published 2025-08-28
    """


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--published", help="Publication date, YYYY-MM-DD: resolves 'next week'.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here.")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse larger files (raise it for a very long document).")  # fmt: skip
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
@click.argument("article", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--sources", "source_paths", multiple=True, required=True,
              type=click.Path(exists=True, path_type=Path),
              help="A source file or folder; repeat for several.")  # fmt: skip
@click.option("--published", help="Publication date, YYYY-MM-DD: resolves 'next week'.")
@click.option("-k", "limit", type=click.IntRange(1, 50), default=5, show_default=True,
              help="Passages per claim.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here.")
def match(
    article: Path,
    source_paths: tuple[Path, ...],
    published: str | None,
    limit: int,
    fmt: str,
    output: Path | None,
) -> None:
    """Find, for each claim of an article, the source passages that confirm or contradict it.

    Example: workbench match story.txt --sources seeds/sources --published 2025-08-28
    """
    try:
        text = load_text(article)
        table = extract_claims(text, published=published, article_id=article.stem)
        passages, matches = _match_sources(table, source_paths, limit=limit)
    except ClaimsError as exc:
        raise click.ClickException(str(exc)) from None
    joined = evidence_table(table, matches, passages)
    _emit(joined, fmt, output, bom=False, columns=_MATCH_TABLE_COLUMNS)


@cli.command()
def demo() -> None:
    """Show the seed article's claims (an AP story of 2025-08-28) and their evidence in the demo
    sources of seeds/sources/ (illustrative documents written for the demo).

    Example: workbench demo
    """
    article = seed_article()
    table = extract_claims(article.text, published=article.published, article_id=article.id)
    click.echo(f"{article.title}\n{article.outlet}, published {article.published}\n")
    _emit(table, "table", None, bom=False)
    click.echo("\nEvidence in the demo sources (seeds/sources/, illustrative):\n")
    try:
        passages, matches = _match_sources(table, (SEEDS_DIR / "sources",), limit=1)
    except ClaimsError as exc:
        raise click.ClickException(str(exc)) from None
    joined = evidence_table(table, matches, passages)
    _emit(joined, "table", None, bom=False, columns=_MATCH_TABLE_COLUMNS)


def _match_sources(
    table: pd.DataFrame, paths: tuple[Path, ...], *, limit: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Index the sources in memory, with a progress bar, and match the claims against them."""
    passages = read_sources(source_files(paths))
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
        output.write_bytes(data)
        click.echo(f"Wrote {len(table)} claims to {output}", err=True)


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
