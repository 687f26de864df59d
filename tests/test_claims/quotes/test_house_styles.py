"""Speakers and attributions in the house styles of US and UK outlets, one test per pattern.

The sentences are short ones of the shared corpora (PolNeAR, BBC, CNN), or written in their
style; each pattern has the cases it must not take too: a name inside the quote, a recipient,
a second speaker in the same paragraph.
"""

from __future__ import annotations

import pytest

from claims.found import Found
from claims.quotes.find import find_quotes
from claims.reading.sentences import paragraph_spans, sentence_spans


def run(text: str) -> list[Found]:
    return find_quotes(text, sentence_spans(text), paragraph_spans(text))


def speakers(text: str) -> list[str | None]:
    return [f.speaker for f in run(text) if f.kind == "quote"]


def attributions(text: str) -> list[tuple[str, str | None]]:
    return [(text[f.start : f.end], f.speaker) for f in run(text) if f.kind == "attribution"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The New York Times writes a double quote as two single marks.
        (
            "Using the capital gains tax ''is a misguided approach,'' said Mr. Burman.",
            "Burman",
        ),
        # A party and state after the name (AP, Reuters on US politics).
        (
            "“Our assumption is that the veto will be overridden,” Senate Majority Leader "
            "Mitch McConnell, R-Ky., said Tuesday.",
            "Mitch McConnell",
        ),
        # A name keeps the clause through the descriptions after it.
        (
            "“It’s an invasion,” Scott Pruitt, the Republican attorney general of Oklahoma, "
            "one of the states suing the EPA, said at a Washington event.",
            "Scott Pruitt",
        ),
        (
            "“This is a disgusting day,” said Rep. G.K. Butterfield (D-N.C.), head of the "
            "Congressional Black Caucus.",
            "G.K. Butterfield",
        ),
        ("“The impact is still small,” said House Speaker Paul Ryan.", "Paul Ryan"),
        # Any verb after a quote that ends in a comma or a question mark.
        ("“Why did you do it?” Vitter demanded.", "Vitter"),
        ("“We are delighted,” beamed Donald Hartley of Madison.", "Donald Hartley"),
        # An attribution that ends its sentence belongs to the quote before it.
        ("“You should resign.” Warren said.\n\nLast week the bank paid.", "Warren"),
        # A report speaks for its maker.
        ("“The world economy has moved sideways,” the IMF report stated.", "IMF"),
        # "Mr." before a word that is also a title.
        ("“It is all about enthusiasm,” Mr. King added.", "King"),
    ],
)
def test_attribution_after_the_quote(text: str, speaker: str) -> None:
    assert speakers(text)[0] == speaker


def test_the_recipient_of_told_is_never_the_speaker() -> None:
    text = (
        "“This narrative isn’t just in our institutions,” Malkia Cyril, the executive "
        "director at the Center of Media Justice, told The Huffington Post."
    )
    assert speakers(text) == ["Malkia Cyril"]
    assert speakers("“It was a mistake,” he told The Huffington Post.") == [None]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # Collections of readers' quotes sign each one after a dash.
        (
            "“The most unqualified child to ever run for president.” ― Francisco Herrero\n"
            "“Maybe we can build a wall around Donald Trump.” ― Steve Quinlan.",
            "Francisco Herrero",
        ),
        # Transcripts open each turn with the speaker's label.
        ('"PENCE: Gennifer Flowers will not be attending the debate tomorrow night.', "Pence"),
        ('"MS. ROE: We will not settle, whatever they offer.', "Roe"),
        # A name and a colon after a dash, as live pages and newsletters write them.
        (
            "POLLSTERS DISAGREE - Carl Bialik: “Some pollsters think the race is close.”",
            "Carl Bialik",
        ),
        # A clause ending in a colon, whatever its verb.
        (
            "On July 6, 2015, Sanders made the following comment:\n\n“We need a political "
            "revolution.”",
            "Sanders",
        ),
    ],
)
def test_speakers_named_without_a_speech_verb(text: str, speaker: str | None) -> None:
    assert speakers(text)[0] == speaker


def test_a_name_inside_the_quote_is_not_its_signer() -> None:
    text = (
        "“Mr. Trump is clueless about the struggles of minorities.” ― Stephanie Egan\n"
        "“Donald Trump started attacking Latinos.” ― Karen Bobadilla."
    )
    assert speakers(text) == ["Stephanie Egan", "Karen Bobadilla"]


