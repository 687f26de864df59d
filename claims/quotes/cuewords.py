"""The words that report speech: verbs, participles, and the verbs that frame a quoted phrase.

Each table is one kind of cue, read one way by `claims.quotes.attributions`. A verb that is also
an ordinary verb or noun goes in a stricter table, which asks for reported content after it.
"""

from __future__ import annotations

# Verbs that report speech. A strict verb is also an ordinary verb ("added 3% to", "reported a
# profit", "claimed the title", "Kim reported from Seoul"), so it counts only when what follows
# looks like reported content: "that", punctuation, a quote, or a pronoun subject.
SPEECH_VERBS = frozenset(
    """said says say told tells stated confirmed confirms announced announces warned warns
    insisted insists argued argues explained explains admitted admits acknowledged acknowledges
    stressed stresses suggested suggests predicted predicts replied replies responded
    responds commented concluded concludes declared declares maintained maintains
    revealed reveals conceded concedes recalled recalls urged urges asserted asserts argue
    insist warn admit explain suggest predict stress confirm reveal concede tweeted
    reiterated reiterates remarked emphasized emphasised emphasizes emphasises contended
    contends quipped joked lamented laments complained complains cautioned cautions
    countered""".split()
)
# Report verbs of documents and findings, and verbs that are plural nouns as often ("amid
# claims", "ex-Soviet states", "the data shows"): only before "that", a colon or a quote.
THAT_VERBS = frozenset(
    """claims reports notes states showed shows show found finds indicated indicates
    estimated estimates denied denies vowed vows promised promises pledged pledges
    alleged alleges posted indicate disclosed tweets""".split()
)
STRICT_SPEECH_VERBS = (
    frozenset(
        """added adds reported reports claimed claims noted notes states wrote writes asked asks
    observed observes continued continues boasted""".split()
    )
    | THAT_VERBS
)
# Verbs of reporting that count without "that" after a subject that reports (a name, a
# pronoun, a document): "Clinton noted the clot's existence", "Polls show a close contest".
REPORT_VERBS = frozenset(
    """noted notes reported reports showed shows show found indicated indicates indicate
    disclosed estimated estimates denied denies observed wrote writes""".split()
)
# Of these, the ones that are nouns as often ("the West End show", "his notes"): they count
# without "that" only after a pronoun, a person or a document.
NOUN_LIKE_VERBS = frozenset("notes reports shows show estimates".split())
# Writing reports speech when it is not of a thing written ("wrote in an email", "wrote on
# Twitter"; not "wrote the score", "wrote a new chapter"): never before a determiner.
WRITING_VERBS = frozenset("wrote writes".split())
# Heads of a described source that shows what it shows ("video of the incident shows").
EVIDENCE_NOUNS = frozenset(
    """video videos footage photo photos records documents averages average numbers
    results tally count emails""".split()
)
# Participles that report speech in a clause of their own: "..., adding that", "issued a
# statement saying". Their source is the subject of the sentence.
PARTICIPLES = frozenset(
    """saying adding telling noting arguing suggesting explaining claiming announcing stating
    acknowledging warning declaring insisting asserting tweeting stressing predicting
    recalling urging vowing promising alleging conceding asking""".split()
)
# Participles that report speech whatever follows them ("telling reporters", "saying he").
PLAIN_PARTICIPLES = frozenset("saying telling adding".split())
# Nouns of a message a participle may follow without a comma ("released a statement saying").
MESSAGE_NOUNS = frozenset(
    """statement statements release tweet tweets email e-mail letter post interview video ad
    memo report message speech remarks calls ads messages posts emails letters signs
    notes""".split()
)
# "X cited Y as saying": Y is the speaker; the clause runs from X to "saying".
CITING_VERBS = frozenset("cited cites quoted quotes".split())
# Verbs that are nouns as often ("the growth forecast"): they count after a name or a pronoun.
NAMED_SUBJECT_VERBS = frozenset("forecast forecasts".split())
# Verbs that frame a quoted phrase as someone's words ("what it called", "described it as").
FRAMING_VERBS = frozenset(
    """called calls call described describes dubbed dubs termed terms branded brands labelled
    labeled labels hailed hails likened likens characterized characterised portrayed praised
    slammed blasted mocked derided dismissed denounced condemned""".split()
)
# Nouns of what someone said, whose possessor said the quote after them ("Trump's claim that
# there have been "thousands of shootings"").
SAYING_NOUNS = frozenset(
    """claim claims statement statements remark remarks comment comments assertion promise
    vow pledge warning words description characterization contention suggestion insistence
    argument accusation charge boast""".split()
)
