"""A tiny authoritative DNS server on 127.0.0.1 for the custom-domain tests: it answers TXT
questions from a dict the test fills, over real UDP, with dnspython's own wire format."""

from __future__ import annotations

import socket
import threading

import dns.flags
import dns.message
import dns.query
import dns.rcode
import dns.rdatatype
import dns.rrset


class TxtServer:
    def __init__(self):
        self.records: dict[str, list[str]] = {}
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.settimeout(0.2)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def address(self) -> str:
        host, port = self._sock.getsockname()
        return f"{host}:{port}"

    def publish(self, name: str, value: str) -> None:
        self.records.setdefault(name.rstrip(".").lower(), []).append(value)

    def start(self) -> TxtServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join()
        self._sock.close()

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                query, _when, client = dns.query.receive_udp(self._sock)
            except (TimeoutError, OSError, dns.exception.DNSException):
                continue
            dns.query.send_udp(self._sock, self._answer(query), client)

    def _answer(self, query: dns.message.Message) -> dns.message.Message:
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        question = query.question[0]
        name = question.name.to_text().rstrip(".").lower()
        values = self.records.get(name, [])
        if question.rdtype == dns.rdatatype.TXT and values:
            quoted = [f'"{value}"' for value in values]
            response.answer.append(dns.rrset.from_text(question.name, 60, "IN", "TXT", *quoted))
        elif not values:
            response.set_rcode(dns.rcode.NXDOMAIN)
        return response
