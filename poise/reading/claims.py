"""Claims: checkable statements of fact a customer makes ("it never arrived", "you charged me twice").

Why rules and not a model: a claim is what the desk checks against its records (deliveries, messages sent,
charges, returns, promises, contacts), so each must come with the exact words and where they are, and a
missed negation ("it arrived fine") would send an agent chasing a problem that is not there. The phrasing
of these claims is narrow and formulaic, so hand-written patterns read them precisely, cope with informal
spelling ("havent", "nevr", "recieved") and run in microseconds.

Each claim's `span` points at the words that make it (matched on `Parse.lower`, so offsets hold for
`Parse.text`); its `text` is the clause around them, so details such as "#12345" or "after 2 days" travel
with it. Details the desk needs later go to `p.values["extra"]`: "order_refs" (strings as written),
"amounts_cents" (ints) and "contact_count" (int, when the customer says how often they wrote).

Speed: each rule is gated by the words it needs (see gates.py), so most messages run no claim regex at all.
"""
from __future__ import annotations

import re

from poise.reading import pipeline
from poise.reading.affect import CLAIM_MODEL, affect_scores, shipped_scorer
from poise.reading.features import word_tokens
from poise.reading.gates import GateIndex, Rule, ascii_quotes, clause_start, rule, rule_matches
from poise.reading.pipeline import Parse
from poise.reading.reading import Claim

# Building blocks shared by the patterns (and by stakes.py). Bounded repeats only: no pattern may backtrack
# badly on hostile input such as 100,000 repeated letters.
NEG = (r"(?:(?:have?|has|had|did|do|does|was|were|is|are|ai|wo|ca|could|would|should)(?:n'?t|\s+not)"
       r"|not|never|nevr|neva|nvr|yet\s+to|still\s+not)")
W = r"(?:[\w']+\s+)"  # one filler word
_ORDINALS = {"second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5,
             "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8, "ninth": 9, "9th": 9,
             "tenth": 10, "10th": 10}
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "twice": 2, "dozen": 12}
ORDINAL = (r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th)|umpteenth"
           r"|nth)")
MANY = (r"(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|several|multiple|many"
        r"|numerous|countless|so\s+many|a\s+few|a\s+dozen|a\s+million|a\s+hundred|like\s+\d{1,3}"
        r"|over\s+\d{1,3})")
AMOUNT = (r"(?:[$£€]\s?\d[\d,]{0,12}(?:\.\d{1,2})?|\d[\d,]{0,12}(?:\.\d{1,2})?\s?(?:dollars|bucks|usd"
          r"|euros?|eur|pounds|gbp|quid)\b)")
GOODS = (r"(?:order|orders|ordr|package|packages|pakage|packet|parcel|parcels|parcle|delivery|item|items"
         r"|shipment"
         r"|stuff|purchase|product|goods|box|phone|shoes|dress|gift|food|meal|furniture|sofa|laptop|things)")
DELIVERY = r"(?:order|orders|ordr|package|packages|pakage|parcel|parcels|parcle|delivery|shipment|items?|box)"
INFO = (r"(?:instructions?|e-?mails?|info|information|details|link|code|tracking|confirmation|notice"
        r"|notification|updates?|invoice|receipt|manual|password|label|warning|heads[- ]up|explanation)")
STAFF = (r"(?:agent|rep|representative|staff|employee|support|assistant|advisor|adviser|associate|colleague"
         r"|manager|supervisor|person|guy|lady|woman|man|girl|team|operator|customer\s+service"
         r"|customer\s+care|cs"
         r"|chat|driver|technician|store|salesman|sales\s+person|call\s+center|call\s+centre)")
CONTACT_VERB = (r"(?:e-?mailed|emaild|called|rang|phoned|written|wrote|contacted|messaged|msged|texted|asked"
                r"|chased|chatted|reached\s+out|complained|requested|reported|raised|followed\s+up|tweeted"
                r"|dm'?ed|submitted|unsubscribed|explained|told\s+(?:you|u|ya|them))")

# Not said of a thing: "the app asked", "checkout called" (fixed-width lookbehinds, one per word).
_NOT_A_THING_BEFORE = "".join(rf"(?<!\b{w}\s)" for w in ("it", "app", "site", "form", "page", "system",
                                                        "website", "checkout", "machine", "screen"))

# A negation or a condition in the few characters before a match turns it around ("it wasn't broken",
# "if it doesn't arrive by Friday"): the look-back stops at the start of the clause.
_NEG_WORD = (r"(?:\w+n't|(?:have|has|had|did|do|does|was|were|is|are|ai|wo|ca|could|would|should)nt|not"
             r"|never|nevr|neva|nvr|no)")
_NEGATED_BEFORE = re.compile(rf"\b(?:{_NEG_WORD}|without|nor)\s+(?:[\w']+\s+)?$")
_NEGATION_INSIDE = re.compile(rf"\b{_NEG_WORD}\b")
_CONDITION_BEFORE = re.compile(r"(?:\bif|\bunless|\bin\s+case|\bwhat\s+if|\bhope(?:fully)?|\bmake\s+sure"
                               r"|\bin\s+the\s+event|\bshould\s+it|\bwhether|\bwhen\s+it)\b")
_QUESTION_OPEN = re.compile(r"\s*(?:is|are|do|does|will|would|can|could|any|how|what|should|shall|am)\b")


