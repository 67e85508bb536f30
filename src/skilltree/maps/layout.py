"""Where each topic of a map goes: a pure computation from the catalog, the same picture for the
same content (it is cached per catalog and path, and learners' statuses never move anything).

The layered layout itself (which topics share a row, and their order in it so that few edges
cross) comes from grandalf's Sugiyama layout, run on each group of topics linked by
prerequisites. What is ours is only the packing: groups side by side within a width a page can
hold, and sections one under another along a spine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from grandalf.graphs import Edge, Vertex, graph_core
from grandalf.layouts import SugiyamaLayout

from skilltree.catalog.graph import dependents
from skilltree.catalog.models import Catalog, Level, Path

NODE_WIDTH = 184
NODE_HEIGHT = 50
GAP_X = 16
GAP_Y = 34  # room for the edges between two rows
COLUMNS = 4  # nodes side by side at most: the map fits a desktop page's column
CONTENT_WIDTH = COLUMNS * NODE_WIDTH + (COLUMNS - 1) * GAP_X
SPINE_X = 18
# Between the spine and the topics, edges from one section to another run down lanes of their own,
# so that they do not cross the topics of the sections between.
LANES = 10
LANE_STEP = 3
FIRST_LANE_X = 36
CONTENT_X = FIRST_LANE_X + LANES * LANE_STEP + 12
MARGIN = 12
LEGEND_HEIGHT = 34
SECTION_HEAD = 40  # the section's title, above its topics
SECTION_GAP = 26
LINE_CHARS = 19  # of a title, per line inside a node (13 px type)
NEIGHBOURHOOD_STEPS = 2
COLUMN_GAP = 44  # between the columns of a neighbourhood


@dataclass(frozen=True, slots=True)
class MapNode:
    topic_id: str
    title: str
    lines: tuple[str, ...]  # the title as drawn: at most two lines
    level: Level
    optional: bool
    x: float  # top-left corner
    y: float


@dataclass(frozen=True, slots=True)
class MapEdge:
    prerequisite: str
    topic: str
    d: str  # the SVG path
    near: bool  # both ends in one section: drawn stronger than an edge that crosses sections


@dataclass(frozen=True, slots=True)
class MapSection:
    number: int
    title: str
    y: float  # of the section's marker on the spine


# Equal only to itself, and hashed as an object is: each layout is computed once per catalog
# (maps/cache.py), and web.templating keeps drawings by layout, which hashing field by field would
# make walk every node at each view.
@dataclass(frozen=True, slots=True, eq=False)
class MapLayout:
    title: str
    width: float
    height: float
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    sections: tuple[MapSection, ...]  # empty for a map without a spine (a topic's neighbourhood)
    spine: tuple[float, float] | None  # top and bottom of the spine


@dataclass(frozen=True, slots=True)
class _Block:
    """A group of linked topics laid out on its own: rows of (topic id, x offset)."""

    width: float
    rows: tuple[tuple[tuple[str, float], ...], ...]

    @property
    def height(self) -> float:
        return len(self.rows) * NODE_HEIGHT + (len(self.rows) - 1) * GAP_Y


def path_layout(path: Path, catalog: Catalog) -> MapLayout:
    """A path's map: its sections in order along a spine, each section's topics in rows beside it."""
    section_of: dict[str, int] = {}
    placed: dict[str, tuple[float, float]] = {}
    sections = []
    y = MARGIN + LEGEND_HEIGHT
    for number, section in enumerate(path.sections, start=1):
        ids = [e.topic_id for e in section.entries if e.topic_id in catalog.topics and e.topic_id not in section_of]
        sections.append(MapSection(number, section.title, y + 10))
        for topic_id in ids:
            section_of[topic_id] = number
        offsets, height = _pack(_blocks(ids, _edges_among(ids, catalog)))
        for topic_id in ids:  # in reading order, which is the order a keyboard visits them
            dx, dy = offsets[topic_id]
            placed[topic_id] = (CONTENT_X + dx, y + SECTION_HEAD + dy)
        y += SECTION_HEAD + height + SECTION_GAP
    optional = {e.topic_id for e in path.entries if e.optional}
    nodes = _nodes(catalog, placed, optional)
    links = _edges_among(list(placed), catalog)
    far = [(q, t) for q, t in links if section_of[q] != section_of[t]]
    lanes = _lanes([(placed[q][1], placed[t][1]) for q, t in far])
    edges = tuple(
        MapEdge(q, t, _edge_path(placed[q], placed[t]), near=True) for q, t in links if section_of[q] == section_of[t]
    ) + tuple(MapEdge(q, t, _gutter_path(placed[q], placed[t], lane), near=False) for (q, t), lane in zip(far, lanes))
    spine = (sections[0].y, sections[-1].y) if sections else None
    return MapLayout(path.title, CONTENT_X + CONTENT_WIDTH + MARGIN, y - SECTION_GAP + MARGIN, nodes, edges, tuple(sections), spine)


def neighbourhood_layout(catalog: Catalog, topic_id: str) -> MapLayout:
    """A topic with what it needs and what it unlocks, NEIGHBOURHOOD_STEPS steps each way, drawn
    left to right: a column per step, the topic in the middle column."""
    topic = catalog.topics[topic_id]
    graph = {t.id: t.prerequisites for t in catalog.topics.values()}
    step = {topic_id: 0}
    step.update({t: -d for t, d in _steps_away(topic_id, graph).items()})
    step.update({t: d for t, d in _steps_away(topic_id, {t: sorted(d) for t, d in dependents(graph).items()}).items()})
    ids = sorted(step, key=lambda t: (step[t], t))
    # Only the edges from one column to the next: the way to the topic and on from it.
    edges = [(q, t) for q, t in _edges_among(ids, catalog) if step[t] - step[q] == 1]
    vertices = {t: Vertex(t) for t in ids}
    for vertex in vertices.values():
        vertex.view = _Size(sideways=True)
    sugiyama = SugiyamaLayout(graph_core(list(vertices.values()), [Edge(vertices[q], vertices[t]) for q, t in edges]))
    sugiyama.xspace, sugiyama.yspace = GAP_X, COLUMN_GAP
    # optimize: a needed topic sits in the column just before what needs it, not at the far left.
    sugiyama.init_all(optimize=True)
    sugiyama.draw()
    # grandalf lays layers out top to bottom; turned a quarter, its layers become columns.
    corners = {t: (v.view.xy[1] - NODE_WIDTH / 2, v.view.xy[0] - NODE_HEIGHT / 2) for t, v in vertices.items()}
    left, top = min(x for x, _ in corners.values()), min(y for _, y in corners.values())
    placed = {t: (MARGIN + x - left, MARGIN + y - top) for t, (x, y) in corners.items()}
    nodes = _nodes(catalog, placed, optional=set())
    drawn = tuple(MapEdge(q, t, _sideways_edge_path(placed[q], placed[t]), near=True) for q, t in edges)
    width = max(x for x, _ in placed.values()) + NODE_WIDTH + MARGIN
    height = max(y for _, y in placed.values()) + NODE_HEIGHT + MARGIN
    return MapLayout(f"Around {topic.title}", width, height, nodes, drawn, (), None)


def _steps_away(start: str, graph: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """The topics reached from `start` in 1 to NEIGHBOURHOOD_STEPS steps, with the fewest steps to each."""
    found: dict[str, int] = {}
    frontier = [start]
    for distance in range(1, NEIGHBOURHOOD_STEPS + 1):
        frontier = [n for node in frontier for n in graph.get(node, ()) if n != start and n not in found]
        found.update((n, distance) for n in frontier)
    return found


def _edges_among(ids: Sequence[str], catalog: Catalog) -> list[tuple[str, str]]:
    """(prerequisite, topic) for each prerequisite of a topic in `ids` that is also in `ids`, in order."""
    present = set(ids)
    return [(q, t) for t in ids for q in catalog.topics[t].prerequisites if q in present]


def _nodes(catalog: Catalog, placed: dict[str, tuple[float, float]], optional: set[str]) -> tuple[MapNode, ...]:
    nodes = []
    for topic_id, (x, y) in placed.items():
        topic = catalog.topics[topic_id]
        nodes.append(MapNode(topic_id, topic.title, wrap_title(topic.title), topic.level, topic_id in optional, x, y))
    return tuple(nodes)


def wrap_title(title: str, width: int = LINE_CHARS, lines: int = 2) -> tuple[str, ...]:
    """The title in at most `lines` lines of about `width` characters, cut with an ellipsis if longer."""
    out: list[str] = []
    words = title.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words or any(len(line) > width for line in out):
        last = (out[-1] + " " + " ".join(words)).strip()
        out[-1] = last[: width - 1].rstrip() + "…"
    return tuple(out)


def _blocks(ids: list[str], edges: list[tuple[str, str]]) -> list[_Block]:
    """One block per group of topics linked by prerequisites, in reading order of their first topic."""
    vertices = {topic_id: Vertex(topic_id) for topic_id in ids}
    for vertex in vertices.values():
        vertex.view = _Size()
    links = [Edge(vertices[q], vertices[t]) for q, t in edges]
    blocks = []
    for group in _groups(ids, edges):
        if len(group) == 1:
            blocks.append(_Block(NODE_WIDTH, (((group[0], 0.0),),)))
            continue
        members = set(group)
        # graph_core takes the edges as a list, so the layout never depends on set order.
        component = graph_core([vertices[t] for t in group], [e for e in links if e.v[0].data in members])
        sugiyama = SugiyamaLayout(component)
        sugiyama.xspace, sugiyama.yspace = GAP_X, GAP_Y
        sugiyama.init_all()
        sugiyama.draw()
        blocks.append(_block_from(sugiyama))
    return blocks


class _Size:
    """What grandalf asks of a vertex's drawing: its size; it writes the centre into xy."""

    def __init__(self, sideways: bool = False) -> None:
        self.w, self.h = (NODE_HEIGHT, NODE_WIDTH) if sideways else (NODE_WIDTH, NODE_HEIGHT)
        self.xy = (0.0, 0.0)


