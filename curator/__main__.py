"""`python -m curator` runs the same entry point as the `curator` command."""

from curator.cli import main

if __name__ == "__main__":
    main()
