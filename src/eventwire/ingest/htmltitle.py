"""The headline of an HTML page, chosen from the page's own headline markup.

A page names its article several times: in the visible ``<h1>``, in ``og:title`` / ``twitter:title``
and in ``<title>``; the metadata often adds the site's name ("Headline | Site", "Site - Headline"),
and the ``<h1>`` is sometimes the site's logo or the headline with its kicker. ``page_title``
decides with evidence from the page itself, never from the site it comes from:

1. the site's names: ``og:site_name``, ``application-name``, the host of ``og:url`` / the canonical
   link / the caller's URL, and any ``<h1>`` that is the site's logo (it links to the home page or
   holds an image and no text of its own);
2. the metadata titles (``og:title``, ``twitter:title``, ``<title>``, a ``headline`` item property),
   each also split at separators (``|``, ``-``, ``–``, ``—``, ``·``, ``»``, ``:``, ``::``, ``/``)
   so that "Headline | Site" offers "Headline"; a part is dropped only when it is one of the site's
   names;
3. an ``<h1>`` (or its child element, when the ``<h1>`` holds a kicker and the headline in separate
   elements) that equals a metadata title or one of its parts is the headline: two sources agree;
4. without agreement: the one ``<h1>`` that is not the site's logo (several: the first inside
   ``<article>`` or ``<main>``, else the first outside ``<header>``, ``<nav>``, ``<aside>`` and
   ``<footer>``);
5. without an ``<h1>`` (or with several and metadata titles that agree with none of them), the first
   metadata title with a part that is the site's name, without that part.

``page_title`` returns None otherwise (the caller keeps its extractor's title, which splits metadata
titles by its own heuristics); it never raises on malformed markup.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

import lxml.html
from lxml import etree
from lxml.etree import ParserError

log = logging.getLogger(__name__)

_SPACE = re.compile(r"\s+")
_QUOTES = re.compile(r"[\"'“”‘’«»„‟‹›`´]")
# Separators between the headline and the site's name (or a section) in metadata titles: a bar, a dash
# or a bullet set off by spaces, a guillemet, a colon pair. Matches start at the first space of a run, as
# headline._CRUMB's do.
_SEP = re.compile(r"(?<!\s)\s+(?:[|–—·•»/-]|::)\s+|(?<!\s)\s+\|\s*|\|\s*|(?<!\s)\s+::\s*|::\s*|:\s+")
_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_OUTSIDE = {"header", "nav", "aside", "footer"}
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
_MAX_WORDS = 60  # an h1 holding more is a wrapper around the page, not a headline


def parse_page(page: str) -> lxml.html.HtmlElement:
    """``lxml.html.fromstring(page)`` for any page held as a str: lxml refuses a str that declares its
    encoding ("<?xml ... encoding=...?>", as XHTML pages do), so the declaration is dropped first.
    Raises what lxml raises (ParserError, ValueError)."""
    return lxml.html.fromstring(_XML_DECL.sub("", page, count=1))


def _text(value: str | None) -> str:
    return _SPACE.sub(" ", value or "").strip()


# Text a reader does not see as part of a heading: code, and ruby annotations (the reading of a kanji).
_HIDDEN = ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::rt or ancestor::rp)]"


def _visible(el: lxml.html.HtmlElement) -> str:
    """The element's text as a reader sees it: scripts, styles and comments left out."""
    return _text("".join(el.xpath(_HIDDEN)))


def _key(text: str) -> str:
    """Comparison form: quotes dropped, whitespace collapsed, case folded (as readers see it)."""
    return _SPACE.sub(" ", _QUOTES.sub("", text)).strip().casefold()


def _compact(text: str) -> str:
    return _ALNUM.sub("", text).casefold()


def _meta(root: lxml.html.HtmlElement, *names: str) -> list[str]:
    found = []
    for el in root.iter("meta"):
        name = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if name in names:
            content = _text(el.get("content"))
            if content:
                found.append(content)
    return found


def _host(url: str | None) -> str:
    if not url:
        return ""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


class _Site:
    """The names a page gives its site: metadata, the host, the logo's text."""

    def __init__(self, names: list[str], hosts: list[str]) -> None:
        self.keys = {_key(n) for n in names if n}
        self.compact = {_compact(n) for n in names if len(_compact(n)) >= 3}
        for host in hosts:
            labels = [lb for lb in host.split(".") if lb]
            if len(labels) >= 2:
                self.compact.add(_compact(".".join(labels[-2:])))  # "example.de"
                self.compact.add(_compact(labels[-2]))  # "example"
                self.compact.add(_compact(host))

    def named(self, part: str) -> bool:
        """``part`` is one of the site's names (equal, or the host's name written as words)."""
        c = _compact(part)
        return _key(part) in self.keys or (len(c) >= 3 and c in self.compact)


def _is_logo(h1: lxml.html.HtmlElement, hosts: list[str]) -> bool:
    """An h1 that is the site's logo: it links to the home page, or holds an image and no text."""
    if not _visible(h1):
        return True
    return any(_is_home(a.get("href") or "", hosts) for a in h1.iter("a"))


