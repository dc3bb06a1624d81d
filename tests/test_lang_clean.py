"""The cleaner's and the actors stage's regular expressions come from the language folder.

English ships ``patterns/clean.toml`` and ``patterns/actors.toml``; a second language brings its
own, and what the cleaner keeps of an article follows the patterns of the language it is given.
"""

from __future__ import annotations

from pathlib import Path

from polemos.actors.guess import guess_organisation
from polemos.actors.kb import KnowledgeBase
from polemos.actors.resolver import ActorResolver
from polemos.actors.words import ActorWords
from polemos.clean import Cleaner
from polemos.ingest.raw import RawDocument
from polemos.lang import LanguageData

ARTICLE = (
    "Wahl im Bezirk verschoben\n\n"
    "Die Behörden des Bezirks haben am Dienstag mitgeteilt, dass die Wahl um zwei Wochen verschoben "
    "wird, weil mehrere Wahllokale nach einem Unwetter nicht rechtzeitig geöffnet werden können.\n\n"
    "Helfer räumen eine Schule auf, die als Wahllokal dient.\n\n"
    "Foto: Anna Beispiel\n\n"
    "Die Opposition kritisierte die Entscheidung und forderte, dass die Abstimmung in Zelten "
    "stattfinden solle, damit niemand seine Stimme verliere.\n"
)


def german(folder: Path, with_patterns: bool) -> Path:
    """A German folder whose only words are its caption credit label ("Foto:") and, for the
    actors stage, one word that names a police force."""
    (folder / "patterns").mkdir(parents=True)
    if with_patterns:
        (folder / "patterns" / "clean.toml").write_text(
            "caption_label = '''(?:foto|bild)'''\ncaption_labelled_line = '''^{label}\\s*(?::|von\\b)\\s*(.+)$'''\n",
            encoding="utf-8",
        )
        (folder / "patterns" / "actors.toml").write_text(
            "[[organisation_guess]]\npattern = '''\\b(polizei)\\b'''\nkind = \"organisation\"\nsector = \"COP\"\n",
            encoding="utf-8",
        )
    return folder


def test_the_packaged_english_has_every_pattern_the_cleaner_and_the_actors_stage_read():
    english = LanguageData.load("en")
    Cleaner(language=english)
    ActorResolver(KnowledgeBase.load(language=english), language=english)
    missing = [name for name in english.missing if name.startswith(("patterns/clean", "patterns/actors"))]
    assert missing == []
    words = ActorWords(english)
    assert guess_organisation("Popular Liberation Front", words) == ("armed_group", "REB")


def test_a_caption_credit_in_a_second_language_leaves_the_body_when_that_language_names_its_label(tmp_path):
    raw = RawDocument(source="made-up.txt", content=ARTICLE, format="text")
    with_label = Cleaner(language=LanguageData.load(german(tmp_path / "de", with_patterns=True))).clean(raw)
    without = LanguageData.load(german(tmp_path / "de-bare", with_patterns=False))
    without_label = Cleaner(language=without).clean(raw)

    assert "Foto: Anna Beispiel" not in with_label.text
    assert [(caption.text, caption.credit) for caption in with_label.document.captions] == [
        ("Helfer räumen eine Schule auf, die als Wahllokal dient.", "Anna Beispiel")
    ]
    assert "Die Opposition kritisierte" in with_label.text
    # a language without the pattern keeps the line as body text, and says what it lacked
    assert "Foto: Anna Beispiel" in without_label.text and without_label.document.captions == []
    assert "patterns/clean.caption_labelled_line" in without.missing


def test_an_unknown_organisation_is_guessed_from_the_words_of_the_language_it_is_written_in(tmp_path):
    german_words = ActorWords(LanguageData.load(german(tmp_path / "de", with_patterns=True)))
    assert guess_organisation("Polizei Brandenburg", german_words) == ("organisation", "COP")
    assert guess_organisation("Police of Xland", german_words) == ("organisation", None)
    bare = LanguageData.load(german(tmp_path / "de-bare", with_patterns=False))
    assert guess_organisation("Polizei Brandenburg", ActorWords(bare)) == ("organisation", None)
    assert "patterns/actors" in bare.missing
