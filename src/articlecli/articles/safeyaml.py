"""A YAML reader that builds a node tree with positions and refuses what an
article never needs: aliases (alias bombs), deep nesting, several documents,
and Python tags.

Nodes are built from parser events rather than by ``yaml.compose`` so that an
alias or a runaway nesting level is refused the moment the parser reaches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from .yamlwords import explain, position, unreadable_character

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
_RESOLVER = yaml.resolver.Resolver()
_ALLOWED_TAGS = {"!", *(f"tag:yaml.org,2002:{name}" for name in
                       ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))}


@dataclass
class Node:
    """A YAML node: ``kind`` is "scalar", "list" or "mapping"; 1-based position."""

    kind: str
    line: int
    column: int
    value: Any = None  # str for a scalar, list[Node] for a list, list[(Node, Node)] for a mapping
    tag: str | None = None
    plain: bool = False  # an unquoted scalar, whose type YAML infers


class YamlSyntaxError(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


def compose(text: str) -> Node | None:
    """The single document in ``text`` as a Node tree, or None for an empty stream."""
    if not text.strip():
        return None  # only whitespace, which may include tabs YAML refuses to scan
    documents: list[Node] = []
    stack: list[Node] = []
    pending_keys: list[Node | None] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                line, column = position(event.start_mark)
                raise YamlSyntaxError(line, column, "aliases (*name) are not supported; "
                                      "a value that starts with '*' must be in quotes")
            if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent,
                                  yaml.MappingStartEvent)):
                _check_tag(event)
                node = _node_for(event)
                if isinstance(event, yaml.ScalarEvent):
                    _attach(node, stack, pending_keys, documents)
                else:
                    if len(stack) >= MAX_DEPTH:
                        line, column = node.line, node.column
                        raise YamlSyntaxError(
                            line, column, f"nested more than {MAX_DEPTH} levels deep"
                        )
                    _attach(node, stack, pending_keys, documents)
                    stack.append(node)
                    pending_keys.append(None)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                stack.pop()
                pending_keys.pop()
            elif isinstance(event, yaml.DocumentStartEvent) and documents:
                line, column = position(event.start_mark)
                raise YamlSyntaxError(line, column, "expected one YAML document, found several")
    except yaml.MarkedYAMLError as error:
        raise YamlSyntaxError(*explain(error, text)) from None
    except yaml.reader.ReaderError as error:
        raise YamlSyntaxError(*unreadable_character(error.position, error.character, text)) \
            from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(1, 1, str(error).splitlines()[0]) from None
    return documents[0] if documents else None


def _check_tag(event: Any) -> None:
    tag = event.tag
    # Only the plain data types an article can hold: "!!python/..." also lives in the
    # yaml.org namespace, and "!!binary", "!!set" or "!!omap" are never article data.
    if tag and tag not in _ALLOWED_TAGS:
        line, column = position(event.start_mark)
        shown = tag.replace("tag:yaml.org,2002:", "!!", 1)
        raise YamlSyntaxError(line, column, f"tag {shown} is not allowed; a value that "
                              "starts with '!' must be in quotes")
    if event.anchor is not None:
        # Refused where it is defined, so a file that uses none of its anchors
        # gets the same answer as one that does.
        line, column = position(event.start_mark)
        raise YamlSyntaxError(line, column, "anchors (&name) are not supported; a value "
                              "that starts with '&' must be in quotes")


def _node_for(event: Any) -> Node:
    line, column = position(event.start_mark)
    if isinstance(event, yaml.ScalarEvent):
        plain = event.implicit[0] and event.style in (None, "")
        return Node("scalar", line, column, value=event.value, tag=event.tag, plain=bool(plain))
    kind = "list" if isinstance(event, yaml.SequenceStartEvent) else "mapping"
    return Node(kind, line, column, value=[], tag=event.tag)


def _attach(
    node: Node, stack: list[Node], pending_keys: list[Node | None], documents: list[Node]
) -> None:
    if not stack:
        documents.append(node)
        return
    parent = stack[-1]
    if parent.kind == "list":
        parent.value.append(node)
    elif pending_keys[-1] is None:
        pending_keys[-1] = node
    else:
        parent.value.append((pending_keys[-1], node))
        pending_keys[-1] = None


def resolve_scalar(node: Node) -> str:
    """The YAML 1.1 type tag of a scalar node, as the safe loader would infer it."""
    if node.tag and node.tag != "!":
        return node.tag
    if not node.plain:
        return "tag:yaml.org,2002:str"
    return str(_RESOLVER.resolve(yaml.ScalarNode, node.value, (True, False)))  # type: ignore[no-untyped-call]