CLAIM_RULES: tuple[Rule, ...] = (
    # --- not_received: the order never came
    rule("not_received", "arriv arive come came show turn deliver made & NEG", [
        rf"{NEG}\s+{W}{{0,2}}?(?:arrived?|arriving|arive?d?|come|came|show(?:ed|n)?\s+up|turn(?:ed)?\s+up"
        rf"|been\s+delivered|delivered|been\s+received|made\s+it)(?!\s+(?:until|till|til|in\s+time"
        rf"|on\s+time))",
    ]),
    rule("not_received", "receiv reciev recev recie recived got get & NEG", [
        rf"(?:{NEG}\s+{W}{{0,2}}?(?:received?|recieved?|recived?|recevied|gotten|got)|(?:did(?:n'?t|\s+not)"
        rf"|never|nevr)"
        rf"\s+(?:even\s+|actually\s+|ever\s+)?get)(?!\s+(?:bored|mad|scammed|used|off|crazy|involved|why"
        rf"|where|what|how|that|the\s+joke|it,|it\?|myself|yourself|himself|herself|themselves)\b)"
        rf"(?!\s+(?:to|back|through|in\s+touch|hold|help|it\s+to|it\s+work)\b|\s+(?:an?\s+|any\s+|my\s+"
        rf"|the\s+|your\s+|a\s+single\s+)?(?:[\w']+\s+)?(?:refund|money|reply|response|answer|apology|credit"
        rf"|compensation|discount|call|text|message|help|{INFO})\b)",
    ]),
    # money that has not come back: "still haven't got my refund", "never received my money back", "refund hasn't
    # come through" (the match holds the money word: poise.facts.refunds checks these against the payments)
    rule("not_received", "refund money reimburs deposit & receiv reciev recev recie recived got get seen had", [
        rf"(?:{NEG}\s+{W}{{0,2}}?|still\s+(?:not\s+|no\s+)?)(?:received?|recieved?|recived?|gotten|got|seen|had|get)"
        r"\s+(?:my\s+|the\s+|a\s+|any\s+|our\s+|this\s+|that\s+)?(?:full\s+)?(?:refund|money(?:\s+back)?"
        r"|reimbursement|deposit(?:\s+back)?)",
    ]),
    rule("not_received", "refund money reimburs deposit & NEG arriv come came through show land clear return paid "
                         "credit receiv given", [
        r"(?:refund|money|reimbursement|deposit)\s+(?:still\s+)?(?:has\s*n'?t|have\s*n'?t|hasnt|havent|did\s*n'?t"
        r"|didnt|is\s*n'?t|isnt|never|not|still\s+hasn'?t)\s+(?:yet\s+)?(?:been\s+)?(?:arrived?|come|came|gone"
        r"|shown?\s+up|showed\s+up|landed|cleared|come\s+through|gone\s+through|paid|credited|received"
        r"|returned|refunded|given\s+back|paid\s+back)",
    ]),
    rule("not_received", "wait & refund money reimburs deposit", [
        r"(?:still\s+)?(?:waiting|wating|waited)\s+(?:\w+\s+){0,3}?(?:for|on)\s+(?:my\s+|the\s+|a\s+|our\s+)?"
        r"(?:refund|money(?:\s+back)?|reimbursement|deposit)",
    ]),
    rule("not_received", "sent send ship dispatch post mail & NEG", [
        rf"(?:you|u|ya|they)\s+{NEG}\s+(?:sent|send|shipped|ship|dispatched|dispatch|posted"
        rf"|mailed)\s+(?:out\s+)?(?:my|the|our)\s+{W}?{GOODS}",
    ]),
    rule("not_received", "wait wating waitin w8", [
        rf"(?:still|been)\s+(?:{W}{{0,2}}?)(?:waiting|wating|waitin|w8ing)\s+(?:{W}{{0,3}}?)(?:for|on)\s+(?:my|the"
        rf"|our|this|an?|that)\s+(?:{W}{{0,2}}?){GOODS}",
        rf"(?:waiting|wating|waitin|w8ing)\s+(?:over\s+|like\s+|almost\s+|nearly\s+)?(?:\d{{1,3}}|two|three|four"
        rf"|five|six|several)\s+(?:days|weeks|wks|months)\s+(?:for|on)\s+(?:my|the|our|this|an?|that)\s+"
        rf"(?:{W}{{0,2}}?){GOODS}",
    ]),
    rule("not_received", "where", [
        rf"(?:where\s+is|where's|wheres|where\s+the\s+\w+\s+is|where\s+on\s+earth\s+is|where\s+(?:tf|tha\s+\w+"
        rf"|da\s+\w+)\s+is|where\s+(?:are|r)|where\s+(?:the\s+\w+|tf)\s+(?:are|r))\s+(?:my|our|the|me)\s+"
        rf"(?:{W}?){GOODS}",
        # the order named first, then asked after: "order #4410, where is it??"
        rf"{DELIVERY}\b[^.!?\n]{{0,30}}?\bwhere(?:\s+(?:tf|the\s+\w+))?\s*(?:is|'s|s|are|r)\s+(?:it|they|them)\b",
    ]),
    # "its not here", "parcel STILL not here", "order isnt here yet"
    rule("not_received", "=here & NEG", [
        rf"(?:{GOODS}|it|it's|its|stuff)\s+(?:is\s+|are\s+|s\s+)?(?:still\s+)?(?:not|isn'?t|aren'?t|ain'?t"
        r"|has(?:n'?t|\s+not)\s+(?:been|come|got)|not\s+yet)\s+(?:yet\s+)?(?:here|arrived\s+here)",
        r"still\s+not\s+here",
    ]),
    # tracking stuck: "says 'out for delivery' since Tuesday", "stuck in transit for a week"
    rule("not_received", "=transit =dispatch =dispatched =shipped =processing =delivery", [
        r"(?:said|says|saying|shows?|showing|showed|stuck\s+(?:on|at|in)|been)\s+'?(?:out\s+for\s+delivery"
        r"|in\s+transit|dispatched|shipped|processing|awaiting\s+dispatch)'?\s+(?:since|for\s+(?:over\s+)?(?:\d{1,3}"
        r"\s+|two\s+|three\s+|four\s+|a\s+|several\s+)?(?:days|weeks|wks|week))",
        r"stuck\s+(?:in|on)\s+(?:transit|'?out\s+for\s+delivery|dispatch|processing)",
    ]),
    # "was supposed to arrive on saturday", "was meant to be here monday"
    rule("not_received", "=supposed =suposed =meant", [
        r"(?:was|were|wuz)\s+(?:supposed|suposed|meant)\s+to\s+(?:arrive|be\s+(?:here|delivered)|come|turn\s+up"
        r"|show\s+up)",
    ]),
    # "another week without my parcel"
    rule("not_received", "without", [
        rf"(?:days?|weeks?|wks?|months?)\s+(?:and\s+still\s+|now\s+|still\s+)?without\s+(?:my|our|the|any)\s+"
        rf"{DELIVERY}",
    ]),
    rule("not_received", "lost missing stolen mislaid misplaced undelivered", [
        rf"{DELIVERY}\s+(?:{W}{{0,2}}?)(?:is|was|got|has\s+been|have\s+been|went|seems|are|were)\s+"
        rf"(?:{W}?)(?:lost|missing|stolen|mislaid)",
        r"(?:lost|misplaced)\s+(?:my|our|the)\s+(?:\w+\s+)?(?:order|package|parcel|delivery|shipment|item)",
        r"(?:missing|lost|undelivered|stolen)\s+(?:order|package|parcel|delivery|shipment|items?)",
        r"lost\s+in\s+(?:the\s+)?(?:post|mail|transit)",
        r"missing\s+from\s+(?:the|my|our)\s+(?:\w+\s+)?(?:box|order|package|parcel|delivery|bag|shipment)",
    ]),
    rule("not_received", "nothing none thing & arriv come came shown turned deliver", [
        r"(?:nothing|none\s+of\s+(?:it|them)|not\s+a\s+thing)\s+(?:has\s+|have\s+)?(?:arrived|come|came"
        r"|shown\s+up|turned\s+up|been\s+delivered)",
    ]),
    rule("not_received", "wrong & deliver left dropped", [
        r"(?:delivered|left|dropped)\s+(?:it\s+|them\s+|my\s+\w+\s+|the\s+\w+\s+)?(?:at|to)\s+the\s+wrong\s+"
        r"(?:house|address|door|flat|building|person|place)",
    ]),
    rule("not_received", "deliver", [
        r"(?:marked|shows?|showing|says?|listed|status\s+says)\s+(?:as\s+)?delivered\s+but",
        r"non[- ]?delivery|undelivered",
    ]),
    rule("not_received", "late overdue", [rf"(?:is|are|now|still)\s+{W}{{0,3}}?(?:late|overdue)"]),

    # --- not_informed: nobody told them
    rule("not_informed", "told tell inform notif warn mention said explain let bother mail text call rang "
                         "phon contact messag & =nobody =noone =no =nobdy", [
        r"(?:nobody|no\s?one|no-one|noone|nobdy)\s+(?:[\w']+\s+){0,2}?(?:told|tells|informed|notified|warned"
        r"|mentioned|said|explained|let\s+me\s+know|bothered\s+to\s+(?:tell|inform|let|notify|warn)"
        r"|e-?mailed|texted|called(?!\s+back)|rang(?!\s+back)|phoned|contacted|messaged)",
    ]),
    rule("not_informed", "tell told inform notif warn mention let explain said updat sent send gave & NEG", [
        rf"(?:you|u|ya|they|your\s+\w+|the\s+(?:company|store|shop|seller|site|website|app|courier))\s+"
        rf"{W}?{NEG}\s+{W}?(?:told|tell|informed|inform|notified|notify|warned|warn|mentioned|mention"
        rf"|let\s+me\s+know|explained|explain|said\s+anything|updated\s+me|update\s+me|sen[dt]\s+(?:me\s+"
        rf"|us\s+)?(?:the\s+"
        rf"|any\s+|an?\s+|my\s+|your\s+)?{W}?{INFO}|gave\s+(?:me\s+)?(?:the\s+|any\s+|an?\s+)?{INFO})",
        r"(?:didn'?t|did\s+not|never|nevr|haven'?t|hasn'?t|have\s+not|has\s+not)\s+(?:even\s+|ever\s+|once\s+"
        r"|bother(?:ed)?\s+to\s+)*(?:tell|told|inform(?:ed)?|notif(?:y|ied)|warn(?:ed)?|let)\s+(?:me|us)\b",
    ]),
    rule("not_informed", "told inform notif warn advis aware updat & NEG", [
        rf"\b(?:i|we)\s+(?:(?:was|were|have|had|got)\s+)?{NEG}\s+(?:(?:been|ever|once|even|got|was"
        rf"|really)\s+)*"
        r"(?:told|informed|notified|warned|advised|made\s+aware|updated)",
    ]),
    rule("not_informed", "mail notif warning heads confirm instruction track explan communicat =reminder "
                         "=reminders & NEG", [
        r"(?:never|nevr|did(?:n'?t|\s+not)|have(?:n'?t|\s+not)|has(?:n'?t|\s+not)|no|not\s+a\s+single"
        r"|not\s+one"
        r"|not\s+any|without(?:\s+any)?)\s+(?:(?:got|get|gotten|received?|recieved?|recived?|been\s+sent|sent"
        r"|seen|had|a|an|any|single|one|kind\s+of|form\s+of|prior|advance|real|proper|reminder)\s+){0,3}"
        r"(?:e-?mails?|notifications?|warning|heads[- ]up|confirmation(?:\s+e-?mail)?|instructions|reminders?"
        r"|tracking\s+(?:info|information|number|code|link)|explanation|communication)",
    ]),
    rule("not_informed", "without", [
        r"without\s+(?:\w+\s+)?(?:telling|informing|notifying|warning|asking|letting\s+(?:me|us)\s+know"
        r"|any\s+notice)",
    ]),
    rule("not_informed", "notice & NEG", [
        r"(?:no|without|never\s+(?:got|received|given)|didn'?t\s+(?:get|receive|give\s+(?:me"
        r"|us)))\s+(?:any\s+|prior\s+|advance\s+|proper\s+){0,2}notice",
    ]),
    rule("not_informed", "dark bothered idea", [
        r"(?:kept|left)\s+in\s+the\s+dark|nobody\s+bothered|had\s+no\s+idea\s+(?:that\s+)?(?:it|there|you|i"
        r"|this\s+was|about)",
    ]),

    # --- defective: it broke, it doesn't work
    rule("defective", "brok bust smash shatter crack damag dent defect fault malfunc doa dead rip torn leak "
         "scratch bent snap apart loose peel fray rust mold mould spoil stale rotten overheat glitch bug "
         "corrupt pieces", [
        r"(?<!i'm\s)(?<!\bim\s)(?<!\bam\s)(?<!\bso\s)broke(?!\s+up)|broken|brokn|busted|smashed|shattered"
        r"|cracked(?!\s+me\s+up)|damaged(?!\s+(?:my|our|his|her|their)\s+(?:credit|reputation|score|name"
        r"|relationship|health|career))|dented|defective|faulty|malfunction\w{0,3}|dead\s+on\s+arrival|doa"
        r"|ripped(?!\s+(?:me\s+|us\s+|\w+\s+)?off)|torn|leak(?:s|ing|ed|y)|scratched|bent|snapped"
        r"|fell\s+apart"
        r"|falling\s+apart|came\s+apart|came\s+loose|peeling|frayed|rust(?:ed|y)|mou?ldy|spoiled|stale|rotten"
        r"|overheat(?:s|ing|ed)|glitch(?:y|ing|es)|buggy|corrupted|in\s+pieces",
    ], negatable=True),
    # informal spellings and nouns: "borken", "crakced", "damged", "a crack in the lid", "in 3 pieces", "lids leak"
    rule("defective", "bork brock crak damg damm dama crack =pieces =leak", [
        r"b(?:ork+[ea]?n|rokk+[ea]n|rokan|rocken|roekn)|cra(?:kc?|ck)(?:ed|d)(?<!cracked)(?!\s+me\s+up)|dam{1,2}a?d?ged"
        r"(?<!damaged)|cracks?\s+(?:in|on|down|across|along|all\s+over)|in\s+(?:\d{1,2}|two|three|four|five|several"
        r"|many|a\s+million|a\s+hundred)\s+pieces"
        r"|(?:they|still|lids?|bottles?|taps?|pipes?|roof|ceiling|cups?|containers?|tubs?|jugs?|kettles?|hoses?)"
        r"\s+(?:all\s+)?leak",
    ], negatable=True),
    rule("defective", "=drips =dripping =dripped =drip =clogged =overflows =overflowing "
                      "=overflowed =overflow", [
        r"(?:taps?|faucet|showers?|sinks?|toilets?|drains?|pipes?|ceiling|roof|radiators?)\s+(?:[\w']+\s+){0,3}?(?:drips"
        r"|dripping|dripped|drip|clogged|overflow(?:s|ing|ed))",
    ], negatable=True),
    # a room or service without what it must have: "no hot water", "without heating for 3 days"
    rule("defective", "=water =heat =heating =wifi =internet =power =electricity =signal =air =aircon "
                      "=airconditioning =shower =showers =radiator =radiators" " & NEG", [
        r"(?:no|without)\s+(?:hot\s+water|running\s+water|water|heating|heat|wifi|internet|power|electricity"
        r"|signal|air\s?con(?:ditioning)?)\b(?!\s+(?:password|code|included|needed|required|bank|cable|adapter"
        r"|adaptor|cord|supply|button|bottle|sink|pressure\s+needed))",
    ]),
    rule("defective", "=water =heat =heating =wifi =internet =power =electricity =signal =air =aircon "
                      "=airconditioning =shower =showers =radiator =radiators", [
        r"(?:showers?|water|radiators?|heating)\s+(?:[\w']+\s+){0,2}?(?:is|are|was|were|been|keeps?\s+going|runs?"
        r"|running|stays?|goes|went|always)\s+(?:\w+\s+)?(?:cold|freezing|ice\s+cold|lukewarm)",
    ], negatable=True),
    rule("defective", "=none", [
        r"none\s+of\s+(?:[\w']+\s+){1,3}?(?:have\s+|has\s+|ever\s+|even\s+|actually\s+|seem\s+to\s+"
        r"|seems\s+to\s+|will\s+|would\s+|ever\s+)*(?:work|works|worked|working)\b(?!\s+out)",
    ]),
    # apps and sites: "logs me out every time", "the button does nothing", "took 4 tries to pay", "fix ur app"
    rule("defective", "=logs =logged =logging =kicks =kicked =kicking =signs =signed =signing =throws =threw "
                      "=booted =boots", [
        r"(?:logs|logged|logging|kicks|kicked|kicking|signs|signed|signing|throws|threw|booted|boots)\s+(?:me|us)"
        r"\s+out\b",
    ], negatable=True),
    rule("defective", "=nothing", [
        r"(?:button|link|app|site|website|page|it|checkout|code|key|remote|switch|update|reset|form|thing)\s+"
        r"(?:just\s+|still\s+|literally\s+|simply\s+)?(?:does|did|do)\s+(?:absolutely\s+)?nothing",
    ], negatable=True),
    rule("defective", "=tries =attempts =goes", [
        r"(?:took|takes|taking)\s+(?:me\s+|us\s+)?(?:\d{1,2}|two|three|four|five|six|several|multiple|many"
        r"|like\s+\d{1,2}|about\s+\d{1,2})\s+(?:tries|attempts|goes)\s+(?:to\s+(?:pay|log\s+in|login|sign\s+in"
        r"|load|check\s*out|order|book|submit|connect|get\s+(?:in|through|it\s+to\s+work)|go\s+through|work)"
        r"|before\s+it\s+(?:worked|went\s+through|loaded))",
    ]),
    rule("defective", "=fix", [
        r"fix\s+(?:your|ur|yr|ya|the|this)\s+(?:[\w']+\s+)?(?:app|website|site|checkout|system|page|login)\b",
    ]),
    rule("defective", "=soaked =soaking =ruined =crushed =squashed =melted =mangled =wrecked", [
        r"(?<!day\s)(?<!night\s)(?<!trip\s)(?<!evening\s)(?<!holiday\s)(?<!weekend\s)(?<!stay\s)(?<!life\s)"
        r"(?:it's|its|is|was|arrived|came|were|are|they're|theyre|all)\s+(?:\w+\s+)?(?:soaked|soaking\s+wet"
        r"|ruined|crushed|squashed|melted|mangled|wrecked)",
    ], negatable=True),
    rule("defective", "damage", [
        r"damage\s+(?:to\s+(?:my|the|our)|(?:your|the)\s+\w+\s+(?:did|caused|have\s+done|has\s+done)|you\s+(?:did"
        r"|caused)|done\s+to|caused\s+to)",
    ], negatable=True),
    rule("defective", "=deleted =wiped =erased =lost =lose =losing =misplaced", [
        r"(?:app|update|it|system|site|website|software|phone|device)\s+(?:has\s+|just\s+|somehow\s+"
        r"|completely\s+)?(?:deleted|wiped|erased|lost)\s+(?:all\s+(?:of\s+)?)?(?:my|our)\b",
    ], negatable=True),
    rule("defective", "work wrk function turn power switch charg connect load open start boot print pair "
                      "sync & NEG", [
        rf"{NEG}\s+(?:(?:even|really|seem|seems|to|be|properly|always|ever|fully|correctly|quite|just"
        rf"|actually|still"
        r"|yet|get\s+it\s+to|it)\s+){0,3}(?:work|works|worked|working|wrk|function|functioning|turn\s+on"
        r"|power\s+on"
        r"|switch\s+on|charge|charging|hold\s+(?:a\s+)?charge|connect|load|open|start|boot|print|pair|sync)"
        r"(?!\s+(?:for\s+(?:me|us)|out|with|by|that\s+way|like\s+that|all\s+the\s+time|watching|over)\b)",
        r"no\s+longer\s+(?:works|working|turns\s+on|charges|holds|connects|loads)",
    ]),
    rule("defective", "stop quit ceas keep kept", [
        r"(?:stopped|stoped|quit|ceased|stops|keeps|kept)\s+(?:[\w']+\s+)?(?:working|charging|turning\s+on"
        r"|loading|connecting|crashing|freezing|shutting\s+(?:down|off)|restarting|rebooting|disconnecting"
        r"|dying|breaking|leaking|beeping|failing|glitching)",
    ], negatable=True),
    rule("defective", "crash freez froze", [
        r"(?:crash(?:es|ed|ing)|freez(?:es|ing)|froze(?!\s+(?:my|the|our|his|her|your)\b))",
    ], negatable=True),
    rule("defective", "died dead", [
        r"(?:it|battery|screen|phone|device|unit|thing|charger|motor|laptop|machine|side|earbuds?|buds?|speakers?"
        r"|bulbs?|pixels?|keys?|port|mic|camera|remote)\s+(?:just\s+|has\s+|had\s+|is\s+|was\s+|already\s+"
        r"|completely\s+|totally\s+)?(?:died|dead)",
    ], negatable=True),
    rule("defective", "quality described advertised pictured promised =claimed", [
        r"(?:poor|bad|terrible|awful|horrible|shoddy|cheap|low|crap|crappy|shit|shitty|rubbish"
        r"|garbage)\s+quality",
        r"not\s+as\s+(?:described|advertised|pictured)",
        r"nowhere\s+near\s+(?:[\w'$£€.]+\s+){0,5}?(?:advertised|described|promised|claimed|pictured)",
    ]),

    # --- wrong_charge: charged twice, overcharged, charged after cancelling
    rule("wrong_charge", "charg bill debit took taken deduct paid pay & twice times 2x x2 double once "
                         "much wrong amount", [
        rf"(?:charged|charge|charging|billed|bill|debited|took|taken|deducted|paid|pay|payed)\s+(?:me\s+"
        rf"|us\s+"
        rf"|my\s+(?:card|account)\s+)?{W}{{0,2}}?(?:twice|two\s+times|2\s+times|2x|x2|three\s+times|3\s+times"
        r"|double|more\s+than\s+once|multiple\s+times|several\s+times|too\s+much|the\s+wrong\s+amount"
        r"|wrong\s+amount)",
    ], negatable=True),
    rule("wrong_charge", "extra & charg bill debit took taken payment", [
        r"(?:charged|billed|debited|took|taken)\s+(?:me\s+|us\s+)?(?:an\s+)?extra",
        r"extra\s+(?:charges?|payments?|debits?|billing)",
    ], negatable=True),
    rule("wrong_charge", "double dbl duplicat unauthori fraudulent unexpected hidden mystery bogus "
                         "surprise unknown "
         "wrong incorrect & charg bill payment transaction debit fee deduction amount", [
        r"(?:double|dbl|duplicate[ds]?|unauthori[sz]ed|fraudulent|unexpected|hidden|mystery|bogus|surprise"
        r"|unknown)\s*[- ]?\s*(?:charged?|charges|charging|billed|billing|payments?|transactions?|debits?"
        r"|fees?|deductions?)|(?:wrong|incorrect)\s+(?:charges?|amounts?|fees?|bill|billing)",
    ], negatable=True),
    rule("wrong_charge", "over & charg bill", [
        r"over\s?-?\s?(?:charged?|charging|billed|billing)",
    ], negatable=True),
    rule("wrong_charge", "$ £ € dollar buck usd euro eur pound gbp quid & charg bill debit took paid", [
        rf"(?:charged|billed|debited|took|paid|charging)\s+(?:me\s+|us\s+)?{AMOUNT}\s+(?:instead\s+of"
        rf"|rather\s+than"
        r"|not|but|when|for\s+a)",
    ], negatable=True),
    rule("wrong_charge", "charg bill debit took & cancel unsubscrib returned closed sent NEG", [
        r"(?:charged|billed|charging|billing|debited|took\s+(?:money|payment))\s+(?:me\s+"
        r"|us\s+)?(?:[\w']+\s+){0,3}?"
        r"(?:after|even\s+though|despite|although|though|when)\s+(?:i\s+|we\s+)?(?:had\s+|have\s+"
        r"|already\s+)*(?:cancel+ed|cancel+ing|unsubscribed|returned|closed|never)",
        r"(?:charged|billed|charging|billing)\s+(?:me\s+|us\s+)?(?:for\s+)?(?:[\w']+\s+){0,4}?(?:i|we)\s+"
        r"(?:(?:never|nevr|didn'?t|did\s+not|dont|don't|have\s+not|haven'?t)\s+(?:order|ordered|buy|bought"
        r"|sign|signed|authori[sz]ed?|want|wanted|use|used|receive|received|get|got)|(?:had\s+|have\s+"
        r"|already\s+)*(?:cancel+ed|returned|sent\s+back))",
    ]),
    rule("wrong_charge", "without & took taken charg debit withdrew bill", [
        r"(?:took|taken|charged|debited|withdrew|billed"
        r"|charging)\s+(?:[\w'£$€.,]+\s+){0,5}?without\s+(?:my\s+|our\s+"
        r"|any\s+)?(?:permission|consent|authori[sz]ation|asking|approval|agreement)",
    ]),
    rule("wrong_charge", "charges payments transactions debits & two three multiple several =2 =3", [
        r"(?:two|2|three|3|multiple|several)\s+(?:identical\s+|same\s+|duplicate\s+|separate\s+)?(?:charges"
        r"|payments|transactions|debits)",
    ]),
    rule("wrong_charge", "higher more & price total charg bill amount", [
        r"(?:price|total|charge|bill|amount|charged|billed)\s+(?:[\w']+\s+){0,4}?(?:higher"
        r"|more)\s+than\s+(?:the\s+)?(?:advertised|listed|quoted|shown|stated|expected|agreed|price)",
    ]),
    rule("wrong_charge", "discount coupon promo voucher & appl", [
        rf"(?:discount|coupon|promo(?:\s+code)?|voucher)\s+{W}{{0,2}}?{NEG}\s+(?:been\s+)?appl(?:ied|y)",
        rf"{NEG}\s+(?:[\w']+\s+)?appl(?:y|ied)\s+(?:my|the|a)\s+(?:discount|coupon|promo|voucher)",
    ]),
    rule("wrong_charge", "charg bill & still keep kept", [
        r"(?:still|keep|keeps|kept)\s+(?:being\s+|getting\s+|on\s+)?(?:charg|bill)\w{0,4}",
    ], negatable=True),
    rule("wrong_charge", "price", [
        r"(?:wrong|incorrect)\s+price|price\s+(?:was|is)\s+wrong",
    ], negatable=True),
    # "wtf is this charge", "what's that payment on my card", "why is there a £30 fee on my bill"
    rule("wrong_charge", "=what =what's =whats =wtf =wtf's =wth =why & charg bill payment transaction "
                         "debit fee deduction amount", [
        r"(?:what|wtf|wth|what\s+the\s+\w+)\s*(?:is|'s|s|are|r)\s+(?:this|that|these|those)\s+(?:[\w'£$€.]+\s+)?"
        r"(?:charges?|fees?|payments?|transactions?|debits?)\b",
        r"why\s+(?:is|was|'s|are|were)\s+there\s+(?:[\w'£$€.,]+\s+){0,4}?(?:charges?|fees?|payments?"
        r"|transactions?|debits?)\b",
        r"why\s+(?:was|were|have|has|did|am|are|do|does)\s+(?:i|we|you|u|my\s+(?:card|account))\s+(?:been\s+|being\s+"
        r"|get\s+|got\s+|just\s+|keep\s+)?(?:charged|billed|debited|charge|charging|bill|billing)\b",
    ]),
    rule("wrong_charge", "charg bill debit took & =instead", [
        r"(?:charged|billed|debited|charging)\s+(?:me\s+|us\s+)?(?:[\w'£$€.,]+\s+){0,5}?instead\s+of",
    ], negatable=True),
    rule("wrong_charge", "charg bill debit took & twice again repeatedly already before yesterday previously "
                         "daily every week day month", [
        r"(?:charged|billed|debited)\s+(?:me|us|my\s+(?:card|account))\s+(?:yet\s+|all\s+over\s+)?again",
    ], negatable=True),
    # "you charged my card but the order never went through", "took my money but never sent it"
    rule("wrong_charge", "charg bill debit took & NEG", [
        r"(?:charged|billed|debited|took)\s+(?:me|us|my\s+(?:card|account|money)|the\s+money|(?:my\s+)?money"
        r"|(?:the\s+)?payment)\s*,?\s+but\s+(?:[\w']+\s+){0,4}?(?:never|nevr|didn'?t|did\s+not|hasn'?t"
        r"|haven'?t|has\s+not|have\s+not|wasn'?t|not)\b",
    ]),
    # "cancelled my membership in january. you charged me in feb"
    rule("wrong_charge", "cancel & charg bill debit took", [
        r"cancel+ed(?:\s+[\w']+){0,6}?\s*[.,;!]*\s+(?:and\s+|but\s+|yet\s+)?(?:you|u|they|you\s+guys"
        r"|still)\s+(?:still\s+|have\s+|then\s+|just\s+)?(?:charged|billed|debited|took)",
    ]),
    rule("wrong_charge", "=short & $ £ € dollar buck usd euro eur pound gbp quid", [
        rf"[\w']+\s+{AMOUNT}\s+short|short\s+(?:by\s+)?{AMOUNT}",
    ], negatable=True),
    rule("wrong_charge", "charg bill & =free =included =covered =complimentary", [
        r"(?:charged|billed|charging)\s+(?:me\s+|us\s+)?(?:for\s+)?(?:[\w'£$€.,]+\s+){0,4}?(?:even\s+though"
        r"|although|despite|when|but)\s+(?:it|the\s+\w+|you|your\s+\w+|it's|its)\s+(?:says?|said|was|is|were|are"
        r"|s)\s+(?:\w+\s+)?(?:free|included|covered|complimentary)",
    ], negatable=True),

    # --- wrong_item: what came is not what they ordered (wrong item, size, colour; X instead of Y)
    rule("wrong_item", "wrong & sent send gave given deliver ship got receiv reciev came arriv pack", [
        r"(?:sent|send|gave|given|delivered|shipped|got|received|recieved|came\s+with|arrived\s+with|packed)"
        r"\s+(?:me\s+|us\s+|in\s+)?(?:the\s+|a\s+|an\s+|completely\s+)?wrong\s+(?!(?:idea|end|impression|information"
        r"|info|answer|advice|price|amount|number|address|email|e-mail|link|code|date|time|day|person|people|name"
        r"|instructions|details|message|way|reply|bill|invoice|charge|department|team|place|direction|directions|guy|guys"
        r"|man|woman|girl|sub|thread|pin|password|diagnos\w*|room|bus|train|flight|gate)\b)"
        r"[a-z]+",
    ], negatable=True),
    rule("wrong_item", "wrong & sent deliver ship arriv came turn box bag", [
        r"wrong\s+(?:item|items|size|colou?r|order|product|model|parcel|package|part|flavou?r|version|style|one)"
        r"\s+(?:was\s+|were\s+|has\s+been\s+|have\s+been\s+|got\s+)?(?:sent|delivered|shipped|arrived|came"
        r"|turned\s+up|in\s+the\s+(?:box|bag|parcel))",
    ], negatable=True),
    rule("wrong_item", "=what & order bought paid asked booked", [
        r"(?:not|isn't|isnt|wasn't|wasnt|aren't|arent|weren't|werent|nothing\s+like|never)\s+what\s+(?:i|we)"
        r"\s+(?:ordered|bought|paid\s+for|asked\s+for|booked|picked)",
    ]),
    rule("wrong_item", "instead", [
        r"(?:got|received|recieved|(?:you|they)\s+sent(?:\s+me|\s+us)?|came|arrived|delivered|gave\s+(?:me|us))"
        r"\s+(?:a|an|the|with\s+a|with\s+an|two|\d+)\s+(?:[\w-]+\s+){0,3}?instead\s+of\b",
    ], negatable=True),
    rule("wrong_item", "order & got receiv reciev sent & =one =ones", [
        r"ordered\s+[^.!?\n]{1,60}?(?:,|\bbut\b|\band\b)\s*(?:i\s+|we\s+)?(?:got|received|recieved"
        r"|(?:you|they)\s+sent(?:\s+me|\s+us)?)\s+(?:a|an|the)\s+(?!(?:cold|broken|damaged|used|dirty|faulty|burnt"
        r"|stale|late|empty|cracked|wet|bad|small|tiny|old)\b)(?:[\w-]+\s+){0,2}?(?:one|ones)\b",
    ], negatable=True),

    # --- already_returned: they sent it back
    rule("already_returned", "back & return sent send shipped mailed posted brought took taken", [
        r"(?:i|we|i've|ive|i\s+have|i\s+had|i'd|we've|already|have)\s+(?:[\w']+\s+){0,2}?(?:returned|sent"
        r"|already\s+send|shipped|mailed|posted|brought|took|taken)\s+(?:it|them|this|that|everything"
        r"|the\s+\w+|my\s+\w+|the\s+\w+\s+\w+)?\s*back",
        r"(?:sent|shipped|mailed|posted)\s+(?:it|them|the\s+\w+|my\s+\w+)\s+back\s+(?:[\w']+\s+){0,3}?(?:ago"
        r"|already|last|on|yesterday|back\s+in)",
    ], negatable=True),
    rule("already_returned", "return drop", [
        r"(?:i|we|i've|ive|we've|already|have)\s+(?:[\w']+\s+)?returned(?!\s+to\s+sender)",
        r"returned\s+(?:it|them|the\s+\w+|my\s+\w+)\s+(?:[\w']+\s+){0,3}?(?:ago|already|last|on|yesterday"
        r"|back\s+in)",
        r"(?:the\s+|my\s+)?return\s+(?:was|has\s+been|had\s+been)\s+(?:sent|shipped|delivered|received|posted"
        r"|dropped\s+off|signed\s+for)",
        r"(?:you|u|your\s+\w+|they)\s+(?:[\w']+\s+)?(?:received|got|have|has|signed\s+for)\s+(?:my|the"
        r"|our)\s+(?:return|returned\s+\w+)",
        r"(?:dropped|drop)\s+(?:it|them|the\s+\w+)\s+off",
        r"already\s+(?:been\s+)?returned",
    ], negatable=True),
    rule("already_returned", "=deleted =wiped =erased =lost =lose =losing =misplaced & return drop", [
        r"(?:lost|lose|losing|misplaced)\s+(?:my|our|the)\s+(?:return|returned\s+\w+|returns)\b",
    ]),

    # --- promised_by_staff: "your agent promised me a refund"
    rule("promised_by_staff", "promis assur guarant", [
        rf"(?:(?:your|the|ur|one\s+of\s+your"
        rf"|an?)\s+(?:[\w']+\s+)?)?{STAFF}\s+(?:[\w']+\s+){{0,3}}?(?:promised"
        r"|promissed|promise|assured|guaranteed)",
        r"(?:you|u|you\s+guys|ya|they|someone|somebody|he|she)\s+(?:[\w']+\s+)?(?:promised|promissed|assured"
        r"|guaranteed)",
        r"(?:i|we)\s+(?:was|were|have\s+been|had\s+been|got|been)\s+(?:[\w']+\s+)?(?:promised|promissed"
        r"|assured|guaranteed)",
        r"as\s+(?:you\s+|they\s+)?promised|broken\s+promises?|broke\s+(?:your|their|the)\s+promise",
    ], negatable=True),
    rule("promised_by_staff", "said told confirm agreed offered stated quoted", [
        rf"(?:(?:your|the|ur|one\s+of\s+your|an?)\s+(?:[\w']+\s+)?)?{STAFF}\s+(?:[\w']+\s+){{0,3}}?(?:said"
        rf"|told"
        r"|confirmed|agreed|offered|stated|quoted)",
        r"(?:you|u|you\s+guys|they|someone|somebody|he|she)\s+(?:said|told\s+(?:me|us))\s+(?:that\s+)?"
        r"[\w' ]{0,30}?\b(?:would|will|'d|'ll|gonna|going\s+to|get|be|wud|wd|wld|woud|b|itd|gona)\b",
        r"(?:i|we)\s+(?:was|were|have\s+been|had\s+been|got|been)\s+(?:[\w']+\s+)?(?:told|quoted|offered)",
        r"(?:(?:i'm|im|i\s+am|i\s+get|i\s+keep\s+(?:being|getting))|(?:and|but|then|each\s+time|every\s+time)\s+"
        r"(?:i\s+)?(?:was|were|got|get|am|i'm|im))\s+told\s+(?:that\s+)?[\w' ,]{0,40}?\b(?:would|will|wud|'d|'ll"
        r"|gonna|going\s+to|sorted|confirmed|guaranteed)\b",
    ], negatable=True),

    # --- repeated_contact: "third time i'm writing", "still no answer"
    rule("repeated_contact", "second third fourth fifth sixth seventh eighth ninth tenth umpteenth =nth "
                             "=2nd =3rd =4th =5th =6th =7th =8th =9th =10th", [
        rf"{ORDINAL}\s+time\s+(?:[\w']+\s+){{0,3}}?(?:writ\w{{0,3}}|wrote|contact\w{{0,3}}|e-?mail\w{{0,3}}"
        r"|call\w{0,3}|ask\w{0,3}|messag\w{0,3}|reach\w{0,3}\s+out|chas\w{0,3}|complain\w{0,3}|tr(?:ying|ied)"
        r"|report\w{0,3}|request\w{0,3}|sen(?:ding|t)|on\s+the\s+phone|in\s+touch|explain\w{0,3}|raising"
        r"|follow\w{0,3}\s+up|chat\w{0,4}|dm\w{0,3}|tweet\w{0,3}|here|now|r[aiu]ng|ringing|phon\w{0,3}|driven"
        r"|been\s+(?:in|down|round|back)|c[ao]me\s+(?:in|down|back|round))",
        rf"(?:writ\w{{0,3}}|wrote|contact\w{{0,3}}|e-?mail\w{{0,3}}|call\w{{0,3}}|ask\w{{0,3}}"
        rf"|messag\w{{0,3}}"
        rf"|chas\w{{0,3}}|complain\w{{0,3}}|request\w{{0,3}}|follow\w{{0,3}}\s+up)\s+(?:[\w']+\s+){{0,4}}?"
        rf"(?:for\s+the|a)\s+{ORDINAL}\s+time",
        rf"(?:(?:my|the|this\s+is\s+my)\s+)?{ORDINAL}\s+(?:e-?mail|message|call|ticket|request|complaint|attempt"
        rf"|chat|text)\b(?!\s+address)",
    ]),
    rule("repeated_contact", "times mails messages calls tickets requests chats complaints voicemails =x", [
        # the customer asked three times, not "the checkout asked for my address three times"
        rf"{_NOT_A_THING_BEFORE}{CONTACT_VERB}\s+(?:[\w']+\s+){{0,4}}?{MANY}\s+(?:times|x|e-?mails|messages|calls|tickets"
        r"|requests|chats|complaints)",
        rf"(?:i|we|i've|ive|have|already)\s+(?:[\w']+\s+)?(?:sent|submitted|made|opened|raised|logged"
        rf"|left)\s+{MANY}\s+(?:e-?mails|messages|calls|tickets|requests|complaints|voicemails)",
    ]),
    rule("repeated_contact", "twice again repeatedly already before yesterday previously daily every week "
                             "day "
         "month & mail call rang phon wrote written contact messag msg text ask chas chat reach complain "
         "request report raise follow tweet dm submit unsubscrib explain told", [
        rf"{CONTACT_VERB}\s+(?:(?:to\s+)?(?:you|u|ya|you\s+guys|your\s+\w+|support|them|in"
        rf"|customer\s+service)\s+"
        r"(?:[\w']+\s+){0,4}?)?(?:twice|again\s+and\s+again|over\s+and\s+over|repeatedly|again|already|before"
        r"|last\s+week|yesterday|previously|every\s+day|daily|for\s+(?:days|weeks|months))",
    ]),
    rule("repeated_contact", "answer reply respons word call update news feedback follow contact "
         "& still yet", [
        r"(?:still|yet)\s+(?:[\w']+\s+)?(?:no|not\s+(?:a|one|any)|haven'?t\s+(?:had|got|gotten|received"
        r"|heard)"
        r"|didn'?t\s+(?:get|hear))\s+(?:[\w']+\s+)?(?:answer|reply|response|word|call\s*back|update|news"
        r"|feedback|follow[- ]up|contact)",
    ]),
    rule("repeated_contact", "wait wating waitin & reply response answer call word", [
        r"(?:still|been|i'm|im|am|keep)\s+(?:[\w']+\s+)?(?:waiting|wating|waitin)\s+(?:for|on)\s+(?:a|an|any"
        r"|your|some)\s+(?:[\w']+\s+)?(?:reply|response|answer|call\s*back|word)",
    ]),
    rule("repeated_contact", "answer repl respon back pick bother & =nobody =noone =no =nobdy", [
        r"(?:no\s?one|nobody|noone|no-one)\s+(?:[\w']+\s+){0,2}?(?:answers?|answered|answering|replies"
        r"|replied|replying|responds?|responded|responding|got\s+back|gets\s+back|get\s+back|getting\s+back"
        r"|called\s+back"
        r"|calls\s+back|picks\s+up|picked\s+up|picking\s+up|pick\s+up|bothered\s+to\s+(?:reply|answer|respond"
        r"|call))",
    ]),
    rule("repeated_contact", "answer repl respon back pick bother heard hear call & NEG", [
        rf"(?:you|u|ya|you\s+guys|they|your\s+\w+)\s+{W}?{NEG}\s+{W}?(?:answer|answered|reply|replied|respond"
        r"|responded|got\s+back|get\s+back|call(?:ed)?\s+(?:me\s+)?back|pick(?:ed)?\s+up|bother(?:ed)?\s+to)",
        r"(?:never|nevr|did(?:n'?t|\s+not)|have(?:n'?t|\s+not)|has(?:n'?t|\s+not)|no|not\s+(?:a|one|any"
        r"|a\s+single))"
        r"\s+(?:[\w']+\s+){0,2}?(?:heard\s+back|hear\s+back|reply|replies|response|responses|answer|callback"
        r"|call\s+back)",
        rf"(?:it|that|this|which|your\s+\w+|the\s+\w+)\s+{NEG}\s+(?:actually\s+|even\s+|really\s+)?answer(?:ed)?\s+"
        r"(?:my|the|our)\s+(?:\w+\s+)?questions?|(?:is|'s|s)\s+not\s+an\s+answer|isn'?t\s+an\s+answer",
    ]),
    rule("repeated_contact", "keep keeps kept been & asking mailing calling writing chasing contacting "
                             "messaging ringing following trying", [
        r"(?:keep|keeps|kept|been)\s+(?:[\w']+\s+)?(?:asking|e-?mailing|calling|writing|chasing|contacting"
        r"|messaging|ringing|following\s+up|trying\s+to\s+(?:reach|contact|get\s+through|get\s+hold|get\s+in"
        r"\s+touch|get\s+an?\s+answer))",
    ]),
    rule("repeated_contact", "previous last earlier prior other first & mail message ticket call request "
                             "complaint chat", [
        rf"(?:my|the)\s+(?:previous|last|earlier|prior|other|first|\d{{1,3}}\s+other)\s+(?:{MANY}\s+)?(?:e-?mails?"
        r"|messages?|tickets?|calls?|requests?|complaints?|chats?)",
    ]),
    # "3 weeks. 6 emails. 0 answers." / "4 calls and no reply"
    rule("repeated_contact", "times mails messages calls tickets requests chats complaints voicemails =x & answer "
                             "repl respon back pick bother heard hear call", [
        rf"{MANY}\s+(?:e-?mails|messages|calls|tickets|chats|complaints)\W+(?:and\s+|but\s+|still\s+)*(?:0|zero|no"
        r"|not\s+(?:one|a\s+single))\s+(?:answers?|repl(?:y|ies)|responses?)",
    ]),
    rule("repeated_contact", "=following =follow =followed =writing =emailing =e-mailing =messaging =contacting "
                             "=chasing =asking & twice again repeatedly already before yesterday previously daily "
                             "every week day month", [
        r"(?:following|follow|followed)\s+up\s+(?:[\w']+\s+){0,2}?(?:again|once\s+more)|(?:writing|e-?mailing"
        r"|messaging|contacting|chasing|asking)\s+(?:you\s+|u\s+)?(?:about\s+this\s+|this\s+)?(?:again"
        r"|once\s+again|yet\s+again)",
    ]),
    rule("repeated_contact", "=anyone =anybody", [
        r"(?:anyone|anybody)\s+(?:\w+\s+)?(?:actually\s+|even\s+|ever\s+|really\s+)?(?:reads?|reading|checks?"
        r"|checking|answers?|monitors?|monitoring)\s+(?:these|this|my|the|your)\s+(?:\w+\s+)?(?:messages|e-?mails"
        r"|inbox|chat|mails|dms|tickets|phones?|line)\b",
        r"is\s+(?:anyone|anybody)\s+(?:even\s+|actually\s+)?(?:there|reading\s+(?:this|these))",
    ]),
    rule("repeated_contact", "=keep =keeps =kept", [
        r"(?:keeps?|kept)\s+(?:sending|giving|telling|pasting|copying)\s+(?:me\s+|us\s+)?(?:the\s+)?same",
    ]),
    rule("repeated_contact", "ignor hold", [r"ignor(?:ed|ing|e)\s+(?:all\s+)?(?:my|me|us)|on\s+hold\s+for"]),

    # --- informal phrasings read off the second development set (tests/reading/data/informal_dev2.yaml)
    rule("not_received", "deliver", [
        r"(?:says?|said|shows?|showing|marked)\s+(?:as\s+)?'?delivered'?\s*[.,;!-]+\s*(?:it\s+|but\s+(?:it\s+)?)?"
        r"(?:was\s*n'?t|wasnt|was\s+not|isn'?t|is\s+not|never|not)\b",
    ]),
    rule("not_received", "nothing & order parcel package delivery =day =days =week =weeks", [
        rf"{DELIVERY}\b[^\n]{{0,60}}?\bstill\s+nothing|(?:day|week)\s+\d{{1,2}}\s*[.,;!-]+\s*(?:and\s+)?(?:still\s+)?"
        r"nothing",
    ]),
    rule("not_received", "where", [
        r"where\s+(?:is|'s|s)\s+(?:the\s+)?(?:parcel|order|package|delivery)\s+(?:no\.?\s*|number\s+)?#?\d{3,}",
    ]),
    rule("not_received", "forgot forgotten", [
        r"(?:you|u|they|ya|driver|restaurant|kitchen)\s+(?:have\s+|'ve\s+|ve\s+)?(?:forgot|forgotten|left\s+out)\s+"
        r"(?:the|my|our|a|an|\d+)\s+\w+",
    ]),
    rule("not_received", "missing", [
        r"(?:contents|items?|half|some|one|part|parts|pieces?|bits|rest)\s+(?:of\s+(?:the\s+|my\s+)?\w+\s+)?(?:are|is"
        r"|were|was)\s+(?:still\s+)?missing",
    ]),
    rule("not_received", "only & arriv came turn deliver", [
        r"only\s+(?:\d|one|two|three|half)\s+(?:of\s+(?:them|the\s+\w+)\s+)?(?:\w+\s+)?(?:is\s+|has\s+|have\s+|was\s+"
        r"|were\s+)?(?:arrived?|came|turned\s+up|been\s+delivered)",
    ]),
    rule("not_received", "sender", [r"returned\s+to\s+(?:the\s+)?sender"]),
    rule("not_received", "penny cent dime & seen", [
        rf"{NEG}\s+(?:\w+\s+)?seen\s+(?:a\s+(?:penny|cent|dime|thing)|any\s+(?:money|refund))",
    ]),
    rule("defective", "down dead off out & internet wifi broadband network signal connection line site website "
                      "app system server service phone light power", [
        r"(?:internet|wifi|wi-fi|broadband|network|signal|connection|phone\s+line|line|website|site|app|system"
        r"|server|service)(?:'s|s)?\s+(?:is\s+|are\s+|has\s+been\s+|have\s+been\s+|been\s+|keeps\s+going\s+|went\s+"
        r"|goes\s+|gone\s+|was\s+|is\s+still\s+)?(?:\w+\s+)?(?:down|dead)\b(?!\s+(?:for\s+maintenance|to\s+|there))",
        r"(?:internet|wifi|wi-fi|broadband|signal|connection|phone\s+line|line|streetlight|street\s+light|lights?|power"
        r"|service|heating|hot\s+water)(?:'s|s)?\s+(?:has\s+been|have\s+been|been|keeps\s+going|went|goes|gone|has\s+gone"
        r"|is\s+still|was\s+still)\s+(?:\w+\s+)?(?:off|out)\b(?!\s+(?:of\s+|for\s+delivery|to\s+))",
    ], negatable=True),
    rule("defective", "blank pixel", [
        r"(?:gone|went|goes|is|keeps\s+going)\s+blank|blank\s+screen|dead\s+pixels?",
    ], negatable=True),
    rule("defective", "error", [
        r"error\s*(?:code\s*)?\d{3,4}|(?:keeps?|kept)\s+(?:getting|showing|giving)\s+(?:me\s+)?(?:an?\s+)?error",
    ], negatable=True),
    rule("defective", "mould mold damp brown loop logged", [
        r"(?:has|have|had|there'?s|there\s+is|with|got|now|black|green)\s+(?:\w+\s+)?mou?ld\b|brown\s+water"
        r"|(?:in\s+a|stuck\s+in\s+a)\s+loop|(?:getting|get|got|being|keep\s+getting)\s+logged\s+out",
    ], negatable=True),
    rule("defective", "soaked ruined crushed smashed", [
        r"(?:box|parcel|package|contents|item|book|everything|bag)\s+(?:\w+\s+)?(?:soaked|ruined|crushed|smashed)",
    ], negatable=True),
    rule("wrong_charge", "charg bill & but & paused cancel select chose order picked never", [
        r"(?:charged|billed)\s+(?:[\w'£$€.,]+\s+){0,6}?but\s+(?:i|we)\s+(?:had\s+|have\s+|already\s+|only\s+|was\s+)*"
        r"(?:paused|cancel+ed|selected|chose|ordered|picked|never)",
    ]),
    rule("wrong_charge", "charg bill & NEG", [
        r"(?:charged|billed)\s+(?:[\w'£$€.,]+\s+){0,5}?(?:i|we)\s+(?:did\s+not|didn'?t|never)\s+(?:use|order|want"
        r"|authori[sz]e|agree|sign)",
        r"(?:charged|billed|charging|billing)\s+(?:[\w'£$€.,]+\s+){0,10}?(?:that|which)\s+(?:i|we)\s+(?:never|didn'?t"
        r"|did\s+not)\s+(?:sign(?:ed)?\s+up|order(?:ed)?|agree[d]?|ask(?:ed)?)",
    ]),
    rule("wrong_charge", "paid charg & twice", [r"(?:paid|charged)\s*[.,!]+\s*twice"]),
    rule("wrong_charge", "charg & =over & even though", [
        r"charged\s+(?:[\w'£$€.,]+\s+){0,4}?even\s+though\s+(?:my|the)\s+\w+\s+(?:was|is)\s+over",
    ]),
    rule("wrong_charge", "included free covered & thought think", [
        r"(?:charged|billed)\s+(?:[\w'£$€.,]+\s+){0,8}?(?:i|we)\s+(?:thought|think|believe)\s+(?:that|it|this)\s+"
        r"(?:was|is|were)\s+(?:\w+\s+)?(?:included|free|covered)",
    ]),
    rule("not_informed", "announcement update call email text word message apology note & =not =no", [
        r"not\s+(?:one|a\s+single)\s+(?:announcement|update|call|e-?mail|text|word|message|apology)",
        r"no\s+(?:call|text|e-?mail|note|card|message|announcement|update|word)s?\s*[,.]?\s+no\s+\w+",
    ]),
    rule("repeated_contact", "spoken spoke talked & people agents advisors staff members", [
        rf"(?:spoken|spoke|talked)\s+to\s+{MANY}\s+(?:different\s+)?(?:people|agents|advisors|advisers|staff|members)",
    ]),
    rule("repeated_contact", "report", [
        r"(?:i|we)\s+(?:have\s+|'ve\s+|ve\s+)?(?:already\s+)?reported\s+(?:it|this)\s+(?:already|before|last\s+\w+|on\s+"
        r"\w+|twice|\d+\s+times|weeks\s+ago|days\s+ago|a\s+\w+\s+ago)|already\s+reported",
    ]),
    rule("repeated_contact", "texts emails calls messages & =now =later =and", [
        rf"{MANY}\s+(?:e-?mails|texts|calls|messages|phone\s+calls)\s+(?:now|later)\b",
    ]),
    rule("promised_by_staff", "said", [
        r"(?:you|u|ya|he|she|they)\s+said\s+(?:it\s+would\s+be\s+)?(?:monday|tuesday|wednesday|thursday|friday"
        r"|saturday|sunday|today|tomorrow|\d{1,2}\s+(?:days|weeks|wks)|(?:by|before)\s+\w+|next\s+week|this\s+week)\b",
    ]),
)

