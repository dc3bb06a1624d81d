"""Shared test helpers: where ../shared is, and how to run the real CLI as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "karabakh-2023.txt"
INDIA = SHARED / "corpora" / "india-police-events" / "docs.jsonl"
DEMO = ROOT / "src" / "polemos" / "data" / "demo"

needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared (development material) is not present")


def run_cli(
    *args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict | None = None, timeout: int = 600
):
    """Run ``polemos ARGS`` as a user would, in a subprocess."""
    full_env = {key: value for key, value in os.environ.items() if key != "POLEMOS_DB"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "polemos", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env=full_env,
    )


@pytest.fixture(scope="session", autouse=True)
def sealing_key_file(tmp_path_factory):
    """The key that seals webhook secrets, for this test session and the CLI it runs (never
    the user's own ~/.config/polemos/secret.key)."""
    path = tmp_path_factory.mktemp("key") / "secret.key"
    os.environ["POLEMOS_KEY_FILE"] = str(path)
    os.environ.pop("POLEMOS_SECRET_KEY", None)
    return path


GEO_EVAL_CACHE = "geo-eval-cache"  # the session's gazetteer index, built once (test_geo_eval reads it too)


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory):
    """The gazetteer, its index built once for the whole session; a module may open its own."""
    from polemos.geo import Gazetteer

    opened = Gazetteer.open(tmp_path_factory.getbasetemp() / GEO_EVAL_CACHE)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def nlp_pipeline():
    """The full polemos pipeline, loaded once for the whole test session."""
    from polemos.pipeline import Pipeline

    return Pipeline.load()


@pytest.fixture(scope="session")
def coder(nlp_pipeline):
    """That pipeline on single made-up sentences (``SentenceCoder``; ``coded_sentences`` reads
    what it codes), for the tests of false readings. A module may still make its own."""
    from polemos.eval.events import SentenceCoder

    return SentenceCoder(nlp_pipeline)
