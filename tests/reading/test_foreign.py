"""Messages in other languages: claims, stakes, intent and tone read from phrase lists (poise.reading.foreign)."""
from __future__ import annotations

import pytest

from poise import read
from poise.reading.foreign import LANGUAGES, PHRASES, fold, read_foreign
from poise.reading.intent import INTENT_PROBABILITIES
from poise.reading.pipeline import Parse
from poise.reading.reading import Intent, Sentiment


@pytest.mark.parametrize(("text", "language", "claims", "intent"), [
    ("Hola, pedí unas zapatillas hace dos semanas y todavía no llegan. ¿Me pueden decir algo?", "es",
     ["not_received"], "where_is_my_order"),
    ("Salut, ma commande est arrivée cassée, le verre est en morceaux. Je voudrais un remboursement.", "fr",
     ["defective"], "refund"),
    ("Mi hanno addebitato due volte l'abbonamento questo mese. Potete rimborsarmi?", "it", ["wrong_charge"],
     "refund"),
    ("Ich habe die Ware schon vor drei Wochen zurückgeschickt und immer noch kein Geld bekommen.", "de",
     ["already_returned", "not_received"], "refund"),
    ("O meu pedido ainda não chegou e já liguei três vezes.", "pt", ["not_received", "repeated_contact"],
     "where_is_my_order"),
    ("Mijn bestelling is nog steeds niet geleverd en niemand heeft me iets laten weten.", "nl",
     ["not_received", "not_informed"], "where_is_my_order"),
    ("Dzień dobry, moja paczka nadal nie dotarła, a minęły już dwa tygodnie.", "pl", ["not_received"],
     "where_is_my_order"),
    ("Me cobraron dos veces el mismo pedido, quiero que me devuelvan el dinero", "es", ["wrong_charge"], "refund"),
])
def test_claims_and_intent_in_other_languages(text: str, language: str, claims: list[str], intent: str) -> None:
    reading = read(text)
    assert reading.language == language
    assert [c.kind for c in reading.claims] == claims
    assert reading.intent.label == intent
    assert reading.sentiment.label == "negative"
    assert reading.complaint >= 0.7
    for claim in reading.claims:  # spans point into the text as given, accents and all
        start, end = claim.span
        assert 0 <= start < end <= len(text)
        assert claim.text and claim.text in text


def test_the_summary_says_a_foreign_claim_in_english() -> None:
    reading = read("Ich habe die Ware schon zurückgeschickt und immer noch kein Geld bekommen. Sehr ärgerlich.")
    assert reading.summary.issue == "They already sent the item back; their refund has not reached them."
    assert reading.summary.want == "They want a refund."


@pytest.mark.parametrize(("text", "stake"), [
    ("Es una vergüenza, es la tercera vez que escribo. Voy a poner una reseña en Google.", "public"),
    ("Si ce n'est pas réglé cette semaine, je contacte un avocat.", "legal"),
    ("Das ist eine Frechheit, ich mache eine Rückbuchung über meine Bank.", "chargeback"),
    ("Se non risolvete subito disdico il contratto e cambio gestore.", "churn"),
])
def test_stakes_in_other_languages(text: str, stake: str) -> None:
    reading = read(text)
    assert reading.language != "en"
    assert stake in [s.kind for s in reading.stakes]
    assert reading.complaint >= 0.7


@pytest.mark.parametrize(("text", "intent"), [
    ("Bonjour, comment puis-je changer mon mot de passe ?", "account_access"),
    ("Hola, ¿cómo puedo cambiar la dirección de envío?", "how_to"),
    ("Ich möchte mein Abo kündigen, bitte.", "cancel"),
])
def test_plain_requests_are_no_complaint(text: str, intent: str) -> None:
    reading = read(text)
    assert reading.intent.label == intent
    assert not reading.claims
    assert reading.sentiment.label != "negative"


def test_thanks_in_another_language_reads_as_praise() -> None:
    reading = read("Muito obrigada pelo atendimento, adorei o produto!")
    assert reading.language == "pt"
    assert reading.intent.label == "feedback_praise"
    assert reading.sentiment.label == "positive"
    assert reading.complaint < 0.5
    assert not reading.claims


def test_unread_foreign_text_gets_a_low_intent_confidence() -> None:
    reading = read("Hola, quería saber si abrís el domingo por la tarde y hasta qué hora.")
    assert reading.language == "es"
    assert reading.intent.confidence <= 0.3


def test_english_messages_are_left_alone() -> None:
    # Words that are claims in another language mean something else in English ("rota" is a work schedule).
    reading = read("Could you send me the staff rota for next week? The kaput old printer is in the shop.")
    assert reading.language == "en"
    assert not reading.claims


def test_intent_stays_inside_the_business_taxonomy() -> None:
    """A business without a refund label never gets one from the phrase lists."""
    p = Parse.of("Quiero un reembolso, el producto llegó roto.")
    p.language = "es"
    p.values.update(claims=[], stakes=[], complaint=0.2, sentiment=Sentiment("neutral", 0.0),
                    intent=Intent("question", 0.9))
    p.values[INTENT_PROBABILITIES] = (("question", "problem"), None)
    read_foreign(p)
    assert p.values["intent"] == Intent("question", 0.3)  # kept, its confidence capped
    assert [c.kind for c in p.values["claims"]] == ["defective"]


def test_fold_keeps_offsets() -> None:
    text = "todavía no recibí nada, está rota, zurückgeschickt, nie dotarła, reçu, não"
    assert len(fold(text)) == len(text)
    assert fold(text) == "todavia no recibi nada, esta rota, zuruckgeschickt, nie dotarla, recu, nao"


def test_every_language_has_every_field() -> None:
    for language in LANGUAGES:
        fields = {field for field, _, _ in PHRASES[language]}
        assert fields == {"claim", "stake", "intent", "negative", "positive"}, language
