"""Stage `web_page_to_html`: a Word "web page" (.htm/.html, or .mht single-file page) made safe to convert.

Word saves a form as a web page when asked (and filers rename the result .doc). LibreOffice imports the
HTML; before it sees it, everything that could reach outside the file is removed — scripts, frames,
objects, linked style sheets, `<base>`, refresh headers, every `src`/`href`/`background` address and CSS
`url(...)`/`@import` — so the conversion follows no link and loads nothing. Form checkboxes
(`<input type=checkbox checked>`) become ☑/☐ text, which the .docx stages read like typed glyphs.
Word writes its fields into a page as markup LibreOffice does not read — the field code inside
`<!--[if supportFields]>` comments between `mso-element:field-begin` / `field-separator` / `field-end`
spans, a form field's data as hex in `<w:data>`, and what a browser should show instead in
`<![if !supportFields]>` (a picture of a 带圈字符): a field that draws a tick (`EQ \\o\\ac(□,√)`,
`FORMCHECKBOX`, `SYMBOL`, `extractors.tick_fields`) becomes its glyph there too, its picture dropped.
A .mht is a MIME message: its HTML part is taken out (decoded from quoted-printable or base64 and
from its charset) and treated the same way. The result is written as UTF-8.
"""

from __future__ import annotations

import email
import email.policy
import html
import re
from dataclasses import dataclass
from email.message import EmailMessage

from extractors.errors import DocumentLoadError
from extractors.tick_fields import ffdata_checkbox_state, tick_field_glyph
from schema.document import EMPTY_GLYPH, TICKED_GLYPH

