"""``python -m fairweather``: the command line, as the ``fairweather`` script."""

from fairweather.cli import main

if __name__ == "__main__":
    main()
