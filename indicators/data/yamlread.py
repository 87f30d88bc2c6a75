"""Safe YAML reading that keeps where every node stands in the file.

PyYAML's loaders throw positions away, keep the last of two equal keys without a word
and, for the unsafe ones, build Python objects from tags. This module composes the node
graph with the C parser when available, then builds plain Python values itself:
standard tags only, duplicate keys reported, alias expansion bounded (a "billion laughs"
document is refused after a fixed amount of work), and the node graph kept so that any
path inside the document can be turned back into a line and column.
"""

from __future__ import annotations

import yaml

from indicators.data.problems import Problem, problem

try:  # the C composer is ~5x faster; fall back to the pure-Python one.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _MERGE = _TAG + "str", _TAG + "map", _TAG + "seq", _TAG + "merge"
_SCALAR_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_constructor = yaml.constructor.SafeConstructor()

# How many nodes one document may expand to, as a multiple of the nodes it really holds.
# Plain data expands 1:1; anchors reused a few times stay far below; an alias bomb
# (nine nested levels of nine aliases) is stopped after this much work.
_EXPANSION_FACTOR = 20
_EXPANSION_FLOOR = 10_000


class YamlProblem(Exception):
    """A problem that makes a whole document unreadable."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


class Document:
    """A parsed YAML document: its plain value and its node graph for locating paths."""

    def __init__(self, file, value, root, problems):
        self.file = file
        self.value = value
        self.root = root
        self.problems = problems

    def locate(self, path) -> tuple[int, int]:
        """1-based (line, column) of the node at ``path``; for a path that does not exist
        (a missing key), the deepest node that does, i.e. the parent mapping."""
        node = self.root
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            node = child
        if node is None:
            return 1, 1
        return node.start_mark.line + 1, node.start_mark.column + 1

    def locate_key(self, path) -> tuple[int, int]:
        """Position of the key itself for a mapping entry (where the typo is)."""
        if not path:
            return self.locate(path)
        parent = self.root
        for step in path[:-1]:
            parent = _child(parent, step)
            if parent is None:
                return self.locate(path)
        if isinstance(parent, yaml.MappingNode):
            for key_node, _ in parent.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(path[-1]):
                    return key_node.start_mark.line + 1, key_node.start_mark.column + 1
        return self.locate(path)

    def positions(self, path) -> dict[str, tuple[int, int]]:
        """(line, column) of each value of the mapping at ``path``, by key."""
        node = self.root
        for step in path:
            node = _child(node, step)
        if not isinstance(node, yaml.MappingNode):
            return {}
        return {
            key.value: (value.start_mark.line + 1, value.start_mark.column + 1)
            for key, value in node.value
            if isinstance(key, yaml.ScalarNode)
        }


def _child(node, step):
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                return value_node
        return None
    if (
        isinstance(node, yaml.SequenceNode)
        and isinstance(step, int)
        and 0 <= step < len(node.value)
    ):
        return node.value[step]
    return None


def _syntax_hint(error: yaml.YAMLError) -> str:
    text = str(error)
    if "'\\t'" in text or "tab" in text.lower():
        return "YAML does not allow tab characters for indentation: indent with spaces"
    if "found unexpected end of stream" in text or "while scanning a quoted scalar" in text:
        return "a quote is not closed: end the text with the same quote it starts with"
    if "mapping values are not allowed" in text:
        return (
            "a ':' inside a value starts a new key: put the value in double quotes, "
            'e.g. quote: "Agadir : 300 postes"'
        )
    if "expected <block end>" in text or "did not find expected" in text:
        return "check the indentation: items of one list or mapping must line up"
    if "could not determine a constructor" in text:
        return "remove the '!' tag: only plain YAML values are read"
    return "fix the YAML syntax at that place (an editor with YAML support shows it)"


def parse(text: str, file: str) -> Document:
    """Parse one YAML document. Raises YamlProblem when the document cannot be read at
    all; smaller problems (a duplicate key, a bad tag, an impossible date) are collected
    in ``Document.problems`` and the rest of the document is still read."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = (error.problem or "invalid YAML").strip()
        if error.context:
            message = f"{error.context.strip()}: {message}"
        advice = _syntax_hint(error)
        raise YamlProblem(
            problem("yaml-syntax", file, line, column, message, advice=advice)
        ) from None
    except yaml.YAMLError as error:
        message, advice = str(error).strip(), _syntax_hint(error)
        raise YamlProblem(problem("yaml-syntax", file, 1, 1, message, advice=advice)) from None
    if root is None:
        raise YamlProblem(problem("empty-file", file, 1, 1, "the file holds no data"))
    builder = _Builder(file, _count_nodes(root))
    value = builder.build(root)
    return Document(file, value, root, builder.problems)


def _count_nodes(root) -> int:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return len(seen)


class _Builder:
    def __init__(self, file: str, distinct_nodes: int):
        self.file = file
        self.problems: list[Problem] = []
        self.budget = max(_EXPANSION_FLOOR, _EXPANSION_FACTOR * distinct_nodes)
        self.active: set[int] = set()

    def _at(self, node, code, message, **params) -> Problem:
        mark = node.start_mark
        return problem(code, self.file, mark.line + 1, mark.column + 1, message, **params)

    def _note(self, node, code, message, **params) -> None:
        self.problems.append(self._at(node, code, message, **params))

    def build(self, node):
        self.budget -= 1
        if self.budget < 0:
            message = "the document's aliases expand to far more data than it holds"
            raise YamlProblem(self._at(node, "yaml-alias-bomb", message))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if id(node) in self.active:
            message = "an alias refers to the node that contains it"
            raise YamlProblem(self._at(node, "yaml-recursive", message))
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                self._check_tag(node, _SEQ)
                return [self.build(child) for child in node.value]
            self._check_tag(node, _MAP)
            return self._mapping(node)
        finally:
            self.active.discard(id(node))

    def _check_tag(self, node, expected):
        if node.tag != expected:
            self._note(node, "yaml-tag", f"the tag {node.tag!r} is not allowed")

    def _mapping(self, node):
        result: dict = {}
        key_lines: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged = self.build(value_node)
                for part in merged if isinstance(merged, list) else [merged]:
                    if isinstance(part, dict):
                        for key, value in part.items():
                            result.setdefault(key, value)
                continue
            key = self.build(key_node)
            if isinstance(key, (list, dict)):
                advice = "write the key as plain text, e.g. value:"
                message = "a key must be a plain value"
                self._note(key_node, "yaml-syntax", message, advice=advice)
                continue
            if key in key_lines:
                first = key_lines[key]
                message = (
                    f"the key {key!r} appears twice in the same mapping (first at line {first})"
                )
                self._note(key_node, "duplicate-key", message)
                continue
            key_lines[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node)
        return result

    def _scalar(self, node):
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag not in _SCALAR_TAGS:
            self._note(node, "yaml-tag", f"the tag {tag!r} is not allowed")
            return node.value
        try:
            return _constructor.yaml_constructors[tag](_constructor, node)
        except (ValueError, OverflowError):
            # An impossible timestamp such as 2011-02-30: keep the text, the record's
            # validation reports it with a clear message.
            return node.value
