"""The parsers stay closed: no external entity, XInclude or remote DTD is resolved, no external
relationship is fetched, no PDF JavaScript or Launch action runs (these held before; they must stay)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import hostile_files as make
from hostile_tools import SAMPLE_DOCX, counting_server, extract

SECRET = "SECRET-OUTSIDE-THE-INBOX-4411"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def sample_document() -> str:
    with zipfile.ZipFile(SAMPLE_DOCX) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def with_doctype(document: str, doctype: str, text: str) -> bytes:
    """Given document.xml, put a DOCTYPE before its root and a paragraph with `text` in its body."""
    head, _, rest = document.partition("<w:document")
    body = rest.replace("<w:body>", f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p>", 1)
    return (head.replace('standalone="yes"', "") + doctype + "<w:document" + body).encode("utf-8")


def secret_file(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    return secret


def test_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = secret_file(tmp_path)
    doctype = f'<!DOCTYPE w:document [<!ENTITY leak SYSTEM "{secret.as_uri()}">]>'
    part = with_doctype(sample_document(), doctype, "&leak;")
    answer = extract(make.rezip(tmp_path / "xxe.docx", {"word/document.xml": part}), "--json")
    assert SECRET not in answer.stdout + answer.stderr
    assert "Traceback" not in answer.stderr


def test_remote_dtd_and_parameter_entity_are_not_fetched(tmp_path: Path, free_port: int) -> None:
    url = f"http://127.0.0.1:{free_port}"
    doctype = f'<!DOCTYPE w:document SYSTEM "{url}/a.dtd" [<!ENTITY % p SYSTEM "{url}/p.dtd"> %p;]>'
    part = with_doctype(sample_document(), doctype, "x")
    with counting_server(free_port) as requests:
        answer = extract(make.rezip(tmp_path / "dtd.docx", {"word/document.xml": part}), "--json")
    assert requests == [] and "Traceback" not in answer.stderr


def test_xinclude_is_not_processed(tmp_path: Path) -> None:
    secret = secret_file(tmp_path)
    include = (
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret.as_uri()}" parse="text"/>'
    )
    document = sample_document().replace("<w:body>", f"<w:body><w:p><w:r><w:t>{include}</w:t></w:r></w:p>", 1)
    answer = extract(make.rezip(tmp_path / "xi.docx", {"word/document.xml": document.encode()}), "--json")
    assert answer.returncode == 0, answer.stderr
    assert SECRET not in answer.stdout


def test_external_relationship_is_not_fetched(tmp_path: Path, free_port: int) -> None:
    with zipfile.ZipFile(SAMPLE_DOCX) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
    external = (
        '<Relationship Id="rIdHostile" TargetMode="External" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        f'Target="http://127.0.0.1:{free_port}/pixel.png"/></Relationships>'
    )
    attached = (
        '<Relationship Id="rIdTemplate" TargetMode="External" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
        f'Target="http://127.0.0.1:{free_port}/template.dotm"/>'
    )
    rels = rels.replace("</Relationships>", attached + external)
    docx = make.rezip(tmp_path / "rels.docx", {"word/_rels/document.xml.rels": rels.encode()})
    with counting_server(free_port) as requests:
        answer = extract(docx, "--json")
    assert answer.returncode == 0, answer.stderr
    assert requests == []


def test_pdf_javascript_and_launch_actions_do_not_run(tmp_path: Path, free_port: int) -> None:
    marker = tmp_path / "launched"
    script = f"app.launchURL('http://127.0.0.1:{free_port}/js', true);"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R /AA << /WC 5 0 R >> "
        b"/Names << /JavaScript << /Names [(x) 4 0 R] >> >> /AcroForm << /Fields [] >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /AA << /O 5 0 R >> >>",
        f"<< /S /JavaScript /JS ({script}) >>".encode(),
        f"<< /S /Launch /F (/usr/bin/touch) /Win << /F (touch) /P ({marker}) >> >>".encode(),
    ]
    path = tmp_path / "actions.pdf"
    path.write_bytes(make.pdf(objects))
    with counting_server(free_port) as requests:
        answer = extract(path, "--json")
    assert requests == [] and not marker.exists()
    assert answer.returncode == 2 and len(answer.lines) == 1
