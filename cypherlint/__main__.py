"""``python -m cypherlint`` is the ``cypherlint`` command."""

from cypherlint.cli import main

if __name__ == "__main__":
    main()
