"""Stage `with_word_binary_ticks`: ticks LibreOffice drops from a .doc, read from the .doc and put back.

LibreOffice's .doc import drops a 带圈字符 enclosed-character field, `EQ \\o\\ac(□,√)` — Word's
"enclose characters" on a √, a common way to tick a box — with everything in it: the option reads
without its box. The .doc itself keeps it: `word_binary_text` gives the text with its field marks,
where the field is 0x13, its code, 0x15 (no result). Each such field that draws a tick or a box
(`extractors.tick_fields`) becomes a mark: in which paragraph, after how many of its letters and digits.

The marks are put into the document read from the conversion, not by cell coordinates: the .doc's
paragraphs and the converted document's paragraphs are aligned by their letters and digits (what
both show alike, whatever became of boxes, spaces and punctuation), in order; a paragraph aligned
with one holding marks gets each glyph before the letter it preceded. A paragraph that cannot be
aligned (its text changed in the conversion) keeps no mark — its options stay without a box, which the
mapper reports — and a glyph already shown at that place (a LibreOffice that kept the field) is not
doubled. The mapper then reads the options as it reads any typed box.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass, field

from extractors.legacy.word_binary import word_binary_text
from extractors.symbols import CROSS_MARK, TICK_MARK
from extractors.tick_fields import is_eq_overlay, tick_field_glyph
from schema.document import BOXES, Block, ExtractedDocument, Paragraph, iter_paragraphs

FIELD_BEGIN, FIELD_SEPARATOR, FIELD_END = "\x13", "\x14", "\x15"
PARAGRAPH_ENDS = frozenset("\r\x07")
MAX_ALIGNED_PARAGRAPHS = 50_000
_SHOWN_MARKS = BOXES | {TICK_MARK, CROSS_MARK}

Mark = tuple[int, str]
"""A tick put back: how many letters and digits of its paragraph come before it, and its glyph."""


@dataclass(frozen=True, slots=True)
class MarkedParagraph:
    """A paragraph of the .doc as it shows: its letters and digits, and the marks LibreOffice drops."""

    key: str
    marks: tuple[Mark, ...] = ()


@dataclass(slots=True)
class _Field:
    code: list[str] = field(default_factory=list)
    in_result: bool = False
    has_result: bool = False
    shown: bool = True  # in the shown text (not inside another field's code)
    at: int = 0  # letters and digits of the paragraph before it


def _is_key(ch: str) -> bool:
    return ch.isalnum()


@dataclass(slots=True)
class _Story:
    """Reads a story's characters into paragraphs as shown, with the marks of their dropped fields."""

    paragraphs: list[MarkedParagraph] = field(default_factory=list)
    key: list[str] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    fields: list[_Field] = field(default_factory=list)

    def read(self, ch: str) -> None:
        showing = all(f.in_result for f in self.fields)
        if ch == FIELD_BEGIN:
            self.fields.append(_Field(shown=showing, at=len(self.key)))
        elif ch == FIELD_SEPARATOR and self.fields:
            self.fields[-1].in_result = self.fields[-1].has_result = True
        elif ch == FIELD_END and self.fields:
            done = self.fields.pop()
            glyph = _dropped_glyph(done)
            if glyph and done.shown:
                self.marks.append((done.at, glyph))
        elif ch in PARAGRAPH_ENDS:
            self.end_paragraph()
        elif not showing:
            self.fields[-1].code.append(ch)
        elif _is_key(ch):
            self.key.append(ch)

    def end_paragraph(self) -> None:
        self.paragraphs.append(MarkedParagraph("".join(self.key), tuple(self.marks)))
        self.key, self.marks = [], []
        for open_field in self.fields:
            open_field.at = 0


def story_paragraphs(story: str) -> list[MarkedParagraph]:
    """Given a story's text with its field marks, return its paragraphs as shown, with their marks."""
    reader = _Story()
    for ch in story:
        reader.read(ch)
    if reader.key or reader.marks:
        reader.end_paragraph()
    return reader.paragraphs


