"""The pipeline: load every stage's resources once, then run documents through the stages in order.

Stages are named in ``STAGE_ORDER`` and built by the factories in ``STAGE_FACTORIES``; a
``PipelineConfig`` says which to run, so ``polemos extract --stages clean`` and the full
pipeline share one code path. Each stage object has ``annotate(record, doc)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, Protocol, TypeVar, Union

from polemos.budget import DocumentBudget, OverBudget, Stopwatch, cut_point, time_limit
from polemos.clean import Cleaner, CleanOptions
from polemos.ingest.raw import RawDocument, one_line
from polemos.lang import DEFAULT_LANGUAGE, LanguageData
from polemos.nlp import add_sentences, load_pipeline, model_name
from polemos.record import ExtractionRecord

if TYPE_CHECKING:  # loaded only when a stage needs them (see _load_resources)
    from spacy.language import Language
    from spacy.tokens import Doc

    from polemos.actors import KnowledgeBase
    from polemos.events.classifier import EventClassifier
    from polemos.geo import Gazetteer
    from polemos.geo.words import GeoWords
    from polemos.time.lexicon import TimeWords

STAGE_ORDER = ("time", "geo", "actors", "figures", "events")


@dataclass
class PipelineConfig:
    stages: tuple[str, ...] = STAGE_ORDER
    spacy_model: str = field(default_factory=model_name)
    cache_dir: Optional[Path] = None
    clean: CleanOptions = field(default_factory=CleanOptions)
    batch_size: int = 16
    # Documents in other languages are stored and marked with their language, but not run
    # through an English model, which would only invent actors and events from them.
    languages: tuple[str, ...] = ("en",)
    # The words the stages read: a language folder of the package (``polemos/lang/en``) by its
    # code, or any folder laid out like one.
    language_data: Union[str, Path] = DEFAULT_LANGUAGE
    # The learned event classifier's directory ("default": the model shipped in the package;
    # None: events from the rules alone, as ``polemos train events`` needs them).
    event_model: Optional[str] = "default"
    # How the events stage uses it: "combined" (rules and model) or "model" (the model decides).
    event_policy: str = "combined"
    budget: DocumentBudget = field(default_factory=DocumentBudget)


@dataclass
class Resources:
    """Shared, loaded-once data the stages are built from: among them the words objects more
    than one stage reads (the geo stage's words read the time stage's month and weekday words;
    the events stage reads a story's place with the geo stage's words), built once here."""

    language: LanguageData
    time_words: Optional[TimeWords] = None
    geo_words: Optional[GeoWords] = None
    gazetteer: Optional[Gazetteer] = None
    knowledge_base: Optional[KnowledgeBase] = None
    event_classifier: Optional[EventClassifier] = None
    event_policy: str = "combined"


class Stage(Protocol):
    """What every stage object offers: it adds its part to the record, reading the spaCy Doc."""

    def annotate(self, record: ExtractionRecord, doc: Doc) -> None: ...


Loaded = TypeVar("Loaded")


def _loaded(resource: Optional[Loaded], what: str) -> Loaded:
    """A resource ``_load_resources`` loads for the stage that needs it."""
    if resource is None:
        raise RuntimeError(f"{what} is not loaded: its stage is not among the pipeline's stages")
    return resource


def _time_stage(resources: Resources):
    from polemos.time import TemporalTagger

    return TemporalTagger.default(resources.language, words=resources.time_words)


def _geo_stage(resources: Resources):
    from polemos.geo import Geocoder

    return Geocoder(
        _loaded(resources.gazetteer, "the gazetteer"), language=resources.language, words=resources.geo_words
    )


def _actor_stage(resources: Resources):
    from polemos.actors import ActorResolver

    return ActorResolver(
        _loaded(resources.knowledge_base, "the actors' knowledge base"),
        gazetteer=resources.gazetteer,
        language=resources.language,
    )


def _figure_stage(resources: Resources):
    from polemos.figures import FigureExtractor

    return FigureExtractor(language=resources.language)


def _event_stage(resources: Resources):
    from polemos.events import EventCoder

    # The coder resolves named event arguments the actor layer missed; the resolver keeps no
    # state between calls, so it can be a second instance over the same knowledge base.
    resolver = None
    if resources.knowledge_base is not None:
        from polemos.actors import ActorResolver

        resolver = ActorResolver(resources.knowledge_base, gazetteer=resources.gazetteer, language=resources.language)
    return EventCoder.default(
        resolver=resolver,
        classifier=resources.event_classifier,
        policy=resources.event_policy,
        language=resources.language,
        geo_words=resources.geo_words,
    )


STAGE_FACTORIES: dict[str, Callable[[Resources], Stage]] = {
    "time": _time_stage,
    "geo": _geo_stage,
    "actors": _actor_stage,
    "figures": _figure_stage,
    "events": _event_stage,
}


# The stages that read each shared words object (``Resources.time_words``, ``.geo_words``).
TIME_WORDS_READERS = frozenset({"time", "geo", "events"})
GEO_WORDS_READERS = frozenset({"geo", "events"})


def _load_resources(config: PipelineConfig, language: LanguageData) -> Resources:
    resources = Resources(language)
    if TIME_WORDS_READERS & set(config.stages):
        from polemos.time.lexicon import TimeWords

        resources.time_words = TimeWords(language)
    if GEO_WORDS_READERS & set(config.stages):
        from polemos.geo.words import GeoWords

        resources.geo_words = GeoWords(language, resources.time_words)
    if "geo" in config.stages:
        from polemos.geo import Gazetteer

        resources.gazetteer = Gazetteer.open(config.cache_dir)
    if "actors" in config.stages:
        from polemos.actors import KnowledgeBase

        resources.knowledge_base = KnowledgeBase.load(language=language)
    if "events" in config.stages and config.event_model is not None:
        from polemos.events.classifier import EventClassifier

        classifier = EventClassifier.load_optional(config.event_model)
        # A model reads the language it was trained on; another language's events come from its rules.
        if classifier is not None and classifier.language == language.code:
            resources.event_classifier = classifier
        resources.event_policy = config.event_policy
    return resources


def _ruler_patterns(resources: Resources) -> list[dict]:
    patterns: list[dict] = []
    for source in (resources.knowledge_base, resources.gazetteer):
        if source is not None:
            patterns.extend(source.ruler_patterns())
    return patterns


class Pipeline:
    """Cleaner + spaCy + the configured stages, each loaded once, on first use.

    Loading waits for the first document that needs analysis, so a run whose inputs all
    fail (or are already stored) never pays for the models.
    """

    def __init__(self, config: PipelineConfig):
        unknown = set(config.stages) - set(STAGE_FACTORIES)
        if unknown:
            raise ValueError(f"unknown stage(s): {', '.join(sorted(unknown))}; known: {', '.join(STAGE_ORDER)}")
        self.config = config
        self.language = LanguageData.load(config.language_data)
        self.cleaner = Cleaner(config.clean, self.language)
        self._nlp: Optional[Language] = None
        self._stages: Optional[list[tuple[str, Stage]]] = None

    @classmethod
    def load(cls, config: PipelineConfig | None = None, eager: bool = False) -> "Pipeline":
        pipeline = cls(config or PipelineConfig())
        if eager:
            pipeline._load_models()
        return pipeline

    def _load_models(self) -> None:
        if self._stages is not None:
            return
        resources = _load_resources(self.config, self.language)
        if self.config.stages:
            self._nlp = load_pipeline(self.config.spacy_model, _ruler_patterns(resources))
        self._stages = [(name, STAGE_FACTORIES[name](resources)) for name in STAGE_ORDER if name in self.config.stages]

    @property
    def nlp(self):
        self._load_models()
        return self._nlp

    @property
    def stages(self) -> list[tuple[str, Stage]]:
        self._load_models()
        return self._stages or []

    def clean(self, raw: RawDocument) -> ExtractionRecord:
        return self.cleaner.clean(raw)

    def analyse(self, records: Iterable[ExtractionRecord]) -> Iterator[ExtractionRecord]:
        """Run spaCy and the stages over cleaned records, batching the spaCy calls."""
        if not self.config.stages:
            yield from records
            return
        pairs = ((self._fit(record).text if self._analysable(record) else "", record) for record in records)
        for doc, record in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.config.batch_size):
            if self._analysable(record):
                self.annotate(record, doc)
            yield record

    def _analysable(self, record: ExtractionRecord) -> bool:
        language = record.document.language
        return language is None or language in self.config.languages

    def _fit(self, record: ExtractionRecord) -> ExtractionRecord:
        """Cut the text to the budget's length before analysis, and say so in the record.
        The input itself is stored whole (raw), so nothing is lost for a later re-run."""
        length = len(record.text)
        cut = cut_point(record.text, self.config.budget.max_chars)
        if cut < length:
            record.text = record.text[:cut]
            record.document.headings = [h for h in record.document.headings if h.end <= cut]
            record.document.limits.append(
                f"text cut to its first {cut:,} of {length:,} characters for analysis (max_chars)"
            )
        return record

    def annotate(self, record: ExtractionRecord, doc) -> ExtractionRecord:
        add_sentences(record, doc)
        seconds = self.config.budget.seconds
        stopwatch, done = Stopwatch(seconds), 0
        try:
            with time_limit(seconds):
                for name, stage in self.stages:
                    if stopwatch.expired():
                        raise OverBudget()
                    try:
                        stage.annotate(record, doc)
                    except Exception as error:  # noqa: BLE001 - one stage's bug must not drop the document
                        record.document.limits.append(f"stage {name} failed ({one_line(error)})")
                    done += 1
        except OverBudget:
            unfinished = [name for name, _stage in self.stages[done:]]
            if unfinished:
                record.document.limits.append(
                    f"time budget of {seconds:g} s used up: stage {unfinished[0]} stopped"
                    + (f", {', '.join(unfinished[1:])} not run" if unfinished[1:] else "")
                )
        return record

    def extract(self, raw: RawDocument) -> ExtractionRecord:
        record = self.clean(raw)
        return next(self.analyse([record]))
