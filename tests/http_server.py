"""A local web server for the tests of fetching by address and reading feeds: no test touches the internet.

News pages written for the tests in the manner of real outlets (a <title> with the outlet's name,
og:site_name, article:published_time, a canonical link, navigation, share buttons, "Read more"
links and a footer around the article), an RSS feed of three of them and an Atom feed, and the
misbehaving servers a fetch must survive: redirect chains and loops, a redirect to another scheme,
slow answers, oversized ones, a PDF, a 404, a front page without an article and a malformed feed.

`{base}` in a page or feed is the server's own address (http://127.0.0.1:PORT). The server counts
the requests for each path, so a test can tell that an address was not fetched again.
"""
from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self

HTML = "text/html; charset=utf-8"

# slug → (outlet, headline, published, the article: paragraphs separated by blank lines)
ARTICLES = {
    "india-france-shakti": (
        "Deccan Defence Review", "Indian and French troops begin Exercise Shakti in Meghalaya", "2025-06-18", """\
UMROI: Indian and French troops began the eighth edition of the joint military exercise Shakti at the Joint
Training Node in Umroi, Meghalaya, on Wednesday, the Indian Army said.

The exercise will run until July 1 and brings together about 90 soldiers from each side, drawn from the Rajput
Regiment and the French 13th Foreign Legion Half-Brigade.

Drills will focus on counter-terrorism operations in semi-urban and jungle terrain, an Army spokesperson said.
"""),
    "k2-tanks-poland": (
        "Baltic Defence Wire", "South Korea delivers first K2 tanks of second contract to Poland", "2025-04-10", """\
WARSAW: Hyundai Rotem delivered the first 10 K2 Black Panther main battle tanks of the second executive
contract to Poland on Thursday, the Polish Armament Agency said.

The tanks were unloaded at the port of Gdynia and will join the 16th Mechanised Division, officials said.

Seoul and Warsaw signed the second contract, for 180 tanks, in April last year.
"""),
    "japan-philippines-visit": (
        "Pacific Security Monitor", "Japanese defence minister visits Manila to deepen security ties", "2025-02-24", """\
MANILA: Japan's Defence Minister Gen Nakatani arrived in Manila on Sunday for a two-day visit, the Philippine
Department of National Defense said.

Nakatani met Philippine Defence Secretary Gilberto Teodoro on Monday to discuss maritime security in the South
China Sea and the Reciprocal Access Agreement, which took effect in September.

The two ministers agreed to hold regular talks on defence equipment cooperation, officials said.
"""),
    "brazil-france-submarines": (
        "Atlantic Naval Digest", "Brazil and France sign submarine maintenance agreement", "2025-03-27", """\
RIO DE JANEIRO: Brazil and France signed a defence cooperation agreement on the maintenance of the Brazilian
Navy's Scorpene-class submarines in Rio de Janeiro on Wednesday, the Brazilian Ministry of Defence said.

The agreement was signed during a visit by French President Emmanuel Macron to the Itaguai naval base,
officials said.
"""),
    "no-canonical": (
        "Harbour Times", "Greek frigate arrives in Alexandria for naval drills", "2025-05-06", """\
ALEXANDRIA: The Greek frigate Kimon arrived in Alexandria on Tuesday ahead of the joint naval exercise Medusa
with the Egyptian Navy, the Greek defence ministry said.

The drills will be held off the Egyptian coast later this month, officials said.
"""),
}

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{headline} | {outlet}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="{outlet}">
<meta property="og:title" content="{headline}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{published}T08:30:00+00:00">
{canonical}
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"section": "defence"}});</script>
</head><body>
<header><a href="/">{outlet}</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/defence">Defence</a></li>
<li><a href="/opinion">Opinion</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<main><article>
<h1>{headline}</h1>
<p class="byline">By Staff Correspondent | Published {published}</p>
<div class="share"><a href="https://twitter.com/share">Share on X</a> <a href="https://facebook.com/share">Share on Facebook</a></div>
{paragraphs}
<p class="related">Read more: <a href="/defence/older-story">Navy chief reviews fleet readiness</a></p>
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/a">Budget talks stall in parliament</a></li>
<li><a href="/b">Monsoon arrives early in the south</a></li></ul></aside>
<footer><p>&copy; 2025 {outlet}. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a> | <a href="/contact">Contact us</a></p></footer>
</body></html>
"""

FRONT_PAGE = """<!DOCTYPE html><html><head><title>Deccan Defence Review | Home</title></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/defence">Defence</a></nav>
<ul><li><a href="/news/india-france-shakti">Exercise Shakti begins</a></li>
<li><a href="/news/k2-tanks-poland">K2 tanks for Poland</a></li></ul>
<footer>&copy; 2025 Deccan Defence Review</footer></body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>Defence Digest: latest</title>
<link>{base}/</link>
<description>Defence news from around the world</description>
<atom:link href="{base}/feeds/defence.rss" rel="self" type="application/rss+xml"/>
<item><title>Indian and French troops begin Exercise Shakti in Meghalaya</title>
<link>{base}/news/india-france-shakti?utm_source=rss&amp;utm_medium=feed</link>
<guid isPermaLink="false">ddr-2025-0618-shakti</guid>
<pubDate>Wed, 18 Jun 2025 08:30:00 GMT</pubDate>
<description>The eighth edition of the exercise runs until July 1.</description></item>
<item><title>South Korea delivers first K2 tanks of second contract to Poland</title>
<link>{base}/news/k2-tanks-poland</link>
<guid isPermaLink="false">bdw-2025-0410-k2</guid>
<pubDate>Thu, 10 Apr 2025 11:00:00 GMT</pubDate>
<description>The first ten tanks were unloaded at Gdynia.</description></item>
<item><title>Japanese defence minister visits Manila to deepen security ties</title>
<link>/news/japan-philippines-visit</link>
<guid isPermaLink="false">psm-2025-0224-visit</guid>
<pubDate>Mon, 24 Feb 2025 06:00:00 GMT</pubDate>
<description>Gen Nakatani met Gilberto Teodoro.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Naval Affairs</title>
<link href="{base}/" rel="alternate"/>
<link href="{base}/feeds/naval.atom" rel="self"/>
<id>urn:uuid:5f0c6b1e-naval-affairs</id>
<updated>2025-03-27T12:00:00Z</updated>
<entry><title>Brazil and France sign submarine maintenance agreement</title>
<link href="{base}/news/brazil-france-submarines" rel="alternate"/>
<id>urn:uuid:5f0c6b1e-brazil-france</id>
<updated>2025-03-27T12:00:00Z</updated>
<summary>The agreement covers the Scorpene-class boats.</summary></entry>
<entry><title>South Korea delivers first K2 tanks of second contract to Poland</title>
<link href="{base}/news/k2-tanks-poland" rel="alternate"/>
<id>urn:uuid:5f0c6b1e-k2</id>
<updated>2025-04-10T11:00:00Z</updated>
<summary>Ten tanks arrived at Gdynia.</summary></entry>
</feed>
"""

BROKEN_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Broken feed</title>
<item><title>Unclosed item <link>{base}/news/k2-tanks-poland</link>
</channel>
"""

