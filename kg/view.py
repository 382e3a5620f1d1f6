"""Interactive HTML views of the citation network, drawn with vis-network (the script pyvis ships).

Three views: the whole network (``overview``: its top instruments by a metric), the neighbourhood of one instrument
(``ego``) and one resolution's structure (``document_view``). Each is laid out here, in Python, and drawn with
physics off, so that a page is still the moment it opens: the overview by community (each community laid out on
its own, the communities placed by the links between them), an ego view in rings around its centre, a resolution
from left to right (itself, its sections, its clauses in the order printed, what they cite). Colours come from
one palette (``kg.palette``), labels name the instruments that matter, node size follows the metric, with its
scale in the legend.

Every view is one self-contained file that opens with no network: the page is our own template
(``kg/templates/view.html``) with vis-network's script and style inlined, and a Content Security Policy that
forbids any fetch. Every text that comes from a document is escaped: HTML parts by Jinja2's autoescaping, data for
the script as JSON with ``<``, ``>`` and ``&`` written as ``\\u`` escapes, and tooltips turned into DOM text
(``textContent``), never HTML.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import jinja2
import networkx as nx
import pyvis
from markupsafe import Markup

from kg.analyze import DocumentOutline, Metrics
from kg.palette import colour_of, legend
from kg.reference.keys import un_part
from kg.resources import resource_dir
from kg.wording import counted

DEFAULT_TOP = 300
LABEL_ALL_UP_TO = 60        # a view of at most this many nodes labels them all; a larger one its LABELLED top ones
LABELLED = 40
SEED = 42
MIN_SIZE, MAX_SIZE = 8.0, 40.0
_VIS = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
_OPTIONS = {
    "physics": {"enabled": False},
    "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.4}}, "color": {"color": "#9aa0a6", "opacity": 0.45},
              "smooth": False, "width": 0.6},
    "nodes": {"shape": "dot", "borderWidth": 1, "font": {"size": 16, "face": "system-ui, sans-serif",
                                                         "strokeWidth": 4, "strokeColor": "#ffffff"}},
}

Link = Callable[[str], str | None]     # a work key -> the URL of its page (in the site), or None


def script_json(value: object) -> Markup:
    """JSON that is safe inside a ``<script>`` element: no ``</script>``, no HTML comment, no line separators.

    >>> str(script_json({"t": "</script><b>&"}))
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return Markup(text)


