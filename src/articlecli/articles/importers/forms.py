"""The kinds of source ``import`` reads (its ``--from``): light, for the command line."""

from __future__ import annotations

from enum import Enum


class Form(str, Enum):
    TEXT = "text"
    HTML = "html"
    MARKDOWN = "markdown"
    FEED = "feed"
    YAML = "yaml"  # articlecli's own article format
