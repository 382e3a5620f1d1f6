"""Putting a newly written file in the place of an old one.

``Path.replace`` (rename over an existing file) is atomic, but on ext4 (``auto_da_alloc``, the default) it also
makes the kernel write the new file's data to disk at once: 0.45 s for a 600 MB ``graph.nq``, on the build's
critical path. Renaming the old file out of the way first and the new one into the free name costs nothing; a
crash between the two leaves the target missing (never half written), which the build treats as "write it whole".
Deleting the old file frees its blocks, which takes the kernel a fifth of a second for 600 MB: ``in_background``
leaves that to a thread, which the caller joins when it is done.
"""

from __future__ import annotations

import threading
from pathlib import Path


def swap_in(new: Path, target: Path, *, in_background: bool = False) -> threading.Thread | None:
    """Put ``new`` in the place of ``target`` (which may not exist) and delete the old file; ``in_background``:
    by a thread, returned (None when there was no old file)."""
    old = target.with_name(target.name + ".old")
    try:
        target.replace(old)   # (an old file left by an interrupted build is replaced)
    except FileNotFoundError:
        new.rename(target)
        return None
    new.rename(target)
    if not in_background:
        old.unlink()
        return None
    deleting = threading.Thread(target=old.unlink, name=f"deleting {old.name}")
    deleting.start()
    return deleting
