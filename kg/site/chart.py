"""Charts drawn as inline SVG (no script library, nothing fetched): citations by year.

>>> svg = timeline_svg({2015: 3, 2016: 5})
>>> svg.startswith("<svg") and "2016" in svg and "<title>2016: 5 citations</title>" in svg
True
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from kg.wording import counted


def timeline_svg(counts: dict[int, int], *, width: int = 900, height: int = 220, colour: str = "#0072B2") -> Markup:
    """Bars of ``counts`` (year -> number), every year between the first and the last drawn (a year with none is
    a gap), the axis labelled every few years, each bar's figure in its tooltip."""
    if not counts:
        return Markup('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>')
    first, last = min(counts), max(counts)
    years = list(range(first, last + 1))
    top = max(counts.values())
    left, bottom, right = 48, 24, 8
    step = (width - left - right) / len(years)
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
              f'role="img" aria-label="citations by year, {first} to {last}">')]
    for fraction in (0.0, 0.5, 1.0):
        y = height - bottom - fraction * (height - bottom - 10)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{round(top * fraction)}'
                     "</text>")
    every = max(1, round(len(years) / 12))
    for index, year in enumerate(years):
        value = counts.get(year, 0)
        bar = value / top * (height - bottom - 10)
        x = left + index * step
        parts.append(f'<rect x="{x + 1:.1f}" y="{height - bottom - bar:.1f}" width="{max(step - 2, 1):.1f}" '
                     f'height="{bar:.1f}" fill="{escape(colour)}"><title>{year}: {counted(value, "citation")}</title></rect>')
        if index % every == 0:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{height - 6}" text-anchor="middle" font-size="11">'
                         f"{year}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))
