"""The shipped reading components, in order."""
from __future__ import annotations

from poise.reading.pipeline import Component, Parse


def default_components() -> list[Component]:
    """language -> sentiment/emotions/complaint -> abuse -> intent -> stakes -> claims -> foreign -> upset ->
    desk_sentiment -> summary."""
    from poise.reading import abuse, claims, complaint, emotions, intent, language, sentiment, stakes  # noqa: I001
    from poise.reading import desk_sentiment, foreign, summary, upset
    return [language.component, emotions.component, sentiment.component, complaint.component,
            abuse.component, intent.component, stakes.component, claims.component, foreign.component,
            upset.component, desk_sentiment.component,
            summary.component]


def read_before(parses: list[Parse], name: str) -> None:
    """Run the default components that come before the one called `name` (what a model fitted on the Reading's
    own signals sees at that point: training and tests of upset and desk_sentiment)."""
    components = default_components()
    if name not in [c.name for c in components]:
        raise ValueError(f"no reading component is called {name!r}")
    for comp in components:
        if comp.name == name:
            return
        comp.func(parses)
