"""Language guess: ISO 639-1 codes from stop words and scripts; unclear text reads as English."""
from __future__ import annotations

import time

import pytest

from poise.reading import language
from poise.reading.features import word_tokens
from poise.reading.language import detect_language
from poise.reading.pipeline import Parse


def guess(text: str) -> str:
    return detect_language(text, word_tokens(text.lower()))


@pytest.mark.parametrize(("text", "code"), [
    ("my package never came and nobody answers", "en"),
    ("still havent got my order smh", "en"),
    ("I ordered a piñata from the café and it never came", "en"),
    ("¿Dónde está mi pedido? Nunca llegó y nadie me responde", "es"),
    ("Mi pedido no ha llegado todavía", "es"),
    ("Je n'ai jamais reçu ma commande", "fr"),
    ("Meine Bestellung ist noch nicht angekommen", "de"),
    ("Il mio ordine non è mai arrivato", "it"),
    ("Meu pedido ainda não chegou", "pt"),
    ("Mijn bestelling is nog niet aangekomen", "nl"),
    ("Moja paczka nadal nie dotarła, proszę o pomoc", "pl"),
    ("Mi hanno addebitato due volte l'abbonamento questo mese", "it"),
    ("我的订单还没有到", "zh"),
    ("注文した商品がまだ届きません", "ja"),
    ("주문이 아직 도착하지 않았어요", "ko"),
    ("Мой заказ так и не пришел", "ru"),
    ("Моє замовлення ще не прийшло, і що тепер", "uk"),
    ("لم يصل طلبي بعد", "ar"),
    ("ההזמנה שלי לא הגיעה", "he"),
    ("Η παραγγελία μου δεν έφτασε", "el"),
    ("मेरा ऑर्डर नहीं आया", "hi"),
    ("คำสั่งซื้อของฉันยังไม่มา", "th"),
])
def test_detect_language(text: str, code: str) -> None:
    assert guess(text) == code


@pytest.mark.parametrize("text", [
    "ok", "\U0001F621\U0001F621\U0001F621", "#12345", "Gracias", "lol", "?!", "the order is late, de nada",
])
def test_short_or_unclear_text_reads_as_english(text: str) -> None:
    assert guess(text) == "en"


def test_component_sets_language_and_flags_non_english() -> None:
    parses = [Parse.of("where is my order"), Parse.of("¿Dónde está mi pedido?"), Parse.of("我的订单还没有到")]
    language.component.func(parses)
    assert [(p.language, p.warnings) for p in parses] == [("en", []), ("es", ["non_english"]),
                                                           ("zh", ["non_english"])]


def test_detect_language_is_fast() -> None:
    texts = ["you charged me twice for my order and nobody answers my emails"] * 2000
    texts += ["Mi pedido no ha llegado todavía y nadie me responde"] * 2000
    pairs = [(t, word_tokens(t.lower())) for t in texts]
    start = time.perf_counter()
    for text, tokens in pairs:
        detect_language(text, tokens)
    assert (time.perf_counter() - start) / len(pairs) < 50e-6
