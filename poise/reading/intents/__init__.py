"""Intent taxonomies (default.yaml, a business's intents.yaml) and the static word vectors the intent engine
reads with; the engine itself is poise/reading/intent.py."""
