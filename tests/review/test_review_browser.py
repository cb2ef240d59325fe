"""The review station in a real browser: Debian's chromium driven by Playwright (no browser download).

One operator's and one supervisor's day: log in, filter to errors, open a finding on a scanned filing and
see its crop, correct a ratio's input (the ratio finding disappears, the verdict changes), accept one with
a reason, 退回 a submission and open the notice, export and find the corrected value marked, see the
audit rows. The screenshots of the README are taken here (`UPDATE_SCREENSHOTS=1` writes them to docs/).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import cv2
import docx
import numpy as np
import pytest
from openpyxl import load_workbook
from review_store import SAMPLES, ingest, submission_of
from sqlalchemy import Engine
from waitress.server import create_server

from cluster_intake.pipeline import content_hash
from flows import steps
from flows.intake import FilingResult
from reports.verdict import verdict
from review.accounts import add_user
from review.web.app import create_app
from review.web.config import ReviewConfig
from schema.record import Record

pytestmark = pytest.mark.slow
playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = os.environ.get("CLUSTER_INTAKE_CHROMIUM", "/usr/bin/chromium")
PASSWORD = "password-1234"
SCAN = "00_application_clean.tif"
RATIO_FILE = "08_application_clean.docx"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
RECORDED = Path(__file__).parent / "data" / f"{SCAN}.record.json"


def browser_path() -> str:
    """Return the chromium to drive; without one, skip here but fail in CI (CI=1)."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(f"no chromium at {CHROMIUM}: scripts/setup.sh installs Debian's chromium as root")
    pytest.skip(f"no chromium at {CHROMIUM}")


def with_ratio_broken(target: Path) -> None:
    """Copy sample 08 with its 2024 上云中小企业数 changed from ６４７ to ６９７: 上云比例 no longer fits."""
    source = SAMPLES / "docx" / RATIO_FILE
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "word/document.xml":
                assert data.count("<w:t>６４７</w:t>".encode()) == 1
                data = data.replace("<w:t>６４７</w:t>".encode(), "<w:t>６９７</w:t>".encode())
            copy.writestr(info, data)


def recorded_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read the sample scan from its recorded record (the OCR engine's own tests read it for real)."""
    real = steps.file_to_result
    record = Record.model_validate(json.loads(RECORDED.read_text(encoding="utf-8")))
    assert record.sha256 == content_hash(SAMPLES / "scans" / SCAN), "scan changed: record it again"

    def reading(path: Path, *args: object) -> FilingResult:
        if path.name != SCAN:
            return real(path, *args)  # type: ignore[arg-type]
        return FilingResult(record, tuple(record.exceptions), verdict(record.exceptions))

    monkeypatch.setattr(steps, "file_to_result", reading)


@pytest.fixture(scope="module")
def station(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Engine, Path]]:
    root = tmp_path_factory.mktemp("browser")
    inbox = root / "inbox"
    inbox.mkdir()
    for kind, name in (("docx", "00_application_clean.docx"), ("pdf", "00_application_clean.pdf")):
        shutil.copy(SAMPLES / kind / name, inbox / name)
    shutil.copy(SAMPLES / "scans" / SCAN, inbox / SCAN)
    shutil.copy(SAMPLES / "docx" / "02_application_messy.docx", inbox / "02_application_messy.docx")
    with_ratio_broken(inbox / RATIO_FILE)
    with pytest.MonkeyPatch.context() as patch:
        recorded_scan(patch)
        engine = ingest(inbox, root / "out")
    add_user(engine, "甲", "operator", PASSWORD)
    add_user(engine, "主管", "supervisor", PASSWORD)
    app = create_app(ReviewConfig(str(engine.url), root / "out"), engine)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = create_server(app, host="127.0.0.1", port=port, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}", engine, root
    server.close()


@pytest.fixture(scope="module")
def browser(station: tuple[str, Engine, Path]) -> Iterator[object]:
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=browser_path(), args=["--no-sandbox"])
        yield launched
        launched.close()


def log_in(browser: object, base: str, name: str) -> object:
    context = browser.new_context(
        base_url=base, viewport={"width": 1400, "height": 1000}, accept_downloads=True
    )  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto("/")
    assert "/login" in page.url
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def screenshot(page: object, tmp: Path, name: str) -> None:
    path = tmp / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)  # type: ignore[attr-defined]
    if os.environ.get("UPDATE_SCREENSHOTS"):
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, DOCS / f"{name}.png")


