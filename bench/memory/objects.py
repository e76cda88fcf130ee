"""Peak memory of n small dicts in a list (twin of objects.4dm; n is the first argument)."""

import sys


def main(n: int) -> None:
    c = []
    for i in range(1, n + 1):
        c.append({"id": i, "name": "item"})
    print(len(c))


if __name__ == "__main__":
    main(int(sys.argv[1]))
