"""The HTTP/1.1 connection layer of ``polemos serve``: uvicorn's h11 protocol, with a request
the parser cannot read (a malformed request line or header, a bad chunk, headers too large)
answered like every other error of the workspace, as JSON, before the connection is closed.

uvicorn answers such a request in plain text; and when the error is found once the answer has
begun (a body that breaks mid-way), sending any answer at all is illegal, and the connection
is closed without one.
"""

from __future__ import annotations

import json

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

MALFORMED = "malformed HTTP request: the server could not read it"


class JsonErrorH11Protocol(H11Protocol):
    def send_400_response(self, msg: str) -> None:
        if self.cycle is not None:  # a request under way (its body broke): the app's own answer goes nowhere
            self.cycle.disconnected = True
            self.cycle.message_event.set()
        body = json.dumps({"error": MALFORMED, "status": 400}).encode("ascii")
        if self.conn.our_state not in (h11.IDLE, h11.SEND_RESPONSE):  # an answer is under way: no second one
            self.transport.close()
            return
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode("ascii")),
            (b"cache-control", b"no-store"),
            (b"connection", b"close"),
        ]
        try:
            self.transport.write(self.conn.send(h11.Response(status_code=400, headers=headers, reason=b"Bad Request")))
            self.transport.write(self.conn.send(h11.Data(data=body)))
            self.transport.write(self.conn.send(h11.EndOfMessage()))
        except h11.LocalProtocolError:
            pass  # the parser's state allows no answer: close quietly, as before
        self.transport.close()
