"""The relationship map of an area page: a small static SVG made at build time.

The map shows the area's terms, the links between them (explicit references and
automatic links, from :class:`~termsite.graph.links.LinkGraph`) and their ``related`` terms,
plus the terms of other areas they connect to, drawn faded. It is an *arc diagram*: one
node per row with its label beside it, and every connection an arc on the left of the
column. Rows keep labels from ever overlapping and stay legible at phone width, which a
circle of 20-odd labels does not; the layout is deterministic, so builds are stable.

Every node is a link (SVG 2's ``<a href>``, which crawlers follow and ``xlink:href`` they
do not) to its term page, relative like the rest of the page. Every text is XML-escaped
here, so the template may insert :meth:`RelationshipMap.svg` as-is. The same connections
are offered as data (:meth:`RelationshipMap.connections`) for a text list beside the picture.

A large area's map is capped: it draws the area's :data:`MAX_AREA_NODES` most connected
terms and at most :data:`MAX_OTHER_NODES` terms of other areas. Two hundred rows of arcs
are no longer readable, and drawing them made an area page of 200 terms weigh a megabyte;
the page's list of terms (and its JSON-LD) stays complete.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Iterable

from termsite.graph.links import LinkGraph
from termsite.content.model import Glossary
from termsite.settings import UrlScheme

# Geometry, in viewBox units. The width is close to a phone's CSS width, so the map is
# drawn about 1:1 there; the stylesheet caps its width on larger screens.
WIDTH = 400
ARC_LEFT = 8  # the widest arc reaches this far left
COLUMN_X = 150  # x of the node column; arcs live to its left, labels to its right
ROW_HEIGHT = 24
NODE_RADIUS = 5
LABEL_GAP = 10
FONT_SIZE = 14
CHAR_WIDTH = 7.8  # a generous average glyph width at FONT_SIZE, to decide when to shorten labels
LEGEND_HEIGHT = 30
GROUP_GAP = 30  # room for the "other areas" heading between the two groups of rows
ARC_MIN = 12  # the width of the shortest arc

# The cap of a large area's map: its most connected terms, and the terms of other areas
# that connect to most of them. Areas below the caps are drawn whole.
MAX_AREA_NODES = 40
MAX_OTHER_NODES = 20
_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class MapNode:
    slug: str
    title: str
    href: str
    in_area: bool
    areas: tuple[str, ...] = ()  # titles of the term's areas, for faded nodes' tooltips


@dataclass
class MapEdge:
    """A connection between two nodes; ``a`` is always the node drawn higher up."""

    a: str
    b: str
    links_ab: bool = False  # a's text links to b
    links_ba: bool = False
    related: bool = False

    @property
    def linked(self) -> bool:
        return self.links_ab or self.links_ba


@dataclass(frozen=True)
class Connections:
    """What one of the area's terms connects to, for the text alternative."""

    node: MapNode
    links_to: list[MapNode]
    related: list[MapNode]


