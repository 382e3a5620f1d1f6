"""resolution-kg: a knowledge graph of what international resolutions cite.

The pipeline's stages are plain functions over plain data: ``read`` a file into Sources, ``parse_document``
a Source into a Document.
"""

__version__ = "0.1.0"
