"""Sieve of Eratosthenes over a list of booleans (twin of sieve.4dm)."""


def main(n: int) -> None:
    flags = []
    for _ in range(0, n + 1):
        flags.append(True)
    count = 0
    for i in range(2, n + 1):
        if flags[i]:
            count = count + 1
            j = i * i
            while j <= n:
                flags[j] = False
                j = j + i
    print(count)
