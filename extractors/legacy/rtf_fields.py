"""Stage `rtf_fields_to_glyphs`: an RTF's fields that draw a tick written as their glyph before conversion.

An RTF field is a group `{\\field{\\*\\fldinst …}{\\fldrslt …}}`. LibreOffice drops a 带圈字符 tick
(`{\\*\\fldinst eq \\\\o\\\\ac(□,√)}` with no result) and draws a `SYMBOL` field twice (the symbol and its
result); a `FORMCHECKBOX` keeps its state in `{\\*\\formfield …\\ffres N …\\ffdefres N}` (25: use the
default) or as FFData in hex in `{\\*\\datafield …}`, and LibreOffice's own RTF export writes neither
(its form fields carry no state). Each field that draws a tick (`extractors.tick_fields`) is replaced
by its glyph as an RTF Unicode character — ☑, ☐, or ⍰ for a checkbox whose state the file does not hold
— so that the conversion keeps it where the field stood; every other field is left to LibreOffice.

The file is untrusted: only the field groups are read, each up to a size cap, all of them within twice
the file's size; a `\\bin` run is skipped by its declared length; a field that does not close within
the file (or the caps) is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.tick_fields import ffdata_checkbox_state, tick_field_glyph

MAX_FIELD_BYTES = 256 * 1024
_FIELD_START = re.compile(rb"(?<!\\)\{\\field(?![a-zA-Z])")
_TOKEN = re.compile(
    r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z'])|([{}])|([^\\{}\r\n]+)|[\r\n]+"
)
_CODEPAGE = re.compile(rb"\\ansicpg(\d{3,5})")
_SKIPPED_CHARACTERS = {"~": "\u00a0", "_": "-", "-": ""}
_TEXT_WORDS = {"tab": " ", "line": "\n", "par": "\n", "emdash": "—", "endash": "–"}
_CHECKBOX_TYPE = 1
_RESULT_IS_DEFAULT = 25


_ROLES = {"field": "field", "fldinst": "instruction", "formfield": "formfield", "datafield": "datafield"}
_INHERITED = frozenset({"instruction", "formfield", "datafield", "skip"})
_SKIPPED_GROUPS = frozenset({"fldrslt", "pict", "object", "shp", "shppict", "nonshppict"})


@dataclass(slots=True)
class _Group:
    """One RTF group inside a field: what it collects (instruction text, form-field data, nothing), taken
    from its parent or said by its first control word (after `\\*` for a destination)."""

    role: str  # "field", "instruction", "formfield", "datafield", "skip", "" (plain)
    fallback: int = 1  # \ucN: characters that follow a \uN as its fallback
    fresh: bool = True  # no control word read in it yet
    destination: bool = False  # opened with \*: skipped unless it is one we read


@dataclass(slots=True)
class _Field:
    """What a field group holds, as read."""

    instruction: list[str] = field(default_factory=list)
    form: dict[str, int] = field(default_factory=dict)
    data: list[str] = field(default_factory=list)
    end: int | None = None

    def checked(self) -> bool | None:
        """The checkbox's state from \\formfield (its result, else its default) or \\datafield FFData."""
        result = self.form.get("ffres")
        if self.form.get("fftype", _CHECKBOX_TYPE) == _CHECKBOX_TYPE and result is not None:
            if result != _RESULT_IS_DEFAULT:
                return bool(result) if result in (0, 1) else None
            if "ffdefres" in self.form:
                return bool(self.form["ffdefres"])
        hex_digits = "".join(self.data)
        if hex_digits and len(hex_digits) % 2 == 0 and all(c in "0123456789abcdefABCDEF" for c in hex_digits):
            return ffdata_checkbox_state(bytes.fromhex(hex_digits))
        return None


