"""Intent taxonomies: which labels exist, what each means, and a handful of example sentences each.

A taxonomy file is YAML, written by people. Two shapes are accepted, so a business can start small:

    # short: label -> example sentences
    refund: ["I want my money back", "refund me please"]

    # full: as the shipped default.yaml
    extends: default            # optional: start from poise's default labels, then change or add
    labels:
      refund:
        description: wants money back
        examples: ["I want my money back", "refund me please"]

Every problem is a ConfigError naming the file and the label, so a typo never turns into a silent
mis-reading.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from poise.errors import ConfigError

DEFAULT_TAXONOMY_PATH = Path(__file__).with_name("default.yaml")
DEFAULT_LABELS: tuple[str, ...] = (
    "refund", "return_exchange", "cancel", "where_is_my_order", "billing_charge", "how_to", "defect_report",
    "complaint_about_staff", "account_access", "feedback_praise", "other",
)
_HINT = "see poise/reading/intents/default.yaml for the expected shape"


@dataclass(frozen=True)
class Taxonomy:
    """Intent labels in order, each with its example sentences and a description.

    extends_default: the business's labels change or add to poise's default labels instead of replacing them.
    """

    examples: dict[str, tuple[str, ...]]
    descriptions: dict[str, str] = field(default_factory=dict)
    source: str = "<memory>"
    extends_default: bool = False

    @property
    def labels(self) -> list[str]:
        """The labels, in the order they were written."""
        return list(self.examples)


def parse_taxonomy(data: Any, source: str = "<memory>") -> Taxonomy:
    """Check a taxonomy read from YAML (or built in Python) and return it; ConfigError on any problem."""
    if not isinstance(data, Mapping):
        raise ConfigError(f"intent taxonomy {source} must be a mapping of label -> example sentences, "
                          f"not {type(data).__name__}", hint=_HINT)
    extends = data.get("extends")
    if extends not in (None, "default"):
        raise ConfigError(f"intent taxonomy {source}: 'extends' must be 'default' (got {extends!r})",
                          hint=_HINT)
    body = data["labels"] if "labels" in data else {k: v for k, v in data.items() if k != "extends"}
    if not isinstance(body, Mapping) or not body:
        raise ConfigError(f"intent taxonomy {source} defines no labels", hint=_HINT)
    examples: dict[str, tuple[str, ...]] = {}
    descriptions: dict[str, str] = {}
    for label, entry in body.items():
        if not isinstance(label, str) or not label.strip():
            raise ConfigError(f"intent taxonomy {source}: label {label!r} must be a non-empty text",
                              hint=_HINT)
        description = ""
        if isinstance(entry, Mapping):
            description = str(entry.get("description") or "")
            entry = entry.get("examples")
        if isinstance(entry, str):
            entry = [entry]
        if not isinstance(entry, (list, tuple)):
            raise ConfigError(f"intent taxonomy {source}: label {label!r} needs a list of example sentences",
                              hint=_HINT)
        sentences = tuple(s.strip() for s in entry if isinstance(s, str) and s.strip())
        if len(sentences) != len(entry):
            raise ConfigError(f"intent taxonomy {source}: label {label!r} has an example that is not a "
                              "non-empty sentence", hint="write each example as a line of text")
        if not sentences:
            raise ConfigError(f"intent taxonomy {source}: label {label!r} has no example sentences",
                              hint="give each label a handful of example sentences (5 to 20 work well)")
        examples[label] = sentences
        descriptions[label] = description
    return Taxonomy(examples, descriptions, source, extends_default=extends == "default")


def load_taxonomy(path: str | Path) -> Taxonomy:
    """Read and check a taxonomy YAML file.

    Example:
        >>> load_taxonomy(DEFAULT_TAXONOMY_PATH).labels[:2]
        ['refund', 'return_exchange']
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"intent taxonomy {path} cannot be read ({exc})",
                          hint="check the path and that the file is UTF-8 text") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 1}" if where is not None else ""
        raise ConfigError(f"intent taxonomy {path} is not valid YAML{line}", hint=_HINT) from None
    return parse_taxonomy(data, str(path))


def default_taxonomy() -> Taxonomy:
    """poise's default taxonomy (the hand-written examples; the shipped model adds mapped public data)."""
    return load_taxonomy(DEFAULT_TAXONOMY_PATH)


def merged(base: Taxonomy, update: Taxonomy) -> Taxonomy:
    """`base` with `update`'s labels changed or added (a label named in both takes `update`'s examples)."""
    examples = dict(base.examples)
    examples.update(update.examples)
    descriptions = dict(base.descriptions)
    descriptions.update({k: v for k, v in update.descriptions.items() if v})
    return Taxonomy(examples, descriptions, update.source, extends_default=True)
