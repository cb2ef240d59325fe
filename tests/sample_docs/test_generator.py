"""The generator is deterministic, its CLI writes pairs, and the committed set is what it generates."""

from __future__ import annotations

import re
from pathlib import Path

import docx

from sample_docs.builder import build_document
from sample_docs.builder.filling import TICK_ENCODINGS
from sample_docs.generator.__main__ import batch_plan, main
from sample_docs.generator.filing import GeneratedFiling, cluster_of, generate_batch, generate_filing
from sample_docs.generator.output import stable_docx_bytes
from tests.sample_docs.conftest import SAMPLES, body_text, load_truths

README_SEED = 20250410
README_COUNT = 12


def test_same_seed_same_filing() -> None:
    first, second = generate_filing("review", 5, 3, False), generate_filing("review", 5, 3, False)
    assert first.truth == second.truth and first.filling == second.filling
    assert stable_docx_bytes(build_document("review", first.filling)) == stable_docx_bytes(
        build_document("review", second.filling)
    )


def test_other_seed_other_filing() -> None:
    assert (
        generate_filing("application", 1, 0, True).truth != generate_filing("application", 2, 0, True).truth
    )


def test_cli_writes_docx_and_truth_pairs(tmp_path: Path) -> None:
    assert main(["--out", str(tmp_path), "--count", "3", "--seed", "9", "--form", "review"]) == 0
    docs = sorted(tmp_path.glob("*.docx"))
    assert len(docs) == 3 and all(d.with_name(d.stem + ".truth.json").exists() for d in docs)
    assert "复核申报表" in body_text(docx.Document(str(docs[0])))


def committed_set() -> list[GeneratedFiling]:
    """The filings of the committed sample set, as the generator's command makes them."""
    return generate_batch(batch_plan(README_COUNT, None), README_SEED)


def test_committed_samples_are_regenerable() -> None:
    """The committed set equals `python -m sample_docs.generator --out … --count 12 --seed 20250410`."""
    committed = {p.name: t for p, t in load_truths()}
    for filing in committed_set():
        form = filing.form
        assert committed[f"{filing.name}.docx"] == filing.truth, filing.name
        committed_bytes = (SAMPLES / f"{filing.name}.docx").read_bytes()
        assert committed_bytes == stable_docx_bytes(build_document(form, filing.filling)), filing.name


def test_a_batch_holds_distinct_filings_one_per_cluster() -> None:
    """Two filings of one cluster and form in one batch are versions (duplicate_filing): a generated batch
    draws again a filing whose cluster it already has (the seed's filings 1 and 5 met before)."""
    clusters = [cluster_of(filing) for filing in committed_set()]
    assert len(set(clusters)) == len(clusters)
    assert cluster_of(generate_filing("review", README_SEED, 5, True)) == clusters[1]


def _all_texts() -> list[str]:
    texts: list[str] = []
    for filing in committed_set():
        filling = filing.filling
        texts += [t for paras in filling.texts.values() for t in paras]
        if filling.cover is not None:
            texts.append(filling.cover.contact)
    return texts


def test_set_covers_every_tick_encoding_ticked() -> None:
    used: set[str] = set()
    for filing in committed_set():
        filling = filing.filling
        used |= {tick.encoding for tick in filling.ticks.values() if tick.ticked}
    assert used == set(TICK_ENCODINGS)
    assert any(t.inline for filing in committed_set() for t in filing.filling.ticks.values())


def test_set_covers_number_formats() -> None:
    joined = "\n".join(_all_texts())
    patterns = {
        "thousands": r"\d,\d{3}",
        "fullwidth": r"[０-９]．[０-９]",
        "unit 亿元": r"\d亿元",
        "万元 in 亿元 row": r"\d万元",
        "percent": r"\d%",
        "fullwidth percent": r"\d％",
        "minus −": "−[0-9０-９]",
        "minus －": "－[0-9０-９]",
        "minus -": r"(?<![\d])-\d",
        "three decimals": r"\d\.\d{3}(?!\d)",
        "约": "约\\d",
        "无": "^(无|暂无|—)$",
        "named 0": "数量：0",
        "numbered names": r"^\d\.\S*(公司|中心|平台|联盟|协会|商会|综合体|）|车间|工厂)$",
        "paren numbers": "（1）",
        "semicolon names": "名称：[^；\n]+；",
        "count with 家": r"\d家",
    }
    missing = [name for name, pattern in patterns.items() if not re.search(pattern, joined, re.MULTILINE)]
    assert missing == []


def test_set_covers_layout_variety() -> None:
    renders = [t["render"] for _, t in load_truths()]
    layouts = [r["layout"] for r in renders]  # type: ignore[index]
    assert {r["cover"] for r in renders} == {"table", "underlined"}  # type: ignore[index]
    for key in (
        "split_section",
        "extra_row_section",
        "blank_row_section",
        "spaced_labels",
        "halfwidth_parens",
    ):
        assert any(layout[key] for layout in layouts), key
    separators = {s for r in renders for s in r.get("name_separators", [])}  # type: ignore[attr-defined]
    assert separators == {"、", "；", "numbered_lines", "paren_numbers", "newlines"}


def test_split_section_repeats_year_header() -> None:
    for path, truth in load_truths():
        section = truth["render"]["layout"]["split_section"]  # type: ignore[index]
        if section:
            text = body_text(docx.Document(str(path)))
            assert text.count("年度2022年2023年2024年") >= 4, path.name
            return
    raise AssertionError("no split table in the set")
