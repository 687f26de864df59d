"""The vocabulary of speakers' names and the phrases around them, and what it makes of a phrase.

Everything the quote finder knows about English lives here as data (the verbs that report speech
in `cuewords`): which words are titles to strip from a name, which words make a name an
organisation or a place.
A new case is a new table entry, not a new branch. `speaker_name` turns the noun phrase before
"said" into the speaker the claim table shows: a person or organisation by name, without titles
or leading articles, or a descriptive group kept as written when nothing in it is a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from claims.quotes.titlewords import TITLE_SMALL_WORDS

# Between a subject and its verb: "North Korea has recently said", "he also told".
AUXILIARIES = frozenset(
    """has have had will would could can may might must shall should also did does do
    earlier later again already still then now once today yesterday""".split()
)
PASSIVE = frozenset("was were is are be been being".split())
NEGATIONS = frozenset("not never n't no".split())
PRONOUNS = frozenset("he she it they we i you".split())
OBJECT_PRONOUNS = frozenset("him her it them us me".split())
PERSON_PRONOUNS = frozenset("he she him her".split())
ORG_PRONOUNS = frozenset(["it"])

# A noun phrase starts at a determiner or quantifier ("the two countries", "many observers").
DETERMINERS = frozenset(
    """the a an many some several most both all other others its his her their our your my
    these those each every few no any another""".split()
)
# Words that never belong to the subject noun phrase: the phrase stops before them.
STOP_WORDS = frozenset(
    """and but or nor that which who whom whose what when where while whereas because if unless
    after before since though although as so then than with without by from to at in on into
    onto about over under of for against between among during through across despite until
    upon via per not also however meanwhile moreover yet there here this is was were are be been
    being has have had do does did will would could should can may might must said says say
    told tells added this separately earlier later elsewhere instead indeed now speaking
    asked amid amidst counter towards toward like unlike beyond within around near behind
    besides throughout versus afterwards help""".split()
)
# Capitalized words that open a clause rather than a name ("But many observers say"). Capitalized
# tokens stop a subject only when listed here, so "Theresa May said" keeps its "May".
CLAUSE_OPENERS = frozenset(
    """but and or so yet in on at for if when while after before since though although as
    however meanwhile separately earlier later yesterday today tonight now last next this that
    these those there here also then still speaking asked with by from to of according despite
    under over during instead indeed moreover even only perhaps maybe everything nothing
    nevertheless nonetheless furthermore additionally likewise similarly""".split()
)
PREPOSITIONS = frozenset(
    "of for at in on with by from to into about against under over after before".split()
)
CONJUNCTIONS = frozenset("but and or so yet then also".split())
# Adverbs between subject and verb; other "-ly" words count too, except these nouns and names.
ADVERBS = frozenset(
    """recently previously repeatedly publicly reportedly officially privately initially
    originally subsequently separately finally eventually immediately quickly swiftly openly
    firmly flatly strongly clearly simply frankly bluntly angrily proudly happily confidently
    jokingly tearfully even just only often frequently usually sometimes always generally
    typically commonly first further long""".split()
)
NOT_ADVERBS = frozenset("family assembly monopoly supply ally rally anomaly july italy".split())
# What may follow "told": "told reporters", "told the Reuters news agency", "told BBC Radio".
OBJECT_NOUNS = frozenset(
    """reporters journalists newspaper paper news agency radio programme program television tv
    channel magazine website parliament lawmakers legislators mps delegates audience crowd
    conference committee station network daily weekly show press investors analysts
    supporters members congress senate""".split()
)

# Prepositions that may sit inside a name or a described source: "Bank of England", "the head of
# the IMF", "figures from the ONS". Inside a name they are kept; a source after "from"/"by" is the
# speaker ("a report by the OECD" -> "OECD"), one after "of"/"at"/"for" is not ("head of the IMF").
NAME_CONNECTORS = frozenset("of for and & de du la le van von der den al bin da di del".split())
SOURCE_PREPOSITIONS = frozenset("from by".split())
PART_OF = frozenset("of at for in with".split())
# Abbreviations that end in a full stop without ending the sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr st jr sr prof gen col lt sgt capt gov sen rep rev inc ltd co corp no mt
    u.s u.k u.n e.u del sens reps""".split()
)

