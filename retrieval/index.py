"""The index: catalog (committed state) + Chroma (vectors) + BM25 (lexical), opened together."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable

from .catalog import Catalog
from .chunking import CHUNK_OVERLAP, CHUNK_SIZE
from .embeddings import Embedder, has_latent_terms, latent_terms
from .latent import Latent
from .lexical import LexicalIndex
from .normalize import aliases_version, arabic_token
from .store import ChromaStore


REBUILD_INTERVAL = 10.0
# A word is a name when at least this share of the passages that hold it announce it as one
# (a title or a kind of place before it): لافروف is, اجتماع after "لافروف" once is not.
NAME_SHARE = 0.2
NAMES_VERSION = "1"  # of retrieval/names.py; a change re-reads the names of every passage
# Of the cross-script keys (retrieval/translit.py arabic_key_variants, ingest.name_words); a change
# re-reads the words of every passage. 2: words, not stems (stop 39); 3: ت+س also as t, s;
# 4: no digraph across two Arabic letters as the second reading (ك+س of كاسترو, stop 40).
# 5: the keys read with the letters apart only for names from other scripts (LETTERS_KEY).
# 6: announced names also by a key of two consonants (SHORT_KEY: كيري, روحاني).
NAME_KEYS_VERSION = "6"
DATES_VERSION = "2"  # of retrieval/dates.py; a change re-reads the dates of every passage
LATENT_LAYOUT = "packed"  # of Latent.to_bytes; an index written before it is repacked once


class Index:
    def __init__(self, data_dir: Path, embedder: Embedder, store: ChromaStore | None = None,
                 chunk_size: int = CHUNK_SIZE, chunk_overlap: int = CHUNK_OVERLAP):
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.catalog = Catalog(self.data_dir / "catalog.sqlite")
        self.store = store or ChromaStore(path=self.data_dir / "chroma")
        self.embedder = embedder
        self.chunk_size = chunk_size
        self.chunk_overlap = chunk_overlap
        self._lexical: LexicalIndex | None = None
        self._live: dict[str, str] = {}
        self._lexical_gen = -1
        self._built_at = 0.0
        self._lock = threading.Lock()
        self._names: frozenset[str] = frozenset()
        self._names_gen = -1
        self._name_words_ready = False

    @property
    def settings_stamp(self) -> str:
        """What besides the text decides a passage's vectors: a change re-chunks and re-embeds."""
        # An embedder with a sparse head records latent terms too: an index built without them is
        # re-indexed once (vectors come from the cache; retrieval/latent.py).
        latent = "|latent" if has_latent_terms(self.embedder) else ""
        return f"{self.embedder.model_id}|{self.chunk_size}|{self.chunk_overlap}|{aliases_version()}{latent}"

    def lexical(self) -> LexicalIndex:
        """The BM25 index for the catalog's current generation (loaded, or rebuilt and saved).

        While an ingest commits article after article, questions reuse a snapshot for up to
        REBUILD_INTERVAL seconds instead of rebuilding BM25 for every article committed.
        """
        gen = self.catalog.generation()
        if self._lexical is not None and self._lexical_gen == gen:
            return self._lexical
        if (self._lexical is not None and time.monotonic() - self._built_at < REBUILD_INTERVAL
                and self.catalog.get_meta("ingest_running") == "1"):
            return self._lexical
        with self._lock:
            gen = self.catalog.generation()
            if self._lexical is None or self._lexical_gen != gen:
                directory = self.data_dir / "bm25"
                lexical = LexicalIndex.load(directory, gen)
                if lexical is None:
                    lexical = LexicalIndex.build(self.catalog.lexical_rows())
                    lexical.save(directory, gen)
                self._live = dict(zip(lexical.records, lexical.pids))
                self._lexical, self._lexical_gen = lexical, gen
                self._built_at = time.monotonic()
        return self._lexical

    def live_records(self) -> dict[str, str]:
        """Chroma record id -> passage id, for the article versions the catalog has committed."""
        self.lexical()
        return self._live

    def name_tokens(self, keys: list[str]) -> dict[str, dict[str, frozenset[str]]]:
        """Cross-script key -> {index token: the Arabic words of the live passages with that key
        and token}: the words are what a name's spelling is compared with, the token what is searched."""
        lexical = self.lexical()
        if not self._name_words_ready and self.catalog.get_meta("name_keys_version") != NAME_KEYS_VERSION:
            # An index built with other key rules, or before the words were recorded (stop 39):
            # read every live passage's words again once, as ingest does (articles added with
            # --no-save included, which no reindex reaches), and drop the old key -> token table.
            from .names import announced
            from .normalize import analyze_written
            from .translit import name_words

            texts = [text for _, text, _ in self.catalog.passage_texts()]
            self.catalog.refill_name_words(name_words([analyze_written(text) for text in texts],
                                                      {word for text in texts for word, _ in announced(text)}))
            self.catalog.set_meta("name_keys_version", NAME_KEYS_VERSION)
        self._name_words_ready = True
        out: dict[str, dict[str, frozenset[str]]] = {}
        for key, words in self.catalog.name_words(keys).items():
            by_token: dict[str, set[str]] = {}
            for word in words:
                token = arabic_token(word)
                if lexical.knows(token):
                    by_token.setdefault(token, set()).add(word)
            if by_token:
                out[key] = {t: frozenset(w) for t, w in by_token.items()}
        return out

    def names(self) -> frozenset[str]:
        """Index tokens of the words the corpus uses as names of people, places and bodies."""
        lexical = self.lexical()
        if self._names_gen == self._lexical_gen:
            return self._names
        if self.catalog.get_meta("names_version") != NAMES_VERSION:
            # An index built before names were recorded (or with other cues): read them once.
            from .names import name_tokens

            self.catalog.add_names((pid, t) for pid, text, _ in self.catalog.passage_texts() for t in name_tokens(text))
            self.catalog.set_meta("names_version", NAMES_VERSION)
        counts = self.catalog.name_counts()
        self._names = frozenset(t for t, n in counts.items() if n >= NAME_SHARE * max(1, lexical.df(t)))
        self._names_gen = self._lexical_gen
        return self._names

    def ensure_dates(self) -> None:
        """Read the dates of every passage once for an index built before they were recorded."""
        if self.catalog.get_meta("dates_version") == DATES_VERSION:
            return
        from .dates import passage_dates

        self.catalog.add_dates((pid, d.iso, d.start, d.end) for pid, text, date in self.catalog.passage_texts()
                               for d in passage_dates(text, date))
        # The same dates into the Chroma metadata, as ingest writes them for new passages.
        spoken: dict[str, set[str]] = {}
        for pid, date, _, _ in self.catalog.dated_passages():
            spoken.setdefault(pid, set()).add(date)
        rows = [(record_id, ",".join(sorted(spoken.get(pid, ())))) for pid, record_id, *_ in self.catalog.lexical_rows()]
        self.store.update_metadata([r for r, _ in rows], [{"dates": d} for _, d in rows])
        self.catalog.set_meta("dates_version", DATES_VERSION)

    def ensure_latent(self, batch: int = 32, limit: int = -1,
                      progress: Callable[[int, int], None] | None = None) -> int:
        """Latent terms for the passages committed without them (at most `limit` of them; -1: all),
        returns how many were computed. They are missing after an ingest with latent=False (the
        bot answers the admin, or starts serving, first), or in an index built before they were
        recorded. Nothing when the embedder has no sparse head. progress(done, total) after each
        batch."""
        if not has_latent_terms(self.embedder):
            return 0
        self.repack_latent()
        missing = self.catalog.without_latent(limit)
        for i in range(0, len(missing), batch):
            self.add_latent(missing[i : i + batch])
            if progress:
                progress(min(i + batch, len(missing)), len(missing))
        return len(missing)

    def repack_latent(self) -> int:
        """Rewrite, once per index, the latent terms stored before stop 32 in the packed layout
        (retrieval/latent.py: 323 bytes a passage instead of 514); how many were rewritten. They
        are read either way; SQLite reuses the freed space for the rows stored after."""
        if self.catalog.get_meta("latent_layout") == LATENT_LAYOUT:
            return 0
        done = self.catalog.rewrite_latent(lambda blob: None if Latent.packed(blob) else Latent.from_bytes(blob).to_bytes())
        self.catalog.set_meta("latent_layout", LATENT_LAYOUT)
        return done

    def missing_latent(self) -> int:
        """How many passages still lack their latent terms (0 when the embedder has no sparse head)."""
        return self.catalog.count_without_latent() if has_latent_terms(self.embedder) else 0

    def add_latent(self, passages: list[tuple[str, str]]) -> dict[str, bytes]:
        """Compute and store the latent terms of these (pid, text) passages; returns them stored."""
        latents = latent_terms(self.embedder, [text for _, text in passages]) or []
        rows = [(pid, text, lat.to_bytes()) for (pid, text), lat in zip(passages, latents)]
        self.catalog.add_latent(rows)
        return {pid: blob for pid, _, blob in rows}

    def analyse(self, text: str):
        """The question analysed against this index (names matched across scripts)."""
        from .question import analyse

        lexical = self.lexical()
        return analyse(text, self.name_tokens, lexical.knows, lexical.df)

    def is_empty(self) -> bool:
        return self.catalog.count_articles() == 0

    def vacuum(self) -> int:
        """Delete Chroma records no committed version owns (left by an ingest that was killed)."""
        live = self.catalog.live_record_ids()
        orphans = [rid for rid in self.store.ids() if rid not in live]
        self.store.delete(orphans)
        return len(orphans)
