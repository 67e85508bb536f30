"""A lean YAML loader for the plain documents content files are made of.

PyYAML's safe constructor spends most of a large catalog's load time in Python
bookkeeping. Content files use only mappings, sequences and untagged scalars, so
this builds Python values straight from libyaml's event stream, resolving plain
scalars exactly as the safe loader does. Anything else (anchors, aliases, tags,
merge keys, a scalar whose resolved tag has no constructor of its own, several
documents) is handed to the safe loader unchanged.

Both paths are bounded before anything recurses or expands: the event stream is
read without recursion, nesting deeper than MAX_DEPTH stops it (libyaml's own
composer recurses in C and crashes the process near 32,000 levels), and before
the safe loader sees aliases, what they would expand to is counted
(a "billion laughs" document is a few lines that expand to billions of values).
"""

from __future__ import annotations

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None

_STR = "tag:yaml.org,2002:str"
_resolver = Resolver()
_constructor = SafeConstructor()
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Content needs a handful of levels (a ladder has six); far more is a mistake or an attack.
MAX_DEPTH = 64
# Values that aliases may add to a document as it would be written out in full.
MAX_ALIAS_VALUES = 10_000


class _Unsupported(Exception):
    pass


class YamlTooComplex(Exception):
    """A document past one of the bounds; `line` is 0-based in the text given to load()."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message = message
        self.line = line


def _too_deep(event: yaml.Event) -> YamlTooComplex:
    return YamlTooComplex(f"YAML nested more than {MAX_DEPTH} levels deep", event.start_mark.line)


def load(text: str) -> object:
    """The same value as yaml.safe_load(text), or the same YAMLError; YamlTooComplex past the bounds."""
    if CParser is not None:
        try:
            return _load_events(text)
        except _Unsupported:
            pass
    _check_bounds(text)
    return yaml.load(text, Loader=_SafeLoader)


def _check_bounds(text: str) -> None:
    """Raise YamlTooComplex when the document nests deeper than MAX_DEPTH or its aliases would
    repeat more than MAX_ALIAS_VALUES values; a syntax error is left for the loader to report."""
    # Per open container: values it holds, aliases written out; and its anchor.
    counts: list[int] = []
    anchors: list[str | None] = []
    expanded: dict[str, int] = {}
    repeated = 0
    starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            kind = type(event)
            if kind in starts:
                if len(counts) >= MAX_DEPTH:
                    raise _too_deep(event)
                counts.append(1)
                anchors.append(event.anchor)
                continue
            if kind is yaml.ScalarEvent:
                size = 1
                if event.anchor is not None:
                    expanded[event.anchor] = size
            elif kind in ends:
                size = counts.pop()
                anchor = anchors.pop()
                if anchor is not None:
                    expanded[anchor] = size
            elif kind is yaml.AliasEvent:
                size = expanded.get(event.anchor, 1)
                repeated += size
                if repeated > MAX_ALIAS_VALUES:
                    raise YamlTooComplex(
                        f"YAML aliases repeat more than {MAX_ALIAS_VALUES:,} values; write the values out instead",
                        event.start_mark.line,
                    )
            else:
                continue
            if counts:
                counts[-1] += size
    except yaml.YAMLError:
        return


# Plain scalars repeat a lot (keys, levels, resource types): resolve each text once.
_plain_values: dict[str, object] = {}
_PLAIN_CACHE_LIMIT = 50_000


def _scalar(event: yaml.ScalarEvent) -> object:
    if event.tag is not None or event.anchor is not None:
        raise _Unsupported
    if not event.implicit[0]:
        return event.value
    text = event.value
    try:
        return _plain_values[text]
    except KeyError:
        value = _resolve_plain(text)
        if len(_plain_values) < _PLAIN_CACHE_LIMIT and len(text) < 64:
            _plain_values[text] = value
        return value


def _resolve_plain(text: str) -> object:
    tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))
    if tag == _STR:
        return text
    # The tag's own constructor, not construct_object, which would remember every node. A tag
    # with none of its own (a merge key `<<`, a bare `=`, which YAML 1.1 resolves to a "value"
    # tag) goes to the safe loader, which reads or refuses it in its own words.
    construct = _constructor.yaml_constructors.get(tag)
    if construct is None:
        raise _Unsupported
    return construct(_constructor, yaml.ScalarNode(tag, text))


def _load_events(text: str) -> object:
    parser = CParser(text)
    get_event = parser.get_event
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    try:
        documents = 0
        result = None
        # Each open container as [container, is_list, key waiting for its value].
        stack: list[list] = []
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                value = _scalar(event)
            elif kind in starts:
                if event.tag is not None or event.anchor is not None:
                    raise _Unsupported
                if len(stack) >= MAX_DEPTH:
                    raise _too_deep(event)
                is_list = kind is starts[0]
                stack.append([[] if is_list else {}, is_list, _NO_KEY])
                continue
            elif kind in ends:
                value = stack.pop()[0]
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unsupported  # let the safe loader report it
                continue
            elif kind is yaml.StreamEndEvent:
                return result
            elif kind is alias_event:
                raise _Unsupported
            else:
                continue
            if not stack:
                result = value
                continue
            top = stack[-1]
            if top[1]:
                top[0].append(value)
            elif top[2] is _NO_KEY:
                if isinstance(value, (list, dict)):
                    raise _Unsupported  # unhashable key: the safe loader words the error
                top[2] = value
            else:
                top[0][top[2]] = value
                top[2] = _NO_KEY
    finally:
        parser.dispose()


_NO_KEY = object()