def _is_home(href: str, hosts: list[str]) -> bool:
    href = href.strip()
    if href in ("/", "./", "index.html", "index.php"):
        return True
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    return parts.path in ("", "/") and not parts.query and bool(parts.hostname) and (
        not hosts or _host(href) in hosts)


def _parts(title: str, site: _Site) -> list[str]:
    """``title`` and the forms of it without the parts that are the site's name."""
    forms = [title]
    pieces = [p.strip() for p in _SEP.split(title)]
    if len(pieces) >= 2 and all(pieces):
        kept = [p for p in pieces if not site.named(p)]
        if kept and len(kept) < len(pieces):
            forms.append(_joined(title, kept))
    return forms


def _joined(title: str, kept: list[str]) -> str:
    """The stretch of ``title`` from the first kept part to the last (separators inside kept)."""
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if 0 <= start < end else kept[0]


def _framing(text: str, wanted: dict[str, str]) -> str | None:
    """The metadata title that ``text`` (an h1) ends with, after a kicker ("Kicker Headline", "Kicker:
    Headline"). The title must hold at least three words and start at a word boundary. (An h1 that
    starts with a metadata title more often extends the headline than adds a date or site to it.)"""
    k = _key(text)
    best = None
    for wk, form in wanted.items():
        if len(wk.split()) < 3 or len(wk) >= len(k):
            continue
        if k.endswith(wk) and not k[-len(wk) - 1].isalnum() and (best is None or len(wk) > len(_key(best))):
            best = form
    return best


def _outside_main(el: lxml.html.HtmlElement) -> bool:
    return any(a.tag in _OUTSIDE for a in el.iterancestors())


def _in_article(el: lxml.html.HtmlElement) -> bool:
    return any(a.tag in ("article", "main") for a in el.iterancestors())


def _agreeing(h1: lxml.html.HtmlElement, text: str, wanted: dict[str, str]) -> str | None:
    """The h1's text, or its child element's, when it equals one of the ``wanted`` titles."""
    if _key(text) in wanted:
        return text
    for child in h1.iterdescendants(etree.Element):
        sub = _visible(child)
        if sub and _key(sub) in wanted:
            return sub
    return None


def page_title(page: str | lxml.html.HtmlElement, url: str | None = None) -> str | None:
    """The headline of ``page`` (markup or a parsed tree), chosen as the module docstring says; None when
    the page has no h1 and no metadata title, or cannot be parsed."""
    chosen = choose(page, url)
    return chosen[1] if chosen else None


def choose(page: str | lxml.html.HtmlElement, url: str | None = None) -> tuple[str, str] | None:
    """``page_title``'s choice with the rule that made it (``agree``: an h1 equal to a metadata title;
    ``agree_part``: an h1 ending with one; ``agree_h2``: an h2 or h3 equal to one; ``one_h1``,
    ``article_h1``, ``main_h1``, ``first_h1``; ``meta_trimmed``), for callers that weigh it."""
    if isinstance(page, str):
        try:
            root = parse_page(page)
        except (ParserError, ValueError) as exc:
            log.debug("page_title: not parseable (%s)", exc)
            return None
    else:
        root = page
    hosts = [h for h in (_host(url), *map(_host, _meta(root, "og:url"))) if h]
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower():
            hosts.append(_host(link.get("href")))
    hosts = [h for h in hosts if h]
    h1s = []
    logos = []
    for h1 in root.iter("h1"):
        text = _visible(h1)
        if _is_logo(h1, hosts):
            logos.append(text)
        elif text and len(text.split()) <= _MAX_WORDS:
            h1s.append((h1, text))
    names = _meta(root, "og:site_name", "application-name", "apple-mobile-web-app-title", "publisher", "copyright")
    site = _Site(names + logos, hosts)
    h1s = [(h1, text) for h1, text in h1s if not site.named(text)]
    titles = _meta(root, "og:title", "twitter:title", "headline", "title", "dc.title")
    titles += [_text(t.text_content()) for t in root.iter("title") if t.getparent() is None
               or t.getparent().tag != "svg"]  # fmt: skip
    titles = [t for t in titles if t]
    wanted: dict[str, str] = {}
    for title in titles:
        for form in _parts(title, site):
            wanted.setdefault(_key(form), form)
    for h1, text in h1s:
        agreed = _agreeing(h1, text, wanted)
        if agreed:
            return "agree", agreed
    for _, text in h1s:
        agreed = _framing(text, wanted)
        if agreed:
            return "agree_part", agreed
    for heading in root.iter("h2", "h3"):
        text = _visible(heading)
        if text and _key(text) in wanted and not site.named(text):
            return "agree_h2", text
    if len(h1s) == 1:
        return "one_h1", h1s[0][1]
    if h1s and not titles:
        for h1, text in h1s:
            if _in_article(h1):
                return "article_h1", text
        for h1, text in h1s:
            if not _outside_main(h1):
                return "main_h1", text
        return "first_h1", h1s[0][1]
    for title in titles:
        forms = _parts(title, site)
        if len(forms) > 1:
            return "meta_trimmed", forms[-1]
    return None
