"""Fetching one web page or feed an analyst asked for, safely. No Streamlit, no parsing.

What a fetch will not do, whatever the address or the server says:
- wait for ever: `timeout` bounds connecting and each read, `deadline` the whole fetch (redirects
  and a slow trickle of the body included; it is checked between reads, so a fetch ends at most
  `timeout` after it);
- read more than `max_bytes` (5 MB, the limit of an uploaded article): refused at once when
  Content-Length says more, else counted while reading (after decompression);
- follow more than `max_redirects` redirects, or one to anything but http(s); redirects are followed
  here, one hop at a time, so that every hop is checked like the first;
- reach a loopback, private, link-local, reserved, multicast or otherwise non-public address
  (server-side request forgery: the cloud's metadata service, the database, the intranet). Every
  address the host name resolves to is checked before connecting, and the address actually
  connected to is checked again (a name that resolves to a public address once and a private one
  the next time is refused). FETCH_ALLOW_PRIVATE=1 lifts this, for tests on a local server;
- use proxies or .netrc credentials from the environment, or send a user name and password.

Every failure is a FetchError whose message is one line a page or the command shows as it is.
"""
from __future__ import annotations

import ipaddress
import os
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from preprocessing.articles import MAX_BYTES

ALLOW_PRIVATE_VAR = "FETCH_ALLOW_PRIVATE"
USER_AGENT = ("DefenceTiesDashboard/1.0 (an analyst dashboard of defence news; fetches only the articles "
              "and feeds its analysts add; python-requests)")
SCHEMES = ("http", "https")
CHUNK = 64 * 1024
# Flags of ipaddress that mark an address no public web page lives at.
NOT_PUBLIC = ("is_private", "is_loopback", "is_link_local", "is_reserved", "is_multicast", "is_unspecified")
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # IPv6 that carries an IPv4 address in its last 32 bits


class FetchError(Exception):
    """A page or feed that could not be fetched; the message is one line for the user."""


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0  # seconds to connect, and for each read
    deadline: float = 30.0  # seconds for the whole fetch, redirects included
    max_bytes: int = MAX_BYTES
    max_redirects: int = 5
    allow_private: bool = False  # tests on a local server only

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] = os.environ, **overrides) -> Limits:
        """The limits, with private addresses allowed when FETCH_ALLOW_PRIVATE=1."""
        allow = str(environ.get(ALLOW_PRIVATE_VAR, "")).strip() == "1"
        return cls(**{"allow_private": allow, **overrides})


@dataclass(frozen=True)
class Kind:
    """What is being fetched: named in messages, asked for in Accept, recognised by Content-Type."""
    what: str
    accept: str
    types: tuple[str, ...]  # media types taken; "+xml" takes any type ending so
    refused: Mapping[str, str] = field(default_factory=dict)  # media type → the one-line reason


PAGE = Kind("a web page", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1", ("text/html", "application/xhtml+xml"))
FEED = Kind("an RSS or Atom feed",
            "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1",
            ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
             "text/plain", "+xml"),
            {"text/html": "a web page, not an RSS or Atom feed (give the feed's own address)"})


@dataclass(frozen=True)
class Fetched:
    requested: str  # the address asked for
    url: str  # the address the content came from, after redirects
    content_type: str  # the media type, lower case ("" when the server gave none)
    headers: Mapping[str, str]  # the answer's, whatever case the server wrote their names in
    body: bytes


# ---------------------------------------------------------------- addresses

