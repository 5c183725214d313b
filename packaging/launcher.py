"""Entry script of the packaged app: the same `main` as the `voicecoach` console script."""

import multiprocessing
import sys

from voicecoach.__main__ import main

if __name__ == "__main__":
    # A frozen app starts spawned child processes by running itself again; this runs their task instead.
    multiprocessing.freeze_support()
    sys.exit(main())
