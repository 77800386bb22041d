"""Stakes: what the business stands to lose if this goes badly — the customer (churn), its name in public,
a legal complaint, or the money (a chargeback).

Why rules: a stake is a stated intention with a small, stable vocabulary ("cancel my subscription", "my
lawyer", "dispute the charge"); the desk needs the exact words to show the agent, and a precise pattern
does that in microseconds. A negation just before it ("I don't want to cancel") cancels the stake; a
customer who warns that they will act ("or I call my bank") still states a stake.
"""
from __future__ import annotations

import re

from poise.reading import pipeline
from poise.reading.features import word_tokens
from poise.reading.gates import GateIndex, Rule, ascii_quotes, clause_start, rule, rule_matches
from poise.reading.pipeline import Parse
from poise.reading.reading import Stake

_NEGATED_BEFORE = re.compile(r"\b(?:\w+n't|dont|do\s+not|not|never|wont|will\s+not|no\s+need\s+to"
                             r"|would\s+never)\s+(?:(?:want|wish|plan|intend|going|gonna|need"
                             r"|have)\s+(?:to\s+)?)?(?:[\w']+\s+)?$")
_ASKED_ABOUT_OTHERS = re.compile(r"\b(?:she|he|her|his|my\s+(?:friend|mom|mum|dad|brother"
                                 r"|sister))\s+(?:[\w']+\s+)?$")


# "switching to X" is churn when X is a rival: a competitor, another company, or a name (capitalised in the
# message, or a well-known brand typed in lower case).
_RIVAL_WORDS = frozenset(["competitor", "competitors", "another", "different", "other", "provider", "supplier",
                          "insurer"])
_BRANDS = frozenset((
    "amazon ebay etsy walmart target costco verizon att at&t t-mobile tmobile sprint vodafone "
    "ee o2 three bt sky virgin comcast xfinity netflix hulu disney spotify paypal revolut monzo "
    "chase wise uber lyft doordash deliveroo ubereats grubhub instacart apple samsung google "
    "android iphone shopify aldi lidl tesco asda sainsburys"
).split())
# What a customer leaves when they cancel or close it, and whose it is ("my son's swimming lessons").
_LEAVABLE = (r"(?:subscription|membership|account|plan|contract|service|policy|sub|card|broadband|internet"
             r"|insurance|renewal|rental|tenancy|lease|lessons|classes|cleaning|cleaner|trial|package|bundle"
             r"|direct\s+debit)s?\b")
_WHOSE = r"(?:my|the|our|this|your|her|his|their|whatever|(?:my\s+)?[\w]+'s)"
_NOT_NAMES = frozenset(["i", "i'm", "a", "an", "the", "my", "your", "our"])


def _is_rival(text: str, start: int, end: int, target: str) -> bool:
    if target in _RIVAL_WORDS or target in _BRANDS:
        return True
    original = text[start:end]
    return target not in _NOT_NAMES and original[:1].isupper()


