"""The figures stage's regular expressions come from the language folder (``patterns/figures.toml``)."""

from __future__ import annotations

from pathlib import Path

from polemos.figures import FigureExtractor
from polemos.ingest import RawDocument
from polemos.lang import LanguageData
from polemos.pipeline import Pipeline, PipelineConfig

# "The death toll rose to 58 on Sunday", in German: a toll told by its own words, no cue word near the number
GERMAN_TOLL = "Die Zahl der Toten stieg am Sonntag auf 58."


def write_language(folder: Path, figure_patterns: str) -> Path:
    """A language folder holding nothing but the figures stage's patterns."""
    (folder / "patterns").mkdir(parents=True)
    (folder / "patterns" / "figures.toml").write_text(figure_patterns, encoding="utf-8")
    return folder


def test_the_packaged_english_has_every_pattern_the_figures_stage_reads():
    english = LanguageData.load("en")
    extractor = FigureExtractor(language=english)
    assert not [name for name in english.missing if name.startswith("patterns/figures")]
    toll = extractor.extract("The death toll rose to 58 on Sunday.")
    assert [(q.text, q.min, q.category) for q in toll] == [("58", 58, "dead")]


def test_a_second_language_s_toll_pattern_lets_the_pipeline_read_its_toll(tmp_path):
    toll_pattern = "toll_before = '''\\bZahl\\s+der\\s+Toten\\b[^.;:!?]{0,90}?\\b(?:auf|bei)\\s+$'''\n"
    german = write_language(tmp_path / "with" / "de", toll_pattern)
    pipeline = Pipeline.load(PipelineConfig(language_data=german, languages=("de",)))
    record = pipeline.extract(RawDocument(source="made-up.txt", content=GERMAN_TOLL, format="text"))
    assert [(q.text, q.min, q.max, q.category) for q in record.quantities] == [("58", 58, 58, "dead")]
    # the same language without that pattern, and English, read no count in the sentence
    without = write_language(tmp_path / "without" / "de", "toll_before_elsewhere = '''(?!)'''\n")
    language = LanguageData.load(without)
    assert FigureExtractor(language=language).extract(GERMAN_TOLL) == []
    assert "patterns/figures.toll_before" in language.missing
    assert FigureExtractor().extract(GERMAN_TOLL) == []
