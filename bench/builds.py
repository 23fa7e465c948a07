"""Build time of our site against stock Material + mkdocs-static-i18n, and how it scales.

"Ours" is `mkdocs build --strict --clean` with the project's mkdocs.yml (hooks, overrides,
everything). "Stock" builds the same Markdown with a generated mkdocs.yml: Material with
`theme.language: ru` and no project templates, mkdocs-static-i18n with our language list,
the same Markdown extensions and nav, no hooks, no `extra`. Material ships no Kyrgyz or
Kazakh interface strings, so the stock theme's custom_dir holds only Material-style language
partials written from our interface/<lang>.yml for the languages Material lacks (without them it
cannot build at all).
Markers such as <!-- key-dates --> stay HTML comments in the stock build.

Each build is a fresh `python -m mkdocs build` process (Python start-up and imports
included, the same for both), timed twice: by the wall clock, and by the CPU time the process
used (user + system, from getrusage). A build is single-threaded, so on an idle machine the two
agree; on a busy one the wall clock also counts waiting for a core and the CPU time does not.
Ours and stock alternate, and the order flips every run, so that a noisy machine slows both
alike; a ratio is taken per pair.
"""

from __future__ import annotations

import compileall
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sitebuild.interface import load_interface

ROOT = Path(__file__).resolve().parent.parent
# Top-level entries that are not part of what a build reads (everything else is linked
# into the synthetic projects, so hooks added later find their files).
NOT_BUILD_INPUTS = {".git", ".venv", "node_modules", "site", "bench", "tests", "docs", "mkdocs.yml",
                    ".pytest_cache", ".ci", ".github", "__pycache__"}
