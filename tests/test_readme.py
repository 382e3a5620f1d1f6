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
