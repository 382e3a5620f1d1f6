"""``kg serve``'s page: the query library as ready examples at ``/``, and a query's rows at ``/run``.

The page lists each query of ``queries/`` with what it answers, its parameters, and its text with the example's
values in place of the placeholders, in a form that runs it (``/run``: the rows as an HTML table). Every text
that reaches the page (the queries, the answers, an error) is escaped, and the page forbids scripts and any fetch
(Content Security Policy).
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from kg.queries import Query
from kg.wording import counted

POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'"
_SHOWN_ROWS = 1000
_STYLE = """body{font-family:system-ui,sans-serif;max-width:70em;margin:1em auto;padding:0 1em;color:#222}
textarea{width:100%;font-family:monospace;font-size:0.9em}pre{background:#f4f4f4;padding:0.5em;overflow:auto}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:0.2em 0.4em;text-align:left;vertical-align:top}
section{border-top:1px solid #ddd;margin-top:1.5em}code{background:#f4f4f4}"""


def _page(title: str, body: str) -> bytes:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body>{body}</body></html>\n").encode()


def _example_text(query: Query) -> str:
    try:
        return query.plain_text(query.bind(query.example()))
    except Exception:  # noqa: BLE001 (a user's query whose example does not bind: shown as written)
        return query.text


def index_page(queries: Sequence[Query]) -> bytes:
    """The page at ``/``: every query of the library, ready to run."""
    items = "".join(f'<li><a href="#{html.escape(q.name)}">{html.escape(q.name)}</a>: '
                    f"{html.escape(q.description)}</li>" for q in queries)
    sections = []
    for query in queries:
        parameters = ", ".join(f"<code>{html.escape(name)}</code> ({html.escape(kind)})"
                               for name, kind in query.parameters.items()) or "none"
        text = _example_text(query)
        sections.append(
            f'<section id="{html.escape(query.name)}"><h2>{html.escape(query.name)}</h2>'
            f"<p>{html.escape(query.description)}</p><p>Parameters: {parameters}"
            + (" (the example's values are in place of the placeholders; change them in the VALUES line)"
               if query.parameters else "") + "</p>"
            f'<form method="post" action="/run"><textarea name="query" rows="{text.count(chr(10)) + 2}">'
            f'{html.escape(text)}</textarea><p><button type="submit">Run</button></p></form>'
            f"<details><summary>queries/{html.escape(query.name)}.rq as written</summary>"
            f"<pre>{html.escape(query.text)}</pre></details></section>")
    body = ("<h1>resolution-kg: SPARQL</h1><p>The SPARQL 1.1 endpoint is <code>/query</code> (read-only; the "
            "named graphs are its default graph). The query library:</p>"
            f"<ul>{items}</ul>{''.join(sections)}")
    return _page("resolution-kg: SPARQL", body)


def results_page(query: str, status: int, answer: bytes) -> bytes:
    """The answer of ``/run``: a table of the rows (the first thousand), or the server's error."""
    head = f"<h1>Results</h1><p><a href=\"/\">The query library</a></p><pre>{html.escape(query)}</pre>"
    if status != 200:
        message = answer.decode("utf-8", "replace")
        return _page("Error", head + f"<p>The server answered {status}:</p><pre>{html.escape(message)}</pre>")
    try:
        result = json.loads(answer)
    except ValueError:
        return _page("Results", head + f"<pre>{html.escape(answer.decode('utf-8', 'replace'))}</pre>")
    if "boolean" in result:
        return _page("Results", head + f"<p>{html.escape(str(result['boolean']).lower())}</p>")
    variables = result["head"].get("vars", [])
    rows = result["results"]["bindings"]
    header = "".join(f"<th>{html.escape(v)}</th>" for v in variables)
    cells = "".join("<tr>" + "".join(f"<td>{html.escape(row[v]['value']) if v in row else ''}</td>"
                                     for v in variables) + "</tr>" for row in rows[:_SHOWN_ROWS])
    more = f"<p>The first {_SHOWN_ROWS} of {counted(len(rows), 'row')}.</p>" if len(rows) > _SHOWN_ROWS else \
        f"<p>{counted(len(rows), 'row')}.</p>"
    return _page("Results", head + more + f"<table><tr>{header}</tr>{cells}</table>")