def test_an_operator_s_and_a_supervisor_s_day(
    station: tuple[str, Engine, Path], browser: object, tmp_path: Path
) -> None:
    base, engine, _ = station
    page = log_in(browser, base, "甲")
    assert page.locator("[data-list] tr[data-row]").count() == 3  # three submissions of five files
    screenshot(page, tmp_path, "queue")

    # filter to errors
    page.select_option("select[name=severity]", "error")
    page.click(".filters button[type=submit]")
    page.wait_for_url("**severity=error**")
    rows = page.locator("[data-list] tr[data-row]")
    assert rows.count() >= 1
    assert all(int(rows.nth(i).locator("td.num").first.inner_text()) > 0 for i in range(rows.count()))

    # a finding on a scanned filing, with its crop
    scanned = submission_of(engine, SCAN)
    page.goto(f"/s/{scanned}")
    page.click("text=未见公章")
    crop = page.locator("img[data-crop]")
    crop.wait_for()
    page.wait_for_function(
        "document.querySelector('img[data-crop]').complete && document.querySelector('img[data-crop]').naturalWidth > 0"
    )
    png = page.request.get(crop.get_attribute("src")).body()
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert image is not None and image.shape[1] >= 300
    assert float(image.std()) > 20 and (image < 128).mean() > 0.01  # ink and paper, not a blank
    screenshot(page, tmp_path, "finding")

    # correct a ratio's input: the ratio finding disappears and the verdict changes
    ratio = submission_of(engine, RATIO_FILE)
    page.goto(f"/s/{ratio}")
    assert page.locator("h1 .badge").inner_text() == "需复核"
    page.click("text=占比计算不符")
    page.select_option("select[name=cell]", "digital.cloud_sme_count|2024")
    page.fill("form[data-form=correct] input[name=text]", "647")
    page.fill("form[data-form=correct] input[name=note]", "与原件核对")
    page.click("form[data-form=correct] button[type=submit]")
    page.goto(f"/s/{ratio}")
    assert page.locator("text=占比计算不符").count() == 0
    assert page.locator("h1 .badge").inner_text() == "通过"
    audit = page.locator("table.audit").inner_text()
    assert "已更正" in audit and "甲" in audit and "697" in audit and "647" in audit

    # accept one with a reason, by keyboard
    messy = submission_of(engine, "02_application_messy.docx")
    page.goto(f"/s/{messy}")
    first = page.locator("[data-list] tr[data-row]").first
    title = first.locator("td").nth(1).inner_text()
    first.locator("a").click()
    page.wait_for_url("**/f/**")
    page.keyboard.press("a")
    page.keyboard.type("已电话核实")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto(f"/s/{messy}")
    accepted = page.locator("[data-list] tr[data-row]", has_text=title).first
    assert "已接受" in accepted.inner_text()

    # 退回 a submission (a supervisor signs at once) and open the notice
    boss = log_in(browser, base, "主管")
    boss.goto(f"/s/{messy}")
    boss.fill("textarea[name=message]", "请核实标出的栏目后重新报送。")
    boss.click("button[data-key=return]")
    assert boss.locator("h1 .badge").inner_text() == "已退回"
    with boss.expect_download() as notice:
        boss.click("text=下载退回通知")
    document = docx.Document(notice.value.path())
    text = "\n".join(p.text for p in document.paragraphs)
    assert "请核实标出的栏目后重新报送。" in text and "签批人：主管" in text

    # export, and the corrected value is marked
    page.goto("/export")
    with page.expect_download() as exported:
        page.click("[data-export]")
    archive = zipfile.ZipFile(exported.value.path())
    book = load_workbook(io.BytesIO(archive.read("records.xlsx")))
    sheet = book["数字化"]  # the section sheet the corrected cell stands on
    headers = [c.value for c in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == ratio)
    cell = sheet.cell(row, headers.index("集群上云中小企业数量（个）2024年") + 1)
    assert cell.value == 647 and cell.comment is not None and "697" in cell.comment.text
