"""Write a synthetic, valid catalog: N topics with realistic bodies and prerequisite links, and paths.

usage: python bench/synthetic_catalog.py DIR [--topics 10000] [--paths 200]

Prerequisites point only at topics with a smaller number, so the graph is acyclic; every
path lists its topics in increasing number, so no path orders a topic before its
prerequisite, and is open, since its topics are a random sample; each review question names
its topic, so none repeats another's: `skilltree check DIR --strict` passes.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

VOCABULARY = (
    "request response latency index query transaction replica partition cache queue broker "
    "consumer producer schema migration deploy rollback container cluster node service client "
    "server protocol header payload token session cookie encryption certificate handshake retry "
    "timeout backoff throughput bottleneck profile thread process memory disk network packet "
    "socket stream batch event log metric trace alert dashboard budget incident review test "
    "fixture mock contract pipeline build artifact release version branch merge commit"
).split()
LEVELS = ("beginner", "intermediate", "advanced")


def body(rng: random.Random, words: int) -> str:
    paragraphs = []
    remaining = words
    while remaining > 0:
        size = min(remaining, rng.randint(40, 90))
        sentence_words = [rng.choice(VOCABULARY) for _ in range(size)]
        paragraphs.append(" ".join(sentence_words).capitalize() + ".")
        remaining -= size
    heading = "## Key ideas\n\n"
    return paragraphs[0] + "\n\n" + heading + "\n\n".join(paragraphs[1:]) + "\n"


def topic_text(rng: random.Random, number: int) -> str:
    prerequisites = sorted({f"topic-{rng.randrange(number)}" for _ in range(rng.randint(0, 3))}) if number else []
    return (
        "---\n"
        f"title: Topic {number}\n"
        f'summary: "A synthetic topic about {rng.choice(VOCABULARY)} and {rng.choice(VOCABULARY)}."\n'
        f"level: {rng.choice(LEVELS)}\n"
        f"tags: [{rng.choice(VOCABULARY)}, {rng.choice(VOCABULARY)}]\n"
        f"prerequisites: [{', '.join(prerequisites)}]\n"
        "resources:\n"
        f'  - {{type: docs, title: "Reference for topic {number}", url: "https://docs.example.org/{number}"}}\n'
        f'  - {{type: book, title: "A book on {rng.choice(VOCABULARY)}", author: "A. Writer"}}\n'
        "review:\n"
        f'  - {{id: what, q: "What is {rng.choice(VOCABULARY)} in topic {number}?", a: "It is {rng.choice(VOCABULARY)}."}}\n'
        f'  - {{id: why, q: "Why does {rng.choice(VOCABULARY)} matter to topic {number}?", a: "Because of {rng.choice(VOCABULARY)}."}}\n'
        "---\n" + body(rng, rng.randint(250, 900))
    )


def path_text(rng: random.Random, number: int, members: list[int]) -> str:
    members = sorted(members)
    size = max(1, len(members) // 5)
    sections = [members[i : i + size] for i in range(0, len(members), size)]
    lines = [f"title: Path {number}", f'summary: "Synthetic path number {number}."', "open: true", "sections:"]
    for index, section in enumerate(sections):
        topics = ", ".join(
            f"{{topic: topic-{t}, optional: true}}" if rng.random() < 0.1 else f"topic-{t}" for t in section
        )
        lines += [f"  - title: Section {index + 1}", f'    summary: "Part {index + 1}."', f"    topics: [{topics}]"]
    return "\n".join(lines) + "\n"


def write_catalog(root: Path, topics: int = 10_000, paths: int = 200, seed: int = 7) -> Path:
    rng = random.Random(seed)
    (root / "topics").mkdir(parents=True, exist_ok=True)
    (root / "paths").mkdir(parents=True, exist_ok=True)
    for number in range(topics):
        (root / "topics" / f"topic-{number}.md").write_text(topic_text(rng, number), encoding="utf-8")
    # Every topic is in at least one path (no "unused" warnings); paths also overlap at random.
    shuffled = list(range(topics))
    rng.shuffle(shuffled)
    share = -(-topics // paths)
    for number in range(paths):
        members = set(shuffled[number * share : (number + 1) * share])
        members.update(rng.sample(range(topics), min(topics, 10)))
        (root / "paths" / f"path-{number}.yaml").write_text(path_text(rng, number, list(members)), encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--topics", type=int, default=10_000)
    parser.add_argument("--paths", type=int, default=200)
    args = parser.parse_args()
    write_catalog(args.directory, args.topics, args.paths)
    print(f"wrote {args.topics} topics and {args.paths} paths to {args.directory}")


if __name__ == "__main__":
    main()
