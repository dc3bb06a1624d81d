"""The ``figures`` stage: counts of people killed, wounded, displaced, detained or deployed.

A number phrase (see ``polemos.figures.amounts`` for the min/max conventions) becomes a
``Quantity`` when it counts people: it is followed by a person noun ("civilians",
"Armenians", "troops", "lives") or stands right by a casualty cue ("killed 30", "30 dead",
"the toll rose to 30"). Its category comes from the clause: with a spaCy ``Doc``, the verb
governing the counted noun and the words attached to both; without one, the nearest cue
word in the sentence. Years, dates, ages, times, money, percentages and measures are skipped.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Token

from polemos.figures.amounts import Amount, find_amounts
from polemos.figures.cues import Cue, CueLexicon
from polemos.record import ExtractionRecord, Quantity

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_NOT_A_COUNT_AFTER = re.compile(
    r"^(?:\s*(?:%|percent|per\s*cent|:\d|st\b|nd\b|rd\b|th\b)|-?\s*(?:years?|months?|weeks?|days?|hours?|minutes?)[- ]old"
    r"|[\s-]+(?:years?|months?|weeks?|days?|nights?|hours?|minutes?|seconds?|decades?|centuries|km|kilomet(?:re|er)s?"
    r"|miles?|met(?:re|er)s?|square|sq|hectares?|acres?|kg|kilograms?|tons?|tonnes?|litres?|liters?|barrels?"
    r"|dollars?|euros?|pounds?|manats?|drams?|rubles?|roubles?|hryvnias?|usd|eur|times|percentage|points?)\b"
    rf"|\s+{_MONTH}(?:\s|$|,))",
    re.IGNORECASE,
)
_NOT_A_COUNT_BEFORE = re.compile(
    rf"(?:[$€£¥:]\s*|\b(?:us|usd|eur|aged|age|ages|no\.|number|page|route|flight|resolution)\s+|\b{_MONTH}\s+)$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_WORD = re.compile(r"[A-Za-z][\w'-]*|[.,;:!?()]")
_STOP_WORDS = {"and", "or", "in", "on", "at", "were", "was", "have", "had", "has", "are", "is",
               "from", "by", "with", "who", "that", "which", "to", "for"}
_SKIPPABLE = {"of", "the", "their", "its", "other", "more", "additional", "further"}
_CUE_WINDOW = 10
_CUE_REACH = 400  # characters: comfortably more than _CUE_WINDOW words
_PLACE_NOUNS = {"home", "country", "region", "city", "town", "village", "area", "enclave", "territory"}
_LEFT_PLACE = re.compile(
    r"\s*(?:have\s+|had\s+)?left\s+(?:their\s+homes?|the\s+(?:region|country|city|town|area|enclave|territory)|[A-Z])"
)
_ADJACENT_WORDS = 3


class FigureExtractor:
    """Finds counts of people and says what they count; build once, call per text or record."""

    def __init__(self, cues: Optional[CueLexicon] = None):
        self.cues = cues or CueLexicon.packaged()

    def annotate(self, record: ExtractionRecord, doc: Optional[Doc] = None) -> None:
        record.quantities = self.extract(record.text, doc)
        for quantity in record.quantities:
            quantity.sentence = record.sentence_at(quantity.start)

    def extract(self, text: str, doc: Optional[Doc] = None) -> list[Quantity]:
        quantities = []
        for amount in find_amounts(text):
            if not _is_count(text, amount):
                continue
            quantity = self._quantity(text, amount, doc)
            if quantity is not None:
                quantities.append(quantity)
        return quantities

    def _quantity(self, text: str, amount: Amount, doc: Optional[Doc]) -> Optional[Quantity]:
        noun = self._counted_noun(text, amount.end)
        noun_cue = self.cues.lookup(noun[0]) if noun else None
        unit = noun_cue.unit if noun_cue and noun_cue.unit else ("people" if noun else None)
        category = None
        if doc is not None:
            category = self._category_from_parse(doc, amount, noun)
        if category is None:
            category = self._category_from_text(text, amount, noun)
        if category is None and noun_cue is not None:
            category = noun_cue.category
        if noun is None and not self._cue_adjacent(text, amount):
            return None  # a bare number far from any cue is not a count of people
        end = noun[2] if noun else amount.end
        return Quantity(text=text[amount.start:end], start=amount.start, end=end, min=amount.min,
                        max=amount.max, unit=unit or "people", category=category or "other")

    def _counted_noun(self, text: str, offset: int) -> Optional[tuple[str, int, int]]:
        """The person noun a number counts: "2,000 Russian troops", "hundreds of civilians"."""
        words = list(_WORD.finditer(text, offset, min(len(text), offset + 60)))
        for position, word in enumerate(words[:4]):
            token = word.group(0)
            cue = self.cues.lookup(token)
            if cue is not None and cue.unit:
                return token, word.start(), word.end()
            if token.lower() in _STOP_WORDS or not token[0].isalpha():
                return None
            if _is_demonym(token) and not _next_is_unit(self.cues, words[position + 1:position + 2]):
                return token, word.start(), word.end()
            if token.lower() not in _SKIPPABLE and not token[0].isupper() and not token.endswith(("ly", "ed")) \
                    and position > 0:
                return None
        return None

    def _cue_adjacent(self, text: str, amount: Amount) -> bool:
        before = _WORD.findall(text[max(0, amount.start - 40):amount.start])[-_ADJACENT_WORDS:]
        after = _WORD.findall(text[amount.end:amount.end + 40])[:_ADJACENT_WORDS]
        return any(self._category_cue(word) for word in before + after)

    def _category_cue(self, word: str, lemma: Optional[str] = None) -> Optional[str]:
        cue = self.cues.lookup(word, lemma)
        return cue.category if cue else None

    def _category_from_parse(self, doc: Doc, amount: Amount, noun) -> Optional[str]:
        span = doc.char_span(amount.number_start, noun[2] if noun else amount.end, alignment_mode="expand")
        if span is None:
            return None
        head = span.root
        for token in _clause_tokens(head):
            if token.lemma_ == "leave" and any(_is_place_object(child) for child in token.children):
                return "displaced"  # "100,000 Armenians left Nagorno-Karabakh"
            category = self._category_cue(token.text, token.lemma_)
            if category:
                return category
        return None

    def _category_from_text(self, text: str, amount: Amount, noun) -> Optional[str]:
        # Look only a bounded stretch either side: scanning to the sentence's edges for every
        # number is quadratic in a long unpunctuated run of numbers.
        low, high = max(0, amount.start - _CUE_REACH), min(len(text), amount.end + _CUE_REACH)
        sentence_start = max(low, text.rfind(". ", low, amount.start) + 1, text.rfind("\n", low, amount.start) + 1)
        stops = [i for i in (text.find(". ", amount.end, high), text.find("\n", amount.end, high)) if i != -1]
        sentence_end = min(stops) if stops else high
        end = noun[2] if noun else amount.end
        before = _WORD.findall(text[sentence_start:amount.start])[-_CUE_WINDOW:]
        after = _WORD.findall(text[end:sentence_end])[:_CUE_WINDOW]
        if _LEFT_PLACE.match(text, end) or _LEFT_PLACE.match(" " + " ".join(after[:4])):
            return "displaced"
        found = []
        for distance, word in [*enumerate(reversed(before)), *enumerate(after)]:
            cue = self.cues.lookup(word)
            if cue is not None and cue.category:
                # a verb ("killed") says more about the clause than a noun ("soldiers")
                found.append((distance + (0.5 if cue.unit else 0), cue.category))
        return min(found)[1] if found else None


def _clause_tokens(head: Token) -> list[Token]:
    """Its governing verb and that verb's complements first, then the counted noun and its modifiers."""
    path, verb = [], head
    for _ in range(4):
        if verb.pos_ in {"VERB", "AUX"} or verb.head is verb:
            break
        verb = verb.head
        path.append(verb)
    tokens: list[Token] = []
    if verb.pos_ in {"VERB", "AUX"}:
        tokens.append(verb)
        tokens += [child for child in verb.children
                   if child.dep_ in {"acomp", "oprd", "attr", "dobj", "nsubj", "nsubjpass", "xcomp", "conj", "advcl"}
                   and child is not head]
    tokens += path
    tokens += [child for child in head.children if child.dep_ in {"amod", "compound", "prep", "acl"}]
    return tokens + [head]


def _is_place_object(token: Token) -> bool:
    return token.dep_ == "dobj" and (token.pos_ == "PROPN" or token.lemma_ in _PLACE_NOUNS)


def _is_count(text: str, amount: Amount) -> bool:
    number_text = text[amount.number_start:amount.end]
    if _YEAR.match(number_text):
        return False
    if _NOT_A_COUNT_AFTER.match(text[amount.end:amount.end + 30]):
        return False
    if _NOT_A_COUNT_BEFORE.search(text[max(0, amount.start - 12):amount.start]):
        return False
    return not re.match(r"\s+of\s+(?:the|them|us|those|these)\b", text[amount.end:amount.end + 12]) \
        or amount.min != 1


def _is_demonym(word: str) -> bool:
    """ "Armenians", "Azerbaijanis", "Palestinians": a capitalised plural people noun."""
    return word[:1].isupper() and word.endswith(("ans", "is", "ese", "ks", "ts", "chs", "ds")) and len(word) > 4


def _next_is_unit(cues: CueLexicon, words: list[re.Match]) -> bool:
    return any((cue := cues.lookup(word.group(0))) is not None and cue.unit for word in words)
