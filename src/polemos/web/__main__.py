"""``python -m polemos.web`` = ``polemos serve``, runnable before or without the main CLI."""

import typer

from polemos.cli.serving import serve

if __name__ == "__main__":
    typer.run(serve)
