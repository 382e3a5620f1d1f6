"""Finding mentions: every place a document refers to an instrument, with the parts the text prints.

``find_mentions(document)`` (in ``find.py``) runs each extractor of ``EXTRACTORS`` over the text; the patterns
they use are ``patterns.py``, the instruments cited by name ``named_instruments()`` (from
``data/instruments.toml``), the body a phrase names ``bodies.py``. Deciding what the parts mean is for
``kg.resolve``.
"""

from kg.cite.find import EXTRACTORS, Extractor, find_mentions
from kg.cite.patterns import NamedInstrument, named_instruments

__all__ = ["EXTRACTORS", "Extractor", "NamedInstrument", "find_mentions", "named_instruments"]
