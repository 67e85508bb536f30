"""Skilltree: learning roadmaps for backend engineers."""

import os

# Search's only BLAS work is one matrix-vector product per query (search.embedding.similarities):
# 0.2 ms on the calling thread, while OpenBLAS's own threads, which spin while they wait, took 8 ms
# for it on a machine busy with other work. OpenBLAS reads this once, when numpy is first imported,
# so it is set here, before any module of ours imports numpy; a process may still choose otherwise.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