@cache
def templates() -> jinja2.Environment:
    """The Jinja2 environment of the views' and the site's templates (autoescaping on)."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(resource_dir("templates")),
                                     autoescape=True, trim_blocks=True, lstrip_blocks=True)
    environment.filters["short_name"] = short_name
    return environment


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's script and style, as pyvis ships them."""
    script = (_VIS / "vis-network.min.js").read_text(encoding="utf-8")
    style = (_VIS / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in script.lower() or "</style" in style.lower():
        raise RuntimeError("the vis-network assets cannot be inlined safely")
    return script, style


@dataclass(frozen=True, slots=True)
class Drawing:
    """What a view draws: vis-network's nodes and edges (laid out), the legend (each colour drawn, with its
    count), the size scale, a note on what was left out."""

    title: str
    note: str
    nodes: list[dict[str, object]]
    edges: list[dict[str, object]]
    legend: list[dict[str, object]]
    scale: list[dict[str, object]] = field(default_factory=list)    # [{"size": px, "value": "0.012"}]
    left_out: int = 0

    def data(self) -> dict[str, object]:
        """The drawing as the page's script reads it."""
        return {"nodes": self.nodes, "edges": self.edges, "options": _OPTIONS}


@dataclass(frozen=True, slots=True)
class View:
    """A rendered view: the page, and what it draws (and leaves out)."""

    html: str
    nodes: int
    edges: int
    left_out: int

    def write(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.html, encoding="utf-8")
        return path


# the UN's terms of use ask that the United Nations be acknowledged as the source of its documents
UN_SOURCE = "UN documents: source United Nations."


def render(drawing: Drawing, *, side_html: str = "") -> View:
    """The self-contained page of a drawing."""
    if any(str(node["id"]).startswith("un/") or "/id/un/" in str(node["id"]) for node in drawing.nodes):
        drawing = replace(drawing, note=f"{drawing.note} {UN_SOURCE}")
    script, style = vis_assets()
    page = templates().get_template("view.html").render(
        drawing=drawing, data_json=script_json(drawing.data()), vis_js=Markup(script), vis_css=Markup(style),
        side_html=Markup(side_html))
    return View(page, len(drawing.nodes), len(drawing.edges), drawing.left_out)


def short_name(key: str) -> str:
    """A work key as a reader writes it: a UN symbol without ``un/``, an ITU text by body, kind and number.

    >>> short_name("un/A/RES/70/1"), short_name("itu/pp/res/71"), short_name("un/charter")
    ('A/RES/70/1', 'PP Res. 71', 'UN Charter')
    """
    parts = key.split("/")
    if key == "un/charter":
        return "UN Charter"
    if parts[0] == "un":
        return "/".join(parts[1:])
    if parts[0] == "itu" and len(parts) == 4:
        kind = {"res": "Res.", "dec": "Dec.", "rec": "Rec.", "opinion": "Opinion"}.get(parts[2], parts[2])
        series = {"t": "ITU-T", "r": "ITU-R", "d": "ITU-D", "council": "Council"}.get(parts[1], parts[1].upper())
        return f"{series} {kind} {parts[3]}"
    return key


def document_name(key: str, edition: str) -> str:
    """A document as a reader names it: its work's short name, with the part for a part of a UN resolution
    adopted in parts (its edition is the adoption date and the part: "2020-12-10-B").

    >>> document_name("un/A/RES/75/101", "2020-12-10-B"), document_name("un/A/RES/76/247", "2021-12-24-XIV")
    ('A/RES/75/101 B', 'A/RES/76/247 XIV')
    >>> document_name("un/A/RES/70/1", "2015-09-25"), document_name("itu/wtsa/res/75", "wtsa-08")
    ('A/RES/70/1', 'WTSA Res. 75')
    """
    part = un_part(key, edition)
    return f"{short_name(key)} {part}" if part else short_name(key)


def known_title(title: str) -> str:
    """The title, or "" for what a reader put in its place (some UN files give the adoption line as the title)."""
    return "" if title.startswith("Adopted by") else title


def _label(key: str, title: str, *, width: int = 28, name: str | None = None) -> str:
    """A node's label: its short name (or ``name``), and the start of its title on a second line where it has
    one."""
    title = known_title(title)
    name = name or short_name(key)
    if not title:
        return name
    cut = title if len(title) <= width else title[:width - 1].rstrip() + "…"
    return f"{name}\n{cut}"


def _sizes(values: Mapping[str, float], *, whole: bool = False) -> tuple[dict[str, float], list[dict[str, object]]]:
    """Node sizes (area proportional to the value) and the legend's scale (smallest, middle, largest; with
    ``whole``, values that are counts, the middle a whole number too: "cited 2×", never "cited 0.25×")."""
    biggest = max(list(values.values()) + [0.0])
    smallest = min(list(values.values()) + [biggest])
    if biggest <= 0:
        return {node: MIN_SIZE for node in values}, []

    def size(value: float) -> float:
        return MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(max(value, 0.0) / biggest)

    middle = round(biggest / 4) if whole else biggest / 4
    scale = [{"size": round(size(v)), "value": _number(v)} for v in sorted({smallest, middle, biggest})]
    return {node: size(value) for node, value in values.items()}, scale


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or float(value).is_integer() else f"{value:.3g}"


def _node(G: nx.DiGraph, node: str, *, size: float, labelled: bool, link: Link | None,
          position: tuple[float, float], centre: bool = False, few: bool = True) -> dict[str, object]:
    data = G.nodes[node]
    body = str(data.get("body", "other"))
    title = str(data.get("title", ""))
    lines = [short_name(node) + (f" ({node})" if short_name(node) != node else ""), title,
             f"{data.get('kind', '')} · {body}"]
    if data.get("years"):
        lines.append("editions: " + ", ".join(str(y) for y in data["years"]))
    citing = sorted(G.predecessors(node))
    if citing:
        lines.append(f"cited by {len(citing)}: " + ", ".join(short_name(c) for c in citing[:8])
                     + (" …" if len(citing) > 8 else ""))
    colour = colour_of(body)
    record: dict[str, object] = {
        "id": node, "label": (_label(node, title) if few else short_name(node)) if labelled or centre else "", "group": body,
        "color": {"background": colour, "border": "#000000" if centre else "#333333",
                  "highlight": {"background": colour, "border": "#000000"}},
        "size": max(size, 0.7 * MAX_SIZE) if centre else size, "borderWidth": 5 if centre else 1,
        "x": round(position[0], 1), "y": round(position[1], 1),
        "title": "\n".join(line for line in lines if line), "search": f"{short_name(node)} {title} {node}"}
    if centre:
        record["font"] = {"size": 22, "bold": True}
    elif labelled:
        record["font"] = {"size": 17 if few else 22}     # a large view opens zoomed out: larger, to be read
    url = link(node) if link else None
    if url:
        record["url"] = url
    return record


def _edges(G: nx.DiGraph, kept: set[str]) -> list[dict[str, object]]:
    edges = []
    for source, target, data in ((s, t, d) for s in sorted(kept) for t, d in G.succ[s].items()):
        if target in kept:
            clauses = data.get("clauses", [])
            edges.append({"from": source, "to": target, "width": min(0.6 + 0.4 * data.get("weight", 1), 5),
                          "title": f"{short_name(source)} → {short_name(target)}: "
                                   f"{counted(data.get('weight', 1), 'citing clause')}\n" + "\n".join(c.rsplit("/id/", 1)[-1] for c in clauses[:12])})
    return edges


def _community_layout(H: nx.Graph, communities: list[list[str]], *, width: float = 1100,
                      height: float = 850) -> dict[str, tuple[float, float]]:
    """A spring layout in which links inside a community pull ten times harder than links between communities
    (so that communities stand as groups), then spread: each coordinate moved halfway to its rank, which opens
    the dense core where one plain spring layout of 500 nodes is a ball; fitted to ``width`` x ``height`` so that
    the page opens at about its natural zoom, where labels can be read."""
    if H.number_of_nodes() == 0:
        return {}
    member = {node: index for index, nodes in enumerate(communities) for node in nodes}
    weighted = nx.Graph()
    weighted.add_nodes_from(sorted(H))
    weighted.add_weighted_edges_from((a, b, 1.0 if member.get(a, -1) == member.get(b, -2) else 0.1)
                                     for a, b in H.edges)
    raw = nx.spring_layout(weighted, weight="weight", seed=SEED, iterations=80,
                           k=1.5 / math.sqrt(max(len(weighted), 1)))
    nodes = sorted(raw)
    spread: dict[str, list[float]] = {node: [0.0, 0.0] for node in nodes}
    for axis, size in ((0, width), (1, height)):
        values = [float(raw[node][axis]) for node in nodes]
        low, high = min(values), max(values)
        order = sorted(range(len(nodes)), key=lambda i: values[i])
        for rank, index in enumerate(order):
            linear = (values[index] - low) / (high - low) if high > low else 0.5
            even = rank / (len(nodes) - 1) if len(nodes) > 1 else 0.5
            spread[nodes[index]][axis] = (0.5 * linear + 0.5 * even - 0.5) * size
    return {node: (x, y) for node, (x, y) in spread.items()}


def _steps(G: nx.DiGraph, key: str, depth: int) -> dict[str, int]:
    """The instruments within ``depth`` citation steps of ``key`` either way, and how many steps away (a
    breadth-first walk over the graph's own adjacency: networkx's ``ego_graph`` copies an undirected view, which
    cost most of a site's time)."""
    distance = {key: 0}
    frontier = [key]
    for step in range(1, depth + 1):
        following = []
        for node in frontier:
            for other in (*G.succ[node], *G.pred[node]):
                if other not in distance:
                    distance[other] = step
                    following.append(other)
        frontier = following
    return distance


def _connected_top(G: nx.DiGraph, ranked: list[str], top: int) -> tuple[list[str], list[str]]:
    """The first ``top`` nodes of ``ranked``, and for each of them that links to none of the others its
    best-ranked neighbour (what cites it or what it cites), so that every one of the top is drawn and the view is
    a network, not a ring of lone nodes around one: (the nodes to draw in rank order, the neighbours added). A
    node linked to nothing at all is left out.

    >>> G = nx.DiGraph([("c", "a"), ("d", "b"), ("e", "b"), ("a", "f")])
    >>> G.add_node("x")
    >>> _connected_top(G, ["a", "b", "x", "f", "e", "d", "c"], 4)
    (['a', 'b', 'f', 'e'], ['e'])
    """
    rank = {node: index for index, node in enumerate(ranked)}
    chosen = [node for node in ranked[:top] if set(G.succ[node]).union(G.pred[node]) - {node}]
    drawn = set(chosen)
    added: list[str] = []
    for node in chosen:
        neighbours = set(G.succ[node]).union(G.pred[node]) - {node}
        if not neighbours & drawn:
            best = min(neighbours, key=rank.__getitem__)
            added.append(best)
            drawn.add(best)
    return sorted(drawn, key=rank.__getitem__), added


def _labelled(ranked: list[str], positions: Mapping[str, tuple[float, float]]) -> set[str]:
    """The nodes to label: all of a small view; in a large one the first ``LABELLED`` by rank whose label would
    not cover one already placed (a label is about 130 x 24 units below its node), so that the labels drawn can
    be read.

    >>> sorted(_labelled(["a", "b"], {"a": (0, 0), "b": (10, 0)}))
    ['a', 'b']
    """
    if len(ranked) <= LABEL_ALL_UP_TO:
        return set(ranked)
    chosen: list[str] = []
    for node in ranked:
        x, y = positions[node]
        if all(abs(x - positions[other][0]) > 130 or abs(y - positions[other][1]) > 24 for other in chosen):
            chosen.append(node)
            if len(chosen) == LABELLED:
                break
    return set(chosen)


def draw_overview(G: nx.DiGraph, metrics: Metrics, *, top: int = DEFAULT_TOP, by: str = "pagerank",
                  link: Link | None = None, unconnected: bool = False) -> Drawing:
    """The whole network: its ``top`` instruments by a metric (``pagerank``, ``in_degree``, ...), grouped by
    community; instruments with no link to another one drawn are left out (and counted) unless ``unconnected``."""
    score = {n: float(metrics.scores.get(n, {}).get(by, 0.0)) for n in G}
    ranked = sorted(G.nodes, key=lambda n: (-score[n], n))
    keep, linking = (ranked[:top], []) if unconnected else _connected_top(G, ranked, top)
    kept = set(keep)
    alone = [n for n in ranked[:top] if n not in kept]   # (linked to nothing at all)
    sizes, scale = _sizes({n: score[n] for n in keep})
    positions = _community_layout(G.subgraph(keep).to_undirected(), metrics.communities)
    labelled = _labelled(keep, positions)
    nodes = [_node(G, n, size=sizes[n], labelled=n in labelled, link=link, position=positions[n],
                   few=len(keep) <= LABEL_ALL_UP_TO) for n in keep]
    left_out = G.number_of_nodes() - len(keep)
    shown = min(top, G.number_of_nodes()) - len(alone)
    note = (f"The {counted(shown, 'instrument')} with the highest {by} of {G.number_of_nodes()}, grouped by "
            f"community; size: {by}; labels: {len(labelled)} of those drawn, where they do not cover one another."
            + (f" {counted(len(linking), 'more instrument')} drawn beside them, each the best-ranked one that cites "
               "or is cited by one of the top linked to no other one of the top." if linking else "")
            + (f" {len(alone)} of the top {top} left out: linked to nothing." if alone else "")
            + (f" {left_out} left out in all (raise --top to draw more)." if left_out else ""))
    return Drawing(f"Citation network: top {shown} by {by}", note, nodes, _edges(G, kept),
                   legend(str(G.nodes[n].get("body", "other")) for n in keep), scale, left_out)


def draw_ego(G: nx.DiGraph, key: str, *, depth: int = 1, top: int = DEFAULT_TOP,
             link: Link | None = None) -> Drawing:
    """The instruments within ``depth`` citation steps of ``key``, in rings around it: what it cites on the
    right, what cites it on the left, each ring ordered by body."""
    if key not in G:
        raise KeyError(key)
    distance = _steps(G, key, depth)
    size_of = {n: float(G.in_degree(n)) for n in distance}
    ranked = [key] + sorted((n for n in distance if n != key), key=lambda n: (-size_of[n], n))
    keep = ranked[:top]
    positions: dict[str, tuple[float, float]] = {key: (0.0, 0.0)}
    # rings of growing radius, each holding what fits at ~60 units apart: the nearest and most cited inside;
    # in a ring, what the centre cites first (from the top, clockwise), then what cites it, each by body
    order = sorted(keep[1:], key=lambda n: (distance.get(n, depth + 1), -size_of[n], n))
    radius, start = 230.0, 0
    while start < len(order):
        capacity = max(int(2 * math.pi * radius / 60), 1)
        ring = sorted(order[start:start + capacity], key=lambda n: (0 if G.has_edge(key, n) else 1,
                                                                   str(G.nodes[n].get("body")), -size_of[n], n))
        for index, node in enumerate(ring):
            angle = 2 * math.pi * index / len(ring) - math.pi / 2 + (0.3 if len(order) > capacity else 0.0)
            positions[node] = (radius * math.cos(angle), radius * math.sin(angle))
        start += capacity
        radius += 95
    sizes, scale = _sizes({n: size_of[n] for n in keep}, whole=True)
    labelled = _labelled(keep, positions)
    nodes = [_node(G, n, size=sizes[n], labelled=n in labelled, link=link, position=positions[n], centre=n == key,
                   few=len(keep) <= LABEL_ALL_UP_TO) for n in keep]
    left_out = len(distance) - len(keep)
    note = (f"{short_name(key)} (thick border, centre) and the {counted(len(keep) - 1, 'instrument')} within "
            f"{counted(depth, 'citation step')}; size: times cited in the corpus."
            + (f" {left_out} left out." if left_out else ""))
    edges = _edges(G, set(keep))
    if len(keep) > LABEL_ALL_UP_TO:     # in a large ego view, the links among the neighbours hide the picture
        edges = [edge for edge in edges if key in (edge["from"], edge["to"])]
    return Drawing(f"Around {short_name(key)}", note, nodes, edges,
                   legend(str(G.nodes[n].get("body", "other")) for n in keep),
                   [{**s, "value": f"cited {s['value']}×"} for s in scale], left_out)


RADIAL_FROM = 40     # a resolution of more clauses than this is drawn round its centre, not down one column


def draw_document(outline: DocumentOutline, *, link: Link | None = None) -> Drawing:
    """One resolution: itself, its sections, its clauses in the order printed, and the instruments they cite
    (each beside the clauses that cite it, coloured by its body); from left to right, or, past ``RADIAL_FROM``
    clauses, in rings round it (the clauses clockwise from the top), which keeps a long text on one screen."""
    nodes: list[dict[str, object]] = []
    edges: list[dict[str, object]] = []
    groups: list[str] = []
    body = outline.body or "other"
    rows = max(sum(max(len(c), 1) for _, _, c in outline.sections), 1)
    radial = rows > RADIAL_FROM
    ring = max(320.0, rows * 24 / (2 * math.pi))

    def place(column: int, row: float) -> dict[str, float]:
        if not radial:
            return {"x": (0, 350, 700, 1150)[column], "y": row * 26}
        radius = (0.0, 0.5 * ring, ring, ring + 320)[column]
        angle = 2 * math.pi * row / rows - math.pi / 2
        return {"x": round(radius * math.cos(angle), 1), "y": round(radius * math.sin(angle), 1)}

    def add(node: dict[str, object], group: str) -> None:
        colour = colour_of(group)
        node.setdefault("color", {"background": colour, "border": "#333333",
                                  "highlight": {"background": colour, "border": "#000000"}})
        node["group"] = group
        nodes.append(node)
        groups.append(group)

    row = 0
    clause_rows: dict[str, list[float]] = {}
    section_nodes = []
    for section_id, heading, clauses in outline.sections:
        section_node = f"{outline.key}#{section_id}"
        first = row
        for clause_iri, label, text, cited in clauses:
            add({"id": clause_iri, "label": label or "¶", "size": 7, **place(2, row),
                 "title": f"{heading} {label}\n{text}", "search": f"{heading} {label} {text[:200]}",
                 "font": {"size": 12}}, "clause")
            edges.append({"from": section_node, "to": clause_iri})
            for work in cited:
                clause_rows.setdefault(work, []).append(row)
                edges.append({"from": clause_iri, "to": work, "title": f"{label} cites {short_name(work)}",
                              "color": {"color": colour_of(outline.works.get(work, ("other", ""))[0]),
                                        "opacity": 0.6}})
            row += 1
        if not clauses:
            row += 1
        section_nodes.append((section_node, heading, (first + max(row - 1, first)) / 2))
    for section_node, heading, middle in section_nodes:
        add({"id": section_node, "label": heading if len(heading) <= 40 else heading[:39] + "…", "size": 11,
             **place(1, middle), "title": heading, "search": heading, "font": {"size": 13}}, "section")
        edges.append({"from": outline.key, "to": section_node})
    name = document_name(outline.key, outline.edition)
    add({"id": outline.key, "label": _label(outline.key, outline.title, name=name), "size": 34,
         **place(0, max(row - 1, 0) / 2), "borderWidth": 5, "font": {"size": 20, "bold": True},
         "color": {"background": colour_of(body), "border": "#000000",
                   "highlight": {"background": colour_of(body), "border": "#000000"}},
         "title": f"{name} ({outline.key}, edition {outline.edition})\n{outline.title}",
         "search": f"{name} {outline.key} {outline.title}",
         **({"url": link(outline.key)} if link and link(outline.key) else {})}, body)
    # cited instruments beside their citing clauses, pushed apart so that no two overlap
    gap = 40 / (2 * math.pi * (ring + 320)) * rows if radial else 34 / 26
    placed: list[float] = []
    for work in sorted(clause_rows, key=lambda w: (sum(clause_rows[w]) / len(clause_rows[w]), w)):
        if work == outline.key:     # an earlier edition of itself: the edge goes to its own node
            continue
        at = sum(clause_rows[work]) / len(clause_rows[work])
        at = max(at, placed[-1] + gap) if placed else at
        placed.append(at)
        work_body, title = outline.works.get(work, ("other", ""))
        count = len(clause_rows[work])
        add({"id": work, "label": _label(work, title) if not radial else short_name(work),
             "size": 8 + 3 * min(count, 8), **place(3, at),
             "title": f"{short_name(work)} ({work})\n{title}\ncited in {counted(count, 'clause')}",
             "search": f"{short_name(work)} {title} {work}",
             **({"url": link(work)} if link and link(work) else {})}, work_body or "other")
    clauses = sum(len(c) for _, _, c in outline.sections)
    note = (f"{counted(clauses, 'clause')} in {counted(len(outline.sections), 'section')}, citing "
            f"{counted(len(clause_rows), 'instrument')} "
            "(size: clauses citing it)" + ("; the clauses clockwise from the top." if radial else "."))
    if outline.others:
        note += (f" Edition {outline.edition} of {short_name(outline.key)}; the graph holds its "
                 f"{', '.join(outline.others)} too (kg view doc {outline.key} --edition ID).")
    return Drawing(f"{name}: {outline.title}" if outline.title else name, note, nodes, edges, legend(groups))


def overview(G: nx.DiGraph, metrics: Metrics, *, top: int = DEFAULT_TOP, by: str = "pagerank",
             link: Link | None = None) -> View:
    """The whole network, its ``top`` instruments by a metric, as a page."""
    return render(draw_overview(G, metrics, top=top, by=by, link=link))


def ego(G: nx.DiGraph, key: str, *, depth: int = 1, metrics: Metrics | None = None, top: int = DEFAULT_TOP,
        link: Link | None = None) -> View:
    """The instruments within ``depth`` citation steps of ``key``, as a page."""
    return render(draw_ego(G, key, depth=depth, top=top, link=link))


def document_view(outline: DocumentOutline, *, link: Link | None = None) -> View:
    """One resolution: sections, clauses, and the instruments each clause cites, with its text beside."""
    side = templates().get_template("outline.html").render(outline=outline)
    return render(draw_document(outline, link=link), side_html=side)


def view_file_stem(key: str) -> str:
    """The name of a work's view file, without its suffix: the key with ``_`` for ``/``; a key with any other
    character than letters, digits and ``.()-`` (an underscore, a control character, a NUL), or past 100
    characters, has those characters replaced and a hash of the whole key added, so that no two keys share a file
    (a file name has at most 255 bytes; a symbol is whatever its file says).

    >>> view_file_stem("itu/wtsa/res/75"), view_file_stem("un/S/RES/2286(2016)")
    ('itu_wtsa_res_75', 'un_S_RES_2286(2016)')
    >>> view_file_stem("un/A/RES/70/5/1") != view_file_stem("un/A/RES/70/5_1")
    True
    >>> len(view_file_stem("un/A/RES/80/" + "1" * 290)), "\\x00" in view_file_stem("un/A/RES/70/7\\x00x")
    (117, False)
    """
    stem = key.replace("/", "_")
    if _PLAIN_KEY.fullmatch(key) and len(stem) <= 100:
        return stem
    safe = _UNSAFE_IN_STEM.sub("-", stem)[:100]
    return f"{safe}-{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"


_PLAIN_KEY = re.compile(r"[A-Za-z0-9.()\-]+(?:/[A-Za-z0-9.()\-]+)*")


_UNSAFE_IN_STEM = re.compile(r"[^A-Za-z0-9._()\-]")


def view_file_name(kind: str, key: str | None = None, *, top: int = 300, by: str = "pagerank", depth: int = 1) -> str:
    """The file a view of ``kind`` is written to under ``views/``, named by what it draws, so that one view never
    takes another's place (the build's own overview is ``overview.html``).

    >>> view_file_name("overview", top=500, by="in_degree"), view_file_name("ego", "itu/pp/res/102", depth=2)
    ('overview-top500-in_degree.html', 'ego-itu_pp_res_102-depth2.html')
    """
    if kind == "overview":
        return f"overview-top{top}-{by}.html"
    if kind == "ego":
        return f"ego-{view_file_stem(key or '')}-depth{depth}.html"
    return f"{kind}-{view_file_stem(key or '')}.html"
