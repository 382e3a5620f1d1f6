"""Markdown with YAML front matter (text extracted from UN PDFs: symbol, title and date up front)."""

from __future__ import annotations

import re

import yaml

from kg.errors import InputError
from kg.model import Hints, Source
from kg.readers.decoding import decode_text

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---[ \t]*\n", re.DOTALL)
# Markdown's own marks, which the parser would take for text: a heading's "# " ("# 71/900. Title" is the number
# line) and emphasis round words, as a UN text sets its verbs in italics ("*Recalling*", "_Welcomes_", "**Decides**");
# an underscore inside a word or symbol ("A_RES_75_1") and a lone "*" stay; an emphasis holds no "*" or "_" and
# at most 80 characters, so that a long line of openers with no closer costs its length, not its square
_HEADING_MARK = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_EMPHASIS = re.compile(r"(?<![\w\\*])(\*\*|__|\*|_)(?=[^\s*_])([^\n*_]{0,80}?[^\s\\*_])\1(?![\w*])")
# a whole line set in bold or italics, however long: the title under a heading ("**ITU's contribution in
# implementing the outcomes of ...**") and an operative heading with its addressees, as a converter from Word writes
# them (the line is looked at once, from its start)
_EMPHASIS_LINE = re.compile(r"^([ \t]*)(?:(\*\*?)([^\n*]*[^\s\\*])\2|(__?)([^\n_]*[^\s\\_])\4)[ \t]*$", re.MULTILINE)
# a punctuation mark escaped with a backslash, as a converter from Word (pandoc) writes a label at a line's start
# so that it is no list: "a\) that ...", "1\. to continue ...", "\[...\]"
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


class _Loader(yaml.SafeLoader):
    """YAML's safe loader with dates left as they are written: the parser checks a date (a front matter's is
    whatever its writer typed, "2025-13-45" too, and a document with a mistyped one is still read)."""


_Loader.yaml_implicit_resolvers = {first: [(tag, pattern) for tag, pattern in resolvers
                                           if tag != "tag:yaml.org,2002:timestamp"]
                                   for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
# a lone surrogate, which YAML's "\ud800" escape gives and no UTF-8 file can hold
_SURROGATE = re.compile("[\ud800-\udfff]")


def _plain(text: str) -> str:
    """``text`` without Markdown's marks.

    >>> _plain("**A title longer than eighty characters, set in bold by the converter that wrote it from Word**")
    'A title longer than eighty characters, set in bold by the converter that wrote it from Word'
    >>> _plain("*considering*\\na\\\\) that *this* is so;\\n1\\\\. to act, in 2\\\\*3 steps")
    'considering\\na) that this is so;\\n1. to act, in 2*3 steps'
    """
    text = _EMPHASIS.sub(r"\2", _HEADING_MARK.sub("", text))
    text = _EMPHASIS_LINE.sub(lambda m: m.group(1) + (m.group(3) if m.group(2) else m.group(5)), text)
    return _ESCAPED.sub(r"\1", text) if "\\" in text else text


def read(data: bytes, *, origin: str) -> tuple[Source, ...]:
    text, warnings = decode_text(data, origin)
    match = _FRONT_MATTER.match(text)
    if not match:
        return (Source(origin=origin, text=_plain(text), format="markdown", warnings=warnings),)
    try:
        meta = yaml.load(match.group(1), Loader=_Loader) or {}   # (a safe loader: _Loader is one)
    except ValueError as error:   # ("!!timestamp 2025-02-30")
        raise InputError(origin, f"front matter is not valid YAML: {error}", line=2) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        raise InputError(origin, f"front matter is not valid YAML: {getattr(error, 'problem', error)}",
                         line=line) from None
    if not isinstance(meta, dict):
        raise InputError(origin, "front matter is not a YAML mapping", line=2)
    fields = {}
    for key in ("symbol", "title", "date"):
        value = meta.get(key)
        if isinstance(value, (list, dict)):   # (never written out: YAML's aliases make a list of a billion)
            warnings += (f"{origin}: the front matter's {key} is a {type(value).__name__}, not text: left out",)
            value = None
        fields[key] = _text_or_none(value)
    hints = Hints(symbol=fields["symbol"], title=fields["title"], date=fields["date"])
    return (Source(origin=origin, text=_plain(text[match.end():]), format="markdown", hints=hints,
                   warnings=warnings),)


def _text_or_none(value: object) -> str | None:
    return None if value is None else _SURROGATE.sub("\ufffd", str(value)).strip().rstrip(":").strip() or None