STAKE_RULES: tuple[Rule, ...] = (
    # --- churn: they are leaving
    rule("churn", "cancel", [
        rf"cancel+(?:ing)?\s+{_WHOSE}\s+(?:[\w']+\s+){{0,2}}?{_LEAVABLE}",
        # "cancelled my membership in january. you charged me in feb": a past fact told as context, not a stake
        r"cancel+ed\s+(?:my|the|our|this|your)\s+(?:[\w']+\s+)?(?:subscription|membership|account|plan"
        r"|contract|service|policy|sub|card)"
        r"(?!\s+(?:in|on|back\s+in|last|over|weeks|months|days|ages|years|yesterday|\d|a\s+(?:week|month|year)"
        r"|two|three)\b)",
        r"cancel+(?:ing|ed)?\s+(?:it\s+)?(?:all|everything)|cancel\s+it\W+all\s+of\s+it|i'?m\s+cancel+ing"
        r"|i\s+am\s+cancel+ing",
        # "I want to cancel." / "been trying to cancel for 2 months" (not "...to cancel my order")
        r"(?:want|wish|like|need|trying|tried|try)\s+to\s+cancel\b(?=\s*(?:[.,!;]|$|and\b|for\s+\w+\s+(?:weeks|months"
        r"|days|years)|since\b))",
        # "I'll be cancelling", "im gonna cancel" (an order or a booking being cancelled is not leaving)
        r"(?:i'?ll|ill|i\s+will|we'?ll|we\s+will|i'?m\s+going\s+to|im\s+going\s+to|i'?m\s+gonna|im\s+gonna"
        r"|we'?re\s+going\s+to)\s+(?:be\s+|just\s+|definitely\s+|now\s+|have\s+to\s+)?cancel+(?:ing)?\b"
        r"(?!\s+(?:the|my|this|your|our|that)\s+(?:[\w']+\s+)?(?:order|booking|reservation|appointment|table"
        r"|flight|delivery|item|purchase))",
    ]),
    rule("churn", "close delete terminat deactivat shut end & account profile membership subscription "
                  "contract service plan broadband rental tenancy lease insurance lessons", [
        rf"(?:close|delete|terminate|deactivate|shut\s+down|end)\s+(?!your\b){_WHOSE}\s+(?:[\w']+\s+){{0,2}}?"
        rf"(?:profile|{_LEAVABLE})",
    ]),
    rule("churn", "done finished through & with", [
        r"(?:i'?m|i\s+am|we'?re|we\s+are|im)\s+(?:so\s+|absolutely\s+|officially\s+|totally\s+)?(?:done"
        r"|finished|through)\s+with\s+(?:you|this|your|u)",
    ]),
    rule("churn", "again back last & never not won will order buy shop use come fly book stay purchas "
                  "recommend", [
        r"(?:never|not|won'?t\s+(?:ever\s+)?be|won'?t\s+ever|wont\s+be|will\s+never)\s+(?:[\w']+\s+)?(?:order"
        r"|ordering"
        r"|buy|buying|shop|shopping|use|using|come|coming|fly|flying|book|booking|stay|staying|purchase"
        r"|purchasing|recommend(?:ing)?)\s+(?:[\w']+\s+){0,3}?(?:again|back)",
        r"never\s+again|last\s+time\s+i\s+(?:order|buy|shop|use|book|fly)\w{0,3}",
    ]),
    # "wont be back", "never coming back", "won't be returning" (not "back in stock", not returning an item)
    rule("churn", "back return & won will never", [
        r"(?:won'?t|wont|will\s+not|will\s+never|never)\s+(?:ever\s+)?(?:be\s+)?(?:back|going\s+back|returning"
        r"|setting\s+foot)\b(?!\s+(?:in\s+stock|in\s+touch|in\s+time|until|till|til|before|by|soon|up"
        r"|online|on\s+sale|to\s+normal|it|them|the|this|my|that|these|those|an?)\b)",
    ]),
    # informal leaving: "wont be renewing", "ready to leave", "switching in january", "done with you",
    # "im off to another network", "Cancelling and telling everyone" (a clause that starts with it)
    rule("churn", "need & anymore more longer", [
        r"(?:won'?t|wont|will\s+not|don'?t|do\s+not|no\s+longer)\s+(?:be\s+)?need(?:ing)?\s+(?:the|your|you|u)\b"
        r"(?:\s+[\w']+){0,2}?\s+(?:any\s?more|any\s+longer)",
    ]),
    rule("churn", "renew", [
        r"(?:won'?t|wont|will\s+not|not|never)\s+(?:be\s+)?renew(?:ing)?\b(?!\s+(?:it\s+)?(?:until|till|before|yet))",
    ]),
    rule("churn", "leav", [
        r"(?:ready|going|about|planning|tempted|want|thinking\s+of|considering)\s+(?:to\s+)?leav(?:e|ing)\b"
        r"(?=\s*(?:[.,!;]|and\b|$|for\s+good|you\b))",
        r"(?:i'?m|im|we'?re|i\s+am|we\s+are)\s+leaving\b(?=\s*(?:[.,!;]|and\b|$|for\s+good))",
    ]),
    rule("churn", "switch", [
        r"(?:i'?m|im|we'?re|we\s+are|i\s+am|i'?ll\s+be|will\s+be)\s+switching\b(?!\s+(?:to|over\s+to|it|them|the|my|this"
        r"|that|on|off|over\s+(?:the|my)|between|rooms?|seats?|shifts?|days?))",
        r"(?:^|[.!;,]\s+)switching\s+(?:in|next|at|from|provider|supplier|network|banks?|away)\b",
    ]),
    rule("churn", "done & with", [
        r"(?:^|[.!;,]\s+|\s-\s)done\s+with\s+(?:you|u)\b",
    ]),
    rule("churn", "off & another different new better", [
        r"(?:i'?m|im|we'?re|i\s+am|we\s+are)\s+off\s+to\s+(?:an?\s+)?(?:another|different|new|better)\s+"
        r"(?:network|provider|supplier|company|bank|gym|shop|store|dentist|vet|garage|salon|airline|app)",
    ]),
    rule("churn", "cancel", [
        r"(?:^|[.!;]\s+)cancel+ing\b(?!\s+(?:\S+\s+){0,2}?(?:order|booking|reservation|appointment|table"
        r"|flight|delivery|item|purchase|lesson|class|session|visit|trip)s?\b)",
    ]),
    rule("churn", "lost losing & customer client business", [
        r"(?:lost|losing)\s+(?:a|another|my|your|one)\s+(?:[\w']+\s+)?(?:customer|client|business)",
    ]),
    rule("churn", "elsewhere", [r"(?:take|taking|took)\s+my\s+(?:business|money|custom)\s+elsewhere"
                                r"|go(?:ing)?\s+elsewhere"]),
    rule("churn", "another different new better & company provider supplier store shop bank service carrier "
         "airline", [
        r"(?:find|finding|look\s+for|looking\s+for|try|trying)\s+(?:a\s+|an\s+)?(?:another|different|new"
        r"|better)\s+(?:company|provider|supplier|store|shop|bank|service|carrier|airline)",
    ]),
    rule("churn", "leav unsubscribe", [
        r"leav(?:e|ing)\s+(?:you\b(?!\s+(?:with|alone|a|an|the|to|in|be|some|my|on|at|hanging))"
        r"|for\s+(?:a\s+)?(?:competitor|another\s+\w+))",
        # leaving the newsletter or the marketing emails is not leaving the business
        r"unsubscribe(?!\s+(?:me\s+)?from\s+(?:the\s+|your\s+|this\s+|these\s+|all\s+(?:the\s+|your\s+)?|my\s+)?"
        r"(?:\w+\s+)?(?:news\s?letters?|e-?mails?|mailing\s+lists?|marketing|texts?|sms|notifications?|promo\w*"
        r"|list|offers|updates|alerts))",
    ]),
    rule("churn_switch", "switch moving move changing", [
        r"(?:switch|switching|switched|moving|move|changing)\s+(?:over\s+)?to\s+(?:a\s+"
        r"|an\s+)?(?P<target>[a-z][\w&.-]*)",
    ]),
    rule("churn", "back", [rf"(?:go|going|went)\s+back\s+to\s+(?:{'|'.join(sorted(_BRANDS))})\b"]),
    # --- public: reviews, social media, the press
    rule("public", "review", [
        r"(?:leave|leaving|write|writing|post|posting|give|giving|left|wrote)\s+(?:you\s+|a\s+|an\s+|my\s+)?"
        r"(?:[\w'-]+\s+){0,2}?reviews?",
    ]),
    rule("public", "star", [r"(?:1|one|zero|0)[- ]?stars?"]),
    rule("public", "twitter tweet facebook =fb instagram insta =ig tiktok reddit youtube social "
                   "trustpilot yelp google linkedin internet", [
        r"(?:post|posting|put|putting|share|sharing|blast|blasting|tweet|tweeting)\s+(?:[\w']+\s+){0,4}?"
        r"(?:on|all\s+over|to|in)\s+(?:(?:my|our|a|the|their)\s+(?:[\w']+\s+){0,2}?)?(?:twitter|x|facebook|fb|instagram|insta|ig|tiktok|reddit|youtube"
        r"|social\s+media|trustpilot|yelp|google|linkedin|the\s+internet)",
        r"(?:everyone|everybody|people|the\s+world)\s+on\s+(?:twitter|facebook|tiktok|reddit|instagram|social"
        r"\s+media)",
        r"(?<!\ba\s)(?<!the\s)tweet(?:ing)?\s+(?:about\s+)?(?:this|it|you)|(?:going|go)\s+(?:on"
        r"|to)\s+(?:tiktok|twitter|reddit|youtube)",
        r"trustpilot|yelp",
    ]),
    rule("public", "tell warn let shar & everyone everybody friends followers family other customers every", [
        r"(?:tell|telling|warn|warning|let)\s+(?:all\s+)?(?:everyone|everybody|all\s+my\s+\w+|my\s+(?:friends"
        r"|followers|family)|others|(?:the\s+|all\s+the\s+)?other\s+(?:people|customers|parents|members"
        r"|residents|mums|dads|tenants))",
        r"shar(?:e|ing)\s+(?:this|it)\s+with\s+(?:every|all|everyone|everybody)\b",
    ]),
    rule("public", "know hear find & everyone everybody people world others", [
        r"(?:mak(?:e|ing)\s+sure|let)\s+(?:everyone|everybody|people|the\s+world|others)\s+(?:knows?|hears?"
        r"|finds?\s+out)",
    ]),
    rule("public", "press media news journalist reporter viral expose papers", [
        r"(?:contact|contacting|call|calling|go|going|went)\s+(?:to\s+)?(?:the\s+)?(?:local\s+)?(?:press"
        r"|media|news|newspapers?|papers|journalists?|reporters?)|the\s+(?:media|press)\s+will|go(?:ing)?\s+viral"
        r"|expose\s+you",
    ]),
    # --- legal: lawyers, courts, regulators
    rule("legal", "lawyer attorney solicitor legal", [
        r"(?:my|a|our)\s+(?:[\w']+\s+)?(?:lawyers?|attorneys?|solicitors?|legal\s+team|legal\s+counsel)",
    ]),
    rule("legal", "sue suing lawsuit legal class", [
        r"(?:sue(?!\s+me\b)|suing|lawsuit|legal\s+action|legal\s+proceedings|class\s+action)",
    ]),
    rule("legal", "court claims", [
        r"(?:take|taking)\s+(?:you|this|it|them)\s+to\s+court|see\s+you\s+in\s+court|small\s+claims",
    ]),
    rule("legal", "trading bbb bureau consumer ombudsman ftc general citizens environmental deposit ofcom ofgem "
         "ofwat =tds", [
        r"environmental\s+health|deposit\s+protection|\btds\b|tenancy\s+deposit\s+scheme|housing\s+ombudsman"
        r"|ofcom|ofgem|ofwat|trading\s+standards|bbb|better\s+business\s+bureau|consumer\s+(?:protection|rights|affairs|law"
        r"|council|ombudsman|watchdog)|ombudsman|ftc|attorney\s+general|citizens\s+advice",
    ]),
    rule("legal", "illegal", [r"(?:this|that|it)\s+(?:is|s)\s+(?:\w+\s+)?illegal"]),
    # --- chargeback: the bank takes the money back
    rule("chargeback", "disput", [
        r"disput\w{0,3}\s+(?:(?:(?:the|that|my|a|these|those)\s+)?(?:[\w-]+\s+)?(?:charges?|transactions?|payments?)"
        r"|(?:it|this)(?=\s*(?:[.,!;?]|$|with\b|and\b|through\b|via\b)))"
        r"(?:\s+with\s+(?:my\s+)?(?:bank|card|credit\s+card|paypal|visa|amex|mastercard|issuer|(?!you\b|u\b"
        r"|your\b|the\b)\w+))?",
        r"disput\w{0,3}\s+(?:[\w']+\s+){0,3}?with\s+(?:my\s+)?(?:bank|card|credit\s+card|paypal|visa|amex"
        r"|mastercard|issuer)\b",
    ]),
    rule("chargeback", "bank card & call ring contact go talk speak tell report ask phon", [
        r"report(?:ed|ing)?\s+(?:it|this|that|you|the\s+(?:charge|payment))\s+to\s+my\s+bank",
        r"(?:call|calling|contact|contacting|ring|ringing|go\s+to|going\s+to|talk\s+to|speak\s+to"
        r"|speaking\s+to|talking\s+to|talk\s+with|speak\s+with|ask|asking|phone|phoning"
        r"|tell|report\s+(?:this|you)\s+to)\s+my\s+(?:bank|credit\s+card\s+(?:company|provider|issuer)|card"
        r"\s+(?:company|issuer|provider))",
    ]),
    rule("chargeback", "chargeback back", [r"charge[- ]?backs?"]),
    rule("chargeback", "revers & payment charge transaction", [
        r"revers\w{0,3}\s+(?:the|this|that|my)\s+(?:payment|charge|transaction)",
    ]),
    rule("chargeback", "bank & revers refund get claw pull disput", [
        r"(?:my\s+)?bank\s+(?:will|is\s+going\s+to|to)\s+(?:reverse|refund|get|claw|pull|dispute)",
    ]),
    rule("chargeback", "paypal visa amex mastercard credit bank card & disput claim chargeback call "
         "contact", [
        r"(?:paypal|visa|amex|mastercard|credit\s+card)\s+(?:dispute|claim|chargeback)"
        r"|(?:open|opened|opening|file|filed|filing|raise|raised)\s+a\s+(?:dispute|claim)\s+(?:with|on"
        r"|through)\s+(?:my\s+)?(?:bank|paypal|visa|amex|card|credit\s+card)",
        r"(?:contact|contacting|call|calling)\s+(?:visa|amex|mastercard|paypal)",
    ]),
    rule("chargeback", "payment & stop block freez froze cancel", [
        r"(?:stop|stopped|stopping|cancel+ed|block|blocked|blocking|freez(?:e|ing)|froze)\s+(?:the|this|my"
        r"|that|all)\s+payments?",
    ]),
)