@dataclass
class RelationshipMap:
    area_slug: str
    area_title: str
    nodes: list[MapNode]  # the area's terms in display order, then the faded ones
    edges: list[MapEdge] = field(default_factory=list)
    hidden_terms: int = 0  # the area's terms left out of a capped map
    term_count: int = 0  # all the area's terms, drawn or not
    _by_slug: dict[str, MapNode] = field(default_factory=dict, repr=False, compare=False)

    @property
    def area_nodes(self) -> list[MapNode]:
        return [node for node in self.nodes if node.in_area]

    @property
    def other_nodes(self) -> list[MapNode]:
        return [node for node in self.nodes if not node.in_area]

    def node(self, slug: str) -> MapNode:
        if len(self._by_slug) != len(self.nodes):
            self._by_slug = {node.slug: node for node in self.nodes}
        return self._by_slug[slug]

    def connections(self) -> list[Connections]:
        """For each of the area's terms that has any: the terms its text links to, and its related terms,
        in drawing order (one pass over the edges: areas of hundreds of terms stay cheap)."""
        order = {node.slug: index for index, node in enumerate(self.nodes)}
        by_slug = {node.slug: node for node in self.nodes}
        links_to: dict[str, list[str]] = {}
        related: dict[str, list[str]] = {}
        for edge in self.edges:
            if edge.links_ab:
                links_to.setdefault(edge.a, []).append(edge.b)
            if edge.links_ba:
                links_to.setdefault(edge.b, []).append(edge.a)
            if edge.related:
                related.setdefault(edge.a, []).append(edge.b)
                related.setdefault(edge.b, []).append(edge.a)
        result = []
        for node in self.area_nodes:
            targets = sorted(links_to.get(node.slug, []), key=order.__getitem__)
            others = sorted(related.get(node.slug, []), key=order.__getitem__)
            if targets or others:
                result.append(Connections(node, [by_slug[s] for s in targets], [by_slug[s] for s in others]))
        return result

    def svg(self) -> str:
        return render_svg(self)


def build_relationship_map(glossary: Glossary, graph: LinkGraph, urls: UrlScheme, area_slug: str,
                           page_path: str) -> RelationshipMap:
    """The map of one area, with hrefs relative to ``page_path`` (the area page)."""
    area = glossary.areas[area_slug]
    all_members = [term.slug for term in glossary.area_members.get(area_slug, [])]
    links: set[tuple[str, str]] = set()  # (source, target): the source's text links to the target
    related: set[frozenset[str]] = set()
    for slug in all_members:
        links.update((slug, target) for target in graph.terms[slug].links_to if target != slug)
        related.update(frozenset((slug, other)) for other in graph.related.get(slug, []) if other != slug)
    pairs = {frozenset(link) for link in links} | related
    members = _most_connected_members(all_members, pairs)
    member_set = set(members)
    left_out = set(all_members) - member_set
    if left_out:  # their connections go too, or they would come back as "other areas"
        pairs = {pair for pair in pairs if not pair & left_out}
    others = _other_terms(pairs, members, glossary)
    if len(others) > MAX_OTHER_NODES:
        kept = set(_most_touching(others, pairs, member_set, glossary))
        others = [slug for slug in others if slug in kept]
    drawn = {slug: row for row, slug in enumerate([*members, *others])}
    edges = []
    for pair in pairs:
        if not all(slug in drawn for slug in pair):
            continue
        a, b = sorted(pair, key=drawn.__getitem__)
        edges.append(MapEdge(a, b, links_ab=(a, b) in links, links_ba=(b, a) in links, related=pair in related))
    edges.sort(key=lambda e: (drawn[e.a], drawn[e.b]))

    def node(slug: str) -> MapNode:
        term = glossary.terms[slug]
        return MapNode(slug, term.title, urls.relative(page_path, urls.term(slug)), slug in member_set,
                       tuple(glossary.areas[a].title for a in term.areas))

    return RelationshipMap(area_slug, area.title, [node(slug) for slug in drawn], edges,
                           hidden_terms=len(all_members) - len(members), term_count=len(all_members))


def _most_connected_members(members: list[str], pairs: set[frozenset[str]]) -> list[str]:
    """The area's terms a capped map draws, in the area's order: those with the most connections."""
    if len(members) <= MAX_AREA_NODES:
        return members
    degree = dict.fromkeys(members, 0)
    for pair in pairs:
        for slug in pair:
            if slug in degree:
                degree[slug] += 1
    order = {slug: index for index, slug in enumerate(members)}
    kept = set(sorted(members, key=lambda slug: (-degree[slug], order[slug]))[:MAX_AREA_NODES])
    return [slug for slug in members if slug in kept]