_GATES = GateIndex(CLAIM_RULES)

_ORDER_REF = re.compile(
    r"\border\s*(?:(?:no|num|number|nr|id|ref|reference)\b\.?\s*)?[:#]?\s*([a-z]{0,4}-?\d[\d-]{2,19})\b"
    r"|#\s?([a-z]{0,4}-?\d[\d-]{2,19})\b")
_AMOUNT_SYMBOL = re.compile(r"([$£€])\s?(\d{1,3}(?:,\d{3})+|\d{1,9})(?:\.(\d{1,2}))?(?![\d,])")
_AMOUNT_WORD = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d{1,9})(?:\.(\d{1,2}))?\s?(?:dollars?|bucks|usd|euros?|eur"
                          r"|pounds|gbp|quid)\b")
_DIGIT_RUN = re.compile(r"\d+")
_COUNT = re.compile(rf"\b({ORDINAL})\s+time|\b(\d{{1,3}}|two|three|four|five|six|seven|eight|nine|ten|eleven"
                    r"|twelve|twenty|dozen)\s+(?:times|e-?mails|messages|calls|tickets|requests|chats"
                    r"|complaints|voicemails)\b|\b(twice)\b")
_CLAUSE_ENDS = ".!?\n;"
_MAX_CLAIM_TEXT_CHARS = 160