# Our Python code, byte-compiled by `make setup` (Makefile) and before timing.
OUR_CODE = ("sitebuild", "hooks")
STOCK_SITE_URL = "http://127.0.0.1:8000/"


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV [NAME, default]` gives the variable or its default."""


def _env(loader: _Loader, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        *names, default = loader.construct_sequence(node)
    for name in names:
        if name in os.environ:
            return os.environ[name]
    return default


_Loader.add_constructor("!ENV", _env)


def read_config(path: Path = ROOT / "mkdocs.yml") -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def _material_languages() -> set[str]:
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return {p.stem for p in folder.glob("*.html")}


def stock_config(ours: dict, docs_dir: Path, overrides: Path, *, with_nav: bool, not_in_nav: str | None = None) -> dict:
    """A stock mkdocs.yml for the same Markdown (see the module docstring)."""
    plugins = []
    for plugin in ours.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            plugins.append({"i18n": plugin["i18n"]})
    config = {
        "site_name": ours["site_name"],
        "site_url": STOCK_SITE_URL,
        "docs_dir": str(docs_dir),
        "use_directory_urls": ours.get("use_directory_urls", True),
        "theme": {"name": "material", "language": "ru", "custom_dir": str(overrides)},
        "markdown_extensions": ours.get("markdown_extensions", []),
        "plugins": plugins,
    }
    if with_nav and "nav" in ours:
        config["nav"] = ours["nav"]
    if not_in_nav:
        config["not_in_nav"] = not_in_nav
    return config


def write_stock_project(where: Path, docs_dir: Path, *, with_nav: bool, not_in_nav: str | None = None) -> Path:
    """Write stock.yml and its language partials into `where`; return the config path."""
    overrides = where / "stock-overrides"
    languages = overrides / "partials" / "languages"
    languages.mkdir(parents=True, exist_ok=True)
    shipped = _material_languages()
    for lang, strings in load_interface(ROOT).items():
        if lang not in shipped:
            material_keys = {key: text for key, text in strings.items() if isinstance(text, str)}
            (languages / f"{lang}.html").write_text(
                "{% macro t(key) %}{{ " + json.dumps(material_keys, ensure_ascii=False) + "[key] }}{% endmacro %}\n",
                encoding="utf-8")
    config = stock_config(read_config(), docs_dir, overrides, with_nav=with_nav, not_in_nav=not_in_nav)
    path = where / "stock.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _without_nav(text: str) -> str:
    """mkdocs.yml text with its top-level `nav:` block removed (MkDocs then lists every page)."""
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith("nav:"):
            skipping = True
            continue
        if skipping and (not line.strip() or line[0] in " \t-"):
            continue
        skipping = False
        out.append(line)
    return "".join(out)


def copies_name(md: Path, k: int) -> str:
    return f"{md.stem}-x{k}.md"


# The copies' names, as mkdocs.yml's `not_in_nav` (gitignore-style) says them.
COPIES = "*-x[0-9]*.md"
# The synthetic projects' menus: "fixed", the real nav (the copies are pages outside it, as MkDocs'
# `not_in_nav` allows), so that every page is the size of a real one and the work per page stays
# the same; "every page", nav omitted, so that MkDocs lists every page in every page's menu (each
# page grows with the page count: the worst case).
MENUS = ("fixed", "every page")


def write_synthetic_project(where: Path, scale: int, *, menu: str = "fixed") -> tuple[Path, int]:
    """A project with `scale` copies of every page in every language, with the given menu (MENUS).

    Returns (project dir, number of Markdown pages over all languages).
    """
    if menu not in MENUS:
        raise ValueError(f"menu: one of {MENUS}, not {menu!r}")
    project = where / f"project-{scale}x-{menu.replace(' ', '-')}"
    project.mkdir(parents=True)
    for entry in ROOT.iterdir():
        if entry.name not in NOT_BUILD_INPUTS and not entry.name.startswith("."):
            (project / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    shutil.copytree(ROOT / "docs", project / "docs")
    pages = 0
    for md in sorted((project / "docs").rglob("*.md")):
        text = md.read_text(encoding="utf-8")
        pages += scale
        for k in range(2, scale + 1):
            (md.parent / copies_name(md, k)).write_text(text, encoding="utf-8")
    ours = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if menu == "fixed":
        (project / "mkdocs.yml").write_text(ours + f"\nnot_in_nav: |\n  {COPIES}\n", encoding="utf-8")
        write_stock_project(project, project / "docs", with_nav=True, not_in_nav=COPIES)
    else:
        (project / "mkdocs.yml").write_text(_without_nav(ours), encoding="utf-8")
        write_stock_project(project, project / "docs", with_nav=False)
    return project, pages


class BuildFailed(RuntimeError):
    pass


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(config: Path, site_dir: Path, *, strict: bool, keep_site_url: bool = False) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds) of one `mkdocs build` process for `config` (SITE_URL
    from the environment only with `keep_site_url`)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if not keep_site_url:
        env.pop("SITE_URL", None)
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(site_dir), "-f", str(config)]
    if strict:
        command.append("--strict")
    cpu = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    cpu = _children_cpu() - cpu
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-15:])
        raise BuildFailed(f"build of {config} failed:\n{tail}")
    return elapsed, cpu


@dataclass
class Pairs:
    """Alternating runs of our build and the stock build of the same content (seconds)."""

    label: str
    pages: int
    ours: list[float] = field(default_factory=list)
    stock: list[float] = field(default_factory=list)
    ours_cpu: list[float] = field(default_factory=list)
    stock_cpu: list[float] = field(default_factory=list)

    @property
    def ratios(self) -> list[float]:
        return [o / s for o, s in zip(self.ours, self.stock)]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def cpu_ratios(self) -> list[float]:
        return [o / s for o, s in zip(self.ours_cpu, self.stock_cpu)]

    @property
    def cpu_ratio(self) -> float:
        return statistics.median(self.cpu_ratios)


def byte_compile() -> None:
    """Our modules compiled as `make setup` leaves them (site-packages were compiled by pip): on a
    machine that sets PYTHONDONTWRITEBYTECODE, Python would otherwise compile them in every build."""
    for folder in OUR_CODE:
        compileall.compile_dir(ROOT / folder, quiet=1)


def run_pairs(label: str, ours: Path, stock: Path, pages: int, runs: int, log) -> Pairs:
    """`runs` alternating builds of our config (strict, like `make build`) and the stock one."""
    byte_compile()
    pairs = Pairs(label, pages)
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        for run in range(runs):
            order = ("ours", "stock") if run % 2 == 0 else ("stock", "ours")
            for which in order:
                config = ours if which == "ours" else stock
                wall, cpu = timed_build(config, Path(tmp) / which, strict=which == "ours")
                getattr(pairs, which).append(wall)
                getattr(pairs, which + "_cpu").append(cpu)
                log(f"  {label}: {which} run {run + 1}/{runs}: {wall:.2f} s wall, {cpu:.2f} s CPU")
    return pairs


def real_content(runs: int, log) -> Pairs:
    """Our real project against stock with the same docs and nav."""
    with tempfile.TemporaryDirectory(prefix="bench-stock-") as tmp:
        stock_yml = write_stock_project(Path(tmp), ROOT / "docs", with_nav=True)
        pages = len(list((ROOT / "docs").rglob("*.md")))
        return run_pairs("real content", ROOT / "mkdocs.yml", stock_yml, pages, runs, log)


def scaling(scales: list[tuple[int, int]], log, *, menu: str = "fixed") -> list[Pairs]:
    """[(scale, runs)] -> one Pairs per scale, on synthetic projects with the given menu (MENUS)."""
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for scale, runs in scales:
            project, pages = write_synthetic_project(Path(tmp), scale, menu=menu)
            results.append(run_pairs(f"{scale}×", project / "mkdocs.yml", project / "stock.yml", pages, runs, log))
            shutil.rmtree(project)
    return results