def _block_from(sugiyama: SugiyamaLayout) -> _Block:
    layers = [[v for v in layer if isinstance(v, Vertex)] for layer in sugiyama.layers]
    layers = [layer for layer in layers if layer]
    xs = [v.view.xy[0] for layer in layers for v in layer]
    left = min(xs) - NODE_WIDTH / 2
    width = max(xs) + NODE_WIDTH / 2 - left
    if width <= CONTENT_WIDTH:
        rows = tuple(tuple((v.data, v.view.xy[0] - NODE_WIDTH / 2 - left) for v in layer) for layer in layers)
        return _Block(width, rows)
    # Wider than a page: each layer keeps its order but wraps onto as many rows as it needs.
    step = NODE_WIDTH + GAP_X
    rows = tuple(
        tuple((v.data, i * step) for i, v in enumerate(layer[start:start + COLUMNS]))
        for layer in layers
        for start in range(0, len(layer), COLUMNS)
    )
    return _Block(CONTENT_WIDTH, rows)


def _groups(ids: list[str], edges: list[tuple[str, str]]) -> list[list[str]]:
    """The connected groups of `ids`, each in reading order, ordered by their first topic."""
    group_of = {topic_id: [topic_id] for topic_id in ids}
    for q, t in edges:
        a, b = group_of[q], group_of[t]
        if a is not b:
            a.extend(b)
            for member in b:
                group_of[member] = a
    order = {topic_id: i for i, topic_id in enumerate(ids)}
    unique = {id(group): group for group in group_of.values()}.values()
    return sorted((sorted(group, key=order.__getitem__) for group in unique), key=lambda g: order[g[0]])


