"""Word lists written for poise, and the helpers that turn them into fast regexes.

A lexicon file is plain text: `[section]` lines, then one entry per line, `stem: suffix suffix ...` (the stem
and each stem + suffix are forms of the entry), `#` for comments, and `_` for a space inside a stem. See
abuse.txt for the format in use. Files here ship inside the package.
"""
from __future__ import annotations

import re
from pathlib import Path

from poise.errors import ConfigError

LEXICONS_DIR = Path(__file__).parent
Trie = dict[str, "Trie"]


def load_lexicon(path: Path) -> dict[str, dict[str, str]]:
    """Read the lexicon file: section -> {form: stem}. Underscores in stems become spaces."""
    sections: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        if current is None:
            raise ConfigError(f"lexicon {path}: entry {line!r} comes before any [section]",
                              hint="start the file with a section line such as [profanity]")
        stem, _, suffixes = line.partition(":")
        stem = stem.strip().replace("_", " ")
        current[stem] = stem
        for suffix in suffixes.split():
            current[stem + suffix] = stem
    return sections


def collapse(word: str) -> str:
    """Squeeze every run of a repeated character to one ("shiiit" -> "shit"), for lenient lookups."""
    return re.sub(r"(.)\1+", r"\1", word)


def _stretch(ch: str) -> str:
    """A letter, or the letter drawn out three or more times ("fuuuck"); not twice ("asses" != "assess")."""
    esc = re.escape(ch)
    return f"{esc}(?:{esc}{{2,}})?"


def trie_pattern(words: list[str]) -> str:
    """A regex alternation of `words` shaped as a trie (fast to scan), each letter allowed to be drawn out."""
    trie: Trie = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: Trie) -> str:
        ends = "" in node
        parts = [(r"[\s_-]+" if ch == " " else _stretch(ch)) + emit(child)
                 for ch, child in sorted(node.items()) if ch]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)
