"""The Overview map: where events happened (points from app.places.locate_events), a pure function.

A named place is a filled circle; an event known only by its country is a hollow diamond at
the country's capital. Marker area grows with the number of events. A name is written beside
its marker only where it overlaps no other name and no other marker; the rest stay in the
hover, which lists every point's events.

Names are laid out in pixels, as plotly will draw them: it fits the whole world (Natural Earth)
into the plot, then zooms about the centre (`projection.scale`). The plot's width is unknown
here, so the layout assumes a narrow one (PLOT_WIDTH): a wider plot only moves the points
apart, never the names together.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .figures import _base, plain
from .places import COUNTRY, PLACE
from .rows import records

HEIGHT = 560
MARGIN = dict(l=0, r=0, t=125, b=0)
PLOT_WIDTH = 700  # px: the Overview's plot in a window about 1160 px wide, sidebar open; narrower may crowd
FONT_SIZE = 12
CHAR_WIDTH = 0.6 * FONT_SIZE  # px: a generous average for Source Sans Pro or its fallbacks
OCEAN = "#e8f1f8"
GAP = 2  # px of space kept around a name
HALO = "1px 1px 1px #fff, -1px -1px 1px #fff, 1px -1px 1px #fff, -1px 1px 1px #fff"  # legible over borders
HOVER_EVENTS = 12  # events listed in a tooltip; the table has the rest
MIN_SPAN = (20.0, 10.0)  # degrees of longitude and latitude shown around a single point

KINDS = {  # kind → legend name, marker, name colour
    PLACE: ("Named place", dict(symbol="circle", color="#0072B2", opacity=0.8, line=dict(width=1, color="white")),
            "#1f2a36"),
    COUNTRY: ("Country only (capital)", dict(symbol="diamond-open", color="#5b5b5b", line=dict(width=2)), "#5b5b5b"),
}
# Plotly's text positions, in the order tried: above and below first, where names read best.
POSITIONS = ("top center", "bottom center", "middle right", "middle left",
             "top right", "top left", "bottom right", "bottom left")


def marker_size(events) -> np.ndarray:
    """Marker diameter in px: area grows with the number of events."""
    return 10 + 6 * np.sqrt(np.asarray(events, dtype="float64"))


# ---------------------------------------------------------------- projection and view


def _natural_earth(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """d3's geoNaturalEarth1 (plotly's "natural earth"), in radians, y up."""
    lam, phi = np.radians(np.asarray(lon, dtype="float64")), np.radians(np.asarray(lat, dtype="float64"))
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return x, y


def _great_circle(a: tuple[float, float], b: tuple[float, float], steps: int = 24) -> list[tuple[float, float]]:
    """Points along the great circle from a to b (lon, lat): d3 draws a polygon's edges so."""
    va, vb = (np.array([math.cos(math.radians(la)) * math.cos(math.radians(lo)),
                        math.cos(math.radians(la)) * math.sin(math.radians(lo)), math.sin(math.radians(la))])
              for lo, la in (a, b))
    omega = math.acos(max(-1.0, min(1.0, float(va @ vb))))
    if omega < 1e-9:
        return [a]
    out = []
    for t in np.linspace(0, 1, steps):
        v = (math.sin((1 - t) * omega) * va + math.sin(t * omega) * vb) / math.sin(omega)
        out.append((math.degrees(math.atan2(v[1], v[0])), math.degrees(math.asin(max(-1.0, min(1.0, v[2]))))))
    return out


def _extent(lon0: float, lon1: float, lat0: float, lat1: float) -> tuple[float, float, float, float]:
    """Projected bounds of a lon/lat box centred on lon 0, its parallels drawn as d3 draws a polygon's
    edges (plotly's range box: four great-circle arcs a side)."""
    q = (lon1 - lon0) / 4
    corners = [(lon0, lat0), (lon0, lat1), *((lon0 + i * q, lat1) for i in (1, 2, 3)), (lon1, lat1),
               (lon1, lat0), *((lon1 - i * q, lat0) for i in (1, 2, 3)), (lon0, lat0)]
    edge = [p for a, b in zip(corners, corners[1:]) for p in _great_circle(a, b)]
    x, y = _natural_earth([p[0] for p in edge], [p[1] for p in edge])
    return float(x.min()), float(y.min()), float(x.max()), float(y.max())


