"""The bundled model read straight from wordllama's files gives wordllama's own vectors, bit for bit."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from skilltree.search import embedding


@pytest.fixture(scope="module")
def wordllama_model():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import wordllama
    finally:  # wordllama configures the root logger when imported
        root.handlers[:], root.level = handlers, level
    return wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def test_the_bundled_model_embeds_every_topic_as_wordllama_does(catalog, wordllama_model):
    texts = [embedding.topic_text(topic) for topic in catalog.topics.values()]
    # More than one of wordllama's batches, texts of very different lengths, words it splits into
    # many tokens, text that is not English, and a word far outside any table.
    texts += ["kuberentes autoscalng", "p99", "why is my query slow", "é ü 中文 ✓", "x" * 500]
    ours = embedding._load(embedding.BUNDLED_MODEL)
    assert ours is not None and ours.name == "wordllama-l2_supercat-256"
    expected = np.asarray(wordllama_model.embed(texts, norm=True), dtype=np.float32)
    assert np.array_equal(ours._encode(texts), expected)


def test_the_bundled_model_does_not_import_wordllama():
    import subprocess
    import sys

    probe = (
        "import sys; from skilltree.search import embedding; "
        "assert embedding._load(embedding.BUNDLED_MODEL) is not None; "
        "print('wordllama' in sys.modules, 'requests' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_similarities_are_cosines_computed_on_one_blas_thread():
    import os
    import subprocess
    import sys

    vectors = np.eye(3, dtype=np.float32)[[0, 1, 2, 0]]
    assert embedding.similarities(vectors, np.array([0.6, 0.8, 0], dtype=np.float32)).tolist() == pytest.approx([0.6, 0.8, 0, 0.6])
    # OpenBLAS's own threads made the product 40 times slower on a busy machine: importing
    # skilltree asks for one, unless the process said otherwise.
    probe = "import os, skilltree; print(os.environ['OPENBLAS_NUM_THREADS'])"
    environment = {name: value for name, value in os.environ.items() if name != "OPENBLAS_NUM_THREADS"}
    for chosen, expected in ((None, "1"), ("2", "2")):
        env = environment if chosen is None else {**environment, "OPENBLAS_NUM_THREADS": chosen}
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env)
        assert done.stdout.strip() == expected
