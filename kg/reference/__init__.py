"""The reference data a user may extend, loaded from ``data/`` (or ``$KG_DATA_DIR``): the conference gazetteer
(``gazetteer``), the verbs, addressees and bodies (``vocabulary``), and how the files are found (``datafiles``)."""

from kg.reference.datafiles import data_path, read_csv_rows, read_toml, reference_files
from kg.reference.gazetteer import Conference, Gazetteer, load_gazetteer
from kg.reference.vocabulary import Vocabulary, load_vocabulary

__all__ = ["Conference", "Gazetteer", "Vocabulary", "data_path", "load_gazetteer", "load_vocabulary",
           "read_csv_rows", "read_toml", "reference_files"]