WORLD = _extent(-180.0, 180.0, -90.0, 90.0)  # what plotly fits to the plot before zooming


@dataclass(frozen=True)
class View:
    """A zoom on the world map: plotly fits the world into the plot, draws only inside its box, and
    zooms about the centre. Scale and box are in px at the plot size the layout assumes."""
    lon: float  # centre (and rotation) of the map
    lat: float
    zoom: float  # plotly's projection.scale
    scale: float  # px per projected unit
    box: tuple[float, float, float, float]  # the visible map in px around its centre: x0, y0, x1, y1

    def px(self, lon, lat) -> tuple[np.ndarray, np.ndarray]:
        """Pixel offsets (x right, y up) from the map's centre."""
        x, y = _natural_earth(np.asarray(lon, dtype="float64") - self.lon, lat)
        _, y0 = _natural_earth(0.0, self.lat)
        return x * self.scale, (y - y0) * self.scale


def _zoom_on(lon0: float, lon1: float, lat0: float, lat1: float, width: float, height: float) -> View:
    """The view whose visible box holds the given lon/lat box."""
    lon, lat = (lon0 + lon1) / 2, (lat0 + lat1) / 2
    x0, y0, x1, y1 = _extent(lon0 - lon, lon1 - lon, lat0, lat1)
    _, yc = _natural_earth(0.0, lat)
    world_w, world_h = WORLD[2] - WORLD[0], WORLD[3] - WORLD[1]
    zoom = max(1.0, min(world_w / (x1 - x0), world_h / (2 * max(y1 - yc, yc - y0))))
    fit = min(width / world_w, height / world_h)  # px per unit of the world fitted to the plot
    half_w, half_h = world_w * fit / 2, world_h * fit / 2
    return View(lon, lat, zoom, fit * zoom, (-half_w, -half_h, half_w, half_h))


def map_view(points: pd.DataFrame, width: float = PLOT_WIDTH,
             height: float = HEIGHT - MARGIN["t"] - MARGIN["b"]) -> View:
    """A view of the points' extent, padded so that a marker and its name fit at the edges."""
    if points.empty:
        return _zoom_on(-180.0, 180.0, -90.0, 90.0, width, height)
    lon0, lon1 = float(points["lon"].min()), float(points["lon"].max())
    lat0, lat1 = float(points["lat"].min()), float(points["lat"].max())
    # A single point or a tight cluster still shows its surroundings.
    grow_lon, grow_lat = max(MIN_SPAN[0] - (lon1 - lon0), 0) / 2, max(MIN_SPAN[1] - (lat1 - lat0), 0) / 2
    lon0, lon1, lat0, lat1 = lon0 - grow_lon, lon1 + grow_lon, lat0 - grow_lat, lat1 + grow_lat
    biggest = float(marker_size(points["events"].max()))
    longest = max(len(p) for p in points["place"]) * CHAR_WIDTH
    room_x = longest / 2 + biggest / 2 + 2 * GAP  # px beside the outermost points: half a name
    room_y = FONT_SIZE * 1.2 + biggest / 1.6 + 2 * GAP  # above and below: a name's height
    pad_lon = pad_lat = 1.0
    for _ in range(4):  # the padding changes the scale that converts it to degrees: settle it
        view = _zoom_on(max(lon0 - pad_lon, -180.0), min(lon1 + pad_lon, 180.0),
                        max(lat0 - pad_lat, -89.0), min(lat1 + pad_lat, 89.0), width, height)
        deg = math.degrees(1 / view.scale)  # degrees per px, near the equator (more poleward in x)
        pad_lon, pad_lat = room_x * deg / 0.8, room_y * deg
    return view


