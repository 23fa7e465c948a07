"""The same sources give the same site on any day (issue 16): two builds of the project under
faketime, years apart, are identical byte for byte (sitemap.xml has no <lastmod>; the gzip header of
sitemap.xml.gz, the zips and the feeds carry no build time)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

FAKETIME = shutil.which("faketime")


def build_on(day: str, site: Path) -> dict[str, str]:
    assert FAKETIME, "faketime is missing: run `make test` (it installs Debian's faketime) or apt-get install faketime"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([FAKETIME, day, sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_builds_on_different_days_are_identical(tmp_path: Path) -> None:
    clock = subprocess.run([FAKETIME or "faketime", "2031-05-05 12:00:00", "date", "+%Y"], capture_output=True, text=True)
    assert clock.stdout.strip() == "2031", "faketime does not change the clock here"
    first = build_on("2031-05-05 12:00:00", tmp_path / "a")
    second = build_on("2029-01-02 03:04:05", tmp_path / "b")
    assert "sitemap.xml.gz" in first and "offline/kk.zip" in first
    assert first == second, sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    assert "<lastmod>" not in (tmp_path / "a" / "sitemap.xml").read_text(encoding="utf-8")
