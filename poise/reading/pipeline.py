"""The Reader: an ordered list of named components, each reading a batch of parsed messages.

Like a spaCy pipeline, each component says what it `requires` and what it `assigns`; the Reader checks the
order once at construction, so a misplaced component fails loudly instead of reading garbage. Components
work on a batch (list of Parse) so model inference is vectorised: read_many streams batches, memory flat.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from poise.errors import ConfigError, PoiseError
from poise.reading.features import word_tokens
from poise.reading.normalize import normalize
from poise.reading.reading import Abuse, Intent, Reading, Sentiment, Summary

MODEL_VERSION = "poise-reading-1"


@dataclass(slots=True)
class Parse:
    """One message while it is being read: its plain text, shared tokens, and the values assigned so far."""

    text: str
    lower: str
    warnings: list[str]
    tokens: list[str]
    language: str = "en"
    values: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, raw: str) -> Parse:
        """Normalise raw text and tokenise it once (raises EmptyMessage for nothing to read)."""
        text, warnings = normalize(raw)
        lower = text.lower()
        if len(lower) != len(text):  # a few characters (e.g. 'İ') grow when lowered; keep offsets aligned
            lower = "".join(c.lower()[0] for c in text)
        return cls(text=text, lower=lower, warnings=warnings, tokens=word_tokens(lower))


BatchFn = Callable[[list[Parse]], None]
# What a Reading says where no component assigned a value (shared: they are frozen).
_NO_SENTIMENT, _NO_ABUSE, _NO_INTENT, _NO_SUMMARY = Sentiment("neutral", 0.0), Abuse(), Intent("other", 0.0), \
    Summary("", "", "")


@dataclass(frozen=True)
class Component:
    """A named step of the Reader: reads Parse values it requires, writes the ones it assigns."""

    name: str
    func: BatchFn
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


def component(name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()
              ) -> Callable[[BatchFn], Component]:
    """Decorator: turn a batch function into a named Component."""
    def wrap(func: BatchFn) -> Component:
        return Component(name, func, requires, assigns)
    return wrap


def check_order(components: list[Component]) -> None:
    """Raise ConfigError when a component requires a value no earlier component assigns."""
    assigned: set[str] = {"text", "tokens"}
    for comp in components:
        missing = [r for r in comp.requires if r not in assigned]
        if missing:
            raise ConfigError(f"reading component {comp.name!r} requires {missing} but no earlier component "
                              "assigns them", hint="move it after the component that assigns them")
        assigned.update(comp.assigns)


REQUIRED_VALUES = ("language", "sentiment", "complaint", "emotions", "abuse", "intent", "stakes", "claims",
                   "summary")


class Reader:
    """Reads messages with an ordered list of components; `read` one, `read_many` a stream."""

    def __init__(self, components: list[Component] | None = None, *, batch_size: int = 256) -> None:
        if components is None:
            from poise.reading.components import default_components
            components = default_components()
        check_order(components)
        self.components = components
        self.batch_size = batch_size

    def read(self, text: str) -> Reading:
        """Read one message. Raises EmptyMessage / InputError for input with nothing to read."""
        parse = Parse.of(text)
        self._run([parse])
        return self._reading(parse)

    def read_many(self, texts: Iterable[str], *, errors: str = "raise") -> Iterator[Reading | PoiseError]:
        """Read a stream of messages in batches, yielding in input order.

        errors: "raise" stops at the first unreadable message; "return" yields the PoiseError in its
        place so a bulk job loses nothing and goes on.
        """
        it = iter(texts)
        while batch := list(islice(it, self.batch_size)):
            slots: list[Parse | PoiseError] = []
            for raw in batch:
                try:
                    slots.append(Parse.of(raw))
                except PoiseError as exc:
                    if errors == "raise":
                        raise
                    slots.append(exc)
            parses = [s for s in slots if isinstance(s, Parse)]
            if parses:
                self._run(parses)
            for s in slots:
                yield self._reading(s) if isinstance(s, Parse) else s

    def _run(self, parses: list[Parse]) -> None:
        for comp in self.components:
            comp.func(parses)

    @staticmethod
    def _reading(p: Parse) -> Reading:
        v = p.values
        return Reading.trusted(
            text=p.text,
            sentiment=v.get("sentiment", _NO_SENTIMENT),
            complaint=float(v.get("complaint", 0.0)),
            emotions=v.get("emotions", {}),
            abuse=v.get("abuse", _NO_ABUSE),
            intent=v.get("intent", _NO_INTENT),
            stakes=tuple(v.get("stakes", ())),
            claims=tuple(v.get("claims", ())),
            summary=v.get("summary", _NO_SUMMARY),
            language=p.language,
            warnings=tuple(p.warnings),
            model_version=MODEL_VERSION,
            extra=v.get("extra", {}),
            upset=float(v.get("upset", 0.0)),
        )


_default_reader: Reader | None = None


def default_reader() -> Reader:
    """The process-wide Reader with the shipped components (models load once)."""
    global _default_reader
    if _default_reader is None:
        _default_reader = Reader()
    return _default_reader


def read(text: str) -> Reading:
    """Read one customer message.

    Example:
        >>> from poise import read
        >>> read("My parcel never arrived and nobody answers!").claims[0].kind
        'not_received'
    """
    return default_reader().read(text)


def read_many(texts: Iterable[str], *, errors: str = "raise") -> Iterator[Reading | PoiseError]:
    """Read many messages as a stream (batched, input order kept); see Reader.read_many."""
    return default_reader().read_many(texts, errors=errors)
