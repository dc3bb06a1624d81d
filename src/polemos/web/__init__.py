"""The web workspace: ``polemos serve`` — documents, events, map, timeline, actors, review.

Works offline: every script, stylesheet and the map's country borders are served from the
package itself (``static/vendor``, built from ``web-src/``).
"""

from polemos.web.app import create_app, serve

__all__ = ["create_app", "serve"]