def _most_touching(others: list[str], pairs: set[frozenset[str]], members: set[str],
                   glossary: Glossary) -> list[str]:
    """The terms of other areas that connect to the most drawn terms; ties by title, for stable output."""
    touching = dict.fromkeys(others, 0)
    for pair in pairs:
        inside = [slug for slug in pair if slug in members]
        outside = [slug for slug in pair if slug in touching]
        if len(inside) == 1 and len(outside) == 1:
            touching[outside[0]] += 1
    return sorted(others, key=lambda slug: (-touching[slug], glossary.terms[slug].title.casefold(), slug)
                  )[:MAX_OTHER_NODES]


def _other_terms(pairs: Iterable[frozenset[str]], members: list[str], glossary: Glossary) -> list[str]:
    """The terms of other areas in the map, each placed near the area terms it connects to
    (by the mean of their rows), which keeps arcs short; ties by title, for stable output."""
    rows = {slug: row for row, slug in enumerate(members)}
    touching: dict[str, list[int]] = {}
    for pair in pairs:
        inside = [slug for slug in pair if slug in rows]
        outside = [slug for slug in pair if slug not in rows]
        if len(inside) == 1 and len(outside) == 1:
            touching.setdefault(outside[0], []).append(rows[inside[0]])

    def place(slug: str) -> tuple[float, str, str]:
        return sum(touching[slug]) / len(touching[slug]), glossary.terms[slug].title.casefold(), slug

    return sorted(touching, key=place)


# Rendering

def _text(value: str) -> str:
    """Character data and attribute values, escaped for XML (and for HTML, which embeds it)."""
    return html.escape(_XML_INVALID_RE.sub("", value), quote=True)


def _shorten(label: str, max_chars: int) -> str:
    return label if len(label) <= max_chars else label[: max_chars - 1].rstrip() + "…"


def _row_y(index: int, area_count: int) -> float:
    gap = GROUP_GAP if index >= area_count else 0
    return LEGEND_HEIGHT + ROW_HEIGHT / 2 + index * ROW_HEIGHT + gap


def _arc(y1: float, y2: float, longest: float) -> str:
    """A curve from one node to another bulging left, wider the longer it is.

    Widths grow in proportion up to the longest arc of the map, which takes all the room
    left of the column, so that arcs of different lengths stay apart instead of piling up.
    """
    room = COLUMN_X - NODE_RADIUS - ARC_LEFT - ARC_MIN
    reach = ARC_MIN + room * abs(y2 - y1) / longest if longest else ARC_MIN
    x = COLUMN_X - NODE_RADIUS
    control = x - reach * 4 / 3  # a cubic with these controls peaks at `reach`
    return f"M{x:g} {y1:g}C{control:g} {y1:g} {control:g} {y2:g} {x:g} {y2:g}"


def _legend() -> list[str]:
    y = 14
    return [
        '<g class="termsite-relmap-legend" aria-hidden="true">',
        f'<path class="termsite-relmap-edge termsite-relmap-link" d="M8 {y}H36" stroke="#3949ab" stroke-width="1.5"/>',
        f'<text x="42" y="{y + 4}" font-size="12" fill="#333">links in the text</text>',
        f'<path class="termsite-relmap-edge termsite-relmap-related" d="M170 {y}H198" stroke="#5c6bc0" '
        'stroke-width="1.5" stroke-dasharray="4 3"/>',
        f'<text x="204" y="{y + 4}" font-size="12" fill="#333">related terms</text>',
        "</g>",
    ]


def _description(rel_map: RelationshipMap) -> str:
    own, other = len(rel_map.area_nodes), len(rel_map.other_nodes)
    if rel_map.hidden_terms:
        text = f"The {own} most connected of the {rel_map.term_count} terms of {rel_map.area_title}"
    else:
        text = f"{own} term{'s' if own != 1 else ''} of {rel_map.area_title}"
    if other:
        text += f" and {other} term{'s' if other != 1 else ''} of other areas they connect to (faded)"
    return (f"{text}, with {len(rel_map.edges)} connection{'s' if len(rel_map.edges) != 1 else ''}. "
            "A solid arc means one term's text links to the other; a dashed arc means related terms.")


