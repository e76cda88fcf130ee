"""orderBy and query over a list of dicts (twin of coll_query.4dm)."""


def main(n: int) -> None:
    c = []
    for i in range(1, n + 1):
        c.append({"id": i, "group": i % 10, "score": (i * 7) % 101})
    ordered = sorted(c, key=lambda o: (-o["score"], o["id"]))
    found = [o for o in c if o["group"] == 3 and o["score"] > 50]
    print(f"{ordered[0]['id']} {ordered[n - 1]['id']} {len(found)} {found[0]['id']}")
