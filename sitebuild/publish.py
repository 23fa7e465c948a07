"""`make build`: build the site into a temporary folder and put it in place of site/ only when the
build succeeded. After a failed build, site/ is exactly what it was.

    python -m sitebuild.publish [--site-dir site] [mkdocs build options…]

Plain Python; runs `mkdocs build --strict --clean` as a child process (its messages go to the
terminal as they are). The new folder sits next to site/ (same file system), so putting it in
place is two renames: site/ → a backup name, the new folder → site/; then the backup is removed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def publish(site: Path, mkdocs_args: list[str]) -> int:
    """Build into a fresh folder beside `site`; replace `site` on success. Return the exit code."""
    site = site.absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(dir=site.parent, prefix=f".{site.name}-new-"))
    try:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                                 "--site-dir", str(fresh), *mkdocs_args])
        if result.returncode != 0:
            print(f"The build failed: {site.name}/ was not changed.", file=sys.stderr)
            return result.returncode
        os.chmod(fresh, 0o755)  # mkdtemp makes the folder private; the site is public
        backup = None
        if site.exists() or site.is_symlink():
            backup = Path(tempfile.mkdtemp(dir=site.parent, prefix=f".{site.name}-old-"))
            os.replace(site, backup / site.name)
        os.replace(fresh, site)
        if backup is not None:
            shutil.rmtree(backup)
        return 0
    finally:
        if fresh.exists():
            shutil.rmtree(fresh)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild.publish", description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default="site", type=Path)
    args, rest = parser.parse_known_args(argv)
    return publish(args.site_dir, rest)


if __name__ == "__main__":
    sys.exit(main())
