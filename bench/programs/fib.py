"""Function calls and recursion (twin of fib.4dm)."""


def fib_r(n: int) -> int:
    if n < 2:
        r = n
    else:
        r = fib_r(n - 1) + fib_r(n - 2)
    return r


def main(n: int) -> None:
    print(fib_r(n))
