"""Static word vectors: a sentence's meaning as the weighted mean of its words' vectors, in numpy alone.

The table (models/intent_vectors.npz) is distilled once, at training time, from the sentence encoder
all-MiniLM-L6-v2 (Apache-2.0): every wordpiece of its vocabulary and every common word of poise's corpora
was embedded by the encoder, reduced by PCA and scaled by a smooth inverse frequency weight (rare words
count more). At run time there is no encoder, no torch and no tokenizer package: a word found in the table
is one row; any other word is split into wordpieces (greedy longest match, as BERT does), so misspellings
and new words still land near their neighbours. See docs/eval/intent.md for how it was built.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from itertools import chain, repeat
from pathlib import Path
from typing import Any

import numpy as np

from poise.errors import ModelError
from poise.reading.linear import row_sums

_MAX_WORD_CHARS = 40
_CACHE_LIMIT = 200_000
_REBUILD = "reinstall poise, or rebuild it with `python -m poise.reading.training.intent --vectors`"


def wordpiece(word: str, table: dict[str, int]) -> list[int]:
    """Rows of `word` split greedily into the longest known pieces ('##' marks a piece inside a word).

    A word with no split (a rare symbol, an overlong token) falls back to its known characters, or none.
    """
    if len(word) <= _MAX_WORD_CHARS:
        rows: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            row = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                row = table.get(piece)
                if row is not None:
                    break
                end -= 1
            if row is None:
                break
            rows.append(row)
            start = end
        else:
            return rows
    return [r for r in (table.get(ch) for ch in word[:_MAX_WORD_CHARS]) if r is not None]


def block_extremes(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """[max, min] per column of the blocks of rows that begin at `starts` (ascending, the first 0, none empty).

    `np.maximum.reduceat` gives the same, but walks each column down a block with a whole row as its stride
    (3-4x slower on 256 columns); a reduce per block runs along the contiguous rows, as `row_sums` does.
    """
    dims = values.shape[1]
    out = np.empty((len(starts), 2 * dims), dtype=values.dtype)
    high, low = np.maximum.reduce, np.minimum.reduce
    ends = [*starts[1:].tolist(), len(values)]
    for i, (start, end) in enumerate(zip(starts.tolist(), ends)):
        block = values[start:end]
        high(block, axis=0, out=out[i, :dims])
        low(block, axis=0, out=out[i, dims:])
    return out


class WordVectors:
    """A table of weighted word vectors; `embed` turns token lists into unit-length sentence vectors."""

    def __init__(self, tokens: list[str], vectors: np.ndarray, meta: dict[str, Any]) -> None:
        self.table = {t: i for i, t in enumerate(tokens)}
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.meta = meta
        self._rows = _TokenRows(self.table)

    @property
    def dims(self) -> int:
        """Length of a sentence vector."""
        return int(self.vectors.shape[1])

    @classmethod
    def load(cls, path: str | Path) -> WordVectors:
        """Load a table written by `save`; ModelError if it is missing or damaged."""
        path = Path(path)
        if not path.exists():
            raise ModelError(f"word vector file {path} is missing",
                             hint=_REBUILD)
        try:
            with np.load(path, allow_pickle=False) as z:
                vectors = z["codes"].astype(np.float32) * z["scales"].astype(np.float32)[:, None]
                return cls([str(t) for t in z["tokens"]], vectors, json.loads(str(z["meta"])))
        except (KeyError, ValueError, OSError) as exc:
            raise ModelError(f"word vector file {path} is damaged ({exc})",
                             hint=_REBUILD) from exc

    def save(self, path: str | Path) -> None:
        """Write the table as .npz, each row as int8 codes times a per-row scale (a quarter of float32's size;
        a mean over many rows averages the rounding away)."""
        tokens = [""] * len(self.table)
        for t, i in self.table.items():
            tokens[i] = t
        scales = np.abs(self.vectors).max(axis=1) / 127.0
        scales[scales == 0] = 1.0
        codes = np.round(self.vectors / scales[:, None]).astype(np.int8)
        np.savez_compressed(path, tokens=np.array(tokens), codes=codes, scales=scales.astype(np.float32),
                            meta=np.array(json.dumps(self.meta)))

    def rows(self, token: str) -> tuple[int, ...]:
        """Table rows that stand for one lowercased token (cached: words repeat across messages)."""
        return tuple(self._rows[token].tolist())

    def token_rows(self, tokens: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The table rows of each token (its own row, else its wordpieces), concatenated, and how many each has.

        Not cached: for callers that keep the result per word (a word table), where a per-token array as the
        `embed` cache keeps would cost more than the lookup.
        """
        table = self.table
        rows = np.fromiter(map(table.get, tokens, repeat(-1)), dtype=np.int64, count=len(tokens))
        counts = np.ones(len(tokens), dtype=np.int64)
        split = np.flatnonzero(rows < 0)
        if not len(split):
            return rows, counts
        pieces = [wordpiece(tokens[i], table) for i in split.tolist()]
        counts[split] = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
        starts = np.cumsum(counts) - counts
        whole = rows >= 0
        out = np.empty(int(starts[-1] + counts[-1]), dtype=np.int64)
        out[starts[whole]] = rows[whole]
        piece_counts = counts[split]
        at = np.repeat(starts[split] - (np.cumsum(piece_counts) - piece_counts), piece_counts)
        out[at + np.arange(len(at))] = np.fromiter(chain.from_iterable(pieces), dtype=np.int64, count=len(at))
        return out, counts

    def unit_sums(self, rows: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Unit-length sums of table rows, `lengths[i]` consecutive `rows` for message i (zeros where none).

        What `embed` computes once the rows are known: the rows are added in the order given, so a caller
        that lists a message's rows in token order gets `embed`'s result to the last bit.
        """
        return self._unit_blocks(rows, lengths, row_sums, self.dims)

    def unit_extremes(self, rows: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """[max, min] over each message's table rows, per dimension, as one unit-length vector (n x 2 dims;
        zeros where none): `lengths[i]` consecutive `rows` for message i, as in `unit_sums`.

        The mean keeps what the words share; the extremes keep the one word that stands out in a dimension
        (a few-shot fit reads both, docs/eval/intent.md).
        """
        return self._unit_blocks(rows, lengths, block_extremes, 2 * self.dims)

    def _unit_blocks(self, rows: np.ndarray, lengths: np.ndarray,
                     reduce: Callable[[np.ndarray, np.ndarray], np.ndarray], width: int) -> np.ndarray:
        """`reduce` over each message's block of gathered table rows, each result scaled to unit length."""
        n = len(lengths)
        out = np.zeros((n, width), dtype=np.float32)
        nonempty = lengths > 0
        if len(rows):
            starts = (np.cumsum(lengths) - lengths)[nonempty]
            # np.take is several times faster than fancy indexing for gathering rows
            out[nonempty] = reduce(np.take(self.vectors, rows, axis=0), starts)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        unit: np.ndarray = out / norms
        return unit

    def batch_rows(self, token_lists: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """The batch's table rows in token order, one concatenation, and how many belong to each message.

        Each token's rows are a cached array (`_TokenRows`), looked up in one C-level pass.
        """
        n = len(token_lists)
        per_token = list(map(self._rows.__getitem__, chain.from_iterable(token_lists)))
        token_docs = np.repeat(np.arange(n), np.fromiter(map(len, token_lists), dtype=np.int64, count=n))
        token_rows = np.fromiter(map(len, per_token), dtype=np.int64, count=len(per_token))
        lengths = np.bincount(token_docs, weights=token_rows, minlength=n).astype(np.int64)
        rows = np.concatenate(per_token) if per_token else np.zeros(0, dtype=np.int64)
        return rows, lengths

    def extremes(self, token_lists: list[list[str]]) -> np.ndarray:
        """`unit_extremes` of lowercased token lists (each token's rows as `embed` finds them)."""
        return self.unit_extremes(*self.batch_rows(token_lists))

    def embed(self, token_lists: list[list[str]]) -> np.ndarray:
        """Unit-length sentence vectors (n x dims) of lowercased token lists; zeros where nothing is known."""
        return self.unit_sums(*self.batch_rows(token_lists))


class _TokenRows(dict[str, np.ndarray]):
    """token -> its table rows (the word's own row, else its wordpieces) as an array, worked out on first sight.

    A dict with `__missing__`, so `embed` looks a batch's tokens up in one C-level pass; cleared when it
    grows past _CACHE_LIMIT (memory stays flat).
    """

    def __init__(self, table: dict[str, int]) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, token: str) -> np.ndarray:
        row = self.table.get(token)
        found = np.array([row] if row is not None else wordpiece(token, self.table), dtype=np.intp)
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        self[token] = found
        return found
