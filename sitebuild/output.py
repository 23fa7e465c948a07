"""Writing generated files into the built site: each through a temporary file and an atomic
rename, so that a reader or a server never sees half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_files(files: dict[str, bytes], out_dir: Path) -> None:
    """Write each file through a temporary file and an atomic rename."""
    for rel, content in sorted(files.items()):
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.chmod(tmp, 0o644)  # mkstemp makes files private; the site is public
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