def _pack(blocks: list[_Block]) -> tuple[dict[str, tuple[float, float]], float]:
    """Blocks left to right in shelves CONTENT_WIDTH wide; each topic's (x, y) offset, and the height."""
    offsets: dict[str, tuple[float, float]] = {}
    x = shelf_y = shelf_height = 0.0
    for block in blocks:
        if x and x + block.width > CONTENT_WIDTH:
            x, shelf_y, shelf_height = 0.0, shelf_y + shelf_height + GAP_Y, 0.0
        for row_number, row in enumerate(block.rows):
            for topic_id, dx in row:
                offsets[topic_id] = (x + dx, shelf_y + row_number * (NODE_HEIGHT + GAP_Y))
        x += block.width + GAP_X
        shelf_height = max(shelf_height, block.height)
    return offsets, shelf_y + shelf_height


def _edge_path(start: tuple[float, float], end: tuple[float, float]) -> str:
    """From the prerequisite to the topic that needs it: bottom to top when the topic is lower down,
    else round the right-hand side (a path may list a topic before its prerequisite)."""
    (x1, y1), (x2, y2) = start, end
    if y2 > y1:
        ax, ay, bx, by = x1 + NODE_WIDTH / 2, y1 + NODE_HEIGHT, x2 + NODE_WIDTH / 2, y2
        bend = max(GAP_Y, (by - ay) / 3)
        return f"M{ax:.0f},{ay:.0f}C{ax:.0f},{ay + bend:.0f} {bx:.0f},{by - bend:.0f} {bx:.0f},{by:.0f}"
    ax, ay, bx, by = x1 + NODE_WIDTH, y1 + NODE_HEIGHT / 2, x2 + NODE_WIDTH, y2 + NODE_HEIGHT / 2
    reach = max(ax, bx) + GAP_X
    return f"M{ax:.0f},{ay:.0f}C{reach:.0f},{ay:.0f} {reach:.0f},{by:.0f} {bx:.0f},{by:.0f}"


