"""Messages in another language: the gist a desk needs, from short phrase lists per language.

poise's models are English-only; a customer who writes "mi pedido todavía no ha llegado" or "doppelt
abgebucht" still makes a checkable claim, states what is at stake and asks for something. For the languages
small European businesses hear most often (Spanish, French, German, Italian, Portuguese, Dutch, Polish), this
component reads those few things from phrase lists and adds them to the Reading:

- claims (not_received, not_informed, defective, wrong_charge, already_returned, repeated_contact), so the
  facts layer checks them and the summary says them in English;
- stakes (churn, public, legal, chargeback);
- the intent, where a phrase names it (the English intent model reads such text as noise, often with a high
  confidence); where none does, the intent is kept but its confidence is capped at UNREAD_INTENT_CONFIDENCE;
- a complaint and a negative sentiment where the message states a failure or uses a strong complaint word
  ("inaceptable", "Frechheit"), and a positive one for plain thanks; where nothing says it is a complaint, the
  English complaint model's guess is capped below one half.

The text is matched with its accents folded (é -> e, ł -> l: one character for one, so spans stay valid),
because customers type "recibi", "recu" and "zuruck" as often as the accented forms. It runs only on messages
the language component did not read as English, so English messages cost one comparison.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

from poise.reading import pipeline
from poise.reading.claims import about_money, clause_around
from poise.reading.intent import INTENT_PROBABILITIES
from poise.reading.pipeline import Parse
from poise.reading.reading import Claim, Intent, Sentiment, Span, Stake
from poise.reading.upset import FAILURE_CLAIMS, turn_negative


class _Found(Protocol):
    """What claims and stakes share: a kind and where it is said."""

    @property
    def kind(self) -> str: ...

    @property
    def span(self) -> Span: ...


T = TypeVar("T", bound=_Found)

UNREAD_INTENT_CONFIDENCE = 0.3  # an English model's guess on foreign text is no more than a hint
PHRASE_INTENT_CONFIDENCE = 0.7  # the intent a phrase names
FOREIGN_COMPLAINT = 0.75  # the complaint probability a stated failure or a complaint word gives at least
FOREIGN_NEGATIVE = -0.6  # the sentiment score it gives at most
FOREIGN_POSITIVE = 0.6  # the sentiment score of plain thanks or praise
UNREAD_COMPLAINT = 0.45  # the complaint probability at most where no phrase says there is one

_FOLD = str.maketrans("áàâäãåçéèêëíìîïñóòôöõúùûüýÿąćęłńśźżœß", "aaaaaaceeeeiiiinooooouuuuyyacelnszzos")

# Per language: (field, label, pattern) read on the folded, lowered text. field is "claim", "stake",
# "intent", "negative" (a complaint word) or "positive" (thanks, praise). Patterns are word-bounded when
# compiled; `\w*` endings take inflections ("rotos", "cassées").
PhraseTable = tuple[tuple[str, str, str], ...]

PHRASES: dict[str, PhraseTable] = {
    "es": (
        ("claim", "not_received", r"no (?:me |nos )?(?:ha|han|he|hemos)? ?(?:llegado|recibido)|(?:todavia"
                                  r"|aun) no (?:me |nos )?(?:ha |han )?(?:llega\w*|recib\w*)|no (?:me "
                                  r"|nos )?(?:llego|llegaron|llega|llegan)|nunca (?:me |nos )?(?:llego|llegaron"
                                  r"|ha llegado|recibi\w*)|sigo esperando|no he recibido"),
        ("claim", "defective", r"rot[oa]s?|no funciona\w*|no anda|danad[oa]s?|defectuos[oa]s?|estropead[oa]s?"
                               r"|averiad[oa]s?|no enciende|se rompio|no sirve"),
        ("claim", "wrong_charge", r"(?:cobrad[oa]s?|cobraron|cobrais|cobran|cargad[oa]s?"
                                  r"|cargaron)(?: \w+){0,3} (?:dos veces|de mas|doble|dos cargos)|cobro (?:doble"
                                  r"|duplicado|indebido)|cargo (?:doble|duplicado|indebido)|doble cobro|doble cargo"),
        ("claim", "already_returned", r"(?:ya )?(?:lo |la |los |las )?(?:he |hemos )?devuelto|devolvi|ya (?:lo "
                                      r"|la )?envie de vuelta"),
        ("claim", "repeated_contact", r"(?:segunda|tercera|cuarta|quinta) vez|(?:varias|muchas|tres|cuatro"
                                      r"|mil) veces|ya (?:les |os )?(?:escribi|llame|he escrito|he llamado)"),
        ("claim", "not_informed", r"nadie me (?:ha )?(?:dicho|avisado|informado|contestado)|sin (?:avisar"
                                  r"|previo aviso)|no me (?:avisaron|informaron|dijeron)"),
        ("stake", "churn", r"me cambio de (?:compania|empresa|operador\w*)|darme de baja|me doy de baja|no (?:vuelvo"
                           r"|volvere)|nunca mas"),
        ("stake", "legal", r"abogad[oa]|denunciar\w*|denuncia|demandar\w*|demanda judicial|oficina del consumidor"
                           r"|juzgado"),
        ("stake", "public", r"resena\w*|redes sociales|opinion (?:negativa|en)|valoracion"),
        ("stake", "chargeback", r"contracargo|mi banco|reclamacion al banco"),
        ("intent", "refund", r"reembols\w*|devuelv\w* (?:mi |el )?dinero|devolucion del dinero|mi dinero"),
        ("intent", "cancel", r"cancelar|anular|darme de baja|dar de baja|cancelen|cancelacion"),
        ("intent", "return_exchange", r"cambiar (?:la |el |de |por (?:la |el |una |un |otr[oa] )?)?(?:talla|color"
                                      r"|numero|modelo)|cambio de talla|devolver (?:el|la|los|las)|hacer (?:una"
                                      r"|la) devolucion"),
        ("intent", "account_access", r"contrasena|no puedo (?:entrar|acceder|iniciar sesion)"),
        ("intent", "billing_charge", r"factura\w*|cobro\w*"),
        ("intent", "where_is_my_order", r"(?:donde|cuando) (?:esta|llega) mi (?:pedido|paquete)"),
        ("intent", "how_to", r"como (?:puedo|se|hago)"),
        ("negative", "", r"verguenza|inaceptable|fatal|horrible|pesim[oa]|estafa\w*|hart[oa]|enfadad[oa]"
                         r"|indignad[oa]|decepcionad[oa]|desastre|increible que|nadie (?:me )?(?:responde|contesta)"
                         r"|si no (?:lo )?(?:solucionan|resuelven|arreglan|soluciona\w*)"),
        ("positive", "", r"(?:muchas )?gracias por|excelente|encantad[oa]|genial|maravillos[oa]"),
    ),
    "fr": (
        ("claim", "not_received", r"(?:pas|jamais|toujours pas|rien) (?:encore )?recu|n'?(?:est|sont) (?:toujours "
                                  r"|jamais )?pas (?:encore )?(?:arrive\w*|livre\w*)|(?:pas|jamais"
                                  r"|toujours pas) (?:arrive\w*|livre\w*)|n'?(?:ai|avons) (?:toujours "
                                  r"|jamais )?(?:pas |rien )?recu|j'?attends (?:toujours|encore)"),
        ("claim", "defective", r"casse\w*|ne (?:fonctionne|marche|s'allume) (?:plus|pas)|defectueu\w*|endommage\w*"
                               r"|abime\w*|en panne|en morceaux|en miettes|hors service|ne fonctionne"),
        ("claim", "wrong_charge", r"(?:debite|preleve|facture|paye|factures?|preleves?)\w* (?:deux fois|2 fois"
                                  r"|en double|trop)|double (?:prelevement|paiement|facturation|debit)"
                                  r"|prelevement (?:en double|non autorise)"),
        ("claim", "already_returned", r"(?:j'?ai|nous avons|deja) (?:deja )?(?:renvoye|retourne|rendu)\w*"),
        ("claim", "repeated_contact", r"(?:deuxieme|troisieme|quatrieme|enieme|nieme) fois|plusieurs fois|(?:deux"
                                      r"|trois|quatre) fois|(?:deja|j'?ai deja) (?:ecrit|appele|relance)"),
        ("claim", "not_informed", r"personne ne (?:m'?a|nous a) (?:prevenu|informe|dit|repondu)\w*|sans (?:prevenir"
                                  r"|preavis|nous prevenir|me prevenir)|(?:pas|jamais) (?:ete )?(?:prevenu"
                                  r"|informe)\w*"),
        ("stake", "churn", r"(?:je vais |je veux )?resilier|je resilie|je change (?:d'?operateur|de fournisseur"
                           r"|de banque)|plus jamais|je ne reviendrai|je pars chez"),
        ("stake", "legal", r"avocat|plainte|tribunal|repression des fraudes|mise en demeure|ufc[- ]que choisir"
                           r"|conciliateur"),
        ("stake", "public", r"avis (?:negatif|sur google|en ligne)|reseaux sociaux|laisser un avis|trustpilot"),
        ("stake", "chargeback", r"ma banque|faire opposition|opposition sur|retrofacturation|chargeback"),
        ("intent", "refund", r"rembours\w*"),
        ("intent", "cancel", r"annuler|annulation|resilier|resiliation|desabonner|desinscri\w*"),
        ("intent", "return_exchange", r"echanger|echange|retourner (?:le|la|les)|renvoyer (?:le|la|les)"),
        ("intent", "account_access", r"mot de passe|(?:me )?connecter|acceder a mon compte"),
        ("intent", "billing_charge", r"facture\w*|prelevement\w*|debit\w*"),
        ("intent", "where_is_my_order", r"ou en est ma commande|ou est (?:ma commande|mon colis)"),
        ("intent", "how_to", r"comment (?:puis-je|faire|je peux|on peut|peut-on)"),
        ("negative", "", r"inadmissible|inacceptable|honteu\w*|nul|scandale\w*|scandaleu\w*|arnaque\w*|marre"
                         r"|decue?s?|furieu\w*|lamentable|n'?importe quoi|catastroph\w*|si (?:ce n'?est pas"
                         r"|rien n'?est|ca n'?est pas) (?:regle|resolu)|si vous ne (?:reglez|resolvez|reparez)"),
        ("positive", "", r"merci (?:beaucoup |bien )?pour|excellent\w*|ravie?s?|parfait\w*|genial"),
    ),
    "de": (
        ("claim", "not_received", r"nicht (?:angekommen|erhalten|geliefert|bekommen|zugestellt|eingetroffen)"
                                  r"|nie (?:angekommen|erhalten|geliefert|bekommen)|(?:kein|keine|keinen) (?:geld"
                                  r"|paket|lieferung|ware|erstattung)\w* (?:erhalten|bekommen)"
                                  r"|noch (?:immer )?nicht (?:da|angekommen|geliefert)|warte (?:immer )?noch"),
        ("claim", "defective", r"kaputt\w*|defekt\w*|beschadigt\w*|funktioniert (?:nicht|nie)|geht nicht|zerbrochen"
                               r"|gebrochen|funktionsunfahig|zerkratzt"),
        ("claim", "wrong_charge", r"(?:doppelt|zweimal|2x|zu viel) (?:abgebucht|berechnet|belastet|bezahlt"
                                  r"|abgerechnet|eingezogen)|doppelte (?:abbuchung|zahlung|belastung|rechnung)"
                                  r"|falsch (?:berechnet|abgebucht)"),
        ("claim", "already_returned", r"zuruckgeschickt|zuruckgesendet|zuruckgesandt|retourniert|zuruckgegeben"),
        ("claim", "repeated_contact", r"(?:zum )?(?:zweiten|dritten|vierten|x-ten|wiederholten) mal|mehrmals"
                                      r"|mehrfach|(?:schon|bereits) (?:zweimal|dreimal|mehrmals|geschrieben"
                                      r"|angerufen)"),
        ("claim", "not_informed", r"niemand hat (?:mir|uns) (?:\w+ )?(?:gesagt|bescheid|informiert|geantwortet)"
                                  r"|ohne (?:vorwarnung|ankundigung|bescheid|mich zu informieren)|nicht informiert"),
        ("stake", "churn", r"kundig\w*|nie wieder|wechsle (?:den anbieter|zu)|anbieter wechseln"
                           r"|nicht mehr (?:bestellen|kommen|kunde)"),
        ("stake", "legal", r"anwalt|rechtsanwalt|verbraucherzentrale|vor gericht|gerichtlich\w*|strafanzeige"
                           r"|anzeige erstatten|rechtliche schritte|klage"),
        ("stake", "public", r"bewertung\w*|rezension\w*|soziale(?:n)? medien|trustpilot"),
        ("stake", "chargeback", r"ruckbuchung|(?:meine|meiner) bank|lastschrift zuruck\w*|chargeback"),
        ("intent", "refund", r"ruckerstattung|erstatt\w*|geld zuruck|mein geld"),
        ("intent", "cancel", r"kundigen|kundigung|stornieren|stornierung|abbestellen|abo beenden"),
        ("intent", "return_exchange", r"umtausch\w*|zuruckgeben|zurucksenden|retoure|ruckgabe"),
        ("intent", "account_access", r"passwort|kennwort|anmelden|einloggen|zugang"),
        ("intent", "billing_charge", r"rechnung\w*|abbuchung\w*|lastschrift\w*"),
        ("intent", "where_is_my_order", r"wo (?:ist|bleibt) (?:meine|mein) (?:bestellung|paket|lieferung)"),
        ("intent", "how_to", r"wie kann (?:ich|man)|wie geht"),
        ("negative", "", r"unverschamt|inakzeptabel|frechheit|enttauscht|argerlich|katastroph\w*|betrug|sauer|wutend"
                         r"|schlecht\w*|skandal\w*|unmoglich|wenn (?:das|dies|sie das) nicht (?:\w+ )?(?:gelost"
                         r"|behoben|geklart|losen|beheben)"),
        ("positive", "", r"danke (?:schon |sehr )?fur|vielen dank|super|toll|hervorragend|begeistert|perfekt"),
    ),
    "it": (
        ("claim", "not_received", r"non (?:e|e') (?:ancora |mai )?(?:arrivat|consegnat)\w*|non (?:ho"
                                  r"|abbiamo) (?:ancora |mai )?ricevut\w*|mai (?:arrivat|ricevut)\w*"
                                  r"|non (?:mi )?(?:e|sono) arrivat\w*|sto ancora aspettando"),
        ("claim", "defective", r"rott[oaie]|non funziona\w*|difettos[oaie]|danneggiat[oaie]|guast[oaie]"
                               r"|non si accende|rovinat[oaie]"),
        ("claim", "wrong_charge", r"(?:addebitat|pagat|fatturat)\w*(?: \w+){0,3} (?:due volte|2 volte|doppio|in piu)"
                                  r"|doppio (?:addebito|pagamento)|addebito (?:doppio|non autorizzato)"),
        ("claim", "already_returned", r"(?:gia )?(?:restituit|rispedit|rimandat)\w*|(?:ho|abbiamo) (?:gia )?reso"),
        ("claim", "repeated_contact", r"(?:seconda|terza|quarta|ennesima) volta|piu volte|(?:tre|quattro) volte"
                                      r"|gia (?:scritto|chiamato)"),
        ("claim", "not_informed", r"nessuno mi (?:ha )?(?:avvisat|dett|informat|rispost)\w*|senza (?:avvisare"
                                  r"|preavviso)"),
        ("stake", "churn", r"disdic\w*|disdire|annullare (?:il mio |l')?abbonamento"
                           r"|cambio (?:gestore|operatore|fornitore)|mai piu|non tornero"),
        ("stake", "legal", r"avvocat[oi]|denuncia\w*|tribunale|vie legali|codacons|associazione consumatori"),
        ("stake", "public", r"recension\w*|sui social|social (?:network|media)|tripadvisor|trustpilot"),
        ("stake", "chargeback", r"storno|la mia banca|chargeback|contestazione"),
        ("intent", "refund", r"rimbors\w*|soldi indietro"),
        ("intent", "cancel", r"annullare|disdire|cancellare|disdetta|annullamento"),
        ("intent", "return_exchange", r"cambiare (?:la|il|taglia)|sostituire|sostituzione|(?:fare"
                                      r"|effettuare) (?:il )?reso|restituire"),
        ("intent", "account_access", r"password|accedere|accesso"),
        ("intent", "billing_charge", r"fattur\w*|addebit\w*"),
        ("intent", "where_is_my_order", r"dove (?:e|si trova) il mio (?:ordine|pacco)"),
        ("intent", "how_to", r"come (?:posso|faccio|si)"),
        ("negative", "", r"vergogn\w*|inaccettabile|pessim[oa]|schifo|truffa\w*|delus[oa]|arrabbiat[oa]|assurdo"
                         r"|scandalos[oa]|vergognoso|se non (?:risolvete|sistemate|rimborsate|mi rispondete)"),
        ("positive", "", r"grazie (?:mille )?(?:per|di)|ottim[oa]|bravissim\w*|perfett[oa]|fantastic[oa]"),
    ),
    "pt": (
        ("claim", "not_received", r"(?:ainda )?nao (?:me )?(?:chegou|chegaram|recebi|recebemos|foi entregue)"
                                  r"|nunca (?:chegou|recebi)|continuo (?:a )?esperando"),
        ("claim", "defective", r"quebrad[oa]s?|nao funciona\w*|danificad[oa]s?|defeito\w*|defeituos[oa]s?"
                               r"|estragad[oa]s?|avariad[oa]s?|nao liga"),
        ("claim", "wrong_charge", r"cobrad[oa]s?(?: \w+){0,3} (?:duas vezes|2 vezes|a mais|em dobro)"
                                  r"|cobranca (?:duplicada|indevida|em dobro)|cobraram (?:duas vezes|a mais)"),
        ("claim", "already_returned", r"(?:ja )?devolvi|(?:ja )?devolvid[oa]|(?:ja )?enviei de volta"),
        ("claim", "repeated_contact", r"(?:segunda|terceira|quarta) vez|varias vezes|(?:tres|quatro) vezes"
                                      r"|ja (?:liguei|escrevi|mandei)"),
        ("claim", "not_informed", r"ninguem me (?:avisou|disse|informou|respondeu)|sem (?:avisar|aviso)"),
        ("stake", "churn", r"mudar de (?:operadora|empresa|banco)|vou cancelar|nunca mais|nao volto"),
        ("stake", "legal", r"advogad[oa]|procon|processar|processo judicial|tribunal|justica"),
        ("stake", "public", r"reclame aqui|avaliacao|redes sociais|livro de reclamacoes"),
        ("stake", "chargeback", r"estorno no cartao|meu banco|chargeback|contestar (?:a|no) (?:compra|cartao)"),
        ("intent", "refund", r"reembols\w*|estorno|dinheiro de volta|meu dinheiro"),
        ("intent", "cancel", r"cancelar|cancelamento"),
        ("intent", "return_exchange", r"trocar|troca|devolver (?:o|a|os|as)"),
        ("intent", "account_access", r"senha|nao consigo (?:entrar|acessar|aceder)"),
        ("intent", "billing_charge", r"fatura\w*|cobranca\w*"),
        ("intent", "where_is_my_order", r"onde (?:esta|anda) (?:o )?(?:meu pedido|minha encomenda)"),
        ("intent", "how_to", r"como (?:posso|faco|se)"),
        ("negative", "", r"vergonha|inaceitavel|pessim[oa]|absurdo|golpe|decepcionad[oa]|revoltad[oa]|ridiculo"
                         r"|descaso|palhacada|se nao (?:resolverem|resolver|solucionarem)"),
        ("positive", "", r"obrigad[oa] pel[oa]|otim[oa]|excelente|adorei|perfeit[oa]"),
    ),
    "nl": (
        ("claim", "not_received", r"(?:nog (?:steeds )?|nooit )?niet (?:ontvangen|aangekomen|geleverd|bezorgd)"
                                  r"|nooit (?:ontvangen|aangekomen|geleverd|bezorgd)|nog steeds niet"
                                  r"|wacht nog steeds"),
        ("claim", "defective", r"kapot\w*|werkt (?:niet|nog steeds niet)|beschadigd|defect\w*|(?:is|zijn|ging"
                               r"|gaat) stuk|gebroken"),
        ("claim", "wrong_charge", r"(?:dubbel|twee keer|2 keer|te veel) (?:afgeschreven|betaald|gefactureerd"
                                  r"|in rekening|afgeboekt)|dubbele (?:afschrijving|betaling|factuur)"),
        ("claim", "already_returned", r"teruggestuurd|geretourneerd|retour gestuurd"),
        ("claim", "repeated_contact", r"(?:tweede|derde|vierde|zoveelste) keer|meerdere keren|(?:al )?(?:twee|drie"
                                      r"|vier) keer|al (?:gemaild|gebeld)"),
        ("claim", "not_informed", r"niemand heeft (?:me|mij|ons) (?:\w+ )?(?:gemeld|verteld|geinformeerd|geantwoord"
                                  r"|laten weten)|zonder (?:bericht|waarschuwing|te melden)"),
        ("stake", "churn", r"opzeggen|zeg (?:mijn \w+ )?op|nooit meer|overstappen"),
        ("stake", "legal", r"advocaat|rechter|rechtbank|consumentenbond|geschillencommissie|juridische stappen"),
        ("stake", "public", r"recensie|review|sociale media|trustpilot"),
        ("stake", "chargeback", r"terugboeking|terugboeken|storneren|mijn bank|chargeback"),
        ("intent", "refund", r"terugbetal\w*|geld terug|restitutie|mijn geld"),
        ("intent", "cancel", r"annuleren|opzeggen|annulering|opzegging"),
        ("intent", "return_exchange", r"ruilen|retourneren|omruilen"),
        ("intent", "account_access", r"wachtwoord|inloggen"),
        ("intent", "billing_charge", r"factuur|afschrijving\w*"),
        ("intent", "where_is_my_order", r"waar is mijn (?:bestelling|pakket)"),
        ("intent", "how_to", r"hoe (?:kan|moet) ik"),
        ("negative", "", r"schandalig|onacceptabel|belachelijk|teleurgesteld|oplichting|boos|waardeloos|slecht\w*"
                         r"|als (?:dit|het) niet (?:\w+ )?(?:opgelost|verholpen)"),
        ("positive", "", r"bedankt voor|dank (?:je|u) wel|geweldig|top|super|perfect"),
    ),
    "pl": (
        ("claim", "not_received", r"(?:nadal |wciaz |jeszcze )?nie (?:dotarl\w*|doszl\w*|przyszl\w*|otrzymal\w*"
                                  r"|dostal\w*)|nigdy nie (?:dotarl|doszl|otrzymal|dostal)\w*|nadal czekam"),
        ("claim", "defective", r"zepsut\w*|uszkodzon\w*|nie dziala\w*|popsul\w*|rozbit\w*|wadliw\w*|peknie\w*"
                               r"|pekniet\w*"),
        ("claim", "wrong_charge", r"(?:dwa razy|dwukrotnie|podwojnie) (?:pobran\w*|obciazon\w*|zaplacil\w*)"
                                  r"|podwojn\w* (?:oplat\w*|pobrani\w*|obciazeni\w*)|pobrali (?:dwa razy|za duzo)"),
        ("claim", "already_returned", r"odeslal\w*|zwrocil\w*|odeslan\w*"),
        ("claim", "repeated_contact", r"(?:drugi|trzeci|czwarty|kolejny) raz|kilka razy|wielokrotnie|juz (?:pisal"
                                      r"|dzwonil)\w*"),
        ("claim", "not_informed", r"nikt (?:mi|nas) nie (?:powiedzial|poinformowal|odpowiedzial)\w*"
                                  r"|bez (?:uprzedzenia|informacji)"),
        ("stake", "churn", r"rezygnuj\w*|zmieniam (?:operatora|dostawce|bank)|nigdy wiecej|wypowiadam"),
        ("stake", "legal", r"prawnik\w*|do sadu|w sadzie|rzecznik\w* konsument\w*|uokik|pozew"),
        ("stake", "public", r"negatywn\w* opini\w*|wystawi\w* opini\w*|recenzj\w*|media spolecznosciowe"),
        ("stake", "chargeback", r"chargeback|moj bank|reklamacj\w* w banku"),
        ("intent", "refund", r"zwrot (?:pieniedzy|srodkow|kosztow)|oddajcie pieniadze|moje pieniadze"),
        ("intent", "cancel", r"anulowa\w*|zrezygnowa\w*|wypowiedzie\w*|anulacj\w*"),
        ("intent", "return_exchange", r"wymieni\w*|wymiana|zwrocic|zwrot towaru"),
        ("intent", "account_access", r"haslo|zalogowa\w*"),
        ("intent", "billing_charge", r"faktur\w*|oplat\w*"),
        ("intent", "where_is_my_order", r"gdzie jest (?:moje |moja )?(?:zamowienie|paczka)"),
        ("intent", "how_to", r"jak (?:moge|mozna)"),
        ("negative", "", r"skandal\w*|zenada|oszust\w*|rozczarowan\w*|nie do przyjecia|wsciekl\w*|beznadziejn\w*"
                         r"|fataln\w*|jesli nie (?:rozwiazecie|naprawicie|zwrocicie)"),
        ("positive", "", r"dziekuje za|dzieki za|swietn\w*|super|polecam"),
    ),
}

# Intents named by a claim when no phrase names one (what the customer most likely wants).
_CLAIM_INTENTS = (("wrong_charge", "billing_charge"), ("not_received", "where_is_my_order"),
                  ("defective", "defect_report"))
# When several phrases name intents, the first of these wins (a refund asked for beats the order it is about).
_INTENT_ORDER = ("refund", "cancel", "return_exchange", "billing_charge", "account_access", "where_is_my_order",
                 "defect_report", "how_to", "feedback_praise")


def _compile(table: PhraseTable) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    return tuple((field, label, re.compile(rf"\b(?:{pattern})\b")) for field, label, pattern in table)


_COMPILED = {lang: _compile(table) for lang, table in PHRASES.items()}
LANGUAGES: frozenset[str] = frozenset(PHRASES)


def fold(lower: str) -> str:
    """Lowered text with accents taken off, one character for one ("recibí" -> "recibi")."""
    return lower.translate(_FOLD)


@pipeline.component("foreign", requires=("language", "intent", "stakes", "claims", "complaint", "sentiment"),
                    assigns=("claims", "stakes", "intent", "complaint", "sentiment"))
def component(parses: list[Parse]) -> None:
    """Add what the phrase lists read in messages in another language (see the module docstring)."""
    for p in parses:
        if p.language in LANGUAGES:
            read_foreign(p)


def read_foreign(p: Parse) -> None:
    """Read one message in a language of PHRASES and revise its values in place."""
    folded = fold(p.lower)
    found: dict[str, list[tuple[str, tuple[int, int]]]] = {}
    for field, label, pattern in _COMPILED[p.language]:
        for m in pattern.finditer(folded):
            found.setdefault(field, []).append((label, m.span()))
    v = p.values
    claims = _added(v.get("claims", []), found.get("claim", ()),
                    lambda kind, span: Claim(kind, span, clause_around(p.text, *span)))
    v["claims"] = claims
    v["stakes"] = _added(v.get("stakes", []), found.get("stake", ()), Stake)
    _revise_intent(p, {label for label, _ in found.get("intent", ())}, claims, bool(found.get("positive")))
    failure = any(c.kind in FAILURE_CLAIMS for c in claims)
    # a calm "please cancel my subscription" is churn but no complaint; a lawyer, a review or the bank is
    if failure or found.get("negative") or any(s.kind != "churn" for s in v["stakes"]):
        v["complaint"] = max(v.get("complaint", 0.0), FOREIGN_COMPLAINT)
        if failure or found.get("negative"):
            turn_negative(p, FOREIGN_NEGATIVE)
    else:  # no sign of a complaint the phrase lists know: the English model's guess is only a hint
        v["complaint"] = min(v.get("complaint", 0.0), UNREAD_COMPLAINT)
        sentiment = v.get("sentiment")
        if found.get("positive") and sentiment is not None and sentiment.label != "positive":
            v["sentiment"] = Sentiment("positive", max(sentiment.score, FOREIGN_POSITIVE))


def _added(existing: Sequence[T], found: Iterable[tuple[str, Span]], make: Callable[[str, Span], T]) -> list[T]:
    """The claims or stakes already read plus one per kind found here (the first phrase of each kind), in text
    order."""
    kinds = {item.kind for item in existing}
    added = list(existing)
    for kind, span in sorted(found, key=lambda f: f[1]):
        if kind not in kinds:
            kinds.add(kind)
            added.append(make(kind, span))
    return sorted(added, key=lambda item: item.span)


def _revise_intent(p: Parse, named: set[str], claims: list[Claim], praise: bool) -> None:
    """The intent a phrase (or, failing that, a claim) names, if the business's taxonomy has it; else the
    model's guess with its confidence capped."""
    kinds = {c.kind for c in claims}
    named |= {intent for kind, intent in _CLAIM_INTENTS if kind in kinds}
    if any(c.kind == "not_received" and about_money(p.text, c) for c in claims):
        named.add("refund")  # "kein Geld bekommen": the money, not an order, has not come
    if praise and not kinds:
        named.add("feedback_praise")
    labels = set(p.values.get(INTENT_PROBABILITIES, ((),))[0])
    for label in _INTENT_ORDER:
        if label in named and label in labels:
            p.values["intent"] = Intent(label, PHRASE_INTENT_CONFIDENCE)
            return
    intent = p.values.get("intent")
    if intent is None:
        return
    label = intent.label
    if label == "feedback_praise" and "other" in labels:
        label = "other"  # praise needs a praise phrase; the English model's "praise" on foreign text is noise
    if label != intent.label or intent.confidence > UNREAD_INTENT_CONFIDENCE:
        p.values["intent"] = Intent(label, min(intent.confidence, UNREAD_INTENT_CONFIDENCE))