# ---------------------------------------------------------------- names


@dataclass(frozen=True)
class Label:
    index: int  # row of the points frame
    text: str
    position: str  # plotly's textposition
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in px (y up) at the view's scale


def _label_box(x: float, y: float, diameter: float, text: str, position: str) -> tuple[float, float, float, float]:
    """Where plotly draws a marker's text (its textPointPosition: offset radius/0.8 + 1 from the centre)."""
    off = diameter / 2 / 0.8 + 1
    w, h = len(text) * CHAR_WIDTH, FONT_SIZE * 1.15
    vertical, horizontal = position.split()
    x0 = {"center": x - w / 2, "right": x + off, "left": x - off - w}[horizontal]
    y0 = {"top": y + off, "bottom": y - off - h, "middle": y - h / 2}[vertical]
    return x0 - GAP, y0 - GAP, x0 + w + GAP, y0 + h + GAP


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _covers(box, x: float, y: float, diameter: float, kind: str) -> bool:
    """Whether a name's box (its gap left out) runs into a marker: a circle, or a diamond, whose corners
    plotly draws 1.3 radii out."""
    x0, y0, x1, y1 = box[0] + GAP, box[1] + GAP, box[2] - GAP, box[3] - GAP
    dx, dy = min(max(x, x0), x1) - x, min(max(y, y0), y1) - y  # from the centre to the box's nearest point
    r = diameter / 2
    return abs(dx) + abs(dy) < 1.3 * r if kind == COUNTRY else math.hypot(dx, dy) < r


def _inside(a, frame) -> bool:
    return frame[0] <= a[0] and frame[1] <= a[1] and a[2] <= frame[2] and a[3] <= frame[3]


def label_layout(points: pd.DataFrame, view: View | None = None) -> list[Label]:
    """Names that fit: busiest point first (a named place before a country on a tie), each at the
    first position inside the view that overlaps no name already placed and no other marker. A name
    left out then gets the room of one placed name that can move elsewhere."""
    view = view or map_view(points)
    xs, ys = view.px(points["lon"], points["lat"])
    sizes, kinds, texts = marker_size(points["events"]), list(points["kind"]), list(points["place"])
    reach = 1.3 * float(sizes.max()) / 2 if len(points) else 0.0  # no marker reaches further from its centre

    def candidates(i: int):
        for position in POSITIONS:
            box = _label_box(xs[i], ys[i], sizes[i], texts[i], position)
            if not _inside(box, view.box):
                continue
            # only markers near the box can touch it: hundreds of points stay quick
            near = np.flatnonzero((xs >= box[0] - reach) & (xs <= box[2] + reach)
                                  & (ys >= box[1] - reach) & (ys <= box[3] + reach))
            if not any(_covers(box, xs[j], ys[j], sizes[j], kinds[j]) for j in near if j != i):
                yield Label(i, texts[i], position, box)

    placed: dict[int, Label] = {}
    events = points["events"].tolist()
    order = sorted(range(len(points)), key=lambda i: (-events[i], kinds[i] != PLACE, texts[i]))
    for i in order:
        placed_boxes = [b.box for b in placed.values()]
        if label := next((c for c in candidates(i) if not any(_overlaps(c.box, b) for b in placed_boxes)), None):
            placed[i] = label
    for i in (i for i in order if i not in placed):
        for label in candidates(i):
            blocking = [b for b in placed.values() if _overlaps(label.box, b.box)]
            if len(blocking) != 1:
                continue
            rest = [b.box for b in placed.values() if b is not blocking[0]] + [label.box]
            if moved := next((c for c in candidates(blocking[0].index) if c.position != blocking[0].position
                              and not any(_overlaps(c.box, b) for b in rest)), None):
                placed[moved.index], placed[i] = moved, label
                break
    return sorted(placed.values(), key=lambda label: label.index)