def _sideways_edge_path(start: tuple[float, float], end: tuple[float, float]) -> str:
    """From the right side of the prerequisite to the left side of the topic in the next column."""
    (x1, y1), (x2, y2) = start, end
    ax, ay, bx, by = x1 + NODE_WIDTH, y1 + NODE_HEIGHT / 2, x2, y2 + NODE_HEIGHT / 2
    bend = (bx - ax) / 2
    return f"M{ax:.0f},{ay:.0f}C{ax + bend:.0f},{ay:.0f} {bx - bend:.0f},{by:.0f} {bx:.0f},{by:.0f}"


def _lanes(spans: list[tuple[float, float]]) -> list[int]:
    """A lane for each vertical span, spans that overlap in different lanes while there are enough
    (else the lane free soonest): interval colouring, first fit in order of the spans' tops."""
    free_from = [float("-inf")] * LANES
    lanes = [0] * len(spans)
    for index in sorted(range(len(spans)), key=lambda i: (min(spans[i]), max(spans[i]))):
        top, bottom = min(spans[index]), max(spans[index])
        lane = next((n for n in range(LANES) if free_from[n] < top), min(range(LANES), key=free_from.__getitem__))
        free_from[lane] = bottom + NODE_HEIGHT
        lanes[index] = lane
    return lanes


def _gutter_path(start: tuple[float, float], end: tuple[float, float], lane: int) -> str:
    """Out of the prerequisite's left side to its lane, along it, and into the topic's left side."""
    (x1, y1), (x2, y2) = start, end
    lane_x = FIRST_LANE_X + lane * LANE_STEP
    ay, by = y1 + NODE_HEIGHT / 2 + 6, y2 + NODE_HEIGHT / 2 - 6  # off the middle, clear of the other edges
    turn = 6 if by > ay else -6
    return (
        f"M{x1:.0f},{ay:.0f}H{lane_x + 6:.0f}Q{lane_x:.0f},{ay:.0f} {lane_x:.0f},{ay + turn:.0f}"
        f"V{by - turn:.0f}Q{lane_x:.0f},{by:.0f} {lane_x + 6:.0f},{by:.0f}H{x2:.0f}"
    )