_DISPUTE_WITH_YOU = re.compile(r"\bwith\s+(?:you|u|your)\b")
_PRAISE = re.compile(r"\b(?:5|five|4|four)[- ]?stars?\b|\b(?:good|great|positive|glowing|nice|lovely"
                     r"|amazing)\b")


_GATES = GateIndex(STAKE_RULES)


def find_stakes(text: str, lower: str | None = None, tokens: list[str] | None = None) -> list[Stake]:
    """Every stake in a message, in text order. `lower` is `text.lower()` of the same length (as in Parse).

    Example:
        >>> [s.kind for s in find_stakes("Refund me or I call my bank")]
        ['chargeback']
    """
    lower = ascii_quotes(text.lower() if lower is None else lower)
    found: list[Stake] = []
    selected = _GATES.select(lower, word_tokens(lower) if tokens is None else tokens)
    for index, windows in sorted(selected.items()):
        stake_rule = STAKE_RULES[index]
        for m in rule_matches(stake_rule.pattern, lower, windows):
            start, end = m.span()
            before = lower[clause_start(lower, start):start]
            if before and (_NEGATED_BEFORE.search(before) or _ASKED_ABOUT_OTHERS.search(before)):
                continue
            if stake_rule.kind == "chargeback" and _DISPUTE_WITH_YOU.search(lower, end, end + 20):
                continue  # disputing a charge with the business itself is a billing question
            if stake_rule.kind == "public" and _PRAISE.search(lower, start, end):
                continue  # "left you a 5 star review" is praise, not a threat
            if stake_rule.kind == "churn_switch":
                if not _is_rival(text, m.start("target"), m.end("target"), m["target"]):
                    continue
                found.append(Stake("churn", (start, end)))
                continue
            found.append(Stake(stake_rule.kind, (start, end)))
    found.sort(key=lambda s: s.span)
    return found


@pipeline.component("stakes", assigns=("stakes",))
def component(parses: list[Parse]) -> None:
    """Assign each message's stakes: churn, public, legal, chargeback."""
    for p in parses:
        p.values["stakes"] = find_stakes(p.text, p.lower, p.tokens)
