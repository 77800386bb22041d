"""The nine postures a reply can take, and what each one asks of the reply."""
from __future__ import annotations

from enum import Enum


class Posture(str, Enum):
    """How to stand toward this customer in this reply (one primary posture per reply)."""

    ACKNOWLEDGE_AND_RESOLVE = "ACKNOWLEDGE_AND_RESOLVE"  # angry or upset: acknowledge feelings, then resolve
    EXPLAIN_CLEARLY = "EXPLAIN_CLEARLY"                  # confused: explain clearly and briefly, numbered steps
    OWN_AND_FIX = "OWN_AND_FIX"                          # our fault: own it, fix it fast, no excuses
    GUIDE_FIRMLY = "GUIDE_FIRMLY"                        # repeated mistake: say exactly what to do differently
    HOLD_POLICY = "HOLD_POLICY"                          # exploiting a policy / non-refundable: kind, no exception
    STATE_FACTS = "STATE_FACTS"                          # the record contradicts the claim: facts, no accusation
    SET_BOUNDARY = "SET_BOUNDARY"                        # abuse at staff, first time: name the line, keep helping
    PART_WAYS = "PART_WAYS"                              # abuse after a warning, or nothing can satisfy: graceful end
    THANK = "THANK"                                      # praise or feedback: thank them

    @property
    def is_firm(self) -> bool:
        """Firm postures: hedging that invites an exception is a flaw in these replies."""
        return self in FIRM_POSTURES

    @property
    def asks_how_to_make_right(self) -> bool:
        """Whether the reply should ask "how can we make this right?" (not when parting ways or stating facts)."""
        return self not in {Posture.PART_WAYS, Posture.STATE_FACTS, Posture.THANK, Posture.HOLD_POLICY}


FIRM_POSTURES = frozenset({Posture.GUIDE_FIRMLY, Posture.HOLD_POLICY, Posture.STATE_FACTS,
                           Posture.SET_BOUNDARY, Posture.PART_WAYS})
