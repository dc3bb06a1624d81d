"""The actors stage: who acts in a document, resolved against a knowledge base.

Knowledge base
--------------
``KnowledgeBase.load(path=None)`` reads the CSV files in ``polemos/data/actors/``
(countries with ISO 3166 alpha-3 ids, demonyms, capitals and seats of power,
breakaway states, international organisations, armed groups, office holders
with their terms; every row names its ``source``).

* ``kb.lookup(name, when=None) -> list[Entry]``: entries known by a name, best
  first; people are ranked by whether they held office on ``when``.
* ``kb.ruler_patterns() -> list[dict]``: EntityRuler patterns to put before the
  NER (``ruler = nlp.add_pipe("entity_ruler", before="ner")``).

Actor ids
---------
* states: ISO3 (``AZE``), standing for the state/government (sector GOV);
  another sector of the same state is ``AZE.MIL``, ``AZE.COP``, ``AZE.CVL`` ...
* breakaway states: ``<sovereign ISO3>-<code>`` (``AZE-NKR`` Artsakh,
  ``MDA-PMR`` Transnistria), country = the sovereign state and sector PRE,
  following PLOVER manual 5.1.3; their forces are ``AZE-NKR.MIL``;
* organisations, armed groups and people: the KB slug (``osce-minsk-group``,
  ``hamas``, ``ilham-aliyev``), with ``wikidata`` where known;
* sector groups with no known country: ``unspecified.CVL`` ...;
* actors not in the KB: a slug of their name (``popular-front-of-xland``).

Sectors are PLOVER's (manual 5.2): GOV, MIL, COP (police), REB, PRM, CVL, REF,
JUD, LEG, SPY, OPP, PTY, JRN, MED, REL, BUS, ELI, UAF, PRE, plus IGO/NGO.

* generic groups ("bandits", "armed men", "Israeli settlers"): the state's sector
  variant (``NGA.CRM``, ``ISR.CVL``) of kind ``group`` (``armed_group`` for REB/PRM),
  or ``unspecified.<SECTOR>`` when no state is named around them;
* places that are no state's metonym but were attacked or entered ("shelled
  Omdurman"): kind ``place`` with the place's country.

The stage
---------
``ActorResolver(kb, gazetteer=None).annotate(record, doc)`` adds to
``record.actors`` one ``Actor`` per resolved entity+sector, each with its
``mentions`` (character offsets into ``record.text`` and sentence index).
``record.document.published`` is the date for terms in office. ``gazetteer``
(the geo stage's, optional) lets the stage tell towns the NER tagged as people
or organisations ("Omdurman", "Kidal") from actors; without it, the places the
geo stage resolved (``record.places``) and locative syntax ("near Bulo Burde")
still do.

Modules: ``mentions`` finds candidate phrases; ``resolver`` dispatches them;
``sectors`` (sector phrases), ``people`` (office holders and their titles),
``organisations``, ``places`` and ``pronouns`` resolve each kind; ``context``
says which state a mention that names none belongs to (nearest in the
sentence, the sentence before, the document's leading state).

For the event coder
-------------------
``resolver.actors_for_span(record, doc, span) -> list[str]`` maps a token span
(an argument of an event verb, e.g. ``doc[start:end]``) to actor ids: the
actors ``annotate`` found inside it (or covering its root), else the span's head
and conjuncts resolved and added to ``record.actors`` (new actors are created,
so a target such as "the village of Signag" is never lost). It returns ``[]``
only for unresolvable pronouns and spans without a noun.
``resolver.actor_for_span(...)`` returns the first of those ids or None. Both
work on ``record.actors`` alone and may be called any number of times after
``annotate``.
"""

from polemos.actors.kb import Entry, KnowledgeBase
from polemos.actors.resolver import ActorResolver

__all__ = ["ActorResolver", "Entry", "KnowledgeBase"]
