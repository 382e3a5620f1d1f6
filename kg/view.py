"""Interactive HTML views of the citation network, drawn with pyvis (vis-network).

Every view is one self-contained file that opens with no network: pyvis builds the network data and options,
and the page is our own template (``kg/templates/view.html``) with vis-network's script and style inlined from
the pyvis package, instead of pyvis's template that links Bootstrap and Tom Select from CDNs. A Content Security
Policy in the page forbids any fetch. Every text that comes from a document is escaped: HTML parts by Jinja2's
autoescaping, data for the script as JSON with ``<``, ``>`` and ``&`` written as ``\\u`` escapes, and
tooltips turned into DOM text (``textContent``), never HTML.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
import networkx as nx
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from kg.analyze import DocumentOutline, Metrics, neighbourhood

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173"]
DEFAULT_TOP = 300
_VIS = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
_OPTIONS = {
    "physics": {"enabled": True, "solver": "forceAtlas2Based",
                "stabilization": {"enabled": True, "iterations": 300, "fit": True}},
    "interaction": {"hover": True, "tooltipDelay": 150},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "color": {"opacity": 0.5},
              "smooth": False},
    "nodes": {"shape": "dot", "font": {"size": 12}},
}


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
def _template() -> jinja2.Template:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                                     autoescape=True)
    return environment.get_template("view.html")


@cache
def _vis_assets() -> tuple[Markup, Markup]:
    script = (_VIS / "vis-network.min.js").read_text(encoding="utf-8")
    style = (_VIS / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in script.lower() or "</style" in style.lower():
        raise RuntimeError("the vis-network assets cannot be inlined safely")
    return Markup(script), Markup(style)


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


def _colours(groups: list[str]) -> dict[str, str]:
    return {group: PALETTE[index % len(PALETTE)] for index, group in enumerate(sorted(set(groups)))}


def _render(net: Network, *, title: str, note: str, side_html: str = "", left_out: int = 0) -> View:
    nodes, edges, _, _, _, _ = net.get_network_data()
    groups: dict[str, str] = {}
    for node in nodes:
        groups.setdefault(node["group"], node["color"])
    groups = dict(sorted(groups.items()))
    script, style = _vis_assets()
    page = _template().render(
        title=title, note=note, vis_js=script, vis_css=style, nodes_json=script_json(nodes),
        edges_json=script_json(edges), options_json=script_json(_OPTIONS), side_html=Markup(side_html),
        legend=[{"group": group, "color": color} for group, color in groups.items()],
        options=sorted(({"id": node["id"], "label": node["label"]} for node in nodes), key=lambda o: o["label"]))
    return View(page, len(nodes), len(edges), left_out)


def _network(G: nx.DiGraph, keep: list[str], *, size_of: dict[str, float], label_of=None) -> Network:  # noqa: ANN001
    """A pyvis network of ``keep`` (in that order) and the edges among them, its lists filled directly (pyvis's
    ``add_node`` checks membership in a list, which is quadratic)."""
    net = Network(directed=True, cdn_resources="remote")
    kept = set(keep)
    colours = _colours([str(G.nodes[n].get("body", "other")) for n in keep])
    biggest = max([size_of.get(n, 0.0) for n in keep] + [1e-12])
    for node in keep:
        data = G.nodes[node]
        body = str(data.get("body", "other"))
        lines = [node, str(data.get("title", "")), f"{data.get('kind', '')} · {body}"]
        if data.get("years"):
            lines.append("editions: " + ", ".join(str(y) for y in data["years"]))
        citing = sorted(G.predecessors(node))
        if citing:
            lines.append(f"cited by {len(citing)}: " + ", ".join(citing[:8]) + (" …" if len(citing) > 8 else ""))
        net.nodes.append({"id": node, "label": label_of(node) if label_of else node, "group": body,
                          "color": colours[body], "size": 8 + 32 * (size_of.get(node, 0.0) / biggest) ** 0.5,
                          "title": "\n".join(line for line in lines if line)})
    for source, target, data in G.edges(data=True):
        if source in kept and target in kept:
            clauses = data.get("clauses", [])
            net.edges.append({"from": source, "to": target, "value": data.get("weight", 1),
                              "title": f"{source} → {target}: {data.get('weight', 1)} citing clause(s)\n" +
                                       "\n".join(c.rsplit("/id/", 1)[-1] for c in clauses[:12])})
    return net


def overview(G: nx.DiGraph, metrics: Metrics, *, top: int = DEFAULT_TOP, by: str = "pagerank") -> View:
    """The whole network, its ``top`` instruments by a metric (``pagerank``, ``in_degree``, ...)."""
    ranked = sorted(G.nodes, key=lambda n: (-metrics.scores.get(n, {}).get(by, 0.0), n))
    keep = ranked[:top]
    size_of = {n: float(metrics.scores.get(n, {}).get(by, 0.0)) for n in keep}
    left_out = G.number_of_nodes() - len(keep)
    note = (f"The {len(keep)} instruments with the highest {by} of {G.number_of_nodes()}"
            + (f"; {left_out} left out (raise --top to draw more)." if left_out else "."))
    return _render(_network(G, keep, size_of=size_of), title=f"Citation network: top {len(keep)} by {by}",
                   note=note, left_out=left_out)


def ego(G: nx.DiGraph, key: str, *, depth: int = 1, metrics: Metrics | None = None,
        top: int = DEFAULT_TOP) -> View:
    """The instruments within ``depth`` citation steps of ``key``."""
    if key not in G:
        raise KeyError(key)
    around = neighbourhood(G, key, depth=depth)
    size_of = {n: float(G.in_degree(n)) for n in around}
    ranked = [key] + sorted((n for n in around if n != key), key=lambda n: (-size_of[n], n))
    keep = ranked[:top]
    left_out = around.number_of_nodes() - len(keep)
    note = (f"{key} and the {len(keep) - 1} instruments within {depth} citation step(s)"
            + (f"; {left_out} left out." if left_out else "."))
    return _render(_network(G, keep, size_of=size_of), title=f"Around {key}", note=note, left_out=left_out)


def document_view(outline: DocumentOutline) -> View:
    """One resolution: sections, clauses, and the instruments each clause cites."""
    net = Network(directed=True, cdn_resources="remote")
    net.nodes.append({"id": outline.key, "label": outline.key, "group": "resolution", "color": PALETTE[0],
                      "size": 30, "title": f"{outline.key}\n{outline.title}"})
    cited_nodes: set[str] = set()
    side = [f"<p>{html.escape(outline.title)}</p>"]
    for section_id, heading, clauses in outline.sections:
        section_node = f"{outline.key}#{section_id}"
        net.nodes.append({"id": section_node, "label": heading, "group": "section", "color": PALETTE[1],
                          "size": 16, "title": heading})
        net.edges.append({"from": outline.key, "to": section_node, "title": heading})
        side.append(f'<div class="section">{html.escape(heading)}</div>')
        for clause_iri, label, text, cited in clauses:
            clause_node = clause_iri
            net.nodes.append({"id": clause_node, "label": label or "¶", "group": "clause", "color": PALETTE[2],
                              "size": 8, "title": f"{heading} {label}\n{text}"})
            net.edges.append({"from": section_node, "to": clause_node})
            side.append(f'<div class="clause"><b>{html.escape(label or "¶")}</b> {html.escape(text)}</div>')
            for work in cited:
                if work not in cited_nodes:
                    cited_nodes.add(work)
                    net.nodes.append({"id": work, "label": work, "group": "cited instrument", "color": PALETTE[3],
                                      "size": 12, "title": work})
                net.edges.append({"from": clause_node, "to": work, "title": f"{label} cites {work}"})
    note = (f"{sum(len(c) for _, _, c in outline.sections)} clauses in {len(outline.sections)} sections, "
            f"citing {len(cited_nodes)} instruments.")
    return _render(net, title=outline.key, note=note, side_html="\n".join(side))
