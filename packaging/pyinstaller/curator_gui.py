"""Entry script of the packaged `curator-gui` window (no console on Windows; `%f` on Linux)."""

import multiprocessing

from curator.gui.app import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    main()
