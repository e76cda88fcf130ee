"""Object and collection churn (twin of objects.4dm)."""


def main(n: int) -> None:
    c = []
    for i in range(1, n + 1):
        c.append({"id": i, "group": i % 10, "score": (i * 7) % 101})
    total = 0
    big = 0
    for o in c:
        total = total + o["score"] + o["group"]
        if o["score"] > 90:
            o["flag"] = True
            big = big + 1
    for i in range(0, len(c), 3):
        c[i]["score"] = c[i]["score"] + 1
    total = total + c[0]["score"] + c[3]["score"]
    print(f"{total} {big} {len(c)}")
