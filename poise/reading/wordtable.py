"""The affect scorer's word table: each word's feature ids and the sum of their weight rows, word pairs by rows.

A message's tf-idf dot products are summed word by word (see `AffectScorer.logits`), so what a word brings (its
own feature and its character grams) is worked out once per word, not once per message. The words of the
vocabulary (alone or in a pair) are worked out ahead of time: their feature ids and the keys of the vocabulary's
word pairs depend on the vocabulary alone, so they ship precomputed in `models/affect_words.npz` beside a
fingerprint of the vocabulary they were built from. When the fingerprint does not match (a model was retrained
and the file not rebuilt), they are computed when the scorer is built instead: slower to load, same result.
Other words are added on first sight, a batch's new words together; past a cap the table starts again, so
memory stays flat on an endless stream.
"""
from __future__ import annotations

import hashlib
from itertools import chain, compress, islice, repeat
from pathlib import Path

import numpy as np

from poise.errors import ModelError
from poise.reading.features import token_char_grams
from poise.reading.linear import MODELS_DIR

WORD_TABLE_FILE = MODELS_DIR / "affect_words.npz"
MAX_WORDS = 100_000  # the table starts again past this many words (~30 MB of sums)
HASH = "#"  # the one token that reads like a character gram ("# ab" is a gram of "ab" and the pair "#", "ab")


_NO_IDS = np.zeros(0, dtype=np.int64)


