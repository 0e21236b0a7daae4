"""Read and check an article's `*.claims.yaml` sidecar (the format of shared/corpus).

Everything is checked before anything is stored, and every problem names the
file, the line and the field, so that a reviewer can fix the file and import
it again. docs/import-format.md describes the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml

from factcheck.domain.anchors import Anchor
from factcheck.domain.input_rules import (
    ARTICLE_TEXT_CHARS,
    DEFAULT_DATES,
    DateRange,
    normalise_newlines,
    utf8_text,
)
from factcheck.domain.qualifiers import DEFAULT_WIDTHS, Widths
from factcheck.domain.yaml_lines import YamlRefused, load_with_lines


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import, located."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Where:
    """Where a value sits in a sidecar: its file, line and field, for a problem about it."""

    file: str
    line: int | None
    field: str

    def problem(self, message: str) -> Problem:
        return Problem(self.file, self.line, self.field, message)


NOWHERE = Where("", None, "")


@dataclass(frozen=True)
class Ref:
    """A name one file uses (an actor, outlet, event, place or FILE#ID claim), checked import-wide.

    A name may be declared in another file of the same import, or stored by an
    earlier one; only once every file is read can it be told apart from a typo.
    """

    entity: str  # actor, outlet, event, place, claim
    name: str
    where: Where


class AnnotationInvalid(ValueError):
    """The file is refused whole; `problems` lists everything found wrong."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class OutletSpec:
    name: str
    kind: str = "other"
    country: str | None = None
    notes: str = ""
    aliases: tuple[str, ...] = ()
    where: Where = NOWHERE
    alias_where: tuple[Where, ...] = ()


@dataclass(frozen=True)
class EventSpec:
    slug: str
    title: str
    place: str | None = None
    start: date | None = None
    end: date | None = None
    parent: str | None = None
    places: tuple[str, ...] = ()  # the places the event covers, by name or alias
    parent_where: Where = NOWHERE


@dataclass(frozen=True)
class ActorSpec:
    name: str
    kind: str = "other"
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None
    party_to: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    where: Where = NOWHERE
    alias_where: tuple[Where, ...] = ()


@dataclass(frozen=True)
class PlaceSpec:
    """A place of `places:`: Hatay, within Turkey, also called "Hatay province"."""

    name: str
    within: str | None = None
    aliases: tuple[str, ...] = ()
    where: Where = NOWHERE
    within_where: Where = NOWHERE
    alias_where: tuple[Where, ...] = ()


@dataclass(frozen=True)
class RelationSpec:
    type: str
    target: str  # the key of another claim: in the same file, or FILE#ID in another
    note: str = ""

    @property
    def file(self) -> str | None:
        """The other sidecar's name (without .claims.yaml) of a FILE#ID target, else None."""
        return self.target.split("#", 1)[0] if "#" in self.target else None

    @property
    def key(self) -> str:
        return self.target.split("#", 1)[1] if "#" in self.target else self.target


@dataclass(frozen=True)
class ClaimSpec:
    key: str
    kind: str
    anchor: Anchor
    event: str
    stated_on: date
    line: int
    proposition: str | None = None
    translation: str | None = None  # a reviewer's translation of the quote
    attributed_to: str | None = None
    cites: str | None = None
    metric: str | None = None
    category: str | None = None
    category_label: str | None = None
    qualifier: str | None = None
    modality: str | None = None
    value: float | None = None
    lower: float | None = None
    upper: float | None = None
    point: float | None = None
    unit: str = "people"
    as_of: date | None = None
    place: str | None = None
    preferred_reason: str | None = None
    relations: tuple[RelationSpec, ...] = ()


@dataclass(frozen=True)
class ArticleSpec:
    title: str
    outlet: str
    language: str
    event: str | None
    published_at: datetime | None
    republished_from: str | None = None
    url: str | None = None
    retrieved_at: datetime | None = None
    findings: tuple[dict[str, str], ...] = ()


@dataclass(frozen=True)
class Annotation:
    text_path: str
    yaml_path: str
    text: str
    article: ArticleSpec
    outlets: tuple[OutletSpec, ...] = ()
    events: tuple[EventSpec, ...] = ()
    actors: tuple[ActorSpec, ...] = ()
    claims: tuple[ClaimSpec, ...] = field(default=())
    places: tuple[PlaceSpec, ...] = ()
    refs: tuple[Ref, ...] = ()  # names used here, checked against every file and what is stored

    @property
    def name(self) -> str:
        """The sidecar's name without `.claims.yaml`: what FILE in FILE#ID names."""
        return sidecar_name(self.yaml_path)


def sidecar_name(yaml_path: str) -> str:
    """`…/tr-2023-02-07-anadolu.claims.yaml` -> `tr-2023-02-07-anadolu`."""
    name = Path(yaml_path).name
    return name[: -len(".claims.yaml")] if name.endswith(".claims.yaml") else Path(name).stem


def sidecar_path(text_path: Path) -> Path:
    """`name.id.txt` (or `name.txt`) is annotated by `name.claims.yaml` beside it."""
    stem = text_path.name[: -len(".txt")] if text_path.name.endswith(".txt") else text_path.stem
    base = stem.rsplit(".", 1)[0] if "." in stem else stem
    candidates = [
        text_path.with_name(f"{base}.claims.yaml"),
        text_path.with_name(f"{stem}.claims.yaml"),
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return candidates[0]


def read_text(path: Path) -> str:
    """The article text as stored: strict UTF-8, no NUL, line endings as LF (input_rules)."""
    too_long = Problem(
        str(path), None, "text", f"longer than {ARTICLE_TEXT_CHARS:,} characters, as on every path"
    )
    if path.stat().st_size > 4 * ARTICLE_TEXT_CHARS:  # four bytes a character at most: not read
        raise AnnotationInvalid([too_long])
    raw = path.read_bytes()
    try:
        text = utf8_text(raw)
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise AnnotationInvalid(
            [
                Problem(
                    str(path),
                    line,
                    "text",
                    f"not UTF-8: byte 0x{raw[err.start]:02x} at offset {err.start}",
                )
            ]
        ) from None
    text = normalise_newlines(text)  # counted as stored: CRLF is one character, as on the web
    if not text.strip():
        raise AnnotationInvalid([Problem(str(path), None, "text", "the article text is empty")])
    if len(text) > ARTICLE_TEXT_CHARS:
        raise AnnotationInvalid([too_long])
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise AnnotationInvalid([Problem(str(path), line, "text", "contains a NUL character")])
    return text


def load_annotation(
    text_path: Path, widths: Widths = DEFAULT_WIDTHS, dates: DateRange = DEFAULT_DATES
) -> Annotation:
    """Read an article and its sidecar; raise AnnotationInvalid listing every problem."""
    # Imported here: the checks build the spec classes defined in this module.
    from factcheck.domain.annotation_checks import check_annotation

    text = read_text(text_path)
    yaml_path = sidecar_path(text_path)
    if not yaml_path.is_file():
        raise AnnotationInvalid(
            [
                Problem(
                    str(text_path),
                    None,
                    "sidecar",
                    f"no annotation file {yaml_path.name} beside it",
                )
            ]
        )
    try:
        doc, lines = load_with_lines(yaml_path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as err:
        raise AnnotationInvalid(
            [Problem(str(yaml_path), None, "yaml", f"not UTF-8: {err.reason}")]
        ) from None
    except YamlRefused as err:
        line = err.problem_mark.line + 1
        raise AnnotationInvalid([Problem(str(yaml_path), line, err.field, err.problem)]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or str(err)
        raise AnnotationInvalid(
            [Problem(str(yaml_path), line, "yaml", f"malformed YAML: {problem}")]
        ) from None
    return check_annotation(str(text_path), str(yaml_path), text, doc, lines, widths, dates)