def test_each_transcript_turn_is_a_quote_of_its_own() -> None:
    text = (
        'Partial transcript as follows:\n\n"WALLACE: Will Gennifer Flowers be there?\n\n'
        '"PENCE: Gennifer Flowers will not be attending the debate.\n\n'
        '"WALLACE: Do you really see those two as equivalent?'
    )
    assert speakers(text) == ["Wallace", "Pence", "Wallace"]


def test_a_second_speaker_in_the_same_paragraph() -> None:
    text = "“We will win,” Smith said. Jones disagreed: “We will lose the vote.”"
    assert speakers(text) == ["Smith", "Jones"]


def test_a_pronoun_takes_up_the_subject_of_its_sentence() -> None:
    text = (
        "“It is a miracle cure,” said David Gorski.\n\nDemocratic Sen. Claire McCaskill "
        "(D-Mo.) scolded him: “The scientific community is almost monolithic against you "
        "in terms of the efficacy of the three products,” she said."
    )
    assert speakers(text) == ["David Gorski", "Claire McCaskill"]


def test_a_pronoun_after_but_is_the_subject_named_before_it() -> None:
    text = (
        "Hillary Clinton was said to be resting.\n\nFormer Pennsylvania Gov. Ed Rendell, who "
        "served as general chairman of the DNC, agreed that the rules should change, but he "
        "said that discussion should wait."
    )
    assert ("he said", "Ed Rendell") in attributions(text)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Trump said the plan would work, adding that it would cost nothing.", "Trump"),
        ("The White House is saying that the revelations should not matter.", "White House"),
        ("Polls show a close contest in the state.", "Polls"),
        ("Video of the incident shows him with his hands in the air.", "Video of the incident"),
        ("In her 2003 book, Clinton noted the clot’s existence.", "Clinton"),
        ("The judge rubbed his chin, and then said something very strange.", "The judge"),
        ("Smith on Friday said the deal was done.", "Smith"),
    ],
)
def test_indirect_attributions_with_report_cues(text: str, source: str) -> None:
    assert source in [speaker for _, speaker in attributions(text)]


@pytest.mark.parametrize(
    "text",
    [
        "His recent hits have included the West End show Mary Poppins.",
        "He wrote the score for a musical based on a novel.",
        "Currently, the intrepid kayaker boasts over 26,000 followers.",
        "The central bank this week said nothing.",
    ],
)
def test_no_attribution_from_nouns_and_times(text: str) -> None:
    sources = [speaker for _, speaker in attributions(text)]
    assert not any(s in ("West End", "week", "this week", "the intrepid kayaker") for s in sources)
    assert "week" not in " ".join(s or "" for s in sources)


@pytest.mark.parametrize(
    "text",
    [
        'Pence said on CNN\'s "State of the Union."',
        'On "Face the Nation," Sen. Bernie Sanders spoke of young voters.',
        'He took calls on his "Keepin\' It Real" radio program.',
        "It aired on Tuesday’s episode of “The Steve Harvey Morning Show.”",
    ],
)
def test_titles_of_shows_are_not_quotes(text: str) -> None:
    assert speakers(text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # Whose claim the quote gives, when no one in the sentence says it.
        (
            "Politifact seized on Trump’s claim that there have been “thousands of shootings” "
            "in Chicago this year.",
            "Trump",
        ),
        # Framing verbs of praise and blame.
        (
            'Another critic, Laurence H. Tribe, likened the rules to "burning the Constitution."',
            "Laurence H. Tribe",
        ),
        # A list of who said what, each name before a dash.
        (
            "A chorus of Republicans has said the same, including Mitt Romney -- ''It is "
            "disqualifying for a nominee to refuse to release tax returns.''",
            "Mitt Romney",
        ),
    ],
)
def test_quoted_phrases_of_named_speakers(text: str, speaker: str) -> None:
    assert speakers(text)[0] == speaker


def test_an_outer_speaker_keeps_the_claim_of_another() -> None:
    text = "Clinton said Trump’s claim that Obama “founded ISIS” was false."
    assert speakers(text) == ["Clinton"]


def test_a_claim_far_from_its_quote_is_not_its_source() -> None:
    text = (
        "Weaver was not impressed with Sanders’ comments Tuesday, telling reporters, “A lot "
        "of people said that.”"
    )
    assert "Sanders" not in speakers(text)


def test_a_speech_verb_is_no_transcript_label() -> None:
    assert speakers('Said Williams: "It was great to win here."') == ["Williams"]


def test_says_in_a_headline_follows_its_name() -> None:
    text = "Obama Says African-American Museum Will Tell of Suffering and Delight\n\nIt opened."
    assert attributions(text) == [("Obama Says", "Obama")]
