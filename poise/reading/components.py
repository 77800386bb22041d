"""The shipped reading components, in order."""
from __future__ import annotations

from poise.reading.pipeline import Component


def default_components() -> list[Component]:
    """language -> sentiment/emotions/complaint -> abuse -> intent -> stakes -> claims -> foreign -> upset ->
    summary."""
    from poise.reading import abuse, claims, complaint, emotions, intent, language, sentiment, stakes  # noqa: I001
    from poise.reading import foreign, summary, upset
    return [language.component, emotions.component, sentiment.component, complaint.component,
            abuse.component, intent.component, stakes.component, claims.component, foreign.component,
            upset.component,
            summary.component]