# Titles and roles stripped from the front of a name ("Assistant Foreign Minister Hong Lei").
TITLE_WORDS = frozenset(
    """president presidents vice prime minister ministers deputy assistant foreign home finance
    defence defense trade health education culture interior justice environment energy
    transport treasury secretary general state chancellor chief executive officer director
    managing chairman chairwoman chair chairperson spokesman spokeswoman spokesperson mr mrs ms
    miss dr sir dame lord lady baroness baron senator sen rep representative congressman
    congresswoman gov governor mayor judge attorney prosecutor commissioner ambassador envoy
    king queen prince princess pope cardinal bishop archbishop rev reverend father gen col
    colonel lt lieutenant capt captain sgt sergeant admiral commander professor prof inspector
    detective superintendent constable coach manager boss skipper striker midfielder defender
    goalkeeper winger player star singer actor actress leader former acting interim incoming
    outgoing mp mep mps councillor sheriff premier emperor sheikh crown ceo cfo coo chairman
    economist analyst lawyer head founder co-founder editor shadow president-elect
    vice-president first opposition party senior junior general-secretary secretary-general
    producer writer author designer presenter artist musician comedian broadcaster pathologist
    scientist researcher campaigner businessman businesswoman entrepreneur investor
    labour conservative tory liberal democrat democratic republican green independent wife
    husband son daughter mother father brother sister girlfriend boyfriend partner friend
    widow uncle aunt speaker pollster strategist commentator reporter journalist host
    moderator anchor correspondent columnist adviser advisor aide staffer activist delegate
    del candidate nominee hopeful whip majority minority operative consultant historian
    surrogate rival opponent challenger""".split()
)
# Descriptions that stand for a person named before ("the 23-year-old", "the 10th seed").
ROLE_DESCRIPTIONS = frozenset(
    """veteran champion seed youngster teenager winner holder runner rider driver favourite
    world olympic defending reigning expert official scientist researcher campaigner writer
    author designer doctor pathologist investor businessman businesswoman billionaire tycoon
    entrepreneur musician rapper comedian presenter broadcaster director producer artist
    forensics agent spokesman spokeswoman""".split()
)
# Abbreviations in capitals that name things, not organisations: "It" never means "TV".
NOT_ORG_ACRONYMS = frozenset(
    "tv dvd cd dna gdp aids hiv it pc sms mp3 pm am vat ceo cfo hd gps id ok uk-wide".split()
)
_AGE_OR_RANK = re.compile(r"\d+-year-old|\d+(?:st|nd|rd|th)")
# Words that tell whether "he" or "she" may stand for the person they come with.
MALE_WORDS = frozenset(
    """mr sir lord king prince spokesman chairman businessman actor husband father son brother
    boyfriend uncle""".split()
)
FEMALE_WORDS = frozenset(
    """mrs ms miss dame lady queen princess spokeswoman chairwoman businesswoman actress wife
    mother daughter sister girlfriend widow aunt""".split()
)
# Honorifics mark the name after them as a person's, even when nothing else does.
HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady prof professor rev".split())
# Lowercase role nouns before a name also mark it as a person's ("lawyer Jamie Firestone").
ROLE_WORDS = TITLE_WORDS - frozenset(
    "foreign home finance trade health state general first party senior junior".split()
)
NATIONALITIES = frozenset(
    """us u.s. uk u.k. eu un american british english scottish welsh irish french german
    italian spanish portuguese dutch belgian swiss austrian swedish norwegian danish finnish
    polish czech hungarian romanian bulgarian greek turkish russian ukrainian belarusian
    georgian chinese japanese korean taiwanese vietnamese thai indonesian malaysian filipino
    singaporean indian pakistani afghan bangladeshi iranian iraqi syrian lebanese jordanian
    israeli palestinian saudi yemeni egyptian libyan tunisian moroccan algerian sudanese
    ethiopian somali kenyan nigerian ghanaian african zimbabwean australian canadian mexican
    brazilian argentine argentinian chilean colombian venezuelan peruvian cuban european
    western asian arab""".split()
)
# "North"/"South" are stripped only before a nationality ("former South Korean President").
COMPASS_WORDS = frozenset("north south east west northern southern eastern western".split())

