"""Train and evaluate the complaint model: does a message voice dissatisfaction, or is it a plain question,
an order/account request or praise?

No public data set labels exactly this, so the training rows are assembled from data marked "yes" in
../shared/data/README.md, by rules written down here (and in docs/eval/emotions-sentiment-complaint.md):

complaint (1)
- banking77 utterances whose intent is a problem report (`PROBLEM_INTENTS`: declined, failed, charged twice,
  not recognised, wrong amount, not arrived, ...), plus the `card_arrival` and `pending_*` utterances that say
  something is late ("still", "yet", "hasn't", "waiting", ...) — the rest of those intents are plain "how long
  does it take" questions and are left out;
- Bitext utterances of the intents `complaint`, `payment_issue`, `registration_problems`;
- CFPB complaint narratives (their first 240 characters, CFPB's XXXX masks removed): real complaints, longer
  and more formal than chat, so they are capped to the share of the other sources;
- negative Amazon and Yelp review sentences (sentiment_sentences).
not a complaint (0)
- banking77 utterances of plain question/request intents (`REQUEST_INTENTS`: exchange rates, limits, how to
  top up, order a card, ...);
- Bitext utterances of request intents (`BITEXT_REQUESTS`: place/track/change order, invoices, accounts,
  shipping address, ...), except those tagged W (offensive language);
- positive Amazon and Yelp review sentences, and GoEmotions train comments labelled only with gratitude,
  admiration or approval (praise and thanks).
complaint (1), added after a first look at the check set (see below)
- GoEmotions train comments labelled only with annoyance, disappointment, disapproval or anger: dissatisfaction
  voiced in informal, short text; and Bitext request rows are capped at 1,200 so that "order"/"delivery"
  words stop reading as signs of a plain request.
both, added 2026-12-08
- the informal development sets (tests/reading/data/informal_dev*.yaml: 770 short, misspelt customer messages
  written and labelled by hand for poise), each row INFORMAL_COPIES times; never the blind sets.
Intents whose utterances mix both readings (refund requests, lost cards, fee questions, ...) are left out.

Split: banking77's own train/test; every other source 80/20 with a fixed seed. The model (same features as
the emotions model, class-balanced logistic regression, C fixed at 4, nothing tuned) is trained on the 80 %
and scored on the 20 %, and on tests/reading/data/complaint_check.yaml: 70 short informal messages written by
hand before training. The first model (without the GoEmotions dissatisfaction rows and the Bitext cap) scored
0.81 accuracy on it, missing e-commerce complaints without negative words; its errors led to those two
changes, so the check set is no longer fully blind: docs/eval reports both figures.

Run: `.venv/bin/python -m poise.reading.training.complaint`
"""
from __future__ import annotations

import csv
import random
import re
import sys
from pathlib import Path

import numpy as np

from poise.reading.linear import MODELS_DIR, LinearModel, shipped_model
from poise.reading.training.common import SEED, export, save
from poise.reading.training.emotions import default_data_dir, format_report, load_split, shared_vectorizer
from poise.reading.training.informal import INFORMAL_SETS, labelled_rows
from poise.reading.training.report import TaskReport, label_scores

C = 4.0
INFORMAL_COPIES = 10
CHECK_SET = Path(__file__).resolve().parents[3] / "tests" / "reading" / "data" / "complaint_check.yaml"

PROBLEM_INTENTS = frozenset({
    "card_not_working", "declined_card_payment", "declined_transfer", "declined_cash_withdrawal",
    "wrong_amount_of_cash_received", "transaction_charged_twice", "extra_charge_on_statement",
    "card_payment_not_recognised", "direct_debit_payment_not_recognised", "cash_withdrawal_not_recognised",
    "card_payment_wrong_exchange_rate", "wrong_exchange_rate_for_cash_withdrawal", "Refund_not_showing_up",
    "transfer_not_received_by_recipient", "failed_transfer", "top_up_failed", "top_up_reverted",
    "balance_not_updated_after_bank_transfer", "balance_not_updated_after_cheque_or_cash_deposit",
    "card_swallowed", "contactless_not_working", "virtual_card_not_working", "card_payment_fee_charged",
    "beneficiary_not_allowed",
})
LATE_INTENTS = frozenset({"card_arrival", "pending_transfer", "pending_top_up", "pending_card_payment",
                          "pending_cash_withdrawal"})
LATE_WORDS = re.compile(r"\b(still|yet|hasn'?t|haven'?t|not (?:here|arrived|received|come|gone)|never|waiting|"
                        r"why (?:is|has|hasn)|so long|weeks?|days)\b", re.IGNORECASE)