_DROPPED_ELEMENTS = re.compile(
    r"<(script|iframe|object|embed|applet|frameset|noscript)\b.*?</\1\s*>", re.I | re.S
)
_DROPPED_TAGS = re.compile(r"<(link|base|frame|embed|param)\b[^>]*>", re.I)
_REFRESH = re.compile(r"<meta\b[^>]*http-equiv\s*=\s*[\"']?refresh[^>]*>", re.I)
_CHARSET_META = re.compile(r"<meta\b[^>]*charset[^>]*>", re.I)
_ADDRESS_ATTRS = re.compile(
    r"\b(src|href|background|data|action|formaction|poster|srcset|lowsrc|dynsrc|o:href|xlink:href)"
    r"\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)",
    re.I,
)
_EVENT_ATTRS = re.compile(r"\bon[a-z]+\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
_CSS_URL = re.compile(r"url\s*\([^)]*\)", re.I)
_CSS_IMPORT = re.compile(r"@import[^;]*;?", re.I)
_CHECKBOX = re.compile(r"<input\b[^>]*type\s*=\s*[\"']?(checkbox|radio)\b[^>]*>", re.I)
_CHECKED = re.compile(r"\bchecked\b", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_DECLARED_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_BOM_CODECS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
UTF8_META = '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
_FIELD_MARK = re.compile(r"<span\b[^>]*mso-element\s*:\s*field-(begin|separator|end)\b[^>]*>", re.I)
_FIELD_DATA = re.compile(r"<w:data>\s*([0-9a-f\s]{1,65536}?)\s*</w:data>", re.I)
_XML_ISLAND = re.compile(r"<xml>.*?</xml>", re.I | re.S)
_CONDITIONS = re.compile(r"<!--\[if[^\]]*\]>|<!\[endif\]-->|<!\[if[^\]]*\]>|<!\[endif\]>", re.I)
_TAG = re.compile(r"<[^>]*>")
_FALLBACK = re.compile(r"\s*<!\[if\s+!supportFields\]>.*?<!\[endif\]>", re.I | re.S)
_COMMENT_END = "<![endif]-->"


@dataclass(slots=True)
class _WebField:
    """A Word field in a web page: where its begin and (after the code) separator or end marks are."""

    begin: int
    code_end: int | None = None


def _checkbox_glyph(match: re.Match[str]) -> str:
    return TICKED_GLYPH if _CHECKED.search(match.group(0)) else EMPTY_GLYPH


def _field_glyph(text: str, field: _WebField, end: int) -> str | None:
    """Given the page, a field and where its end mark starts, return the glyph the field draws, if any."""
    code = text[field.begin : field.code_end if field.code_end is not None else end]
    instruction = html.unescape(_TAG.sub("", _CONDITIONS.sub("", _XML_ISLAND.sub("", code))))
    data = _FIELD_DATA.search(text, field.begin, end)
    state = None
    if data is not None:
        hex_digits = re.sub(r"\s", "", data.group(1))
        state = ffdata_checkbox_state(bytes.fromhex(hex_digits)) if len(hex_digits) % 2 == 0 else None
    return tick_field_glyph(" ".join(instruction.split()), state)


def _after_field(text: str, end_mark: int) -> int:
    """Given where a field's end mark ends, return where what the page shows after the field begins:
    after the conditional comment holding the mark, if it is in one."""
    opened, closed = text.rfind("<!--", 0, end_mark), text.rfind("-->", 0, end_mark)
    if opened > closed:
        found = text.find(_COMMENT_END, end_mark)
        return found + len(_COMMENT_END) if found >= 0 else end_mark
    return end_mark


def word_fields_to_glyphs(text: str) -> str:
    """Given a web page Word saved, return it with every field that draws a tick replaced by its glyph,
    placed where the page shows the field, and the field's picture for browsers dropped."""
    edits: list[tuple[int, int, str]] = []
    open_fields: list[_WebField] = []
    for mark in _FIELD_MARK.finditer(text):
        kind = mark.group(1).lower()
        if kind == "begin":
            open_fields.append(_WebField(mark.end()))
        elif kind == "separator" and open_fields and open_fields[-1].code_end is None:
            open_fields[-1].code_end = mark.start()
        elif kind == "end" and open_fields:
            field = open_fields.pop()
            glyph = _field_glyph(text, field, mark.start())
            if glyph is None:
                continue
            at = _after_field(text, mark.end())
            fallback = _FALLBACK.match(text, at)
            edits.append((at, fallback.end() if fallback else at, glyph))
    pieces: list[str] = []
    done = 0
    for start, stop, glyph in sorted(edits):
        if start < done:  # inside what an earlier edit dropped
            continue
        pieces += [text[done:start], glyph]
        done = stop
    return "".join([*pieces, text[done:]])


def neutralized_html(text: str) -> str:
    """Given an HTML page's text, return it with every outside reference, script and active element
    removed, Word's tick fields and form checkboxes as ☑/☐, declared as UTF-8."""
    text = word_fields_to_glyphs(text)
    text = _DROPPED_ELEMENTS.sub("", text)
    text = _DROPPED_TAGS.sub("", text)
    text = _REFRESH.sub("", text)
    text = _CHARSET_META.sub("", text)
    text = _CHECKBOX.sub(_checkbox_glyph, text)
    text = _ADDRESS_ATTRS.sub("", text)
    text = _EVENT_ATTRS.sub("", text)
    text = _CSS_IMPORT.sub("", _CSS_URL.sub("none", text))
    head = _HEAD.search(text)
    if head is None:
        return UTF8_META + text
    return text[: head.end()] + UTF8_META + text[head.end() :]


def html_bytes_to_text(data: bytes, declared: str | None = None) -> str:
    """Given an HTML page's bytes (and a charset a container declared), return its text: by its BOM,
    else the declared or `<meta charset>` encoding, else UTF-8, else GB18030 (Chinese Windows)."""
    for bom, bom_codec in _BOM_CODECS:
        if data.startswith(bom):
            return data[len(bom) :].decode(bom_codec, "replace")
    meta = _DECLARED_CHARSET.search(data[:4096])
    named = meta.group(1).decode("ascii", "ignore") if meta else None
    for codec in (declared, named, "utf-8"):
        if not codec:
            continue
        try:
            return data.decode(_codec(codec))
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("gb18030", "replace")


def _codec(name: str) -> str:
    """GB2312 pages hold GBK characters in practice: decode them as the superset GB18030."""
    lowered = name.lower()
    return "gb18030" if lowered in ("gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80") else lowered


def _html_part(message: EmailMessage) -> EmailMessage | None:
    for part in message.walk():
        if part.get_content_type() == "text/html":
            return part
    return None


def mht_to_html_text(data: bytes) -> str:
    """Given a .mht (MIME single-file web page), return its HTML page's text; raise DocumentLoadError
    when it holds none."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    part = _html_part(message)
    payload = part.get_payload(decode=True) if part is not None else None
    if not isinstance(payload, bytes) or not payload.strip():
        raise DocumentLoadError("网页文件（.mht）中没有正文", "the .mht web page holds no HTML part")
    return html_bytes_to_text(payload, part.get_content_charset() if part is not None else None)


def web_page_to_html(data: bytes, mime: bool) -> bytes:
    """Given a web page's bytes (a MIME .mht when `mime`), return safe UTF-8 HTML to convert."""
    text = mht_to_html_text(data) if mime else html_bytes_to_text(data)
    return neutralized_html(text).encode("utf-8")
