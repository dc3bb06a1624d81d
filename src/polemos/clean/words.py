"""The cleaner's patterns of one language (``patterns/clean.toml`` of its folder), compiled once
when the cleaner is built and handed to the functions that read captions, prompts and titles."""

from __future__ import annotations

import re

from polemos.lang import LanguageData


class CleanWords:
    """The regular expressions that spell the cleaner's cue words in one language; a pattern the
    language lacks matches nothing (its cue is simply not read)."""

    def __init__(self, language: LanguageData):
        pattern = language.pattern
        # ---- photo captions (captions.py) ----
        label = pattern("clean.caption_label")  # "Photo", "Credit", "Photograph"
        self.caption_labelled_line = re.compile(pattern("clean.caption_labelled_line", label=label), re.IGNORECASE)
        self.caption_trailing_label = re.compile(pattern("clean.caption_trailing_label", label=label), re.IGNORECASE)
        self.caption_credit_label = re.compile(pattern("clean.caption_credit_label", label=label), re.IGNORECASE)
        self.caption_credit_via = re.compile(pattern("clean.caption_credit_via"))  # "(Name / AFP via Getty Images)"
        self.caption_photo_words = re.compile(pattern("clean.caption_photo_words"), re.IGNORECASE)
        # ---- boilerplate (boilerplate.py) ----
        self.call_to_action = re.compile(pattern("clean.boilerplate_call_to_action"), re.IGNORECASE)
        # ---- the title of a plain-text article (text.py) ----
        # Words a title leaves in lower case ("Talks on the Ceasefire"): not counted against title case
        self.title_small_words = language.words("clean.title_small_word")
        self.not_a_headline = re.compile(pattern("clean.not_a_headline"), re.IGNORECASE)
