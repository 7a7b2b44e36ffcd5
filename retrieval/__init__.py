"""Retrieval layer: Arabic normalisation, chunking, embeddings, Chroma, BM25, hybrid search, ingest.

Knows nothing of Telegram or LLMs.
"""
