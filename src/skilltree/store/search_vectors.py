"""Each topic's vector for semantic search, stored beside the full-text index (table search_vectors)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from sqlalchemy import Connection, delete, select

from skilltree.store.tables import search_vectors


class SearchVectors:
    def __init__(self, connection: Connection):
        self.connection = connection

    def keys(self) -> dict[str, tuple[str, str]]:
        """topic id -> (content hash, model) of every stored vector."""
        rows = self.connection.execute(
            select(search_vectors.c.topic_id, search_vectors.c.content_hash, search_vectors.c.model)
        )
        return {topic_id: (content_hash, model) for topic_id, content_hash, model in rows}

    def all(self, model: str) -> dict[str, bytes]:
        """topic id -> vector (float32 bytes) of every topic with a vector of `model`."""
        rows = self.connection.execute(
            select(search_vectors.c.topic_id, search_vectors.c.vector).where(search_vectors.c.model == model)
        )
        return dict(rows.all())

    def replace(self, vectors: Mapping[str, tuple[str, str, bytes]], removed: Collection[str]) -> None:
        """Store `vectors` (topic id -> content hash, model, vector) and forget the topics `removed`."""
        gone = [*removed, *vectors]
        for start in range(0, len(gone), 1000):
            batch = gone[start : start + 1000]
            self.connection.execute(delete(search_vectors).where(search_vectors.c.topic_id.in_(batch)))
        if vectors:
            self.connection.execute(
                search_vectors.insert(),
                [
                    {"topic_id": topic_id, "content_hash": content_hash, "model": model, "vector": vector}
                    for topic_id, (content_hash, model, vector) in vectors.items()
                ],
            )
