"""Quotes, their speakers, and attribution clauses (`claims.quotes.find.find_quotes`).

Each hard case is a short paragraph written for the test, checked by span text and speaker; the
seed article is checked against its gold rows; the shared news corpora check that the finder
never fails and that every span is exact; adversarial inputs check that the cost stays linear.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from evaldata import require_shared
from rapidfuzz import fuzz, utils

from claims.found import Found
from claims.quotes.find import find_quotes
from claims.reading.sentences import paragraph_spans, sentence_spans
from claims.reading.wordstarts import WholeWords

REPO_ROOT = Path(__file__).resolve().parents[3]
SHARED = REPO_ROOT.parent / "shared"
NEWS = SHARED / "eval" / "news"
SEED_TEXT = REPO_ROOT / "seeds" / "000_c76c75e25c87b28b.txt"
SEED_GOLD = REPO_ROOT / "tests" / "seed-gold.jsonl"
QUOTE_MARKS = "\"“”„«»'‘’"


def run(text: str) -> list[Found]:
    return find_quotes(text, sentence_spans(text), paragraph_spans(text))


def quotes(text: str) -> list[tuple[str, str | None]]:
    return [(text[f.start : f.end], f.speaker) for f in run(text) if f.kind == "quote"]


def attributions(text: str) -> list[tuple[str, str | None]]:
    return [(text[f.start : f.end], f.speaker) for f in run(text) if f.kind == "attribution"]


def same_speaker(found: str | None, gold: str) -> bool:
    if found is None:
        return False
    return fuzz.token_set_ratio(found, gold, processor=utils.default_process) >= 90


# ---------------------------------------------------------------------------- the seed article


def seed_rows() -> list[dict[str, object]]:
    with SEED_GOLD.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [r for r in rows if r["kind"] in ("quote", "attribution") and not r.get("optional")]


@pytest.mark.parametrize("gold", seed_rows(), ids=lambda r: str(r["text"])[:40])
def test_seed_rows_are_found_with_their_speaker(gold: dict[str, object]) -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    start, end = int(str(gold["start"])), int(str(gold["end"]))
    also = gold.get("speaker_also")
    names = [str(gold["speaker"]), *(also if isinstance(also, list) else [])]
    found = [f for f in run(text) if f.kind == gold["kind"] and f.start < end and start < f.end]
    assert found, f"no {gold['kind']} over {gold['text']!r}"
    assert any(same_speaker(f.speaker, n) for f in found for n in names), found


def test_seed_spans_are_exact_and_speakers_as_the_schema_writes_them() -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    found = {(f.kind, text[f.start : f.end]): f.speaker for f in run(text)}
    assert found[("quote", "China’s V-Day commemorations")] == "Xinhua News Agency"
    assert found[("attribution", "the two countries said")] == "the two countries"
    assert found[("attribution", "the official Xinhua News Agency said")] == "Xinhua News Agency"
    assert found[("attribution", "It cited Assistant Foreign Minister Hong Lei as saying")] == (
        "Hong Lei"
    )
    assert found[("attribution", "North Korea’s state news agency confirmed")] == (
        "North Korea’s state news agency"
    )
    assert found[("attribution", "North Korea has recently said")] == "North Korea"
    assert found[("attribution", "Trump told reporters")] == "Trump"


def test_seed_not_a_claim_rows_are_left_alone() -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    with SEED_GOLD.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    for row in (r for r in rows if r["kind"] == "not_a_claim"):
        hits = [f for f in run(text) if f.start < row["end"] and row["start"] < f.end]
        assert not hits, row["text"]


def test_every_finding_has_priority_five_and_value_equal_to_speaker() -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    for f in run(text):
        assert f.priority == 5
        assert f.value == f.speaker


# ---------------------------------------------------------------------------- quote marks


@pytest.mark.parametrize(
    ("text", "span", "speaker"),
    [
        (
            '"We will win this election," said Tony Blair.',
            "We will win this election,",
            "Tony Blair",
        ),
        ("“We will win,” Mr Blair said.", "We will win,", "Blair"),
        # Curly open, straight close, as in the seed article.
        (
            "Xinhua said the parade was set. It said Kim will attend what it called “China’s "
            'V-Day commemorations" on Sept. 3.',
            "China’s V-Day commemorations",
            "Xinhua",
        ),
        # Single quotes nested in double ones are part of the quote.
        (
            "\"He told me 'no way' and left,\" said Jane Smith.",
            "He told me 'no way' and left,",
            "Jane Smith",
        ),
        # Apostrophes are not quote marks.
        (
            "\"China's economy isn't slowing, and the ’90s are over,\" Kim's adviser Lee Min-ho "
            "said.",
            "China's economy isn't slowing, and the ’90s are over,",
            "Lee Min-ho",
        ),
        # British single outer quotes, with a plural possessive inside.
        (
            "'The players' union is strong,' said Mr Smith.",
            "The players' union is strong,",
            "Smith",
        ),
    ],
)
def test_quote_marks(text: str, span: str, speaker: str) -> None:
    assert quotes(text) == [(span, speaker)]


def test_a_quote_over_several_sentences_is_one_quote() -> None:
    text = "Trump told reporters, “I loved it. Remember when I walked across the line.”"
    assert quotes(text) == [("I loved it. Remember when I walked across the line.", "Trump")]
    assert attributions(text) == [("Trump told reporters", "Trump")]


def test_ap_continuation_runs_over_the_paragraph_break() -> None:
    text = (
        'Health Secretary John Reid said: "We have turned the corner.\n\n'
        '"Waiting lists are the shortest they have ever been," he added.\n\n'
        "The figures were published on Monday."
    )
    span = 'We have turned the corner.\n\n"Waiting lists are the shortest they have ever been,'
    assert quotes(text) == [(span, "John Reid")]


def test_run_together_paragraphs_continue_the_quote() -> None:
    text = (
        '"People like a vested interest," said Paul Dergarabedian. "They watch. "When a film '
        'does well, you get viewers." Past years have seen more.'
    )
    span = 'They watch. "When a film does well, you get viewers.'
    assert quotes(text)[1] == (span, "Paul Dergarabedian")


def test_an_unclosed_quote_ends_with_its_paragraph() -> None:
    text = (
        'The minister said "this will never end.\n\n'
        'Next paragraph is plain. Analysts called it "a grave mistake" on Monday.'
    )
    found = quotes(text)
    assert found[0][0] == "this will never end."
    assert found[1][0] == "a grave mistake"


@pytest.mark.parametrize(
    "text",
    [
        'Lennon wrote his hit single "Yellow Submarine" in 1966.',
        'Jamie Foxx won for the film "Ray" on Sunday.',
        'She said the book "War and Peace" changed her life.',
        'The band released an album called "Abbey Road" in 1969.',
        'The report, entitled "Fixing The Future", was published.',
        "Kim's trip in the ’90s wasn't the players' choice, I'm told, and rock 'n' roll won.",
        "He is 5'10\" tall and weighs 12 stone.",
    ],
)
def test_titles_of_works_and_apostrophes_are_not_quotes(text: str) -> None:
    assert quotes(text) == []


def test_a_phrase_quoted_as_someone_s_words_is_a_quote() -> None:
    text = 'Chancellor Gordon Brown described the plan as "unworkable".'
    assert quotes(text) == [("unworkable", "Gordon Brown")]


# ---------------------------------------------------------------------------- speakers


@pytest.mark.parametrize(
    ("text", "span", "speaker"),
    [
        (
            '"It is unworkable," Gordon Brown, the Chancellor, said.',
            "It is unworkable,",
            "Gordon Brown",
        ),
        (
            'Prime Minister Tony Blair spoke in Leeds. "We will win," he added.',
            "We will win,",
            "Tony Blair",
        ),
        ('Ann Lee said: "We are ready."', "We are ready.", "Ann Lee"),
        (
            'Xinhua cited Assistant Foreign Minister Hong Lei as saying "the visit is historic".',
            "the visit is historic",
            "Hong Lei",
        ),
        (
            '"The pledged assets are with Rosneft," said Moscow-based US lawyer Jamie Firestone, '
            "who is not connected to the case.",
            "The pledged assets are with Rosneft,",
            "Jamie Firestone",
        ),
        (
            '"Our performance was strong," chairman and chief executive Richard Parsons said.',
            "Our performance was strong,",
            "Richard Parsons",
        ),
        (
            'Oil prices fell, while "demand collapsed in the autumn" in Asia, the OECD said.',
            "demand collapsed in the autumn",
            "OECD",
        ),
    ],
)
def test_speaker_of_a_quote(text: str, span: str, speaker: str) -> None:
    assert quotes(text) == [(span, speaker)]


def test_speaker_is_carried_to_the_next_quote_in_the_same_paragraph() -> None:
    text = '"We will fight on," said Jane Smith. "There is no alternative."'
    assert quotes(text) == [
        ("We will fight on,", "Jane Smith"),
        ("There is no alternative.", "Jane Smith"),
    ]


def test_speaker_is_carried_to_the_next_paragraph() -> None:
    text = '"We will fight on," said Jane Smith.\n\n"There is no alternative."'
    assert quotes(text)[1] == ("There is no alternative.", "Jane Smith")


def test_a_speaker_is_not_carried_far_or_to_a_phrase() -> None:
    text = (
        '"We will fight on," said Jane Smith.\n\nMarkets fell.\n\nPrices rose.\n\n'
        'Traders spoke of "panic" on the floor.\n\n"Nobody knows," one trader added later.'
    )
    found = dict(quotes(text))
    assert found["panic"] != "Jane Smith"


@pytest.mark.parametrize(
    ("text", "span", "speaker"),
    [
        (
            "Chinese President Xi Jinping said the talks went well.",
            "Chinese President Xi Jinping said",
            "Xi Jinping",
        ),
        (
            "Former South Korean President Moon Jae-in said he was pleased.",
            "Former South Korean President Moon Jae-in said",
            "Moon Jae-in",
        ),
        (
            "The Bank of England said rates would stay.",
            "The Bank of England said",
            "Bank of England",
        ),
        ("Growth will slow, according to the OECD.", "according to the OECD", "OECD"),
        ("But many observers say the deal is weak.", "many observers say", "many observers"),
        (
            "The two countries said Thursday they would talk.",
            "The two countries said",
            "The two countries",
        ),
        (
            "North Korea has recently said it has no plans.",
            "North Korea has recently said",
            "North Korea",
        ),
        (
            "Menatep Group's managing director Tim Osborne told the Reuters news agency it "
            "would sue.",
            "Menatep Group's managing director Tim Osborne told the Reuters news agency",
            "Tim Osborne",
        ),
        (
            "Aviation analyst Mike Powell of Dresdner Kleinwort Wasserstein says BA is strong.",
            "Aviation analyst Mike Powell of Dresdner Kleinwort Wasserstein says",
            "Mike Powell",
        ),
        ("Electronic Arts (EA) says sales rose.", "Electronic Arts (EA) says", "Electronic Arts"),
        (
            "However, the head of SACMS, Zhao Tiechui, said deaths fell.",
            "Zhao Tiechui, said",
            "Zhao Tiechui",
        ),
        (
            "It returned to open water, said Andrea Hayward-Maher, a spokeswoman.",
            "said Andrea Hayward-Maher",
            "Andrea Hayward-Maher",
        ),
        (
            "Growth was 2.5%, figures announced by the Office for National Statistics show.",
            "announced by the Office for National Statistics",
            "Office for National Statistics",
        ),
        ("Mr Blair was quoted as saying he would stay.", "Mr Blair was quoted as saying", "Blair"),
    ],
)
def test_attribution_span_and_source(text: str, span: str, speaker: str) -> None:
    assert (span, speaker) in attributions(text)


def test_pronouns_resolve_to_the_last_organisation_or_person() -> None:
    text = (
        "The official Xinhua News Agency said the parade was set. It said 26 leaders would come. "
        "Labour MP Jane Smith welcomed the news. She said it was a good day."
    )
    found = dict(attributions(text))
    assert found["It said"] == "Xinhua News Agency"
    assert found["She said"] == "Jane Smith"


def test_a_description_resolves_to_the_person_it_stands_for() -> None:
    text = (
        'After a tough first set, Alicia Molik grew in confidence. "Bring it on," said the '
        "23-year-old."
    )
    assert quotes(text) == [("Bring it on,", "Alicia Molik")]


def test_he_is_the_speaker_of_the_moment_not_the_last_name_mentioned() -> None:
    text = (
        "Michael Howard said the country was adrift. "
        '"Britain is heading the wrong way," the Conservative leader said. '
        'Mr Blair\'s government was "bossy and interfering", he added. '
        "Mr Blair has failed to tackle crime, he claimed."
    )
    found = run(text)
    speakers = {text[f.start : f.end]: f.speaker for f in found}
    assert speakers["the Conservative leader said"] == "Michael Howard"
    assert speakers["he added"] == "Michael Howard"
    assert speakers["he claimed"] == "Michael Howard"
    assert speakers["bossy and interfering"] == "Michael Howard"


def test_she_is_never_a_man_known_as_he() -> None:
    text = (
        'Analyst Shelley Taylor said formats would converge. "People want portability," she '
        "said. Cory Doctorow, of the Electronic Frontier Foundation, expressed doubts. "
        '"Not one of these systems has ever prevented piracy," he said.'
    )
    found = dict(quotes(text))
    assert found["People want portability,"] == "Shelley Taylor"
    assert found["Not one of these systems has ever prevented piracy,"] == "Cory Doctorow"


@pytest.mark.parametrize(
    ("text", "span", "speaker"),
    [
        (
            'Bath need back-up. Said Williams: "When this opportunity came, I took it."',
            "When this opportunity came, I took it.",
            "Williams",
        ),
        (
            "Mervyn Davies, a member of two Grand Slam sides, hailed it as "
            '"one of the great performances".',
            "one of the great performances",
            "Mervyn Davies",
        ),
        (
            'Jones, after his superb display, observed that "we are a very happy camp now".',
            "we are a very happy camp now",
            "Jones",
        ),
    ],
)
def test_sports_page_shapes(text: str, span: str, speaker: str) -> None:
    assert (span, speaker) in quotes(text)


def test_a_phrase_without_attribution_takes_the_subject_of_its_sentence() -> None:
    text = (
        "Chancellor Gordon Brown delivered his pre-Budget report.\n\n"
        'The chancellor also hailed the longest period of growth in UK "industrial history".'
    )
    assert quotes(text) == [("industrial history", "Gordon Brown")]


@pytest.mark.parametrize(
    ("text", "span", "speaker"),
    [
        ("Consumers want music on the move, says a report.", "says a report", "a report"),
        (
            "It went on sale priced $150 and Nintendo says sales have been strong.",
            "Nintendo says",
            "Nintendo",
        ),
        (
            "Growth will slow, said Stuart Hensel of the Economist Intelligence Unit.",
            "said Stuart Hensel of the Economist Intelligence Unit",
            "Stuart Hensel",
        ),
        (
            "Juninho wants to stay at Celtic, Juninho's agent says. The attacking midfielder "
            "also claims that he lacks support.",
            "The attacking midfielder also claims",
            "Juninho",
        ),
    ],
)
def test_more_attribution_shapes(text: str, span: str, speaker: str) -> None:
    assert (span, speaker) in attributions(text)


@pytest.mark.parametrize(
    "text",
    [
        "It was said that the plan would fail.",
        "It's said that Columbus used this map.",
        "The vote came amid claims that ballots were lost.",
        "Trade grew across the ex-Soviet states.",
        "Kim reported from Seoul, South Korea.",
        "The index added 3% on Monday.",
        "Arsenal claimed the title in May.",
        "He declined to say whether he would run.",
        "They said nothing, and we told you so.",
        "The growth forecast was cut to 2%.",
    ],
)
def test_no_attribution_without_a_named_or_described_source(text: str) -> None:
    assert attributions(text) == []


def test_no_attribution_inside_a_quote() -> None:
    text = '"The minister said no, and the bank told us to wait," Smith said.'
    assert attributions(text) == [("Smith said", "Smith")]


# ---------------------------------------------------------------------------- robustness


def news_articles() -> Iterator[tuple[str, str]]:
    for path in sorted(require_shared(NEWS).glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                yield f"{path.stem}/{row['id']}", row.get("text") or row.get("article") or ""


def test_news_corpora_never_fail_and_every_span_is_exact() -> None:
    count = 0
    for name, text in news_articles():
        found = run(text)
        spans = sorted((f.start, f.end) for f in found)
        for f in found:
            assert 0 <= f.start < f.end <= len(text), name
            piece = text[f.start : f.end]
            assert piece == piece.strip(), (name, piece)
            assert f.kind in ("quote", "attribution") and f.value == f.speaker, name
            if f.kind == "attribution":
                assert f.speaker, (name, piece)
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start, name  # no two findings overlap
        count += 1
    assert count > 2000


@pytest.mark.parametrize(
    ("text", "paragraph", "span", "speaker"),
    [
        # The mark opens its paragraph, right after a letter outside it.
        ("Intro'Stop it,' said Ann Smith.", (5, 31), "Stop it,", "Ann Smith"),
        # The mark closes its paragraph, right before a letter outside it.
        ("Ann Smith said 'we won'x", (0, 23), "we won", "Ann Smith"),
    ],
)
def test_marks_at_the_edges_of_a_paragraph_are_read_within_it(
    text: str, paragraph: tuple[int, int], span: str, speaker: str
) -> None:
    found = find_quotes(text, [paragraph], [paragraph])
    assert [(text[f.start : f.end], f.speaker) for f in found if f.kind == "quote"] == [
        (span, speaker)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "said",
        "Said so, said Ann.",
        "unsaid, said_ and said2 said",
        "x\xa0said (said) “said” —said ’said",
        "é said ésaid",
        "© said ©said",  # a character the fast scan does not list before a word
        "according to\nAccording  to according toll",
    ],
)
def test_speech_verbs_are_found_exactly_where_a_word_starts(text: str) -> None:
    words = r"(?:said|Said|[Aa]ccording\s+to)\b"
    plain = re.compile(rf"(?<!\w){words}")
    for spans in ([(0, len(text))], [(2, len(text) - 3)], [(0, 6), (9, len(text))]):
        expected = [
            (m.start(), m.group()) for lo, hi in spans for m in plain.finditer(text, lo, hi)
        ]
        assert WholeWords(words).find(text, spans) == expected, spans


@pytest.mark.parametrize("text", ["", " ", '"', "“", "said", "He said", "according to", ',"'])
def test_degenerate_input_gives_nothing(text: str) -> None:
    assert find_quotes(text, [], []) == []


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "text",
    [
        " ".join(["said Word according to the many words told"] * 25_000),  # 1 MB, no punctuation
        "x" + "1" * 10_000 + " said",
        '"' * 5_000,
        "'" * 5_000 + "“" * 5_000 + "’" * 5_000,
        ("He said “unclosed " + "word " * 50 + "\n") * 3_000,
        ('" said Mr A Big Name, the ' + "Name " * 20) * 2_000,
        "Aaa " * 250_000,
    ],
    ids=["no-punctuation", "digits", "double-marks", "mixed-marks", "unclosed", "names", "caps"],
)
def test_adversarial_input_stays_linear(text: str) -> None:
    found = run(text)
    for f in found:
        assert 0 <= f.start < f.end <= len(text)
