"""map/filter/reduce with callbacks and direct function calls (twin of formulas.4dm)."""

from functools import reduce


def main(n: int) -> None:
    c = []
    for i in range(1, n + 1):
        c.append(i)
    doubled = list(map(lambda v: v * 2, c))
    thirds = list(filter(lambda v: v % 3 == 0, doubled))
    s = reduce(lambda acc, v: acc + v, thirds, 0)
    sq = lambda v: (v * v) % 1000  # noqa: E731
    t = 0
    for i in range(1, n + 1):
        t = t + sq(i)
    print(f"{len(thirds)} {s} {t}")