def render_svg(rel_map: RelationshipMap) -> str:
    """The map as an SVG element, every label escaped; ids are unique per area."""
    area_count = len(rel_map.area_nodes)
    rows = {node.slug: _row_y(index, area_count) for index, node in enumerate(rel_map.nodes)}
    last_row = _row_y(len(rel_map.nodes) - 1, area_count) if rel_map.nodes else LEGEND_HEIGHT
    height = last_row + ROW_HEIGHT / 2 + 4
    id_base = "relmap-" + re.sub(r"[^A-Za-z0-9_-]", "-", rel_map.area_slug)
    max_chars = int((WIDTH - COLUMN_X - LABEL_GAP - 4) / CHAR_WIDTH)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="termsite-relmap-svg" '
        f'viewBox="0 0 {WIDTH} {height:g}" width="100%" font-family="sans-serif" role="group" '
        f'aria-labelledby="{id_base}-title" aria-describedby="{id_base}-desc">',
        f'<title id="{id_base}-title">{_text("Relationship map of " + rel_map.area_title)}</title>',
        f'<desc id="{id_base}-desc">{_text(_description(rel_map))}</desc>',
        *_legend(),
        '<g class="termsite-relmap-edges" fill="none" aria-hidden="true">',
    ]
    longest = max((abs(rows[e.b] - rows[e.a]) for e in rel_map.edges), default=0.0)
    for edge in rel_map.edges:
        out.append(_edge_svg(edge, rows, rel_map, longest))
    out.append("</g>")
    if rel_map.other_nodes:
        heading_y = rows[rel_map.other_nodes[0].slug] - ROW_HEIGHT / 2 - 8
        out.append(f'<text class="termsite-relmap-heading" x="{COLUMN_X - NODE_RADIUS:g}" y="{heading_y:g}" '
                   f'font-size="12" fill="#555" aria-hidden="true">In other areas</text>')
    out.append('<g class="termsite-relmap-nodes">')
    for node in rel_map.nodes:
        out.append(_node_svg(node, rows[node.slug], max_chars))
    out.append("</g></svg>")
    return "\n".join(out)


def _edge_svg(edge: MapEdge, rows: dict[str, float], rel_map: RelationshipMap, longest: float) -> str:
    kind = "link" if edge.linked else "related"
    faded = not (rel_map.node(edge.a).in_area and rel_map.node(edge.b).in_area)
    classes = f"termsite-relmap-edge termsite-relmap-{kind}" + (" termsite-relmap-faded" if faded else "")
    dash = ' stroke-dasharray="4 3"' if kind == "related" else ""
    opacity = ' stroke-opacity="0.45"' if faded else ""
    color = "#3949ab" if kind == "link" else "#5c6bc0"
    return (f'<path class="{classes}" d="{_arc(rows[edge.a], rows[edge.b], longest)}" stroke="{color}" '
            f'stroke-width="1.5"{dash}{opacity}/>')


def _node_svg(node: MapNode, y: float, max_chars: int) -> str:
    classes = "termsite-relmap-node" + ("" if node.in_area else " termsite-relmap-faded")
    tooltip = node.title if node.in_area else f"{node.title} (in {', '.join(node.areas)})"
    fill = "#3949ab" if node.in_area else "#9fa8da"
    color = "#1a1a1a" if node.in_area else "#555"
    return (f'<a class="{classes}" href="{_text(node.href)}"><title>{_text(tooltip)}</title>'
            f'<circle cx="{COLUMN_X}" cy="{y:g}" r="{NODE_RADIUS}" fill="{fill}"/>'
            f'<text x="{COLUMN_X + LABEL_GAP}" y="{y + FONT_SIZE * 0.35:g}" font-size="{FONT_SIZE}" '
            f'fill="{color}">{_text(_shorten(node.title, max_chars))}</text></a>')