REQUEST_INTENTS = frozenset({
    "exchange_rate", "fiat_currency_support", "card_delivery_estimate", "automatic_top_up", "exchange_via_app",
    "age_limit", "top_up_limits", "supported_cards_and_currencies", "getting_virtual_card", "card_acceptance",
    "edit_personal_details", "why_verify_identity", "get_physical_card", "visa_or_mastercard",
    "topping_up_by_card", "disposable_card_limits", "atm_support", "change_pin", "receiving_money",
    "transfer_into_account", "verify_top_up", "getting_spare_card", "top_up_by_cash_or_cheque",
    "order_physical_card", "get_disposable_virtual_card", "exchange_charge", "activate_my_card",
    "card_about_to_expire", "apple_pay_or_google_pay", "verify_my_identity", "country_support", "card_linking",
    "top_up_by_bank_transfer_charge", "verify_source_of_funds", "passcode_forgotten", "cancel_transfer",
    "lost_or_stolen_phone",
})
BITEXT_PROBLEMS = frozenset({"complaint", "payment_issue", "registration_problems"})
BITEXT_REQUESTS = frozenset({
    "place_order", "change_order", "track_order", "delivery_options", "delivery_period",
    "check_payment_methods", "create_account", "edit_account", "switch_account", "newsletter_subscription",
    "set_up_shipping_address", "change_shipping_address", "get_invoice", "check_invoice",
    "check_cancellation_fee", "check_refund_policy", "contact_customer_service", "contact_human_agent",
    "recover_password", "review",
})
PRAISE = frozenset({"gratitude", "admiration", "approval"})
DISSATISFACTION = frozenset({"annoyance", "disappointment", "disapproval", "anger"})
BITEXT_REQUEST_CAP = 1200  # Bitext requests are templated order/delivery questions; uncapped they teach
# "order"/"delivery" words as signs of a non-complaint, which real "my order never came" messages contradict.

Rows = list[tuple[str, int, str]]  # (text, label, source)


