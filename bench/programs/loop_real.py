"""Counted loop with real arithmetic (twin of loop_real.4dm)."""

import math


def main(n: int) -> None:
    pi = 0.0
    sign = 1.0
    h = 0.0
    for i in range(n):
        pi = pi + sign / (2 * i + 1)
        sign = -sign
        h = h + 1 / (i + 1)
    pi = pi * 4
    print(f"{math.floor(pi * 1000000)} {math.floor(h * 1000000)}")
