"""Nothing is downloaded at run time: the models and data load with every network connection refused."""

from __future__ import annotations

import subprocess
import sys

from conftest import DEMO

REFUSE_NETWORK = """
import socket
def refuse(*args, **kwargs):
    raise OSError("network access attempted: " + repr(args))
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
"""


def _run_offline(code: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-c", REFUSE_NETWORK + code], capture_output=True, text=True, env=env, timeout=600
    )


def test_the_full_pipeline_loads_and_extracts_with_the_network_refused():
    result = _run_offline(
        "from polemos.pipeline import Pipeline\n"
        "from polemos.ingest import iter_inputs\n"
        f"raw = next(iter(iter_inputs([{str(DEMO / 'karabakh-exodus.txt')!r}])))\n"
        "record = Pipeline.load(eager=True).extract(raw)\n"
        "print(len(record.actors), len(record.places), len(record.events))\n"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    actors, places, events = (int(n) for n in result.stdout.split())
    assert actors and places and events


def test_the_spacy_model_is_a_setting_with_a_clear_error_when_missing():
    result = _run_offline(
        "from polemos.nlp import load_pipeline\n"
        "try:\n    load_pipeline()\nexcept RuntimeError as error:\n    print(error)\n",
        {"POLEMOS_SPACY_MODEL": "en_core_web_trf_not_installed"},
    )
    assert "spaCy model 'en_core_web_trf_not_installed' is not installed" in result.stdout, result.stderr[-2000:]
