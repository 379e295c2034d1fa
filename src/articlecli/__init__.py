"""articlecli: read news articles in the terminal and ask them questions."""

__version__ = "0.1.0"
