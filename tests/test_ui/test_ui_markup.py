"""The HTML and Markdown the pages build from untrusted text: escaped, marked, never run."""

from __future__ import annotations

import pandas as pd

from workbench.ui import charts, markup
from workbench.ui.markup import Span


def test_article_text_is_escaped_before_any_mark_is_added() -> None:
    text = 'Polls <script>alert("x")</script> gave 45% & more'
    body = markup.highlight(text, [Span(text.index("45%"), text.index("45%") + 3, "#fff", "a")])
    assert "<script" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert (
        '<mark style="background:#fff;padding:0 2px;border-radius:3px" title="a">45%</mark>' in body
    )
    assert "&amp; more" in body


def test_the_result_is_one_html_block_that_markdown_leaves_alone() -> None:
    body = markup.highlight("# Title\n\n*not bold* costs $5\r\nend", [])
    assert "\n" not in body and "\r" not in body
    assert body.startswith("<div") and body.endswith("</div>")
    assert "&#36;5" in body and body.count("<br>") == 3


def test_nested_claims_show_the_innermost_colour() -> None:
    text = "He said: we are 97 percent sure."
    outer = Span(0, len(text), "#111111", "attribution")
    inner = Span(text.index("97"), text.index("97") + len("97 percent"), "#222222", "percent")
    body = markup.highlight(text, [outer, inner])
    assert body.count("<mark") == 3
    assert '#222222;padding:0 2px;border-radius:3px" title="percent">97 percent</mark>' in body


def test_spans_outside_the_text_are_ignored() -> None:
    body = markup.highlight("short", [Span(2, 99, "#fff"), Span(3, 3, "#fff")])
    assert "<mark" not in body


def test_the_open_claim_is_outlined() -> None:
    body = markup.highlight("abc", [Span(0, 1, "#fff", outlined=True), Span(2, 3, "#fff")])
    assert body.count("outline:") == 1


def test_a_passage_marks_its_evidence_words() -> None:
    body = markup.highlight_passage("Exports rose 12 per cent.", 13, 24)
    assert '"matching words">12 per cent</mark>' in body
    assert "<mark" not in markup.highlight_passage("No span here.", None, None)


def test_search_words_are_marked_by_their_stem() -> None:
    body = markup.highlight_words("The exporter said exports of rice rose.", "rice exports the")
    assert body.count("<mark") == 3  # exporter, exports, rice; never the stop word "the"


def test_markdown_text_cannot_format_link_or_run_directives() -> None:
    shown = markup.md("[click](javascript:alert(1)) *x* :red[y] $5 <b>")
    assert shown == r"\[click\]\(javascript\:alert\(1\)\) \*x\* \:red\[y\] \$5 \<b\>"


def test_agreement_badges_use_the_agreed_colours() -> None:
    assert markup.agreement_badge("agrees") == ":green-badge[agrees]"
    assert markup.agreement_badge("verbatim") == ":green-badge[verbatim]"
    assert markup.agreement_badge("conflicts") == ":red-badge[conflicts]"
    assert markup.agreement_badge("altered") == ":orange-badge[altered]"
    assert markup.agreement_badge("misattributed") == ":orange-badge[misattributed]"
    assert markup.agreement_badge("absent") == ":gray-badge[absent]"
    assert markup.agreement_badge(None) == ":gray-badge[unchecked]"


def test_time_stamps_read_as_a_reader_writes_them() -> None:
    assert markup.when("2025-09-02T09:03:41Z") == "2 Sep 2025, 09:03 UTC"
    assert markup.when("2025-12-31T23:59:00Z") == "31 Dec 2025, 23:59 UTC"
    assert markup.when(None) == "" and markup.when("yesterday") == "yesterday"


def test_consistent_has_its_own_badge_and_count() -> None:
    assert markup.agreement_badge("consistent") == ":blue-badge[consistent]"
    assert "not the same figure" in markup.AGREEMENT_HELP["consistent"]
    matches = pd.DataFrame(
        {
            "claim_id": ["a", "a", "b", "c", "d"],
            "rank": [1, 2, 1, 1, 1],
            "agreement": ["consistent", "agrees", "agrees", "consistent", "conflicts"],
        }
    )
    counts = charts.verdict_counts(matches).set_index("verdict")["claims"].to_dict()
    assert counts == {"agrees": 1, "consistent": 2, "conflicts": 1}
