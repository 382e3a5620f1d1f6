"""A text dense with citations on one line (no newline at all, as a badly extracted file is) costs work and memory in
proportion to its length: the same prose written N times gives N times its citations, and the memory a file's
processing holds at its peak stays within a bound per byte of input. (Figures at 20 MB: benchmarks/dense.py.)"""

from __future__ import annotations

import tracemalloc

import pytest

from kg.job.worker import process_file
from kg.model import Source
from kg.parse import parse_document
from kg.resolve import extract_citations

ITU_HEAD = ("RESOLUTION 2001 (Rev. Bucharest, 2022) Dense citations The Plenipotentiary Conference of the International "
            "Telecommunication Union (Bucharest, 2022), ")
ITU_PROSE = ("recalling Resolution 71 (Rev. Dubai, 2018) of the Plenipotentiary Conference, Resolutions 47 and 48 (Rev. "
             "Dubai, 2012) and 49 (Rev. Hammamet, 2016) of the World Telecommunication Standardization Assembly, "
             "Article 17 of the ITU Constitution, No. 9.7 of the Radio Regulations, Recommendation ITU-T E.164, "
             "Council Resolution 1282 (modified 2019), §§ 35 a)-e) of the Tunis Agenda for the Information Society, "
             "Resolution 1 (Rev. Dubai, 2012) of the World Telecommunication Standardization Assembly, ")
UN_HEAD = ("Resolution adopted by the General Assembly on 4 December 2024 79/901. Dense citations The General Assembly, ")
UN_PROSE = ("Recalling Security Council resolutions 1325 (2000), 1820 (2008) and 2242 (2015), General Assembly resolution "
            "70/1 of 25 September 2015, paragraphs 35 and 68-71 of the Tunis Agenda for the Information Society, its "
            "resolution 75/1 of 21 September 2020, the Human Rights Council, in its resolution 42/23, Article 41 of the "
            "Charter of the United Nations, A/RES/70/125 and S/PRST/2021/13, ")
LAYOUTS = [pytest.param("x.txt", "text", ITU_HEAD, ITU_PROSE, id="itu-text"),
           pytest.param("x.md", "markdown", UN_HEAD, UN_PROSE, id="un-markdown")]


def _citations(origin: str, form: str, head: str, prose: str, times: int) -> list[tuple[object, ...]]:
    """The citations of ``head`` then ``prose`` written ``times`` over, on one line: for each, the repetition it
    stands in and what was found there, offsets counted from that repetition's start."""
    text = head + prose * times
    document = parse_document(Source(origin, text, form))
    found = []
    for citation in extract_citations(document):
        if citation.start < len(head):
            continue
        copy, start = divmod(citation.start - len(head), len(prose))
        found.append((copy, start, citation.end - citation.start, citation.text, citation.work, citation.edition,
                      citation.pinpoint, citation.reason))
    return found


@pytest.mark.parametrize(("origin", "form", "head", "prose"), LAYOUTS)
def test_n_copies_of_dense_prose_on_one_line_give_n_times_its_citations(origin, form, head, prose):
    once = _citations(origin, form, head, prose, 1)
    assert len(once) >= 10, once   # (the prose is dense: every instrument it names is found)
    assert all(work for *_, work, _, _, _ in once), once
    many = _citations(origin, form, head, prose, 40)
    assert len(many) == 40 * len(once)
    for copy in range(40):
        assert [found[1:] for found in many if found[0] == copy] == [found[1:] for found in once], copy


@pytest.mark.parametrize(("size", "bound"), [pytest.param(600_000, 38, id="600kB"),
                                            pytest.param(1_200_000, 26, id="1.2MB")])
def test_a_dense_line_is_processed_in_memory_proportional_to_its_length(tmp_path, size, bound):
    """The peak of the memory that reading, parsing, extracting, making the quads of and caching a dense line holds
    (tracemalloc) per byte of input, its quads sorted in runs of 1 MB (``run_size``; a build's are 32 MB): what
    is left grows with the citations found (about 20 bytes per byte of such a text) plus what a run and the merge
    hold (a few MB, the same at any length), so the bound per byte falls as the line grows: 29 and 19 bytes
    measured at 600 KB and 1.2 MB (48 at 300 KB). Before the runs every quad was held as a string until the end:
    129 bytes per byte at 600 KB (152 when one document's quads were put in a set and sorted a second time and its
    cache entry written as one string; 250 at 1 MB). A cost that grew faster than the length would break these
    bounds."""
    path = tmp_path / "dense.txt"
    path.write_text(ITU_HEAD + ITU_PROSE * (size // len(ITU_PROSE)), encoding="utf-8")
    (tmp_path / "warm.txt").write_text(ITU_HEAD + ITU_PROSE, encoding="utf-8")
    process_file(str(tmp_path / "warm.txt"), "warm.txt", str(tmp_path / "out"))   # (imports and reference data)
    tracemalloc.start()
    try:
        result = process_file(str(path), "dense.txt", str(tmp_path / "out"), run_size=1 << 20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.error is None and result.documents[0].citations > size // 60
    assert peak / path.stat().st_size < bound, f"{peak / path.stat().st_size:.0f} bytes held per byte of input"
    entry = max((tmp_path / "out" / "cache").glob("*.nq"), key=lambda p: p.stat().st_size)
    assert entry.stat().st_size > 30 * size   # (its quads: about 55 bytes of N-Quads per byte of input)
