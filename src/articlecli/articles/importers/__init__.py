"""Importers: each turns one kind of source (plain text, HTML, Markdown, a feed) into
articles. ``sources.py`` decides which one a source needs."""
