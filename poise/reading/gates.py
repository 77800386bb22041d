"""Gated phrase rules: the engine under claims and stakes, fast enough to run on every message.

A rule is a regex plus its gates: groups of cheap word pieces that every match must contain ("charg" and
"twice" for "charged me twice"). The message's word tokens (already computed once per message) say which
gate groups are present, so a rule runs only when all its groups are there — most messages run none of
the claim regexes at all. Long messages (complaint narratives of thousands of characters) run a rule only
in windows around the words of its first gate group, found with one trie-shaped scan.

Gate atoms are substrings of a token ("arriv" matches "arrived"), or whole tokens when written "=never".
"NEG" stands for the negation words, spelt formally or not ("didn't", "didnt", "never", "nevr", "no").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, reduce
from operator import or_

NEGATION_ATOMS = tuple(f"={w}" for w in (
    "never", "nevr", "neva", "nvr", "not", "no", "yet", "havent", "hasnt", "hadnt", "didnt", "dint", "dont",
    "doesnt", "wasnt", "werent", "isnt", "arent", "aint", "wont", "cant", "couldnt", "wouldnt", "shouldnt",
    "havnt", "nobody", "without")) + ("n't", "n\u2019t")
SHORT_TEXT_CHARS = 600  # up to here a rule runs over the whole text; beyond, sentence by sentence
_SENTENCE = re.compile(r"[^.!?]+")  # what lies between runs of sentence marks
_MAX_CACHED_TOKENS = 200_000
_MAX_CACHED_MASKS = 100_000


@dataclass(frozen=True)
class Rule:
    """A phrase rule: what it finds (`kind`), its gate groups, its regex, and whether negation cancels it.

    negatable: the pattern states something positive ("charged twice", "returned it"), so a negation just
    before or inside the match ("wasn't charged twice", "haven't returned it") cancels it. Patterns that
    carry their own negation ("never arrived") leave it False.

    The regex is compiled the first time a message passes the rule's gates, not when poise is imported: there
    are a hundred-odd rules, long alternations each, and most never run in a given process.
    """

    kind: str
    gates: tuple[tuple[str, ...], ...]
    source: str
    negatable: bool = False

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The compiled regex (compiled once, on first use)."""
        return re.compile(self.source)


def rule(kind: str, gates: str, alternatives: list[str], *, negatable: bool = False) -> Rule:
    """Build a Rule. `gates` is groups of atoms joined by " & " ("charg bill & twice double"); every group
    must be present. Alternatives are joined into one regex, word-bounded at both ends."""
    groups = tuple(tuple(NEGATION_ATOMS if a == "NEG" else (a,) for a in group.split())
                   for group in gates.split(" & "))
    flat = tuple(tuple(atom for atoms in group for atom in atoms) for group in groups)
    joined = "|".join(f"(?:{a})" for a in alternatives)
    return Rule(kind, flat, rf"\b(?:{joined})\b", negatable)


