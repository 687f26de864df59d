"""HTML pages as paragraphs of text, read in one pass with the standard library's parser.

HTML is untrusted. Scripts, styles, templates, embedded objects, the head and the title are
dropped, and only plain character data is kept, so no script, comment or CDATA content can reach
the output. Block elements become paragraph breaks; the white space inside each paragraph is
collapsed, as a browser would show it; the cells of a table row stay in one paragraph, apart.

The page is never built into a tree: `html.parser` reports each tag and each run of text, and a
stack of the open elements says which are blocks and which are dropped. An end tag closes the
nearest open element of its name and everything opened inside it; one with no open element of
its name is ignored; void elements (`<br>`, `<img>`) close at once. These are the rules
beautifulsoup4 builds its tree by, so the paragraphs are those a walk of its tree gave, but
building that tree cost quadratic time in the depth of nesting (bs4 relinks every ancestor on
each insertion: 10,000 nested blocks with inline text took 11 s, and each new level costs more);
here each tag costs the same at any depth.

A comment or tag that is never closed is escaped before parsing and shows as text (`defuse`):
the parser would otherwise show the tags inside an unclosed comment as text, a script's code
included, and takes quadratic time on crafted markup full of such openings.
"""

from __future__ import annotations

import re
from collections import deque
from html.entities import html5
from html.parser import HTMLParser

DROPPED_TAGS = frozenset(
    {
        *("script", "style", "noscript", "template", "head", "title"),
        *("iframe", "object", "embed", "noembed", "noframes", "svg", "canvas"),
    }
)
# Ruby text is a reading aid printed above the words: the words are the text, and the blocks
# inside it still break paragraphs.
UNSHOWN_TEXT_TAGS = frozenset({"rt", "rp"})
BLOCK_TAGS = frozenset(
    {
        *("p", "div", "br", "hr", "pre", "blockquote", "address", "center"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "hgroup"),
        *("ul", "ol", "li", "dl", "dt", "dd", "menu"),
        *("table", "caption", "thead", "tbody", "tfoot", "tr"),
        *("section", "article", "aside", "header", "footer", "nav", "main"),
        *("figure", "figcaption", "details", "summary", "dialog", "form", "fieldset", "legend"),
    }
)
# Cells of one row stay in one paragraph, but their texts must not run together.
CELL_TAGS = frozenset({"td", "th"})
# Elements that never have content (HTML's void elements, and the obsolete ones browsers treat so).
VOID_TAGS = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link"),
        *("menuitem", "meta", "param", "source", "track", "wbr", "basefont", "bgsound"),
        *("command", "frame", "image", "isindex", "nextid", "spacer"),
    }
)

# Openings html.parser can never close, as pairs of (what would close it, the opening): a marked
# section it rejects outright, a marked section after the last "]]>" or "]>", a comment after the
# last "-->", and "<" after the last ">". The parser shows them as text anyway, but only after
# searching to the end of the markup for each one (quadratic on crafted input), and it shows the
# tags inside an unclosed comment as text, a script's code included. Escaped, they are text at
# once and the tags after them are parsed as tags.
_MARKED_SECTIONS = r"(?:cdata|temp|ignore|include|rcdata|if|else|endif)(?![-_.a-zA-Z0-9])"
_UNCLOSABLE: tuple[tuple[re.Pattern[str] | None, re.Pattern[str]], ...] = (
    (None, re.compile(rf"<!\[(?!{_MARKED_SECTIONS})", re.IGNORECASE)),
    (re.compile(r"\]\s*\]\s*>"), re.compile(r"<!\[(?:cdata|temp|ignore|include|rcdata)", re.I)),
    (re.compile(r"\]\s*>"), re.compile(r"<!\[")),
    (re.compile(r"--\s*>"), re.compile(r"<!--")),
    (re.compile(r">"), re.compile(r"<")),
)


def html_paragraphs(markup: str) -> list[str]:
    """The paragraphs of text of an HTML page, in order; parser errors propagate."""
    reader = _ParagraphReader()
    reader.feed(defuse(markup))
    reader.close()
    reader.flush()
    return reader.paragraphs


def defuse(markup: str) -> str:
    """`markup` with the "<" of every construct html.parser can never close written as "&lt;"."""
    for close, opening in _UNCLOSABLE:
        last = deque(close.finditer(markup), maxlen=1) if close else None
        start = last[0].start() if last else 0
        tail = opening.sub(lambda match: "&lt;" + match[0][1:], markup[start:])
        markup = markup[:start] + tail
    return markup


class _ParagraphReader(HTMLParser):
    """Gathers the text of a page into paragraphs as the parser reports tags and text."""

    def __init__(self) -> None:
        # Character references are resolved here, as beautifulsoup4 resolves them: a name that
        # is no entity stays as written, a number below 256 is read as Windows-1252 first.
        super().__init__(convert_charrefs=False)
        self.paragraphs: list[str] = []
        self._pieces: list[str] = []
        self._open: list[str] = []  # the names of the open elements, outermost first
        self._where: dict[str, list[int]] = {}  # name -> its places in `_open`, innermost last
        self._dropped = 0  # open dropped elements: inside one, nothing is shown
        self._unshown = 0  # open elements whose own text is not shown

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._opened(tag)
        if tag in VOID_TAGS:
            self._closed(tag)
            self._open.pop()
            self._where[tag].pop()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        places = self._where.get(tag)
        if not places:
            return  # nothing of that name is open: the end tag closes nothing
        for _ in range(len(self._open) - places[-1]):
            name = self._open.pop()
            self._where[name].pop()
            self._closed(name)

    def handle_data(self, data: str) -> None:
        if not self._dropped and not self._unshown:
            self._pieces.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(html5.get(f"{name};") or f"&{name}")

    def handle_charref(self, name: str) -> None:
        try:
            number = int(name[1:], 16) if name[:1] in "xX" else int(name)
        except ValueError:
            number = -1
        self.handle_data(_character(number))

    def flush(self) -> None:
        paragraph = " ".join("".join(self._pieces).split())
        self._pieces.clear()
        if paragraph:
            self.paragraphs.append(paragraph)

    def _opened(self, tag: str) -> None:
        if not self._dropped:
            if tag in CELL_TAGS:
                self._pieces.append(" ")
            elif tag in BLOCK_TAGS:
                self.flush()
        self._dropped += tag in DROPPED_TAGS
        self._unshown += tag in UNSHOWN_TEXT_TAGS
        self._where.setdefault(tag, []).append(len(self._open))
        self._open.append(tag)

    def _closed(self, tag: str) -> None:
        self._dropped -= tag in DROPPED_TAGS
        self._unshown -= tag in UNSHOWN_TEXT_TAGS
        if not self._dropped and tag in BLOCK_TAGS:
            self.flush()


def _character(number: int) -> str:
    """The character of a numeric reference: "&#147;" is the Windows-1252 quote pages mean."""
    if 0 <= number < 256:
        try:
            return bytes([number]).decode("cp1252")
        except UnicodeDecodeError:
            pass
    try:
        return chr(number) if number > 0 else "\N{REPLACEMENT CHARACTER}"
    except (ValueError, OverflowError):
        return "\N{REPLACEMENT CHARACTER}"
