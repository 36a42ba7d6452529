"""Each rank says it is waiting, then sleeps until a signal ends it: a job to try Cancel on.

It does not busy-loop: signal.pause() sleeps until a signal arrives. SIGTERM (what Cancel
sends first) and SIGINT end it with a last line.
"""
import signal
import sys

from hello_ranks import rank_and_size


def main():
    rank, _size = rank_and_size()

    def stop(signum, _frame):
        print(f"rank {rank} got {signal.Signals(signum).name}, exiting", flush=True)
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"rank {rank} waiting", flush=True)
    while True:
        signal.pause()


if __name__ == "__main__":
    main()
