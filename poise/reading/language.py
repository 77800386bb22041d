"""Language guess: which language a message is written in, as an ISO 639-1 code, in a few microseconds.

Why a detector of our own: the models poise ships are English-only, so the desk must know when a message is
in another language (to flag it and read it as far as it can), but a heavy detector would cost more than
the whole rest of the Reading. Two cheap signals are enough for that job:

- the writing system (Cyrillic, Arabic, Han, Hangul, Devanagari...) names the language for non-Latin text;
- for Latin text, counts of very common function words ("the", "que", "der", "het"...) per language.

Short or ambiguous text (emoji only, "ok", a product code) reads as "en": poise is English-first and the
contract asks for an ISO code, so "und" is never returned; such guesses are simply low-confidence.
A message not in English gets the warning "non_english" and the rest of the Reading is still produced.
"""
from __future__ import annotations

import re

from poise.reading import pipeline
from poise.reading.pipeline import Parse

DEFAULT_LANGUAGE = "en"
NON_ENGLISH_WARNING = "non_english"

# Function words that are frequent in each language and rare as English words. A word listed under
# several languages counts for each of them, divided by how many share it.
_STOP_WORDS: dict[str, str] = {
    "en": "the and is are was were you your my i i'm im it it's its this that have has haven't havent had "
          "not never no with for from what when where why how they them we our me of to in on at be been "
          "but just still can can't cant don't dont didn't didnt will would should there their please "
          "thanks thank order got get an a as so if or do does did again any ever",
    "es": "el la los las que de y en un una es por con para no se lo le su mi mis pero como más mas muy "
          "está esta estoy han ha fue ya pedido gracias hola tengo porque cuando donde dónde nada todo "
          "también tambien sin sobre yo usted ustedes nunca todavía todavia llegó llego quiero puedo "
          "pueden veces dinero",
    "fr": "le la les de des du et est un une que qui pas ne je vous nous il elle ce cette pour avec sur "
          "mon ma mes au aux mais très tres commande merci bonjour jamais toujours reçu recu été avez "
          "suis c'est j'ai n'est toujours rien",
    "de": "der die das und ist nicht ich sie es ein eine mit auf für fur den dem des zu von wir mein "
          "meine aber noch nie habe hat bin sind wurde keine kein bitte danke bestellung immer schon "
          "auch wie was warum wann",
    "it": "il lo la gli le di che è e un una per non con sono ho ha mi mio mia ma come più molto "
          "ancora mai ordine grazie ciao perché perche quando dove niente anche questo questa",
    "pt": "o a os as de que e do da dos das em um uma é não nao com para por meu minha mas como mais "
          "muito ainda nunca pedido obrigado obrigada olá ola tenho porque quando onde nada também "
          "tambem você voce está esta foi recebi",
    "nl": "de het een en is niet ik je jij u wij we mijn maar met voor op van te dat die dit nog nooit "
          "heb heeft ben zijn was bestelling bedankt dank alstublieft waarom wanneer waar ook geen al",
    "pl": "nie się sie jest w z że ze mam moje mój moj moja ale jak już juz jeszcze nigdy zamówienie "
          "zamowienie dziękuję dziekuje proszę prosze czy co gdzie kiedy dlaczego bardzo przez od dla tylko "
          "było bylo był byl była byla mnie jestem nadal paczka",
}


def _word_weights() -> dict[str, tuple[tuple[str, float], ...]]:
    """word -> ((language, weight), ...), a shared word counting 1/n for each of its n languages."""
    owners: dict[str, list[str]] = {}
    for lang, words in _STOP_WORDS.items():
        for word in set(words.split()):
            owners.setdefault(word, []).append(lang)
    return {w: tuple((lang, 1.0 / len(langs)) for lang in langs) for w, langs in owners.items()}


_WEIGHTS = _word_weights()
_ENGLISH = frozenset(_STOP_WORDS[DEFAULT_LANGUAGE].split())

# Writing systems that name a language on their own, checked in this order on non-Latin text.
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff\u0750-\u077f]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("bn", re.compile(r"[\u0980-\u09ff]")),
    ("ta", re.compile(r"[\u0b80-\u0bff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("ka", re.compile(r"[\u10a0-\u10ff]")),
    ("hy", re.compile(r"[\u0530-\u058f]")),
)
_NON_LATIN = re.compile(r"[\u0370-\u1fff\u2e80-\u9fff\uac00-\ud7af]")
_LETTER = re.compile(r"[^\W\d_]")
_UKRAINIAN = re.compile(r"[іїєґ]")
_PERSIAN = re.compile(r"[پچژگ]")
_SCRIPT_SAMPLE_CHARS = 400


def _script_language(text: str) -> str | None:
    """The language named by the writing system, when most letters are in one non-Latin script."""
    sample = text[:_SCRIPT_SAMPLE_CHARS]
    if not _NON_LATIN.search(sample):
        return None
    letters = len(_LETTER.findall(sample))
    if not letters:
        return None
    han = 0
    for lang, pattern in _SCRIPTS:
        count = len(pattern.findall(sample))
        if lang == "ja" and count:  # kana decides Japanese even when Han characters outnumber it
            return "ja"
        if lang == "zh":
            han = count
        if count * 2 >= letters:
            if lang == "ru" and _UKRAINIAN.search(sample):
                return "uk"
            if lang == "ar" and _PERSIAN.search(sample):
                return "fa"
            return lang
    return "zh" if han * 2 >= letters else None


def _stop_word_language(tokens: list[str]) -> str:
    """The Latin-script language whose function words the tokens use most; English when unclear."""
    # Fast path for the common case: English function words make up a good share of the message.
    english_hits = sum(map(_ENGLISH.__contains__, tokens))
    if english_hits >= 2 and english_hits * 4 >= len(tokens):
        return DEFAULT_LANGUAGE
    scores: dict[str, float] = {}
    weights = _WEIGHTS
    for tok in tokens:
        owners = weights.get(tok)
        if owners:
            for lang, w in owners:
                scores[lang] = scores.get(lang, 0.0) + w
    if not scores:
        return DEFAULT_LANGUAGE
    best = max(scores, key=scores.__getitem__)
    if best == DEFAULT_LANGUAGE:
        return best
    # Another language must clearly win: a Spanish word or two inside English text stays English.
    top, english = scores[best], scores.get(DEFAULT_LANGUAGE, 0.0)
    return best if top >= 1.5 and top >= 1.5 * english else DEFAULT_LANGUAGE


def detect_language(text: str, tokens: list[str]) -> str:
    """ISO 639-1 code of `text` ("en" when too short or unclear); `tokens` are its lowercased word tokens.

    Example:
        >>> detect_language("¿Dónde está mi pedido?", ["dónde", "está", "mi", "pedido", "?"])
        'es'
    """
    if not text.isascii():
        script = _script_language(text)
        if script is not None:
            return script
    return _stop_word_language(tokens)


@pipeline.component("language", assigns=("language",))
def component(parses: list[Parse]) -> None:
    """Set each message's language; flag anything not English with the "non_english" warning."""
    for p in parses:
        lang = detect_language(p.text, p.tokens)
        p.language = lang
        if lang != DEFAULT_LANGUAGE and NON_ENGLISH_WARNING not in p.warnings:
            p.warnings.append(NON_ENGLISH_WARNING)
