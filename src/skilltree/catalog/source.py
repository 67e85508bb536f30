"""Reading content files: YAML documents and Markdown with YAML front matter.

Files are read with a lean libyaml-based loader (yaml_fast). Line numbers
are only worked out, by composing the YAML node tree, for a file that has a
problem to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from skilltree.catalog import yaml_fast
from skilltree.catalog.problems import FieldPath, Problem, Severity, field_name
from skilltree.regular_files import FileTooLarge, NotRegularFile, read_regular_file

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UnreadableFile(Exception):
    """A file whose text or YAML cannot be read at all; carries the one problem."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class ContentFile:
    path: Path
    shown_path: str
    data: object
    body: str = ""
    # None once forgotten; read again from disk if a problem needs a line number.
    yaml_text: str | None = ""
    # File line of the first YAML line (front matter starts after the opening ---).
    first_yaml_line: int = 1
    problems: list[Problem] = field(default_factory=list)
    _root: yaml.Node | None = None

    def forget_text(self) -> None:
        """Drop what the domain objects already hold, so a file is cheap to keep or send back."""
        self.data = None
        self.body = ""
        self.yaml_text = None
        self._root = None

    def error(self, where: FieldPath, message: str) -> None:
        self._add(where, message, Severity.ERROR)

    def warning(self, where: FieldPath, message: str) -> None:
        self._add(where, message, Severity.WARNING)

    def _add(self, where: FieldPath, message: str, severity: Severity) -> None:
        line = self.line_of(where)
        self.problems.append(Problem(self.shown_path, line, field_name(where), message, severity))

    def line_of(self, where: FieldPath) -> int:
        if self.yaml_text is None:
            reread = read_markdown_file if self.first_yaml_line == 2 else read_yaml_file
            try:
                self.yaml_text = reread(self.path, self.shown_path).yaml_text
            except UnreadableFile:  # changed on disk since it was read
                return self.first_yaml_line
        if self._root is None:
            try:
                self._root = yaml.compose(self.yaml_text, Loader=_Loader)
            except (yaml.YAMLError, RecursionError):
                return self.first_yaml_line
        node = self._root
        line = node.start_mark.line if node is not None else 0
        for part in where:
            node = _child(node, part)
            if node is None:
                break
            line = node.start_mark.line
        return self.first_yaml_line + line


def _child(node: yaml.Node | None, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                return value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]
    return None


# The largest topic is a few dozen KiB; anything this big is a mistake, not an article.
MAX_CONTENT_FILE_BYTES = 2**20


def read_text(path: Path, shown_path: str) -> str:
    try:
        data = read_regular_file(path, MAX_CONTENT_FILE_BYTES)
    except NotRegularFile as exc:
        raise UnreadableFile(Problem(shown_path, 1, "-", f"{exc}: content files must be plain files")) from None
    except FileTooLarge:
        raise UnreadableFile(
            Problem(shown_path, 1, "-", f"larger than {MAX_CONTENT_FILE_BYTES // 2**20} MiB, the limit for a content file")
        ) from None
    except OSError as exc:
        raise UnreadableFile(Problem(shown_path, 1, "-", f"cannot read file: {exc.strerror}")) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            Problem(shown_path, 1, "-", f"not valid UTF-8 text (byte {exc.start})")
        ) from None
    # What reading in text mode did: every line ending becomes a newline.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, shown_path: str, first_line: int = 1) -> object:
    try:
        return yaml_fast.load(text)
    except yaml_fast.YamlTooComplex as exc:
        lines = text.splitlines()
        raise UnreadableFile(Problem(shown_path, first_line + exc.line, _field_at(lines, exc.line), exc.message)) from None
    except yaml.MarkedYAMLError as exc:
        raise UnreadableFile(_syntax_problem(exc, text, shown_path, first_line)) from None
    except yaml.YAMLError as exc:
        raise UnreadableFile(Problem(shown_path, first_line, "-", f"YAML syntax error: {exc}")) from None
    except RecursionError:
        raise UnreadableFile(
            Problem(shown_path, first_line, "-", "YAML nested too deeply to read")
        ) from None


# What an unquoted value means to YAML 1.1 beyond text, where PyYAML has no constructor for it.
_VALUE_TAG = "tag:yaml.org,2002:value"
_TOP_LEVEL_KEY = re.compile(r"^([^\s#'\"{}\[\]-][^:#]*?):(?:\s|$)")


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, shown_path: str, first_line: int) -> Problem:
    """The line where the broken construct starts (a bracket or a quote opened and never closed is
    noticed lines later), the field it belongs to, what the parser expected, and the line's text."""
    mark = exc.problem_mark or exc.context_mark
    # "while parsing a flow sequence" and the like point at where the construct opened.
    context = exc.context or ""
    opened = exc.context_mark is not None and context.startswith("while") and "block" not in context
    if opened:
        mark = exc.context_mark
    lines = text.splitlines()
    index = min(mark.line, len(lines)) if mark else 0
    reason = exc.problem or exc.context or "invalid YAML"
    if isinstance(exc, yaml.constructor.ConstructorError) and _VALUE_TAG in reason:
        reason = "a bare '=' means something special to YAML: put it in quotes"
    elif isinstance(exc, yaml.constructor.ConstructorError):
        reason = reason.replace("could not determine a constructor for", "content files cannot use")
    elif opened:
        reason += f" {context}"
    elif context and not context.startswith("while"):  # e.g. "expected a single document ..."
        reason = f"{context} {reason}"
    shown_line = f"line {first_line + index} reads {lines[index].rstrip()!r}" if index < len(lines) else "the file ends there"
    return Problem(shown_path, first_line + index, _field_at(lines, index), f"YAML syntax error: {reason}; {shown_line}")


def _field_at(lines: list[str], index: int) -> str:
    """The top-level field whose value holds line `index` ("-" when there is none)."""
    for line in reversed(lines[: index + 1]):
        if line.startswith("---"):  # a document separator: no field holds it
            return "-"
        key = _TOP_LEVEL_KEY.match(line)
        if key:
            return key.group(1).strip()
    return "-"


def read_yaml_file(path: Path, shown_path: str) -> ContentFile:
    text = read_text(path, shown_path)
    return ContentFile(path, shown_path, parse_yaml(text, shown_path), yaml_text=text)


def read_markdown_file(path: Path, shown_path: str) -> ContentFile:
    """A Markdown file whose first line is `---`, front matter up to the next `---` line."""
    text = read_text(path, shown_path)
    if not (text.startswith("---\n") or text == "---"):
        raise UnreadableFile(
            Problem(shown_path, 1, "-", "missing front matter: the file must start with a '---' line")
        )
    # The closing line may also be the file's last line, with no newline after it.
    end = text.find("\n---\n", 3)
    if end == -1 and text.endswith("\n---"):
        end = len(text) - 4
    if end == -1:
        raise UnreadableFile(
            Problem(shown_path, 1, "-", "front matter is not closed: add a '---' line after it")
        )
    yaml_text = text[4 : end + 1] if end >= 4 else ""
    data = parse_yaml(yaml_text, shown_path, first_line=2)
    return ContentFile(path, shown_path, data, body=text[end + 5 :], yaml_text=yaml_text, first_yaml_line=2)