def _asks_whether(lower: str, start: int, end: int) -> bool:
    """True when the match sits in a yes/no or how-much question ("are there extra charges?")."""
    sentence_start = max(lower.rfind(c, 0, start) for c in ".!?\n") + 1
    marks = [i for i in (lower.find(c, end) for c in ".!?\n") if i != -1]
    sentence_end = min(marks) if marks else len(lower)
    return (sentence_end < len(lower) and lower[sentence_end] == "?"
            and bool(_QUESTION_OPEN.match(lower, sentence_start)))


def blocked(lower: str, start: int, end: int, *, negatable: bool) -> bool:
    """True when a condition ("if it doesn't arrive") or, for positive claims, a negation or a yes/no
    question ("will i be charged twice?") cancels a match."""
    before = lower[clause_start(lower, start):start]
    if before and _CONDITION_BEFORE.search(before):
        return True
    if negatable:
        return bool(_NEGATED_BEFORE.search(before) or _NEGATION_INSIDE.search(lower, start, end)
                    or _asks_whether(lower, start, end))
    return False


def _decimal_point(text: str, i: int) -> bool:
    """A '.' between two digits ("£9.99") ends no clause."""
    return text[i] == "." and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def _previous_mark(text: str, start: int) -> int:
    """Index of the last clause mark before `start` that is not a decimal point, or -1 (C-speed searches:
    hostile text can hold thousands of matches in one endless clause)."""
    while True:
        at = max(text.rfind(c, 0, start) for c in _CLAUSE_ENDS)
        if at == -1 or not _decimal_point(text, at):
            return at
        start = at


