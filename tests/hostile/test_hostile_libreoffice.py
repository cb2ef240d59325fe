"""LibreOffice contained: no file name reaches its command line, its whole process group dies on a
timeout, it fetches nothing over the network (namespace, or the profile's fallback), odd names convert."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_tools import SAMPLE_DOC, counting_server, extract, gone_within

from extractors.errors import DocumentLoadError
from extractors.legacy import soffice
from extractors.legacy.soffice import ConversionSettings, legacy_to_docx, network_isolation

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")

LINKED_PICTURE = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2"
 office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>
<text:p>before</text:p>
<text:p><draw:frame draw:name="pic" svg:width="2cm" svg:height="2cm"><draw:image
 xlink:href="http://127.0.0.1:{port}/linked.png" xlink:type="simple" xlink:show="embed"
 xlink:actuate="onLoad"/></draw:frame></text:p>
<text:p>after</text:p></office:text></office:body></office:document>
"""


def convert_with_libreoffice(source: Path, target_format: str, folder: Path) -> Path:
    """Given a document, convert it with LibreOffice (to build a fixture); return the new file."""
    profile = (folder / "fixture-profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore"]
    command += ["--convert-to", target_format, "--outdir", str(folder), str(source)]
    subprocess.run(command, capture_output=True, timeout=180, check=True, start_new_session=True)
    return folder / f"{source.stem}.{target_format}"


@pytest.fixture(scope="module")
def linked_doc() -> Iterator[tuple[Path, int]]:
    """A .doc whose picture is linked from http://127.0.0.1:PORT (nothing listens while it is made)."""
    folder = Path(tempfile.mkdtemp(prefix="hostile-lo-"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    source = folder / "linked.fodt"
    source.write_text(LINKED_PICTURE.format(port=port), encoding="utf-8")
    yield convert_with_libreoffice(source, "doc", folder), port
    shutil.rmtree(folder, ignore_errors=True)


def test_no_file_name_reaches_the_command_line(tmp_path: Path) -> None:
    hostile = tmp_path / "--accept=socket,host=127.0.0.1,port=2002;urp;.doc"
    shutil.copyfile(SAMPLE_DOC, hostile)
    work = tmp_path / "work"
    work.mkdir()
    safe = soffice.prepare_workdir(hostile, work)
    command = soffice._command("soffice", safe, work, isolate=True)
    assert not any("accept" in argument for argument in command)
    assert command[-1] == str(work.resolve() / "input.doc")


def test_an_option_like_name_converts_and_opens_no_listener(tmp_path: Path, free_port: int) -> None:
    hostile = tmp_path / f"--accept=socket,host=127.0.0.1,port={free_port};urp;.doc"
    shutil.copyfile(SAMPLE_DOC, hostile)
    answer = extract(hostile, "--json")
    assert answer.returncode == 0, answer.stderr
    with socket.socket() as client, pytest.raises(ConnectionRefusedError):
        client.connect(("127.0.0.1", free_port))
    assert gone_within("soffice.bin", 10)


def test_a_timeout_kills_the_whole_group(tmp_path: Path) -> None:
    with pytest.raises(DocumentLoadError, match="超时"):
        legacy_to_docx(SAMPLE_DOC, tmp_path, ConversionSettings(timeout_seconds=0.5))
    assert gone_within(str(tmp_path.resolve()), 5), "soffice.bin outlived the timeout"


@pytest.mark.parametrize("isolate", [True, False], ids=["namespace-if-available", "profile-fallback"])
def test_a_linked_picture_is_not_fetched(linked_doc: tuple[Path, int], tmp_path: Path, isolate: bool) -> None:
    document, port = linked_doc
    with counting_server(port) as requests:
        converted = legacy_to_docx(document, tmp_path, ConversionSettings(isolate_network=isolate))
    assert zipfile.is_zipfile(converted)
    assert requests == []


def test_the_fallback_check_can_fail(
    linked_doc: tuple[Path, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the profile's settings and without a namespace, LibreOffice does fetch the picture."""
    document, port = linked_doc
    monkeypatch.setattr(soffice, "PROFILE_SETTINGS", ())
    with counting_server(port) as requests:
        legacy_to_docx(document, tmp_path, ConversionSettings(isolate_network=False))
    assert requests


def test_network_isolation_is_found_where_the_machine_allows_it() -> None:
    allowed = subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0 or (
        os.geteuid() == 0 and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    )
    assert bool(network_isolation()) == allowed


@pytest.mark.parametrize(
    "name",
    [b"\xff\xfe\xb0\xa1 \xe7\x94\xb3\xe6\x8a\xa5.doc", ("申报表" * 26).encode() + b".doc"],
    ids=["not-utf8", "long-name"],
)
def test_a_valid_doc_with_an_odd_name_converts(tmp_path: Path, name: bytes) -> None:
    path = os.fsencode(tmp_path) + b"/" + name
    with open(path, "wb") as handle:
        handle.write(SAMPLE_DOC.read_bytes())
    answer = extract(path, "--json")
    assert answer.returncode == 0, answer.stderr
    assert '"form": "application"' in answer.stdout
