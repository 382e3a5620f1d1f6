"""The citation network: graphs from the store at three grains (``network``), metrics (``metrics``), paths and
closure (``paths``), one resolution's outline (``outline``).

The names load with their modules on first use (PEP 562), so that ``kg.analyze.links`` and ``kg.analyze.scores``,
which the build imports, do not bring networkx and scipy with them.
"""

from __future__ import annotations

from kg.lazy import lazy_names

_EXPORTS = {
    "network": ["citation_rows", "edition_graph", "clause_graph", "instrument_graph", "network_of_citations",
                "network_of_links", "work_facts_of"],
    "metrics": ["BETWEENNESS_SAMPLE", "EXACT_BETWEENNESS_UP_TO", "SEED", "Metrics", "analyze_build",
                "compute_metrics", "score_network", "top", "write_metrics"],
    "paths": ["bibliographic_coupling", "citation_paths", "co_citation", "depends_on", "main_path",
              "neighbourhood", "rests_on", "steps"],
    "outline": ["DocumentOutline", "document_outline", "work_editions"],
}
__all__, __getattr__ = lazy_names("kg.analyze", _EXPORTS)