ORG_WORDS = frozenset(
    """agency ministry office department commission bank company co inc ltd corp corporation
    group association council party union institute university college school times news post
    journal herald telegraph guardian mail express reuters committee authority board federation
    league club organisation organization foundation trust service services society centre
    center fund reserve court police army navy force forces government parliament congress
    senate assembly airlines airways motors holdings partners capital securities exchange
    network channel radio television tv studios records press magazine review academy alliance
    coalition movement cabinet treasury secretariat embassy administration tribunal plc llc
    industries systems technologies bureau unit democrats republicans tories conservatives
    liberals socialists greens dem dems""".split()
)
# Words of place names: a run with one of them is a place, which takes "it" like a company.
PLACE_WORDS = frozenset(
    """north south east west northern southern eastern western central united new saudi sri
    costa el los las san santa kingdom states republic island islands africa america
    korea zealand arabia lanka kong wales ireland scotland england city county valley bay park
    square road avenue street house hall palace europe asia gulf sea ocean river coast airport
    stadium downing wall hill kremlin pentagon beijing washington london moscow paris tokyo
    seoul china russia japan india iran iraq israel france germany britain ukraine syria
    afghanistan pakistan turkey egypt italy spain canada australia brazil mexico zone war""".split()
)
# Capitalized words that begin sentences or name times, never people.
NOT_NAMES = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday the but and in on at for if when
    while after before since however meanwhile one two three four five six seven eight nine
    ten eleven twelve twenty thirty forty fifty hundred hundreds thousands millions dozens
    several both""".split()
)

# Words of a time, which never speak: "said Tuesday", "The central bank this week said".
# (Not the months: "Theresa May said".)
TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today tonight yesterday week
    weekend month year morning afternoon evening night day last this next earlier later""".split()
)
# Documents and findings that speak for whoever made them ("the IMF report", "a Pew survey").
DOCUMENT_NOUNS = frozenset(
    """report reports study studies survey surveys poll polls analysis statement release
    estimate estimates review audit memo letter filing data figures research findings
    paper""".split()
)

_DESCRIPTIVE = TITLE_WORDS | NATIONALITIES | COMPASS_WORDS
_SMALL_IN_TITLES = TITLE_SMALL_WORDS | {"A", "The"}


def is_capitalized(token: str) -> bool:
    return token[:1].isupper()


def is_possessive(token: str) -> bool:
    return token.endswith(("'s", "’s", "s'", "s’"))


def is_acronym(token: str) -> bool:
    # Longer words in capitals are a headline's or a label's ("POLLSTERS DISAGREE").
    return 2 <= len(token) <= 6 and token.isupper()