def _banking(data_dir: Path, split: str) -> Rows:
    rows: Rows = []
    with open(data_dir / "banking77" / f"{split}.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            text, intent = r["text"], r["category"]
            if intent in PROBLEM_INTENTS or (intent in LATE_INTENTS and LATE_WORDS.search(text)):
                rows.append((text, 1, "banking77"))
            elif intent in REQUEST_INTENTS:
                rows.append((text, 0, "banking77"))
    return rows


def _bitext(data_dir: Path) -> Rows:
    rows: Rows = []
    requests: Rows = []
    path = data_dir / "bitext_cs" / "Bitext_Sample_Customer_Support_Training_Dataset.csv"
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["intent"] in BITEXT_PROBLEMS:
                rows.append((r["instruction"], 1, "bitext"))
            elif r["intent"] in BITEXT_REQUESTS and "W" not in r["tags"]:
                requests.append((r["instruction"], 0, "bitext"))
    random.Random(SEED).shuffle(requests)
    return rows + requests[:BITEXT_REQUEST_CAP]


def _cfpb(data_dir: Path, limit: int, rng: random.Random) -> Rows:
    texts = []
    with open(data_dir / "cfpb" / "cfpb_narratives_combined.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            text = re.sub(r"\{\$[\d,.]+\}", "$100", r["narrative"])
            text = re.sub(r"\s+", " ", re.sub(r"X{2,}(?:/X{2,})*", "", text)).strip()
            if len(text) >= 20:
                cut = text[:240]
                texts.append(cut[:cut.rfind(" ")] if len(text) > 240 and " " in cut else cut)
    rng.shuffle(texts)
    return [(t, 1, "cfpb") for t in texts[:limit]]


def _reviews(data_dir: Path) -> Rows:
    rows: Rows = []
    for name in ("amazon_cells_labelled.txt", "yelp_labelled.txt"):
        for line in (data_dir / "sentiment_sentences" / name).read_text(encoding="utf-8").splitlines():
            text, _, label = line.rpartition("\t")
            if text.strip() and label.strip() in ("0", "1"):
                rows.append((text.strip(), 1 - int(label), "reviews"))
    return rows


def _goemotions(data_dir: Path, wanted: frozenset[str], label: int, limit: int, rng: random.Random) -> Rows:
    """GoEmotions train comments labelled only with emotions in `wanted` (praise, or dissatisfaction)."""
    texts, y = load_split(data_dir, "train")
    labels = (data_dir / "goemotions" / "labels.txt").read_text(encoding="utf-8").split()
    inside = [labels.index(k) for k in sorted(wanted)]
    others = [j for j in range(len(labels)) if j not in inside]
    keep = [t for t, row in zip(texts, y) if row[inside].any() and not row[others].any()]
    rng.shuffle(keep)
    name = "goemotions-praise" if label == 0 else "goemotions-dissatisfied"
    return [(t, label, name) for t in keep[:limit]]


def _split(rows: Rows, rng: random.Random) -> tuple[Rows, Rows]:
    rows = list(rows)
    rng.shuffle(rows)
    cut = int(len(rows) * 0.8)
    return rows[:cut], rows[cut:]


def datasets(data_dir: Path, seed: int = SEED, informal_sets: tuple[str, ...] = INFORMAL_SETS
             ) -> tuple[Rows, Rows]:
    """(train rows, held-out rows), each (text, label, source), assembled as the module docstring says."""
    rng = random.Random(seed)
    train, held = _banking(data_dir, "train"), _banking(data_dir, "test")
    sources = (_bitext(data_dir), _cfpb(data_dir, 2000, rng), _reviews(data_dir),
               _goemotions(data_dir, PRAISE, 0, 2000, rng), _goemotions(data_dir, DISSATISFACTION, 1, 2000, rng))
    for rows in sources:
        a, b = _split(rows, rng)
        train += a
        held += b
    # Short, informal customer messages, which none of the sources above resembles: the informal development
    # sets, each row INFORMAL_COPIES times (chosen by training with two sets and reading the third: held-out
    # complaint F1 dev2 0.887 -> 0.909, dev3 0.815 -> 0.849 at 10 copies; 3 / 20 / 40 copies within 0.01).
    train += [(r["text"], int(bool(r["complaint"])), f"informal:{name}") for name, r in labelled_rows(informal_sets)
              for _ in range(INFORMAL_COPIES)]
    return train, held


def train(data_dir: Path, models_dir: Path = MODELS_DIR, seed: int = SEED) -> None:
    """Fit the complaint model on the training rows and write `complaint.npz`."""
    save(fit_model(data_dir, models_dir, seed), models_dir, "complaint")


def fit_model(data_dir: Path, models_dir: Path = MODELS_DIR, seed: int = SEED,
              informal_sets: tuple[str, ...] = INFORMAL_SETS) -> LinearModel:
    """The complaint model fitted on the training rows (with these informal sets), not written anywhere."""
    from sklearn.linear_model import LogisticRegression

    rows, _ = datasets(data_dir, seed, informal_sets)
    texts = [t for t, _, _ in rows]
    y = np.array([label for _, label, _ in rows])
    vec = shared_vectorizer(models_dir)
    x = vec.fit_transform(texts)
    model = LogisticRegression(C=C, class_weight="balanced", solver="liblinear", dual=True, max_iter=1000,
                               random_state=seed).fit(x, y)
    coef = model.coef_.astype(np.float32)
    coef[np.abs(coef) < 0.02] = 0.0
    sources = sorted({s for _, _, s in rows})
    meta = {"task": "complaint", "seed": seed, "C": C, "trained_on": sources,
            "rows": {"complaint": int(y.sum()), "not_complaint": int((1 - y).sum())},
            "decision": "p >= 0.5"}
    return export(vec, coef, model.intercept_, ["complaint"], meta=meta, prune_below=0.0)


def check_set(path: Path = CHECK_SET) -> tuple[list[str], np.ndarray]:
    """The hand-written check messages and their 0/1 labels."""
    import yaml

    items = yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]
    return [m["text"] for m in items], np.array([int(bool(m["complaint"])) for m in items])


def _report(model: LinearModel, texts: list[str], y: np.ndarray, dataset: str, split: str) -> TaskReport:
    pred = (model.predict_proba(texts)[:, 0] >= 0.5).astype(int)
    report = TaskReport("complaint", dataset, split, label_scores(y, pred, ["not_complaint", "complaint"]))
    report.headline = {"accuracy": round(float((pred == y).mean()), 4),
                       "complaint_f1": report.labels[1].f1, "n": len(y)}
    report.anchors = {"complaint_f1": "no published anchor (labels assembled for poise; see training/complaint.py)"}
    return report


def evaluate(data_dir: Path) -> list[TaskReport]:
    """Score the shipped complaint model on the held-out rows (all and per source) and on the check set."""
    model = shipped_model("complaint")
    _, held = datasets(data_dir)
    reports = [_report(model, [t for t, _, _ in held], np.array([y for _, y, _ in held]), "assembled", "held-out")]
    for source in sorted({s for _, _, s in held}):
        part = [(t, y) for t, y, s in held if s == source]
        reports.append(_report(model, [t for t, _ in part], np.array([y for _, y in part]), source, "held-out"))
    texts, y = check_set()
    reports.append(_report(model, texts, y, "complaint_check.yaml (hand-written)", "all"))
    return reports


def main(data_dir: Path | None = None) -> None:
    """Train, then print the evaluation."""
    data = data_dir or default_data_dir()
    train(data, MODELS_DIR)
    shipped_model.cache_clear()
    for report in evaluate(data):
        print(format_report(report), "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