BIG = 6 * 1024 * 1024  # beyond the 5 MB limit


def page(slug: str, base: str, canonical: bool = True) -> str:
    outlet, headline, published, text = ARTICLES[slug]
    link = f'<link rel="canonical" href="{base}/news/{slug}">' if canonical else ""
    return PAGE.format(outlet=outlet, headline=headline, published=published, canonical=link,
                       paragraphs="\n".join(f"<p>{' '.join(p.split())}</p>" for p in text.split("\n\n")))


@dataclass(frozen=True)
class Answer:
    status: int = 200
    headers: tuple[tuple[str, str], ...] = (("Content-Type", HTML),)
    body: bytes = b""
    delay: float = 0.0  # seconds before answering
    drip: float = 0.0  # seconds between each byte of the body (a server that trickles)


def _redirect(to: str, status: int = 302) -> Answer:
    return Answer(status, (("Location", to), ("Content-Length", "0")))


def routes(base: str) -> dict[str, Answer]:
    """Every path the server answers, for a server at `base`."""
    out = {f"/news/{slug}": Answer(body=page(slug, base, slug != "no-canonical").encode()) for slug in ARTICLES}
    out.update({
        "/": Answer(body=FRONT_PAGE.encode()),
        "/old/shakti": _redirect("/r/shakti", 301),  # a chain of two, relative Locations
        "/r/shakti": _redirect(f"{base}/news/india-france-shakti?utm_source=newsletter"),
        "/moved/greek-frigate": _redirect("/news/no-canonical", 308),
        "/loop/a": _redirect("/loop/b"),
        "/loop/b": _redirect("/loop/a"),
        "/to-file": _redirect("file:///etc/passwd"),
        "/to-ftp": _redirect("ftp://files.example.org/article.html"),
        "/to-private": _redirect("http://10.0.0.1/admin"),
        "/slow": Answer(body=page("k2-tanks-poland", base).encode(), delay=3.0),
        "/drip": Answer(body=b"<html><body>" + b" " * 200 + b"</body></html>", drip=0.05),
        "/huge": Answer(headers=(("Content-Type", HTML), ("Content-Length", str(BIG))), body=b"<html>" * 16),
        "/huge-no-length": Answer(body=b"<html><body>" + b"<p>x</p>" * (BIG // 8) + b"</body></html>"),
        "/report.pdf": Answer(headers=(("Content-Type", "application/pdf"),), body=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        "/feeds/defence.rss": Answer(headers=(("Content-Type", "application/rss+xml; charset=utf-8"),),
                                     body=RSS.format(base=base).encode()),
        "/feeds/naval.atom": Answer(headers=(("Content-Type", "application/atom+xml"),),
                                    body=ATOM.format(base=base).encode()),
        "/feeds/broken.rss": Answer(headers=(("Content-Type", "application/rss+xml"),),
                                    body=BROKEN_FEED.format(base=base).encode()),
    })
    for n in range(8):  # /chain/N redirects N times before the page
        out[f"/chain/{n}"] = _redirect(f"/chain/{n - 1}") if n else Answer(body=page("k2-tanks-poland", base).encode())
    return out


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # one request per connection; a body without a length ends at the close

    def do_GET(self):  # the name http.server calls
        server: WebServer = self.server.owner
        path = self.path.split("?")[0]
        server.hits[path] += 1
        server.agents.append(self.headers.get("User-Agent", ""))
        answer = server.routes.get(path, Answer(404, body=b"<html><body><h1>Not found</h1></body></html>"))
        time.sleep(answer.delay)
        self.send_response(answer.status)
        for name, value in answer.headers:
            self.send_header(name, value)
        self.end_headers()
        if not answer.drip:
            self.wfile.write(answer.body)
            return
        for i in range(len(answer.body)):
            self.wfile.write(answer.body[i:i + 1])
            self.wfile.flush()
            time.sleep(answer.drip)

    def log_message(self, *args):  # quiet
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client that gave up (a timeout test): expected
        pass


class WebServer:
    """Serves routes() on 127.0.0.1 in a thread; `url(path)` is a full address on it."""

    def __init__(self):
        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.httpd.owner = self
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.routes = routes(self.base)
        self.hits: Counter[str] = Counter()
        self.agents: list[str] = []
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