def entity_kind(name: Sequence[str], *, titled: bool = False) -> str | None:
    """ "person", "org" (organisations and places, which take "it") or None when unsure.

    `speaker_name` also gives "group" for a described source that takes neither pronoun.
    """
    lowered = {t.lower().strip(".") for t in name}
    if len(name) >= 3 and all(t.isupper() for t in name):
        return None  # a headline in capitals: "CONGRESS HAS INVESTIGATED HIM"
    acronym = any(is_acronym(t) and t.lower() not in NOT_ORG_ACRONYMS for t in name)
    if acronym or not ORG_WORDS.isdisjoint(lowered):
        return "org"
    if lowered <= _DESCRIPTIVE:
        return None
    if titled:
        return "person"
    if not PLACE_WORDS.isdisjoint(lowered):
        return "org"
    if not NOT_NAMES.isdisjoint(lowered) or not all(t[:1].isalpha() for t in name):
        return None
    if not _SMALL_IN_TITLES.isdisjoint(name[1:]):
        return None  # "About A Boy", "Lord of the Rings": a title, not a person
    if not is_capitalized(name[0]) or not is_capitalized(name[-1]):
        return None
    capitalized = sum(1 for t in name if is_capitalized(t))
    return "person" if 2 <= capitalized <= 3 and len(name) <= 5 else None


def strip_titles(name: Sequence[str]) -> tuple[list[str], bool]:
    """The name without its leading titles and nationalities, and whether any were stripped.

    Organisation names keep their words ("Home Office", "Foreign Ministry"); a run of titles
    with nothing after it ("the Prime Minister") is left whole.
    """
    words = list(name)
    if any(w.lower() in ORG_WORDS for w in _own_words(words)):
        return _person_after_org_title(words)
    i = 0
    while i < len(words) - 1 and _is_title_at(words, i):
        i += 1
    # A title inside the run ends a description: "East Midlands MEP Robert Kilroy-Silk".
    for k in range(len(words) - 2, i, -1):
        after = words[k + 1]
        if words[k].lower().strip(".") in TITLE_WORDS and after.lower() not in TITLE_WORDS:
            i = k + 1 if is_capitalized(after) else i
            break
    if i < len(words) and not is_capitalized(words[i]):
        i = 0  # "Secretary of State for Health" is a title through and through
    return _own_words(words[i:]), i > 0


# Titles of a person that may follow the organisation they hold them in: "Senate Majority
# Leader Mitch McConnell", "Bank of England Governor Mervyn King".
PERSON_TITLES = frozenset(
    """leader spokesman spokeswoman spokesperson chairman chairwoman director secretary
    president governor minister chief ceo mayor senator head commissioner ambassador speaker
    whip""".split()
)


def _person_after_org_title(words: list[str]) -> tuple[list[str], bool]:
    """The name after a person's title that follows an organisation's name, or the words as
    they are: "Senate Majority Leader Mitch McConnell" is Mitch McConnell."""
    for k in range(len(words) - 2, 0, -1):
        rest = words[k + 1 :]
        if words[k].lower().strip(".") not in PERSON_TITLES or not is_capitalized(rest[0]):
            continue
        if any(w.lower() in ORG_WORDS or w.lower() in TITLE_WORDS for w in rest):
            return words, False
        return rest, True
    return words, False


def _own_words(words: list[str]) -> list[str]:
    """A person's name without the organisation after it ("Mike Powell of Dresdner")."""
    for k in range(2, min(len(words), 5)):
        if words[k] in ("of", "at", "for", "from") and not any(
            w.lower() in ORG_WORDS for w in words[:k]
        ):
            return words[:k]
    return words


def _is_title_at(words: Sequence[str], i: int) -> bool:
    word = words[i].lower()
    if i == 0 and word.count("-") >= 2:
        return True  # "Man-of-the-match Stephen Jones"
    if word == "of" and i > 0:  # "Secretary of State Colin Powell"
        return _is_title_at(words, i - 1) and i + 1 < len(words) and _is_title_at(words, i + 1)
    if word.strip(".") in TITLE_WORDS or word in NATIONALITIES or word.rstrip(".") in NATIONALITIES:
        return True
    following = words[i + 1].lower() if i + 1 < len(words) else ""
    return word in COMPASS_WORDS and following in NATIONALITIES


