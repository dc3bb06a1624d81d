"""Help texts that read as prose at any terminal width.

Typer keeps the line breaks of a command's docstring after its first paragraph, so a help
text wrapped at 100 columns in the source breaks mid-sentence on an 80-column terminal. Each
paragraph is joined into one line here and left to the terminal to wrap.
"""

from __future__ import annotations

import inspect

import typer


def prose(text: str) -> str:
    """``text`` with each paragraph on one line; paragraphs stay apart."""
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)


def unwrap_help(app: typer.Typer) -> None:
    """Give every command of ``app`` and of its sub-apps its docstring as prose."""
    for command in app.registered_commands:
        text = command.help or inspect.getdoc(command.callback)
        if text:
            command.help = prose(text)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            unwrap_help(group.typer_instance)
