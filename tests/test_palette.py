"""The views' colours (data/palette.csv) stay apart for readers with the common colour blindnesses: every two of
them, the bodies' and a resolution view's node kinds, differ by at least ΔE 10 (CIE 1976 L*a*b*) in normal vision
and as protanopes, deuteranopes and tritanopes see them (the simulation of Machado, Oliveira and Fernandes, 2009,
at full severity). WSIS, the Human Rights Council and "other" were 3-7 apart for a deuteranope."""

from __future__ import annotations

import csv
import itertools
import math

from conftest import REPO

# Machado et al. (2009), severity 1.0, on linear RGB
SIMULATIONS = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}
LEAST = 10.0


def _linear(colour: str) -> list[float]:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]


def _lab(rgb: list[float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x, y, z = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(colour: str) -> dict[str, tuple[float, float, float]]:
    rgb = _linear(colour)
    seen = {"normal vision": _lab(rgb)}
    for name, matrix in SIMULATIONS.items():
        seen[name] = _lab([min(max(sum(row[j] * rgb[j] for j in range(3)), 0.0), 1.0) for row in matrix])
    return seen


def test_the_simulation_tells_what_it_should():
    """(the check itself: red and green, far apart in normal vision, come close for a deuteranope; black and white
    stay 100 apart for all)"""
    red, green = _seen("#CC0000"), _seen("#008800")
    assert math.dist(red["normal vision"], green["normal vision"]) > 80
    assert math.dist(red["deuteranopia"], green["deuteranopia"]) < 25
    black, white = _seen("#000000"), _seen("#FFFFFF")
    assert all(math.dist(black[k], white[k]) > 99 for k in black)


def test_every_two_colours_of_the_palette_stay_apart_in_every_vision():
    with (REPO / "data" / "palette.csv").open(encoding="utf-8") as handle:
        colours = {row["group"]: row["colour"] for row in csv.DictReader(handle)}
    assert len(colours) >= 18 and {"other", "section", "clause", "UN General Assembly"} <= set(colours)
    seen = {group: _seen(colour) for group, colour in colours.items()}
    close = [(round(min(math.dist(seen[a][k], seen[b][k]) for k in seen[a]), 1), a, b)
             for a, b in itertools.combinations(colours, 2)
             if min(math.dist(seen[a][k], seen[b][k]) for k in seen[a]) < LEAST]
    assert close == []