def _next_mark(text: str, end: int) -> int:
    """Index of the first clause mark at or after `end` that is not a decimal point, or -1."""
    while True:
        marks = [i for i in (text.find(c, end) for c in _CLAUSE_ENDS) if i != -1]
        at = min(marks) if marks else -1
        if at == -1 or not _decimal_point(text, at):
            return at
        end = at + 1


def clause_around(text: str, start: int, end: int) -> str:
    """The clause of `text` that holds [start, end): from the previous to the next sentence mark, trimmed."""
    left = _previous_mark(text, start) + 1
    right = _next_mark(text, end)
    right = len(text) if right == -1 else right + 1
    if right - left > _MAX_CLAIM_TEXT_CHARS:  # a run-on sentence: keep a window around the claim itself
        left = max(left, start - 60)
        right = min(right, end + 60)
    return " ".join(text[left:right].split())


MONEY_WORDS = re.compile(r"\b(?:refund\w*|money|reimburs\w*|deposit|cash\s?back|credit note"
                         # the same in the languages of poise.reading.foreign
                         r"|geld|dinero|argent|soldi|dinheiro|pieni[ęe]dz\w*|reembols\w*|rembours\w*|rimbors\w*"
                         r"|r[üu]ckerstattung|erstattung|terugbetal\w*|zwrot\w*)\b")
