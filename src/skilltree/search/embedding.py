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


_lock = threading.Lock()
_loaded: dict[str, Embedder | None] = {}


def configured_model() -> str:
    """The model SKILLTREE_EMBEDDING_MODEL names, without loading it."""
    return os.environ.get(SETTING, "").strip() or BUNDLED_MODEL


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
    from pathlib import Path

    # wordllama calls logging.basicConfig(level=INFO) when imported, which would print every
    # library's log records (Alembic's among them) to stderr: keep the root logger as it was.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import wordllama
    finally:
        root.handlers[:], root.level = handlers, level

    # The weights and tokenizer are files of the package itself: never look elsewhere, never download.
    model = wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    return Embedder(name="wordllama-l2_supercat-256", _encode=lambda texts: model.embed(texts, norm=True))


def _sentence_transformer(path: str) -> Embedder:
    from sentence_transformers import SentenceTransformer  # only on sites that installed it

    model = SentenceTransformer(path, local_files_only=True)
    digest = hashlib.sha256(path.encode()).hexdigest()[:12]
    return Embedder(name=f"sentence-transformers-{digest}", _encode=model.encode)


def topic_text(topic: Topic) -> str:
    """What a topic's vector is made of: what it is and the questions it answers, not the whole article."""
    return " ".join([plain_text(topic.title), " ".join(topic.tags), plain_text(topic.summary), *topic.asks])