def trie_pattern(words: list[str]) -> str:
    """One regex alternation of `words` shaped as a trie, so each position costs one branch per letter."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        ends = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if ends:
            return f"(?:{body})?" if len(alts) == 1 else body + "?"
        return body

    return build(trie)


class GateIndex:
    """Which rules of a list can match a message, and where to run them."""

    def __init__(self, rules: list[Rule] | tuple[Rule, ...]) -> None:
        groups = sorted({g for r in rules for g in r.gates})
        bit = {g: 1 << i for i, g in enumerate(groups)}
        self._needs = [sum(bit[g] for g in r.gates) for r in rules]
        # Rules listed under the bit of their first group: only groups present lead to rules to check.
        self._by_first: dict[int, list[tuple[int, int]]] = {}
        for i, r in enumerate(rules):
            self._by_first.setdefault(bit[r.gates[0]], []).append((i, self._needs[i]))
        self._token_bits: dict[str, int] = {}
        # A new token's groups in one short regex scan: every substring atom found, each carrying the bits of
        # its groups and of the atoms it contains ("overcharg" holds "charg"); whole-word atoms by lookup.
        atoms = sorted({a for g in groups for a in g if not a.startswith("=")})
        group_bits_of: dict[str, int] = {}  # substring atom -> bits of the groups that hold it
        for g in groups:
            for b in g:
                if not b.startswith("="):
                    group_bits_of[b] = group_bits_of.get(b, 0) | bit[g]
        self._atom_bits = {a: reduce(or_, (bits for b, bits in group_bits_of.items() if b in a), 0) for a in atoms}
        self._exact_bits: dict[str, int] = {}
        for g in groups:
            for a in g:
                if a.startswith("="):
                    self._exact_bits[a[1:]] = self._exact_bits.get(a[1:], 0) | bit[g]
        self._atom_scan = re.compile(f"(?=({trie_pattern(atoms)}))")
        # Rules chosen per gate mask: few distinct masks recur (a negation, "charg" and "twice"...), and a long
        # text asks once per sentence.
        self._chosen_by_mask: dict[int, tuple[int, ...]] = {}

    def _bits(self, tokens: list[str]) -> int:
        """Bit mask of the gate groups present in the tokens (each new token is worked out once)."""
        mask = 0
        known = self._token_bits.get
        for tok in tokens:
            bits = known(tok)
            mask |= self._new_token_bits(tok) if bits is None else bits
        return mask

    def _new_token_bits(self, tok: str) -> int:
        """A token not seen before (or not cached, past _MAX_CACHED_TOKENS): its groups, remembered."""
        bits = self._token_groups(tok.replace("\u2019", "'"))
        if len(self._token_bits) < _MAX_CACHED_TOKENS:
            self._token_bits[tok] = bits
        return bits

    def _token_groups(self, word: str) -> int:
        bits = self._exact_bits.get(word, 0)
        atom_bits = self._atom_bits
        for atom in self._atom_scan.findall(word):  # findall: no match objects (a new token is worked out here)
            bits |= atom_bits[atom]
        return bits

    def select(self, lower: str, tokens: list[str]) -> dict[int, list[tuple[int, int]]]:
        """Rule index -> [start, end) windows of `lower` to run it in (only rules with all their gates)."""
        if len(lower) > SHORT_TEXT_CHARS:
            return self._sentence_windows(lower, tokens)
        chosen = self._chosen(self._bits(tokens))
        if not chosen:
            return {}
        whole = [(0, len(lower))]
        return {i: whole for i in chosen}

    def _chosen(self, mask: int) -> tuple[int, ...]:
        """Indexes of the rules whose gate groups are all in `mask`, in order (worked out once per mask)."""
        chosen = self._chosen_by_mask.get(mask)
        if chosen is None:
            chosen = self._rules_for(mask)
            if len(self._chosen_by_mask) < _MAX_CACHED_MASKS:
                self._chosen_by_mask[mask] = chosen
        return chosen

    def _rules_for(self, mask: int) -> tuple[int, ...]:
        """Walk the rules filed under each group bit of `mask`; keep those whose other groups are there too."""
        chosen: list[int] = []
        rest = mask
        while rest:
            low = rest & -rest
            rest ^= low
            for i, need in self._by_first.get(low, ()):
                if mask & need == need:
                    chosen.append(i)
        return tuple(sorted(chosen))

    def _sentence_windows(self, lower: str, tokens: list[str]) -> dict[int, list[tuple[int, int]]]:
        """Long text: gate each sentence on its own words, so a rule runs only on sentences that can match.

        Sentences end at runs of ".", "!" or "?", in the tokens (where they are tokens of their own) and in
        the characters alike; should the two ever disagree, the whole text is used instead. One pass over the
        tokens gives both the sentences' masks and the whole text's, which alone says whether any rule can run.
        """
        masks: list[int] = []
        mask, whole_mask, open_sentence = 0, 0, False
        known = self._token_bits.get
        for tok in tokens:
            if tok[0] in ".!?":
                if open_sentence:
                    masks.append(mask)
                    whole_mask |= mask
                    mask, open_sentence = 0, False
                continue
            bits = known(tok)
            mask |= self._new_token_bits(tok) if bits is None else bits
            open_sentence = True
        if open_sentence:
            masks.append(mask)
            whole_mask |= mask
        if not self._chosen(whole_mask):
            return {}
        spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(lower) if not m[0].isspace()]
        if len(spans) != len(masks):
            return {i: [(0, len(lower))] for i in self._chosen(whole_mask)}
        windows: dict[int, list[tuple[int, int]]] = {}
        for (start, end), sentence_mask in zip(spans, masks, strict=True):
            if not sentence_mask:
                continue
            for index in self._chosen(sentence_mask):
                found = windows.setdefault(index, [])
                if found and found[-1][1] == start:  # neighbouring sentences: one window
                    found[-1] = (found[-1][0], end)
                else:
                    found.append((start, end))
        return windows


def rule_matches(pattern: re.Pattern[str], lower: str, windows: list[tuple[int, int]]) -> list[re.Match[str]]:
    """Matches of `pattern` inside the windows (a match seen from two windows counts once)."""
    if len(windows) == 1:
        start, end = windows[0]
        return list(pattern.finditer(lower, start, end))
    matches: list[re.Match[str]] = []
    seen: set[tuple[int, int]] = set()
    for start, end in windows:
        for m in pattern.finditer(lower, start, end):
            if m.span() not in seen:
                seen.add(m.span())
                matches.append(m)
    return matches


def ascii_quotes(lower: str) -> str:
    """Curly apostrophes -> "'" (same length, so offsets hold) to keep the patterns simple."""
    if "\u2019" in lower or "\u2018" in lower:
        return lower.replace("\u2019", "'").replace("\u2018", "'")
    return lower


_CLAUSE_BREAK = re.compile(r"[.!?\n;,]|\bbut\b|\band\b")
LOOKBACK_CHARS = 40


def clause_start(lower: str, start: int) -> int:
    """Where the clause holding `start` begins (after the last sentence mark, comma, 'but' or 'and')."""
    window_start = max(0, start - LOOKBACK_CHARS)
    last = window_start
    for m in _CLAUSE_BREAK.finditer(lower, window_start, start):
        last = m.end()
    return last