class _Reader:
    """Reads one field group token by token (the text as Latin-1: RTF is 7-bit, \\'hh bytes decoded by
    the document's code page)."""

    def __init__(self, text: str, codepage: str) -> None:
        self.text = text
        self.codepage = codepage
        self.groups: list[_Group] = []
        self.field = _Field()
        self.pending: bytearray = bytearray()
        self.skip = 0

    def read(self, start: int, budget: int) -> _Field:
        """Given where a field group starts and how many bytes may still be read, read the group."""
        at = start
        while at < len(self.text) and at - start < min(MAX_FIELD_BYTES, budget):
            match = _TOKEN.match(self.text, at)
            if match is None:
                at += 1
                continue
            at = self._token(match)
            if not self.groups:
                self.field.end = at
                break
        return self.field

    @property
    def role(self) -> str:
        return self.groups[-1].role if self.groups else ""

    def _emit(self, text: str) -> None:
        if self.role == "instruction":
            self.field.instruction.append(text)
        elif self.role == "datafield":
            self.field.data.append(text.strip())

    def _flush(self) -> None:
        if self.pending:
            self._emit(bytes(self.pending).decode(self.codepage, "replace"))
            self.pending.clear()

    def _token(self, match: re.Match[str]) -> int:
        word, parameter, hex_byte, symbol, brace, chunk = match.groups()
        end = match.end()
        if hex_byte is not None:
            self._hex(int(hex_byte, 16))
            return end
        self._flush()
        if brace == "{":
            parent = self.groups[-1] if self.groups else None
            role = parent.role if parent is not None and parent.role in _INHERITED else ""
            self.groups.append(_Group(role, parent.fallback if parent else 1))
        elif brace == "}":
            self.groups.pop()
        elif word is not None:
            return self._word(word, int(parameter) if parameter else None, end)
        elif symbol is not None:
            self._symbol(symbol)
        elif chunk is not None:
            self._chunk(chunk)
        return end

    def _hex(self, value: int) -> None:
        if self.skip:
            self.skip -= 1
        else:
            self.pending.append(value)

    def _chunk(self, chunk: str) -> None:
        dropped = min(self.skip, len(chunk))
        self.skip -= dropped
        self._emit(chunk[dropped:])

    def _symbol(self, symbol: str) -> None:
        if symbol == "*":
            if self.groups and self.groups[-1].fresh:
                self.groups[-1].destination = True
            return
        self._emit(_SKIPPED_CHARACTERS.get(symbol, symbol))

    def _word(self, word: str, parameter: int | None, end: int) -> int:
        group = self.groups[-1] if self.groups else None
        if word == "bin" and parameter:
            return end + max(parameter, 0)
        if group is not None and group.fresh and self._starts_group(word, group):
            return end
        if word == "u" and parameter is not None:
            self._emit(chr(parameter % 0x10000))
            self.skip = group.fallback if group else 1
        elif word == "uc" and parameter is not None and group is not None:
            group.fallback = max(parameter, 0)
        elif self.role == "formfield" and word in ("fftype", "ffres", "ffdefres") and parameter is not None:
            self.field.form[word] = parameter
        elif word in _TEXT_WORDS:
            self._emit(_TEXT_WORDS[word])
        return end

    def _starts_group(self, word: str, group: _Group) -> bool:
        """Given a group's first control word, set what the group is; return whether the word said it."""
        group.fresh = False
        if word in _ROLES and (word == "field") == (len(self.groups) == 1):
            group.role = _ROLES[word]
            return True
        if group.destination or word in _SKIPPED_GROUPS:
            group.role = "skip"
            return True
        return False


def _codepage(data: bytes) -> str:
    found = _CODEPAGE.search(data[:4096])
    name = f"cp{found.group(1).decode()}" if found else "cp1252"
    try:
        "".encode(name)
    except LookupError:
        return "cp1252"
    return name


def _rtf_glyph(glyph: str) -> bytes:
    return f"{{\\uc1\\u{ord(glyph)}?}}".encode("ascii")


def rtf_fields_to_glyphs(data: bytes) -> bytes:
    """Given an RTF file's bytes, return them with every field that draws a tick replaced by its glyph."""
    if b"\\field" not in data:
        return data
    text = data.decode("latin-1")
    codepage = _codepage(data)
    pieces: list[bytes] = []
    done = 0
    budget = 2 * len(data) + MAX_FIELD_BYTES  # nested or unclosed fields are read again: bounded
    for start in (match.start() for match in _FIELD_START.finditer(data)):
        if start < done:  # inside a field already replaced
            continue
        found = _Reader(text, codepage).read(start, budget)
        budget -= (found.end or len(data)) - start
        if budget <= 0:
            break
        instruction = " ".join("".join(found.instruction).split())
        glyph = tick_field_glyph(instruction, found.checked()) if found.end is not None else None
        if glyph is None or found.end is None:
            continue
        pieces += [data[done:start], _rtf_glyph(glyph)]
        done = found.end
    return b"".join([*pieces, data[done:]])