def _embedded(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list:
    """The address and any IPv4 address carried inside an IPv6 one (mapped, 6to4, Teredo, NAT64)."""
    if ip.version == 4:
        return [ip]
    inner = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if ip in NAT64:
        inner.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [ip, *(a for a in inner if a is not None)]


def public(address: str) -> bool:
    """True when `address` (an IP address, as getaddrinfo gives it) is a public one."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])  # an IPv6 zone ("fe80::1%eth0") is not part of it
    except ValueError:
        return False
    return all(a.is_global and not any(getattr(a, flag) for flag in NOT_PUBLIC) for a in _embedded(ip))


def refusal(host: str, address: str) -> FetchError:
    named = host if host.strip("[]") == address else f"{host} ({address})"
    return FetchError(f"refused: {named} is a private or local address, which the dashboard never fetches")


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise FetchError(f"the host {host} was not found") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def check_url(url: str, limits: Limits) -> None:
    """FetchError unless `url` is an http(s) address without credentials whose host resolves only to
    addresses the fetch may reach."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        raise FetchError("not a valid web address") from None
    if parts.scheme.lower() not in SCHEMES:
        raise FetchError(f"only http:// and https:// addresses are fetched, not {parts.scheme or 'this'}:"
                         if parts.scheme else "not a web address (it should start with https://)")
    if not parts.hostname:
        raise FetchError("not a valid web address (no host name)")
    if parts.username is not None or parts.password is not None:
        raise FetchError("an address with a user name or password is not fetched")
    if limits.allow_private:
        return
    refused = [a for a in _resolve(parts.hostname, port) if not public(a)]
    if refused:
        raise refusal(parts.hostname, refused[0])


class _PeerChecked:
    """A connection that checks the address it actually reached: the name may resolve differently
    than it did a moment before, when check_url looked (DNS rebinding)."""

    def _new_conn(self):
        sock = super()._new_conn()
        peer = str(sock.getpeername()[0])
        if not public(peer):
            sock.close()
            raise refusal(self.host, peer)
        return sock


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = type("CheckedHTTPConnection", (_PeerChecked, HTTPConnection), {})


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = type("CheckedHTTPSConnection", (_PeerChecked, HTTPSConnection), {})


class _PublicOnly(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


def _session(limits: Limits) -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no proxy, .netrc or CA bundle from the environment
    if not limits.allow_private:
        for scheme in ("http://", "https://"):
            session.mount(scheme, _PublicOnly())
    return session


# ---------------------------------------------------------------- failures, in words

def _seconds(value: float) -> str:
    return f"{value:g} s"


# What a library error means to the user, most specific first. requests wraps urllib3's errors
# (a refused connection is a NewConnectionError, which urllib3 derives from ConnectTimeoutError).
FAILURES: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((urllib3.exceptions.NameResolutionError,), "the host {host} was not found"),
    ((urllib3.exceptions.NewConnectionError,), "could not connect to {host} (refused or unreachable)"),
    ((requests.exceptions.ConnectTimeout, urllib3.exceptions.ConnectTimeoutError), "could not connect within {timeout}"),
    ((requests.exceptions.ReadTimeout, urllib3.exceptions.ReadTimeoutError, TimeoutError), "timed out after {timeout}"),
    ((urllib3.exceptions.SSLError, requests.exceptions.SSLError),
     "the secure connection to {host} failed (its certificate could not be verified)"),
    ((urllib3.exceptions.DecodeError, requests.exceptions.ContentDecodingError),
     "the server sent a damaged compressed answer"),
    ((urllib3.exceptions.ProtocolError, requests.exceptions.ChunkedEncodingError),
     "the connection broke off while reading"),
    ((requests.exceptions.InvalidURL, UnicodeError), "not a valid web address"),
    ((requests.exceptions.ConnectionError,), "could not connect to {host}"),
    ((urllib3.exceptions.HTTPError, OSError), "the connection to {host} failed"),
)


def _causes(exc: BaseException) -> list[BaseException]:
    """The error and those it wraps (requests keeps urllib3's in its args, urllib3 its own in .reason)."""
    chain: list[BaseException] = []
    while isinstance(exc, BaseException) and all(exc is not e for e in chain):
        chain.append(exc)
        exc = getattr(exc, "reason", None) or (exc.args[0] if exc.args else None) or exc.__cause__
    return chain


def _failure(exc: BaseException, url: str, timeout: float) -> FetchError:
    chain = _causes(exc)
    reason = next((text for kind, text in FAILURES if any(isinstance(e, kind) for e in chain)),
                  "could not be fetched ({name})")
    return FetchError(reason.format(host=urlsplit(url).hostname or url, timeout=_seconds(timeout),
                                    name=type(exc).__name__))


def _status(code: int) -> str:
    try:
        return f"HTTP {code} ({HTTPStatus(code).phrase})"
    except ValueError:
        return f"HTTP {code}"


def _media_type(headers: Mapping[str, str]) -> str:
    return str(headers.get("Content-Type") or "").split(";")[0].strip().lower()


def _check_type(kind: Kind, media: str) -> None:
    if not media or media in kind.types or any(t.startswith("+") and media.endswith(t) for t in kind.types):
        return
    raise FetchError(kind.refused.get(media) or f"not {kind.what} (the server sent {media[:80]})")


def _too_large(limits: Limits, size: int | None = None) -> FetchError:
    mb = limits.max_bytes / 1048576
    said = f" ({size / 1048576:.1f} MB)" if size is not None else ""
    return FetchError(f"too large: more than {mb:g} MB{said}, more than an article can be")


# ---------------------------------------------------------------- the fetch

class _Clock:
    def __init__(self, limits: Limits):
        self.limits, self.end = limits, time.monotonic() + limits.deadline

    def left(self) -> float:
        """Seconds the next step may take: the timeout, or what is left of the deadline."""
        left = self.end - time.monotonic()
        if left <= 0:
            raise FetchError(f"took longer than {_seconds(self.limits.deadline)} in all; gave up")
        return min(self.limits.timeout, left)


def _body(response: requests.Response, limits: Limits, clock: _Clock) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > limits.max_bytes:
        raise _too_large(limits, int(declared))  # before reading a byte
    raw, chunks, got = response.raw, [], 0
    while True:
        clock.left()  # each read waits at most `timeout`; the deadline is checked between reads
        chunk = raw.read1(CHUNK, decode_content=True)
        if not chunk:
            return b"".join(chunks)
        got += len(chunk)
        if got > limits.max_bytes:
            raise _too_large(limits)
        chunks.append(chunk)


def fetch(url: str, kind: Kind = PAGE, limits: Limits | None = None) -> Fetched:
    """The content at `url` (see the module's docstring for what is refused); FetchError otherwise."""
    limits = limits or Limits.from_environ()
    clock, seen, current = _Clock(limits), [], str(url or "").strip()
    with _session(limits) as session:
        for _hop in range(limits.max_redirects + 1):
            check_url(current, limits)
            timeout = clock.left()
            try:
                response = session.get(current, stream=True, allow_redirects=False, timeout=(timeout, timeout),
                                       headers={"User-Agent": USER_AGENT, "Accept": kind.accept,
                                                "Accept-Encoding": "gzip, deflate"})
            except (requests.RequestException, urllib3.exceptions.HTTPError, OSError, UnicodeError) as exc:
                raise _failure(exc, current, timeout) from None
            with response:
                if response.is_redirect:
                    seen.append(current)
                    current = urljoin(current, response.headers["Location"].strip())
                    if current in seen:
                        raise FetchError("the server redirects in a loop")
                    continue
                if response.status_code >= 400:
                    raise FetchError(_status(response.status_code))
                if not 200 <= response.status_code < 300:
                    raise FetchError(f"{_status(response.status_code)}, where {kind.what} was expected")
                _check_type(kind, _media_type(response.headers))
                try:
                    body = _body(response, limits, clock)
                except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
                    raise _failure(exc, current, timeout) from None
                return Fetched(requested=str(url).strip(), url=current, content_type=_media_type(response.headers),
                               headers=CaseInsensitiveDict(response.headers), body=body)
    raise FetchError(f"redirected more than {limits.max_redirects} times; gave up")
