"""Meaning as well as words: topics and questions as vectors from a small embedding model.

The model is chosen by SKILLTREE_EMBEDDING_MODEL: "wordllama" (the default) is the 256-dimension
model whose weights ship inside the wordllama package, so nothing is ever downloaded; a path to a
sentence-transformers model a site has downloaded uses that model instead; "none" turns the
semantic signal off. The model loads on first use only (a command that does not search never pays
for it), and when it cannot load, search goes on with its full-text ranking alone, after one
warning in the log.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from skilltree.catalog.models import Topic
from skilltree.search.documents import plain_text

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger("skilltree.search")

SETTING = "SKILLTREE_EMBEDDING_MODEL"
BUNDLED_MODEL = "wordllama"
NO_MODEL = "none"


@dataclass(frozen=True)
class Embedder:
    # Names the model in stored vectors: vectors of another model are computed again.
    name: str
    _encode: object

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit-length float32 row per text, so that a dot product is the cosine similarity."""
        import numpy as np

        vectors = np.asarray(self._encode(texts), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

    def embed_query(self, text: str) -> np.ndarray:
        """The vector of one query, remembered: results as you type ask for the same words again and again."""
        return _query_vector(self, text)


@lru_cache(maxsize=4096)
def _query_vector(embedder: Embedder, text: str) -> np.ndarray:
    vector = embedder.embed([text])[0]
    vector.flags.writeable = False  # shared by every caller that asks for the same text
    return vector


def similarities(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """Each row of `matrix` (unit vectors) dotted with `vector`: their cosine similarities.

    OpenBLAS computes it on the calling thread (skilltree/__init__.py says why), 0.2 ms for
    10,000 topics, where numpy's einsum, which never uses BLAS, took 0.5 ms.
    """
    return matrix @ vector


_lock = threading.Lock()
_loaded: dict[str, Embedder | None] = {}


def configured_model() -> str:
    """The model SKILLTREE_EMBEDDING_MODEL names, without loading it."""
    return os.environ.get(SETTING, "").strip() or BUNDLED_MODEL


def loaded_embedder() -> Embedder | None:
    """The configured model if this process has loaded it already; never loads it."""
    return _loaded.get(configured_model())


def current_embedder() -> Embedder | None:
    """The configured model, loaded once per process; None when it is off or cannot load."""
    choice = configured_model()
    if choice in _loaded:
        return _loaded[choice]
    with _lock:
        if choice not in _loaded:
            _loaded[choice] = _load(choice)
        return _loaded[choice]


def _load(choice: str) -> Embedder | None:
    if choice.lower() == NO_MODEL:
        return None
    try:
        if choice == BUNDLED_MODEL:
            return _bundled_wordllama()
        return _sentence_transformer(choice)
    except Exception as error:  # any failure to load leaves search working on words alone
        log.warning("search uses full text only: the embedding model %r did not load (%s)", choice, error)
        return None


def _bundled_wordllama() -> Embedder:
    """wordllama's bundled model, read straight from the files in its package.

    The model is a table of token vectors and a tokenizer: a text's vector is the mean of its
    tokens' rows. Importing wordllama itself costs more than a whole search command may take (it
    pulls in requests, pydantic configurations and its training code), so the table is read with
    safetensors and the tokenizer with tokenizers, and the mean computed as wordllama's `embed`
    does (tests/unit/test_embedding.py checks that the vectors are the same, bit for bit).
    """
    from importlib.util import find_spec
    from pathlib import Path

    from safetensors import safe_open
    from tokenizers import Tokenizer

    spec = find_spec("wordllama")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("the wordllama package is not installed")
    package = Path(spec.origin).parent
    # The files ship inside the package: never look elsewhere, never download.
    tokenizer = Tokenizer.from_file(str(package / "tokenizers" / f"{_WORDLLAMA_CONFIG}_tokenizer_config.json"))
    tokenizer.enable_padding()
    tokenizer.no_truncation()
    with safe_open(str(package / "weights" / f"{_WORDLLAMA_CONFIG}_{_WORDLLAMA_DIM}.safetensors"), framework="np") as weights:
        table = weights.get_tensor("embedding.weight")
    return Embedder(name=f"wordllama-{_WORDLLAMA_CONFIG}-{_WORDLLAMA_DIM}", _encode=lambda texts: _mean_of_tokens(tokenizer, table, texts))


# The bundled model: wordllama's default configuration at its full dimension.
_WORDLLAMA_CONFIG = "l2_supercat"
_WORDLLAMA_DIM = 256
# Texts tokenized at once: wordllama's batch, so that padding, and so every sum, is the same.
_BATCH = 64


def _mean_of_tokens(tokenizer, table, texts: list[str]):
    """wordllama's `embed(texts, norm=True)`: each text's mean token vector, scaled to unit length."""
    import numpy as np

    vectors = np.empty((len(texts), table.shape[1]), dtype=np.float32)
    for start in range(0, len(texts), _BATCH):
        encoded = tokenizer.encode_batch(texts[start : start + _BATCH], is_pretokenized=False, add_special_tokens=False)
        ids = np.array([encoding.ids for encoding in encoded], dtype=np.int32)
        mask = np.array([encoding.attention_mask for encoding in encoded], dtype=np.float32)
        np.clip(ids, 0, table.shape[0] - 1, out=ids)
        # float16 rows widened to float32 exactly, as wordllama's whole table is when it loads.
        tokens = table[ids].astype(np.float32)
        counts = np.maximum(mask.sum(axis=1, keepdims=True), 1.0).astype(np.float32)
        means = np.sum(tokens * mask[..., np.newaxis], axis=1, dtype=np.float32) / counts
        means /= np.linalg.norm(means, axis=1, keepdims=True)
        vectors[start : start + len(means)] = means
    return vectors


def _sentence_transformer(path: str) -> Embedder:
    from sentence_transformers import SentenceTransformer  # only on sites that installed it

    model = SentenceTransformer(path, local_files_only=True)
    digest = hashlib.sha256(path.encode()).hexdigest()[:12]
    return Embedder(name=f"sentence-transformers-{digest}", _encode=model.encode)


def topic_text(topic: Topic) -> str:
    """What a topic's vector is made of: what it is and the questions it answers, not the whole article."""
    return " ".join([plain_text(topic.title), " ".join(topic.tags), plain_text(topic.summary), *topic.asks])
