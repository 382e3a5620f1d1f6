"""Label paths: the level of a label is decided by the labels before it."""

from __future__ import annotations

import pytest

from kg.parse.labels import LabelStack, bare_label, label_alone, label_inline

SEQUENCES = [
    ("letters", ["a)", "b)", "c)"], ["a", "b", "c"]),
    ("roman under b", ["a)", "b)", "i)", "ii)", "iii)", "c)"], ["a", "b", "b.i", "b.ii", "b.iii", "c"]),
    ("i after h is a letter", ["g)", "h)", "i)", "j)"], ["g", "h", "i", "j"]),
    ("v after iv is roman", ["a)", "i)", "ii)", "iii)", "iv)", "v)", "vi)", "b)"],
     ["a", "a.i", "a.ii", "a.iii", "a.iv", "a.v", "a.vi", "b"]),
    ("numbers", ["1", "2", "3"], ["1", "2", "3"]),
    ("bis", ["1", "2", "2 bis", "3"], ["1", "2", "2bis", "3"]),
    ("decimal", ["1", "1.1", "1.2", "2"], ["1", "1.1", "1.2", "2"]),
    ("UN points", ["1.", "(a)", "(b)", "(i)", "(ii)", "(c)", "2."], ["1", "1.a", "1.b", "1.b.i", "1.b.ii", "1.c", "2"]),
    ("UN roman points", ["4.", "(i)", "(ii)", "(iii)", "5."], ["4", "4.i", "4.ii", "4.iii", "5"]),
    ("letters under numbers", ["1", "a)", "b)", "2"], ["1", "1.a", "1.b", "2"]),
    ("x after ix", ["a)", "i)", "ii)", "iii)", "iv)", "v)", "vi)", "vii)", "viii)", "ix)", "x)"],
     ["a", "a.i", "a.ii", "a.iii", "a.iv", "a.v", "a.vi", "a.vii", "a.viii", "a.ix", "a.x"]),
    # a decimal label with its suffix prints its own path, as one without does (it read "3.3.1bis")
    ("decimal bis", ["3", "3.1", "3.1bis", "i)", "ii)", "3.2"], ["3", "3.1", "3.1bis", "3.1bis.i", "3.1bis.ii", "3.2"]),
    # a label printed as the one before, going back in its sequence, starts its level again and opens none under it:
    # PP-18's budget cells numbered "0" (they read "0.0.0.0.0.0"), the strategic plan's "1" ... "9" then "1" ...
    # after "17.2" (it read "17.2.9.4.9.4"), the UN's bullets (S/RES/2228: "29.•.•.•")
    ("table cells", ["0", "0", "0", "0"], ["0", "0", "0", "0"]),
    ("numbered boxes restart", ["17", "17.2", "1", "9", "1", "4", "1"],
     ["17", "17.2", "17.2.1", "17.2.9", "17.2.1", "17.2.4", "17.2.1"]),
    ("bullets", ["29.", "\u2022", "\u2022", "\u2022", "30."], ["29", "29.\u2022", "29.\u2022", "29.\u2022", "30"]),
    ("letters restart under a number", ["1", "a)", "b)", "a)", "2"], ["1", "1.a", "1.b", "1.a", "2"]),
    # printed another way, a list under the one before is still a level under it
    ("numbers under a number", ["2", "1)", "2)"], ["2", "2.1", "2.2"]),
]


@pytest.mark.parametrize(("printed", "expected"), [(p, e) for _, p, e in SEQUENCES], ids=[n for n, _, _ in SEQUENCES])
def test_label_paths(printed, expected):
    stack = LabelStack()
    assert [stack.push(label) for label in printed] == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("a)", "a)"), ("  iv)  ", "iv)"), ("(b)", "(b)"), ("12", "12"), ("2 bis", "2 bis"), ("1.1", "1.1"),
    ("b) text", None), ("Resolution 71", None), ("2008", None), ("", None),
])
def test_label_alone(line, expected):
    assert label_alone(line) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("a) relevant resolutions", ("a)", 3)), ("(c) To continue", ("(c)", 4)), ("1 to hold WTPF", ("1", 2)),
    ("3. Decides to", ("3.", 3)), ("2030 Agenda for", None), ("Resolution 71 (Rev.", None),
    ("§§ 35 a)-e) of the Tunis Agenda", None), ("35 a)-e) of", None),
    # a clause that opens with the article "a" (it was read as the text of the clause before)
    ("3.2\ta revised resolution keeps", ("3.2", 4)), ("1 a study group may", ("1", 2)), ("1 a) of", None),
    # a letter with a full stop, as some texts print ITU's "a)" (the clause read "a. that ..." with no label)
    ("a. that Internet users", ("a.", 3)), ("b.\tResolution 133 (Rev.", ("b.", 3)), ("iv. the", ("iv.", 4)),
    ("i.e. the", None), ("a.m. on", None),
])
def test_label_inline(text, expected):
    assert label_inline(text) == expected


@pytest.mark.parametrize(("printed", "bare"), [("(a)", "a"), ("iv)", "iv"), ("1.", "1"), ("2 bis", "2bis")])
def test_bare_label(printed, bare):
    assert bare_label(printed) == bare
