"""One HTTP request and its whole answer within a deadline, whatever the server does: a socket's own time-out is
per read, and a server may send a byte a second for ever, so a timer shuts the socket when the deadline passes.
``kg push``/``kg query --endpoint`` (``remote``) and ``kg serve``'s front (``serve``) both send their requests so."""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes


class AnswerTooLarge(ValueError):
    """The answer's body passed the size the caller would hold in memory."""


def exchange(host: str, port: int | None, method: str, target: str, *, body: bytes | None,
             headers: Mapping[str, str], timeout: float, https: bool = False,
             max_size: int | None = None) -> Answer:
    """Send one request to ``host:port`` and read the whole answer (a 200 is not a success until its body is
    complete); ``TimeoutError`` when it is not complete within ``timeout`` seconds, connecting included;
    ``AnswerTooLarge`` past ``max_size`` bytes of body. The body is read a MB at a time: a server that declares
    a chunk of 2**48 bytes is not given that much memory at once."""
    kind = http.client.HTTPSConnection if https else http.client.HTTPConnection
    connection = kind(host, port, timeout=timeout)
    expired = threading.Event()
    opened: list[socket.socket] = []   # (the response takes the socket over from the connection)

    def expire() -> None:
        expired.set()
        for sock in opened:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(timeout, expire)
    timer.daemon = True
    timer.start()
    try:
        connection.connect()
        opened.append(connection.sock)
        if expired.is_set():   # (the deadline passed while connecting)
            expire()
        connection.request(method, target, body=body, headers=dict(headers))
        response = connection.getresponse()
        parts, size = [], 0
        while part := response.read(1 << 20):
            parts.append(part)
            size += len(part)
            if max_size is not None and size > max_size:
                raise AnswerTooLarge(f"the answer is larger than {max_size:,} bytes")
        data = b"".join(parts)
        if expired.is_set():
            raise TimeoutError(f"no complete answer within {timeout:g} s")
        return Answer(response.status, response.reason, response.getheaders(), data)
    except (OSError, http.client.HTTPException) as error:
        if expired.is_set() or isinstance(error, TimeoutError):
            raise TimeoutError(f"no complete answer within {timeout:g} s") from None
        raise
    finally:
        timer.cancel()
        connection.close()
