"""Class instances and method calls (twin of classes.4dm)."""


class BenchPoint:
    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y

    def plus(self, p: "BenchPoint") -> "BenchPoint":
        return BenchPoint(self.x + p.x, self.y + p.y)

    def norm2(self) -> float:
        return self.x * self.x + self.y * self.y


def main(n: int) -> None:
    acc = BenchPoint(0, 0)
    s = 0
    for i in range(1, n + 1):
        p = BenchPoint(i % 5, i % 3)
        acc = acc.plus(p)
        s = s + p.norm2()
    print(f"{acc.x} {acc.y} {s}")