# ---------------------------------------------------------------- the figure


def _hover(p, also: str) -> str:
    n = f"{p.events} event{'s' if p.events != 1 else ''}"
    if p.kind == COUNTRY:
        capital = getattr(p, "capital", "")
        where = f"its capital, {capital}" if capital else "the country's centre"
        head = [f"<b>{plain(p.place)}</b> · country only",
                plain(f"{n} known only by the country, marked at {where}")]
    else:
        head = [f"<b>{plain(p.place)}</b>" + (f" ({plain(p.country)})" if p.country else ""),
                f"{n} at this place"]
    lines = [plain(label) for label in p.labels[:HOVER_EVENTS]]
    if len(p.labels) > HOVER_EVENTS:
        lines.append(f"… and {len(p.labels) - HOVER_EVENTS} more (see the table)")
    return "<br>".join([*head, *lines, *([f"<i>{also}</i>"] if also else [])])


def _also_here(points: pd.DataFrame) -> list[str]:
    """For markers drawn on the same spot (a capital and its country), a hover line naming the other,
    since the tooltip shows only one of them."""
    spots: dict[tuple, list[tuple]] = {}
    marks = list(records(points))
    for i, p in enumerate(marks):
        spots.setdefault((p.lat, p.lon), []).append((i, p))
    out = []
    for i, p in enumerate(marks):
        out.append("; ".join(
            f"Also here: {plain(o.place)}, {o.events} event{'s' if o.events != 1 else ''}"
            + (" known only by the country" if o.kind == COUNTRY else " at the named place")
            for j, o in spots[(p.lat, p.lon)] if j != i))
    return out


def event_map(points: pd.DataFrame) -> go.Figure:
    """Where the events took place: named places and countries' capitals, sized by their events."""
    fig = _base("Where the events took place", "", "", "Placed at", height=HEIGHT)
    fig.update_layout(title_subtitle_text="Marker size: number of events (hover a marker to list them).<br>"
                                          "A diamond marks events that name only a country, at its capital.",
                      margin=MARGIN, showlegend=True,
                      # above the map, inside the top margin: the labels' layout counts on the map's own height
                      legend=dict(yref="paper", y=1.0, yanchor="bottom"))
    rows = points.reset_index(drop=True)
    view = map_view(rows)
    labels = {label.index: label for label in label_layout(rows, view)}
    also = _also_here(rows)
    for kind, (name, marker, text_colour) in KINDS.items():
        idx = [i for i in range(len(rows)) if rows["kind"].iloc[i] == kind]
        if not idx and (kind != PLACE or len(rows)):
            continue  # no legend entry for a kind not on the map (an empty map keeps one empty trace)
        part = rows.iloc[idx]
        fig.add_trace(go.Scattergeo(
            lat=part["lat"], lon=part["lon"], name=name, mode="markers+text",
            text=[plain(labels[i].text) if i in labels else "" for i in idx],
            textposition=[labels[i].position if i in labels else "top center" for i in idx],
            textfont=dict(size=FONT_SIZE, color=text_colour, style="italic" if kind == COUNTRY else "normal",
                          shadow=HALO),
            hovertext=[_hover(p, also[i]) for i, p in zip(idx, records(part))], hoverinfo="text",
            customdata=[" ".join(ids) for ids in part["event_ids"]] if "event_ids" in part else None,
            marker=dict(size=marker_size(part["events"]), sizemode="diameter", **marker)))
    fig.update_geos(projection_type="natural earth", showcountries=True, countrycolor="#b0b0b0",
                    showland=True, landcolor="#f3f1ea", showocean=True, oceancolor=OCEAN,
                    showlakes=False, showframe=False, bgcolor=OCEAN,  # a corner past the globe's edge is sea
                    resolution=110, fitbounds=False, projection_scale=view.zoom,
                    projection_rotation_lon=view.lon, center=dict(lon=view.lon, lat=view.lat))
    return fig
