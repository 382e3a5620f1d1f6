"""Every Python snippet of the README runs, in order, in a Python process of its own (this environment's: what
`make demo` installs, plus the test tools), on a small build: a ``data/`` folder holding the seed alone."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import REPO, SEED

# runs each snippet in a namespace of its own and says which one raised
DRIVER = """
import json, sys, traceback
for index, snippet in enumerate(json.load(sys.stdin), 1):
    try:
        exec(compile(snippet, f"README.md, Python snippet {index}", "exec"), {"__name__": "__main__"})
    except BaseException:
        print(f"snippet {index} raised:", file=sys.stderr)
        traceback.print_exc()
        sys.exit(1)
    print(f"snippet {index} ran")
"""


def test_the_readme_python_snippets_run(tmp_path):
    snippets = re.findall(r"^```python\n(.*?)^```", (REPO / "README.md").read_text(encoding="utf-8"),
                          re.DOTALL | re.MULTILINE)
    assert len(snippets) >= 2, "the README's Python snippets were not found"
    (tmp_path / "data" / "resolutions").mkdir(parents=True)
    (tmp_path / "data" / "resolutions" / SEED.name).write_bytes(SEED.read_bytes())
    done = subprocess.run([sys.executable, "-c", DRIVER], input=json.dumps(snippets), cwd=tmp_path, check=False,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-4000:]
    assert [line for line in done.stdout.splitlines() if line.startswith("snippet ")] == [f"snippet {i} ran" for i in range(1, len(snippets) + 1)]


def test_the_readme_names_every_command_and_option_of_the_cli():
    """The README's synopsis of the command line (the code block of lines starting ``kg ``) names every command
    and every option of each (options were added and the synopsis not: --doc-views, --timeout, --output ...)."""
    import argparse

    from kg.cli import build_parser

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"^```\n(kg build .*?)^```", readme, re.DOTALL | re.MULTILINE)
    assert found is not None, "the README's command-line synopsis was not found"
    block = found.group(1)
    synopsis: dict[str, str] = {}
    for line in block.splitlines():
        if line.startswith("kg "):
            command = line.split()[1]
        synopsis[command] = synopsis.get(command, "") + " " + line
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices
    assert len(commands) >= 15
    missing = []
    for name, parser in commands.items():
        if name not in synopsis:
            missing.append(f"kg {name}")
            continue
        for action in parser._actions:
            options = [o for o in action.option_strings if o.startswith("--") and o != "--help"]
            if options and not any(re.search(rf"{re.escape(o)}\b", synopsis[name]) for o in options):
                missing.append(f"kg {name} {options[0]}")
    assert missing == []
