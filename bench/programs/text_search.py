"""Text building and searching (twin of text_search.4dm)."""


def main(n: int) -> None:
    hits = 0
    chars = 0
    all_ = ""
    for i in range(1, n + 1):
        line = ""
        for k in range(1, 9):
            line = line + "w" + str((i + k) % 97) + " "
        p = line.find("w42 ")
        while p >= 0:
            hits = hits + 1
            p = line.find("w42 ", p + 1)
        line = line.replace("w1", "x")
        chars = chars + len(line)
        if i % 100 == 0:
            all_ = all_ + line[0:10]
    print(f"{hits} {chars} {len(all_)}")
