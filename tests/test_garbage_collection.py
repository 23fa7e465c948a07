"""hooks/garbage_collection.py: a build freezes what is alive out of the collector's way; a
preview (`mkdocs serve`, one process for hours) never does."""

from __future__ import annotations

import gc
import importlib.util
from pathlib import Path

import pytest

from sitebuild import build_mode

HOOK = Path(__file__).resolve().parent.parent / "hooks" / "garbage_collection.py"


@pytest.fixture
def hook():
    spec = importlib.util.spec_from_file_location("garbage_collection_hook", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    gc.unfreeze()
    serving = build_mode.serving
    yield module
    build_mode.serving = serving
    gc.unfreeze()


def test_a_build_freezes_what_is_alive(hook):
    build_mode.serving = False
    hook.on_config(config=None)
    assert gc.get_freeze_count() > 0


def test_a_preview_freezes_nothing(hook):
    build_mode.serving = True
    hook.on_config(config=None)
    assert gc.get_freeze_count() == 0


def test_the_hook_is_listed_after_every_other_hook():
    """Frozen at the end of on_config: what the other hooks' on_config read stays frozen too."""
    text = (HOOK.parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = [line.strip()[2:] for line in text.split("\n") if line.strip().startswith("- hooks/")]
    assert hooks[-1] == "hooks/garbage_collection.py"
