"""Entry script of the packaged `curator` command (PyInstaller needs a script, not a function)."""

import multiprocessing

from curator.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    main()
