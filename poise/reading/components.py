"""The shipped reading components, in order."""
from __future__ import annotations

from poise.reading.pipeline import Component


def default_components() -> list[Component]:
    """language -> sentiment/emotions/complaint -> abuse -> intent -> stakes -> claims -> foreign -> upset ->
    desk_sentiment -> summary."""
    from poise.reading import abuse, claims, complaint, emotions, intent, language, sentiment, stakes  # noqa: I001
    from poise.reading import desk_sentiment, foreign, summary, upset
    return [language.component, emotions.component, sentiment.component, complaint.component,
            abuse.component, intent.component, stakes.component, claims.component, foreign.component,
            upset.component, desk_sentiment.component,
            summary.component]