def speaker_name(phrase: Sequence[str]) -> tuple[str, str | None]:
    """The speaker a subject noun phrase names, and its entity kind.

    "the official Xinhua News Agency" -> "Xinhua News Agency"; "Chinese President Xi Jinping" ->
    "Xi Jinping"; "North Korea’s state news agency" and "the two countries" stay as written,
    since they name no one (a name in the possessive only describes the head).
    """
    if _made_by_name(phrase):
        return speaker_name(phrase[:-1])  # "the IMF report" speaks for the IMF
    run_start = _trailing_name_start(phrase)
    if run_start is None:
        return _described(phrase), _described_kind(phrase)
    j = run_start - 1
    if j >= 0 and phrase[j].lower() in DETERMINERS:
        j -= 1
    before = phrase[j].lower() if j >= 0 else ""
    if before in PART_OF:
        # "Shigeo Morioka of the International Longevity Centre" names Shigeo Morioka; "the
        # head of the IMF" names no one.
        person = speaker_name(phrase[:j]) if j > 0 else ("", None)
        if person[1] != "person":
            return _described(phrase), _described_kind(phrase)
        return person
    name, stripped = strip_titles(phrase[run_start:])
    titled = stripped or before in ROLE_WORDS
    honorific = phrase[run_start].lower().strip(".") in HONORIFICS  # "Mr. King", "Ms. Major"
    if not honorific and all(w.lower().strip(".") in TITLE_WORDS for w in name):
        return _described(phrase), "role"  # "the Prime Minister"
    return " ".join(name), entity_kind(name, titled=titled)


def _made_by_name(phrase: Sequence[str]) -> bool:
    """ "the IMF report", "a Pew survey": a document after the name of its maker."""
    if len(phrase) < 2 or phrase[-1] not in DOCUMENT_NOUNS:
        return False
    maker = phrase[-2]
    return is_capitalized(maker) and maker.lower() not in DETERMINERS and not is_possessive(maker)


def _trailing_name_start(phrase: Sequence[str]) -> int | None:
    """Where the capitalized run that ends the phrase begins; None if its head is common."""
    if not phrase or not is_capitalized(phrase[-1]) or is_possessive(phrase[-1]):
        return None
    i = len(phrase) - 1
    while i > 0:
        prev = phrase[i - 1]
        if is_capitalized(prev) and not is_possessive(prev) and prev.lower() not in DETERMINERS:
            i -= 1
        elif prev.lower() in NAME_CONNECTORS and i >= 2 and is_capitalized(phrase[i - 2]):
            i -= 2
        else:
            break
    return i


def _described(phrase: Sequence[str]) -> str:
    """A descriptive source, as written: "the two countries", "The court"."""
    return " ".join(phrase)


def _described_kind(phrase: Sequence[str]) -> str:
    """ "org" for "the company" (it takes "it"); "role" for "the shadow chancellor" and "the
    23-year-old", which stand for the person named before; "group" for the rest."""
    head = phrase[-1].lower() if phrase else ""
    if head in ORG_WORDS or head in ("firm", "country", "state"):
        return "org"
    # "the 23-year-old", "the shadow chancellor", "the attacking midfielder"
    if 2 <= len(phrase) <= 5 and phrase[0].lower() == "the" and is_role(phrase[-1]):
        return "role"
    return "group"


def pronoun_for(words: Iterable[str]) -> str | None:
    """ "he" or "she" when a word says which ("Mrs", "spokesman"), else None."""
    for word in words:
        low = word.lower().strip(".")
        if low in MALE_WORDS:
            return "he"
        if low in FEMALE_WORDS:
            return "she"
    return None


def is_nationality(word: str) -> bool:
    low = word.lower()
    return low in NATIONALITIES or low in COMPASS_WORDS


def is_role(word: str) -> bool:
    """A word that describes a person named elsewhere: a title, an age, a sporting role."""
    low = word.lower()
    return low in TITLE_WORDS or low in ROLE_DESCRIPTIONS or bool(_AGE_OR_RANK.fullmatch(low))
