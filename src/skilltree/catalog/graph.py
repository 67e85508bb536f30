"""The prerequisite graph: cycles and what a topic unlocks."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence

Graph = Mapping[str, Sequence[str]]


def find_cycles(graph: Graph) -> list[list[str]]:
    """One cycle per strongly connected component that has one, as [a, b, ..., a].

    Iterative Tarjan, so a long prerequisite chain cannot overflow the stack.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(graph.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph.get(child, ()))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    cycle = _cycle_in(component, graph)
                    if cycle:
                        cycles.append(cycle)
    return sorted(cycles)


def _cycle_in(component: set[str], graph: Graph) -> list[str] | None:
    start = min(component)
    if len(component) == 1 and start not in graph.get(start, ()):
        return None
    # Shortest way from start back to itself, staying inside the component.
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in graph.get(node, ()):
            if child not in component:
                continue
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [start, *reversed(path[:-1]), start]
            if child not in came_from:
                came_from[child] = node
                queue.append(child)
    return None


def dependents(graph: Graph) -> dict[str, list[str]]:
    """For each topic, the topics that list it as a prerequisite (what it unlocks)."""
    unlocks: dict[str, list[str]] = {}
    for topic, prerequisites in graph.items():
        for prerequisite in prerequisites:
            unlocks.setdefault(prerequisite, []).append(topic)
    return unlocks
