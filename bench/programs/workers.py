"""A pool of 4 worker threads fed through queues (twin of workers.4dm)."""

import queue
import threading


def main(n: int) -> None:
    state = {"done": 0, "total": 0, "expected": 8}
    lock = threading.RLock()

    def task(k: int, n: int) -> None:
        s = 0
        for i in range(1, n + 1):
            s = (s + i * k) % 1000003
        with lock:
            state["total"] = state["total"] + s
            state["done"] = state["done"] + 1
            if state["done"] == state["expected"]:
                print(f"{state['done']} {state['total']}")

    def worker(q: queue.Queue) -> None:
        while True:
            job = q.get()
            if job is None:
                return
            task(*job)

    queues = [queue.Queue() for _ in range(4)]
    threads = [threading.Thread(target=worker, args=(q,)) for q in queues]
    for t in threads:
        t.start()
    for w in range(1, 9):
        queues[w % 4].put((w, n))
    for q in queues:
        q.put(None)
    for t in threads:
        t.join()