def fingerprint(index: dict[str, int], char_range: tuple[int, int], word_max_n: int) -> str:
    """What the precomputed arrays depend on: the vocabulary in id order and the feature spec."""
    digest = hashlib.sha1(f"{char_range} {word_max_n}\n".encode())
    digest.update("\n".join(index).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def feature_ids(words: list[str], index: dict[str, int], char_range: tuple[int, int]
                ) -> tuple[np.ndarray, np.ndarray]:
    """Each word's known feature ids (the word itself, then its character grams) concatenated, and their counts."""
    get = index.get
    lo, hi = char_range
    id_lists = [[j for j in map(get, (w, *token_char_grams(w, lo, hi)) if hi else (w,)) if j is not None]
                for w in words]
    lengths = np.fromiter(map(len, id_lists), dtype=np.int64, count=len(id_lists))
    ids = np.fromiter(chain.from_iterable(id_lists), dtype=np.int32, count=int(lengths.sum()))
    return ids, lengths


def build_arrays(index: dict[str, int], char_range: tuple[int, int], word_max_n: int) -> dict[str, np.ndarray]:
    """The precomputed part of the table: the vocabulary's words, their feature ids (CSR), the pair keys."""
    pairs = []
    if word_max_n == 2:
        for g in index:
            if " " in g:
                parts = g.split(" ")
                if len(parts) == 2 and parts[0] and parts[1] and parts[0] != HASH:
                    pairs.append((g, parts[0], parts[1]))
    words = list(dict.fromkeys(chain(
        [HASH], (g for g in index if " " not in g and g[0] != "#"), chain.from_iterable(p[1:] for p in pairs))))
    ids, lengths = feature_ids(words, index, char_range)
    row = dict(zip(words, range(len(words))))
    keys = np.fromiter((row[a] * len(words) + row[b] for _, a, b in pairs), dtype=np.int64, count=len(pairs))
    order = np.argsort(keys, kind="stable")
    features = np.fromiter((index[g] for g, _, _ in pairs), dtype=np.int64, count=len(pairs))
    return {"fingerprint": np.array(fingerprint(index, char_range, word_max_n)), "words": np.array(words),
            "starts": np.concatenate(([0], np.cumsum(lengths))).astype(np.int64), "ids": ids,
            "pair_keys": keys[order], "pair_features": features[order].astype(np.int32)}


def write_word_table(index: dict[str, int], char_range: tuple[int, int], word_max_n: int,
                     path: Path = WORD_TABLE_FILE) -> Path:
    """Precompute the vocabulary's part of the word table into `path` (run after training the affect models)."""
    np.savez_compressed(path, **build_arrays(index, char_range, word_max_n))  # type: ignore[arg-type]
    return path


def load_arrays(index: dict[str, int], char_range: tuple[int, int], word_max_n: int,
                path: Path = WORD_TABLE_FILE) -> dict[str, np.ndarray]:
    """The precomputed arrays from `path` when they were built from this vocabulary, else computed now."""
    if path.exists():
        try:
            with np.load(path, allow_pickle=False) as z:
                if str(z["fingerprint"]) == fingerprint(index, char_range, word_max_n):
                    return {k: z[k] for k in z.files}
        except (KeyError, ValueError, OSError) as exc:
            raise ModelError(f"word table {path} is damaged ({exc})",
                             hint="reinstall poise, or rebuild the models with `poise train`") from exc
    return build_arrays(index, char_range, word_max_n)


def block_sums(values: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Sums of consecutive blocks of rows of `values`, `lengths[i]` rows each (zero rows for empty blocks).

    Blocks of one length are summed together as one (blocks x length x columns) array, so the cost is a few
    numpy calls per distinct length, not one per block.
    """
    out = np.zeros((len(lengths), values.shape[1]), dtype=np.float32)
    starts = np.cumsum(lengths) - lengths
    for length in np.unique(lengths).tolist():
        if length == 0:
            continue
        blocks = np.flatnonzero(lengths == length)
        rows = (starts[blocks][:, None] + np.arange(length)).ravel()
        out[blocks] = values[rows].reshape(len(blocks), length, -1).sum(axis=1)
    return out


class WordTable:
    """Words -> table rows; a row's feature ids (CSR) and the sum of their weight rows (idf folded in)."""

    def __init__(self, index: dict[str, int], char_range: tuple[int, int], word_max_n: int,
                 weights: np.ndarray, path: Path = WORD_TABLE_FILE) -> None:
        self.index = index
        self.char_range = char_range
        self.weights = weights
        arrays = load_arrays(index, char_range, word_max_n, path)
        self._vocabulary_words: list[str] = arrays["words"].tolist()
        self._vocabulary_starts = arrays["starts"].astype(np.int64)
        self._vocabulary_ids = arrays["ids"].astype(np.int32)
        self._vocabulary_sums = block_sums(np.take(weights, self._vocabulary_ids, axis=0),
                                           np.diff(self._vocabulary_starts))
        self.paired = len(self._vocabulary_words)  # rows below this are the vocabulary's words
        self.pair_keys = arrays["pair_keys"].astype(np.int64)
        self.pair_features = arrays["pair_features"].astype(np.int64)
        self._pair_index: dict[int, int] | None = None  # pair key -> feature id, for `pair_ids_one`
        self._clear()
        self.hash_row = self.row_of[HASH]

    def _clear(self) -> None:
        """Back to the vocabulary's words alone."""
        n = self.paired
        self.row_of: dict[str, int] = dict(zip(self._vocabulary_words, range(n)))
        self._rows = n
        self._starts = grow(self._vocabulary_starts.copy(), n + 1024)
        self._ids = grow(self._vocabulary_ids.copy(), len(self._vocabulary_ids) + 16_384)
        self._sums = grow(self._vocabulary_sums.copy(), n + 1024)

    @property
    def sums(self) -> np.ndarray:
        """One row per known word: the sum of its features' weight rows."""
        return self._sums

    def rows(self, words: list[str]) -> np.ndarray:
        """The table row of each word, adding the ones not seen before."""
        rows = np.fromiter(map(self.row_of.get, words, repeat(-1)), dtype=np.int64, count=len(words))
        missing = rows < 0
        if missing.any():
            new = list(dict.fromkeys(compress(words, missing.tolist())))
            if self._rows + len(new) > MAX_WORDS:
                self._clear()
                rows = np.fromiter(map(self.row_of.get, words, repeat(-1)), dtype=np.int64, count=len(words))
                missing = rows < 0
                new = list(dict.fromkeys(compress(words, missing.tolist())))
            self._add(new)
            rows[missing] = np.fromiter(map(self.row_of.__getitem__, compress(words, missing.tolist())),
                                        dtype=np.int64, count=int(missing.sum()))
        return rows

    def gram_ids(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The feature ids of the words at `rows`, concatenated, and how many each word has."""
        starts = self._starts[rows]
        lengths = self._starts[rows + 1] - starts
        offsets = np.cumsum(lengths) - lengths
        positions = np.arange(int(lengths.sum()), dtype=np.int64)
        positions += np.repeat(starts - offsets, lengths)
        return self._ids[positions], lengths

    def pair_ids(self, words: list[str], rows: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Feature ids of the known word pairs among consecutive words of one message, and their messages
        (ascending: `docs` must be too).

        A pair of two vocabulary words is the key row(a) x P + row(b), looked up in the vocabulary's sorted pair
        keys; no pair string is built. Pairs that start with "#" are looked up as strings (they may also be
        character grams, which the keys leave out).
        """
        if len(rows) < 2:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        left, right = rows[:-1], rows[1:]
        same = docs[:-1] == docs[1:]
        ok = same & (left < self.paired) & (right < self.paired)
        keys = left[ok] * self.paired + right[ok]
        at = np.searchsorted(self.pair_keys, keys)
        at[at == len(self.pair_keys)] = 0
        hit = (self.pair_keys[at] == keys) if len(self.pair_keys) else np.zeros(len(keys), dtype=bool)
        ids, id_docs = self.pair_features[at[hit]], docs[:-1][ok][hit]
        hashes = np.flatnonzero(same & (left == self.hash_row))
        if len(hashes):
            get = self.index.get
            found = [(j, int(docs[i])) for i in hashes.tolist() if (j := get(f"{HASH} {words[i + 1]}")) is not None]
            if found:
                extra = np.array(found, dtype=np.int64)
                ids, id_docs = np.concatenate((ids, extra[:, 0])), np.concatenate((id_docs, extra[:, 1]))
                order = np.argsort(id_docs, kind="stable")  # callers sum per message: keep messages in order
                ids, id_docs = ids[order], id_docs[order]
        return ids, id_docs

    def pair_ids_one(self, words: list[str], rows: np.ndarray) -> np.ndarray:
        """`pair_ids` of one message (a single read()): the same ids in the same order, looked up in a dict of
        the pair keys (built on first use) by a Python loop, which for one message costs less than numpy's
        dozen calls."""
        if len(rows) < 2:
            return _NO_IDS
        index = self._pair_index
        if index is None:
            index = self._pair_index = dict(zip(self.pair_keys.tolist(), self.pair_features.tolist()))
        get = index.get
        paired = self.paired
        row_list = rows.tolist()
        ids = [j for a, b in zip(row_list, islice(row_list, 1, None))
               if a < paired and b < paired and (j := get(a * paired + b)) is not None]
        hash_row = self.hash_row
        if hash_row in islice(row_list, len(row_list) - 1):
            get_gram = self.index.get
            ids += [j for i, a in enumerate(row_list[:-1])
                    if a == hash_row and (j := get_gram(f"{HASH} {words[i + 1]}")) is not None]
        return np.array(ids, dtype=np.int64) if ids else _NO_IDS

    def _add(self, words: list[str]) -> None:
        ids, lengths = feature_ids(words, self.index, self.char_range)
        first, used = self._rows, int(self._starts[self._rows])
        last = first + len(words)
        self._starts = grow(self._starts, last + 1)
        self._ids = grow(self._ids, used + len(ids))
        self._sums = grow(self._sums, last)
        self._starts[first + 1:last + 1] = used + np.cumsum(lengths)
        self._ids[used:used + len(ids)] = ids
        self._sums[first:last] = block_sums(np.take(self.weights, ids, axis=0), lengths)
        self.row_of.update(zip(words, range(first, last)))
        self._rows = last


def grow(array: np.ndarray, size: int, fill: int = 0) -> np.ndarray:
    """`array`, or a copy at least twice as long (the new rows `fill`) when it holds fewer than `size` rows:
    amortised growth for the word tables' arrays."""
    if len(array) >= size:
        return array
    grown = np.full((max(size, 2 * len(array)), *array.shape[1:]), fill, dtype=array.dtype)
    grown[:len(array)] = array
    return grown
