"""Counted loop with integer arithmetic (twin of loop_int.4dm)."""


def main(n: int) -> None:
    s = 0
    for i in range(1, n + 1):
        x = i % 7
        if x == 3:
            s = (s + i * 3) % 1000003
        else:
            s = s + x
    print(s)
