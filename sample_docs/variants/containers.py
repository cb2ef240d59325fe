"""How the same filing is packaged by other tools, or saved in another format Word opens.

- `with_main_content_type`: the package of a .docm, .dotx or .dotm (the main part's content type);
- `with_main_part_renamed`: the main part under another name, found through `_rels/.rels`;
- `as_strict`: Word's "Strict Open XML" namespaces;
- `web_page_as_word_saves_it` / `as_mht`: a web page in GB2312 as Word on Chinese Windows saves it,
  and as a single-file web page (MIME, quoted-printable);
- `convert`: LibreOffice conversions (RTF, HTML, .doc, .odt, PDF) with a private profile.
"""

from __future__ import annotations

import quopri
import re
import subprocess
import tempfile
from pathlib import Path

from sample_docs.variants.package import CT_NS, MAIN, Package

CONTENT_TYPES = {
    "docm": "application/vnd.ms-word.document.macroEnabled.main+xml",
    "dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "dotm": "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
STRICT = {
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main": (
        b"http://purl.oclc.org/ooxml/wordprocessingml/main"
    ),
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
}


def _set_override(package: Package, part: str, content_type: str | None, new_name: str | None = None) -> None:
    types = package.xml("[Content_Types].xml")
    for override in types.iter(f"{{{CT_NS}}}Override"):
        if override.get("PartName") == "/" + part:
            if content_type:
                override.set("ContentType", content_type)
            if new_name:
                override.set("PartName", "/" + new_name)
    package.put_xml("[Content_Types].xml", types)


def with_main_content_type(package: Package, kind: str) -> None:
    """Give the main part the content type of a .docm, .dotx or .dotm."""
    _set_override(package, MAIN, CONTENT_TYPES[kind])


def with_main_part_renamed(package: Package, name: str = "word/document2.xml") -> None:
    """Move the main part (and its relationships) to another name, as other writers name it."""
    package.parts[name] = package.parts.pop(MAIN)
    folder, _, base = name.rpartition("/")
    package.parts[f"{folder}/_rels/{base}.rels"] = package.parts.pop("word/_rels/document.xml.rels")
    _set_override(package, MAIN, None, name)
    rels = package.xml("_rels/.rels")
    for rel in rels:
        if rel.get("Target") in ("word/document.xml", "/word/document.xml"):
            rel.set("Target", "/" + name)
    package.put_xml("_rels/.rels", rels)


def as_strict(package: Package) -> None:
    """Write the main part and the package relationships in Strict Open XML namespaces."""
    for name in (MAIN, "_rels/.rels"):
        data = package.parts[name]
        for transitional, strict in STRICT.items():
            data = data.replace(transitional, strict)
        package.parts[name] = data


_META_CHARSET = re.compile(rb"<meta[^>]*charset[^>]*>", re.I)
_HEAD = re.compile(rb"<head[^>]*>", re.I)


def web_page_as_word_saves_it(html: bytes) -> bytes:
    """Given a UTF-8 web page, return it in GB2312 with the meta tag Word writes (characters GB2312 has
    not, such as ☑, as numeric character references, as Word writes them)."""
    text = _META_CHARSET.sub(b"", html).decode("utf-8")
    encoded = text.encode("gb2312", "xmlcharrefreplace")
    meta = b'<meta http-equiv=Content-Type content="text/html; charset=gb2312">'
    head = _HEAD.search(encoded)
    return encoded[: head.end()] + meta + encoded[head.end() :] if head else meta + encoded


def as_mht(html: bytes) -> bytes:
    """Given a web page (as Word saves it, GB2312), return it as Word's single-file web page (.mht):
    MIME multipart/related, the page quoted-printable."""
    boundary = b"----=_NextPart_01DA0F3C.5E8B2A10"
    head = (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="' + boundary + b'"\r\n\r\n'
        b"This document is a Single File Web Page, also known as a Web Archive file.\r\n\r\n"
    )
    part = (
        b"--" + boundary + b"\r\nContent-Location: file:///C:/D3E4B5A1/filing.htm\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n"
        b'Content-Type: text/html; charset="gb2312"\r\n\r\n'
    )
    return head + part + quopri.encodestring(html) + b"\r\n\r\n--" + boundary + b"--\r\n"


def convert(sources: list[Path], target: str, outdir: Path, timeout: float = 900) -> None:
    """Convert files with one soffice call and a private, throw-away profile (`target`: a LibreOffice
    --convert-to argument such as `pdf`, `rtf`, `html`, `doc`, `odt`)."""
    with tempfile.TemporaryDirectory(prefix="variants-soffice-") as tmp:
        profile = (Path(tmp) / "profile").as_uri()
        command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore"]
        subprocess.run(
            [*command, "--convert-to", target, "--outdir", str(outdir), *map(str, sources)],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