def _dropped_glyph(finished: _Field) -> str | None:
    """The glyph of a field LibreOffice drops: an EQ overlay without a result that draws a box."""
    code = "".join(finished.code)
    if finished.has_result or not is_eq_overlay(code):
        return None
    return tick_field_glyph(code)


def word_binary_marks(data: bytes) -> list[MarkedParagraph]:
    """Given a .doc's bytes, return its paragraphs (main text, then text boxes) with their marks; empty
    when it holds none or is not a readable Word 97+ binary."""
    text = word_binary_text(data)
    if text is None or FIELD_BEGIN not in text.main + text.text_boxes:
        return []
    paragraphs = story_paragraphs(text.main) + story_paragraphs(text.text_boxes)
    return paragraphs if any(p.marks for p in paragraphs) else []


def _aligned(source: list[MarkedParagraph], read: list[Paragraph]) -> dict[int, int]:
    """Given the .doc's paragraphs and the converted document's, return source index → read index for
    the paragraphs holding marks that align: in order by their keys first, then any left whose key is
    found once among the read paragraphs left (a text box the conversion moved)."""
    keyed = [i for i, p in enumerate(source) if p.key]
    read_keyed = [j for j, p in enumerate(read) if _key(p.text)]
    matcher = difflib.SequenceMatcher(
        None, [source[i].key for i in keyed], [_key(read[j].text) for j in read_keyed], autojunk=False
    )
    pairs: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            pairs[keyed[block.a + offset]] = read_keyed[block.b + offset]
    used = set(pairs.values())
    for index in (i for i in keyed if source[i].marks and i not in pairs):
        found = [j for j in read_keyed if j not in used and _key(read[j].text) == source[index].key]
        if len(found) == 1:
            pairs[index] = found[0]
            used.add(found[0])
    return {i: j for i, j in pairs.items() if source[i].marks}


def _key(text: str) -> str:
    return "".join(ch for ch in text if _is_key(ch))


def with_marks(text: str, marks: tuple[Mark, ...]) -> str:
    """Given a paragraph's text and its marks, return it with each glyph before the letter it preceded
    (at the end after the last), unless a box or tick is already shown there."""
    positions = [i for i, ch in enumerate(text) if _is_key(ch)]
    out = text
    for count, glyph in sorted(marks, reverse=True):
        at = positions[count] if count < len(positions) else len(text)
        before = out[positions[count - 1] + 1 if count else 0 : at]
        if any(ch in _SHOWN_MARKS for ch in before):
            continue
        out = out[:at] + glyph + out[at:]
    return out


def _rebuilt(blocks: tuple[Block, ...], texts: dict[int, str]) -> tuple[Block, ...]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(dataclasses.replace(block, text=texts[id(block)]) if id(block) in texts else block)
            continue
        cells = tuple(dataclasses.replace(c, blocks=_rebuilt(c.blocks, texts)) for c in block.cells)
        out.append(dataclasses.replace(block, cells=cells))
    return tuple(out)


def with_word_binary_ticks(document: ExtractedDocument, data: bytes) -> ExtractedDocument:
    """Given the document read from a .doc's conversion and the .doc's bytes, return it with the ticks
    LibreOffice dropped put back (the document itself when there are none)."""
    source = word_binary_marks(data)
    read = list(iter_paragraphs(document.blocks))
    if not source or max(len(source), len(read)) > MAX_ALIGNED_PARAGRAPHS:
        return document
    pairs = _aligned(source, read)
    texts = {id(read[j]): with_marks(read[j].text, source[i].marks) for i, j in pairs.items()}
    total = sum(len(p.marks) for p in source)
    placed = sum(len(source[i].marks) for i in pairs)
    note = f"ticks read from the .doc itself: {placed} of {total} / 从 .doc 原文件读取勾选 {placed}/{total}"
    blocks = _rebuilt(document.blocks, texts)
    return dataclasses.replace(document, blocks=blocks, notes=(*document.notes, note))