MONEY_LOOKBACK_WORDS = 3
"""A money word among the few words just before a not_received match makes it about money ("my refund hasn't
arrived"); further back it is another thing ("where's my refund, and my parcel never arrived")."""


def about_money(text: str, claim: Claim) -> bool:
    """Whether a not_received claim is about money coming back (a refund, a deposit) rather than goods arriving:
    the facts check it against payments, not deliveries, and the summary says so."""
    start, end = claim.span
    clause_start = max(text.rfind(c, 0, start) for c in ".!?\n,;") + 1
    before = text[clause_start:start].split()[-MONEY_LOOKBACK_WORDS:]
    return bool(MONEY_WORDS.search(" ".join([*before, text[start:end]]).lower()))


def find_claims(text: str, lower: str, tokens: list[str] | None = None) -> list[Claim]:
    """Every claim in a message, in text order, at most one per kind per clause.

    `lower` is `text.lower()` with the same length (as in Parse), so spans point into `text`; `tokens` are
    its word tokens (Parse.tokens; worked out here when not given).

    Example:
        >>> [c.kind for c in find_claims("My parcel never arrived.", "my parcel never arrived.")]
        ['not_received']
    """
    lower = ascii_quotes(lower)
    found: list[Claim] = []
    seen: set[tuple[str, str]] = set()
    selected = _GATES.select(lower, word_tokens(lower) if tokens is None else tokens)
    for index, windows in sorted(selected.items()):
        claim_rule = CLAIM_RULES[index]
        for m in rule_matches(claim_rule.pattern, lower, windows):
            start, end = m.span()
            if blocked(lower, start, end, negatable=claim_rule.negatable):
                continue
            clause = clause_around(text, start, end)
            if (claim_rule.kind, clause) not in seen:
                seen.add((claim_rule.kind, clause))
                found.append(Claim(claim_rule.kind, (start, end), clause))
    found.sort(key=lambda c: c.span)
    return found


