"""Write a synthetic decision tree in our content format: deterministic, every node reachable."""

from __future__ import annotations

import random
import sys
from pathlib import Path

WORDS = (
    "beleid burger participatie traject inzicht advies ruimte mandaat doelgroep werving "
    "capaciteit budget planning overleg gemeente ministerie uitvoering evaluatie verslag "
    "voorstel besluit inbreng ervaring dialoog enquête begeleiding maatwerk"
).split()


def sentence(rng: random.Random) -> str:
    """Make one Dutch-looking sentence."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def body(rng: random.Random, size: int = 1500, rich: bool = False) -> str:
    """Make about `size` characters of Markdown: paragraphs, a list, emphasis; rich adds
    links, code, tables and line breaks (every inline pattern has work)."""
    parts: list[str] = []
    while sum(len(p) for p in parts) < size:
        kind = rng.random()
        if rich and kind < 0.1:
            parts.append(
                f"Zie [de wet](https://wetten.overheid.nl/) en `code` & meer.  \n{sentence(rng)}"
            )
        elif rich and kind < 0.15:
            parts.append("| Rol | Wie |\n|---|---|\n| " + sentence(rng) + " | _ieder_ |")
        elif kind < 0.2:
            parts.append("\n".join(f"- {sentence(rng)}" for _ in range(3)))
        elif kind < 0.3:
            parts.append(f"**{sentence(rng)}** {sentence(rng)}")
        else:
            parts.append(" ".join(sentence(rng) for _ in range(3)))
    return "\n\n".join(parts) + "\n"


# Tree shapes for the stage bench (bench/stages.py): fan-out, page size, rich text, steps.
SHAPES = {
    "breed": {"fanout": (2, 4), "size": 1500, "rich": False, "steps": 7},
    "diep": {"fanout": (1, 2), "size": 400, "rich": False, "steps": 40},
    "rijk": {"fanout": (4, 8), "size": 4000, "rich": True, "steps": 5},
}


def plan(
    count: int, seed: int = 1, fanout: tuple[int, int] = (2, 4)
) -> list[tuple[int, list[int]]]:
    """Give each node i its depth and children: fanout of the next free nodes, breadth-first."""
    rng = random.Random(seed)
    children: list[list[int]] = [[] for _ in range(count)]
    depth = [0] * count
    next_free = 1
    for i in range(count):
        if next_free >= count:
            break
        kids = list(range(next_free, min(count, next_free + rng.randint(*fanout))))
        next_free += len(kids)
        children[i] = kids
        for kid in kids:
            depth[kid] = depth[i] + 1
    return list(zip(depth, children, strict=True))


def write_tree(
    folder: Path,
    count: int,
    seed: int = 1,
    fanout: tuple[int, int] = (2, 4),
    size: int = 1500,
    rich: bool = False,
    steps: int = 7,
) -> Path:
    """Write site.yml and `count` node files into folder; return the folder."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.yml").write_text(
        f"title: Testboom van {count} knopen\nstart: k00000\n", encoding="utf-8"
    )
    for i, (depth, kids) in enumerate(plan(count, seed, fanout)):
        lines = ["---", f"title: Vraag {i} - {sentence(rng)[:-1]}?"]
        if depth:
            lines.append(f"step: {min(depth, steps)}")
        if len(kids) == 1:
            lines.append(f"next: k{kids[0]:05d}")
        elif kids:
            lines.append("options:")
            for n, kid in enumerate(kids):
                lines += [
                    f"  - label: Antwoord {n + 1} ({rng.choice(WORDS)})",
                    f"    next: k{kid:05d}",
                ]
        lines.append("---")
        sub = folder / f"stap{min(depth, 7)}"
        sub.mkdir(exist_ok=True)
        text = "\n".join(lines) + "\n" + body(rng, size, rich)
        (sub / f"k{i:05d}.md").write_text(text, encoding="utf-8")
    return folder


if __name__ == "__main__":
    write_tree(Path(sys.argv[1]), int(sys.argv[2]))