def _count_of(word: str) -> int | None:
    """'third' -> 3, '4th' -> 4, '4' -> 4, 'twice' -> 2; None for 'umpteenth' and the like."""
    if word in _ORDINALS:
        return _ORDINALS[word]
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    digits = word.rstrip("stndrh")
    return int(digits) if digits.isdigit() else None


def _amounts_in_words(lower: str) -> list[re.Match[str]]:
    """_AMOUNT_WORD.finditer(lower), tried only where a run of digits starts (where every match starts): the
    pattern opens with \\b, so a plain scan tries it at every character of a long narrative."""
    found: list[re.Match[str]] = []
    done = 0
    for run in _DIGIT_RUN.finditer(lower):
        if run.start() >= done and (m := _AMOUNT_WORD.match(lower, run.start())):
            found.append(m)
            done = m.end()
    return found


def extract_details(text: str, lower: str, claims: list[Claim]) -> dict[str, object]:
    """Order numbers, money amounts (in cents) and how many times they wrote, for the desk to check.

    Only keys with something found are returned: "order_refs", "amounts_cents", "contact_count".
    """
    details: dict[str, object] = {}
    if "#" in lower or "order" in lower:
        refs = [text[m.start(m.lastindex or 1):m.end(m.lastindex or 1)] for m in _ORDER_REF.finditer(lower)]
        if refs:
            details["order_refs"] = list(dict.fromkeys(refs))
    amounts: list[int] = []
    if "$" in lower or "£" in lower or "€" in lower:
        amounts += [int(m[2].replace(",", "")) * 100 + int((m[3] or "0").ljust(2, "0"))
                    for m in _AMOUNT_SYMBOL.finditer(lower)]
    if ("dollar" in lower or "buck" in lower or "usd" in lower or "eur" in lower or "pound" in lower
            or "gbp" in lower or "quid" in lower):
        amounts += [int(m[1].replace(",", "")) * 100 + int((m[2] or "0").ljust(2, "0"))
                    for m in _amounts_in_words(lower)]
    if amounts:
        details["amounts_cents"] = list(dict.fromkeys(amounts))
    counts = [c for claim in claims if claim.kind == "repeated_contact"
              for m in _COUNT.finditer(claim.text.lower())
              if (c := _count_of(m[1] or m[2] or m[3])) is not None]
    if counts:
        details["contact_count"] = max(counts)
    return details


RULE_CLAIMS = "_rule_claims"  # Parse value: the claims the rules found, before the model's (read by desk_sentiment)
# A sentence for the claim-kinds model's span: up to a sentence mark or a line break.
_SENTENCE = re.compile(r"(?:[^.!?\n]|(?<=\d)\.(?=\d))+[.!?]*")  # "£9.99" stays in one sentence
_MIN_SPAN_WORDS = 4  # a claim's sentence says something: "Order GC-88341" alone is no claim's span


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, without surrounding white space."""
    out = []
    for m in _SENTENCE.finditer(text):
        raw = m.group()
        if raw.strip():
            out.append((m.start() + len(raw) - len(raw.lstrip()), m.end() - len(raw) + len(raw.rstrip())))
    return out


def _words(lower: str) -> int:
    """How many tokens hold a letter (not numbers, marks or emoji)."""
    return sum(1 for t in word_tokens(lower) if any(c.isalpha() for c in t))


def model_claims(parses: list[Parse], probabilities: list[list[float]], found: list[list[Claim]]
                 ) -> list[list[Claim]]:
    """Per message, the kinds the claim-kinds model reads (p >= 0.5: its threshold is folded into its bias) that
    the rules did not find, each spanning the sentence that reads most like it (sentences of a batch are
    scored together, once).

    Why a model behind the rules: customers state the same fact in endless ways ("4th day of 'out for
    delivery'"); the rules give exact spans, the model (poise/reading/training/claims.py) the recall.
    """
    labels = shipped_scorer().models[CLAIM_MODEL].labels
    wanted: list[tuple[int, list[str], list[tuple[int, int]], int]] = []  # message, kinds, sentences, first row
    rows: list[list[str]] = []
    for i, (p, probs, have) in enumerate(zip(parses, probabilities, found)):
        found_kinds = {c.kind for c in have}
        kinds = [k for k, prob in zip(labels, probs) if prob >= 0.5 and k not in found_kinds]
        if not kinds:
            continue
        sentences = _sentences(p.text) or [(0, len(p.text))]
        if len(sentences) > 1:  # fragments ("Order GC-88341", "Thanks,") are not where a claim is said
            sentences = [(s, e) for s, e in sentences if _words(p.lower[s:e]) >= _MIN_SPAN_WORDS] or sentences
        wanted.append((i, kinds, sentences, len(rows)))
        if len(sentences) > 1:  # a one-sentence message needs no scoring to say where
            rows.extend(word_tokens(p.lower[s:e]) for s, e in sentences)
    scores = shipped_scorer().probabilities(rows)[CLAIM_MODEL] if rows else None
    out: list[list[Claim]] = [[] for _ in parses]
    for i, kinds, sentences, first in wanted:
        text = parses[i].text
        for kind in kinds:
            best = 0
            if len(sentences) > 1 and scores is not None:
                best = int(scores[first:first + len(sentences), labels.index(kind)].argmax())
            start, end = sentences[best]
            out[i].append(Claim(kind, (start, end), " ".join(text[start:end].split())[:_MAX_CLAIM_TEXT_CHARS]))
    return out


def _reads_unhappy(p: Parse) -> bool:
    """The model's claims are not read in a message that reads positive and no complaint: a happy one ("I love
    the new app update") shares too many words with the failures the model learnt."""
    sentiment = p.values.get("sentiment")
    return float(p.values.get("complaint", 0.0)) >= 0.5 or sentiment is None or sentiment.label != "positive"


@pipeline.component("claims", assigns=("claims",))
def component(parses: list[Parse]) -> None:
    """Assign each message's claims (the rules', then the claim-kinds model's), and the order numbers, amounts
    and contact count it mentions."""
    found = [find_claims(p.text, p.lower, p.tokens) for p in parses]
    for p, claims in zip(parses, found):
        p.values[RULE_CLAIMS] = claims
    read = [i for i, p in enumerate(parses) if p.language == "en" and _reads_unhappy(p)]
    if read:
        scores = affect_scores(parses)
        added = model_claims([parses[i] for i in read], [scores[i][CLAIM_MODEL] for i in read],
                             [found[i] for i in read])
        for i, extra in zip(read, added):
            if extra:
                found[i] = sorted([*found[i], *extra], key=lambda c: c.span)
    for p, claims in zip(parses, found):
        p.values["claims"] = claims
        details = extract_details(p.text, ascii_quotes(p.lower), claims)
        if details:
            p.values.setdefault("extra", {}).update(details)
