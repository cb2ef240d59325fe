"""Pairs of one filing's copies: the electronic copy (.docx) and its stamped paper copy, scanned.

Usage (from the repository root; needs LibreOffice):

    .venv/bin/python -m sample_docs.scans.pairs --out DIR --count N --seed S [--changed-every K]

Pair `i` takes the i-th freshly generated paper-safe filing of seed S (as `variety.py`'s generated
sources) and writes its electronic copy `NN_<name>.docx` (+ `.truth.json`, the generator's truth), and its
paper copy `NN_<name>_paper.{tif,pdf}` printed, ticked, stamped and scanned with a scanner profile drawn
from `random.Random(f"pairs:{S}:{i}")` (`variety.draw_profile`). Every K-th pair (default every second:
1, 3, 5, …) is **changed**: before printing, the filing is edited on paper in each of the `PLANTS` ways —
a number changed (one to three digits), a tick moved (a single choice to another option, or one option of
a multi choice turned), a name changed (a contact, signer or organisation), a sentence edited (a number,
a clause replaced or dropped in a narrative) — while the electronic copy keeps the original truth.
`NN_<name>.pair.json` lists the two files and every planted difference (kind, field, year, the text in
the electronic copy and on paper), which `bench/bench_paper.py` scores. Same (seed, index) → same pair.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import logging
import random
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sample_docs.builder import build_document
from sample_docs.builder.filling import Filling, TickFill, slot_key
from sample_docs.generator.__main__ import batch_plan
from sample_docs.generator.filing import GeneratedFiling, generate_filing
from sample_docs.generator.layout import encodings_for
from sample_docs.generator.output import write_docx, write_filing
from sample_docs.generator.people import person
from sample_docs.scans.variety import PAPER_SAFE, Source, draw_profile, make_variety_scan
from schema.catalog import FieldSpec, load_field_catalogue

logger = logging.getLogger(__name__)

NAME_FIELDS = (
    "basic.county_authority_contact",
    "basic.operator_contact",
    "declaration.signer_name",
    "basic.operator",
    "declaration.recommending_unit",
)
ORG_WORDS = ("产业发展促进中心", "经济和信息化局", "工业和信息化厅", "园区运营管理有限公司", "产业服务中心")
CLAUSES = (
    "带动就业人数稳步增长",
    "企业研发投入持续加大",
    "区域品牌影响力明显提升",
    "公共服务能力不断增强",
    "产业链协同水平有所提高",
)
DIGITS = "0123456789"
FULL_DIGITS = "０１２３４５６７８９"
NUMBER_RUN = re.compile(r"[0-9０-９]+")
CLAUSE_CUT = re.compile(r"[，。；]")


@dataclass(frozen=True, slots=True)
class Difference:
    """One difference planted on paper: where, and the text in each copy."""

    kind: str
    field: str
    year: str | None
    electronic: str
    paper: str


Plant = Callable[[Filling, GeneratedFiling, random.Random, set[str]], tuple[Filling, Difference] | None]


def _spec(field_id: str) -> FieldSpec | None:
    return load_field_catalogue().by_id().get(field_id)


def _split_key(key: str) -> tuple[str, str | None]:
    field_id, _, year = key.partition("@")
    return field_id, year or None


def _with_text(filling: Filling, key: str, paras: tuple[str, ...]) -> Filling:
    return dataclasses.replace(filling, texts={**filling.texts, key: paras})


def changed_digits(text: str, rng: random.Random) -> str:
    """Given a text holding digits, return it with one to three digits replaced by other digits (same
    width; a leading digit never becomes 0)."""
    places = [m.start() + i for m in NUMBER_RUN.finditer(text) for i in range(len(m.group()))]
    chars = list(text)
    for place in rng.sample(places, min(len(places), rng.choice((1, 1, 2, 3)))):
        digits = FULL_DIGITS if chars[place] in FULL_DIGITS else DIGITS
        leading = place == 0 or not chars[place - 1].isdigit()
        choices = [d for d in digits if d != chars[place] and not (leading and d in "0０")]
        chars[place] = rng.choice(choices)
    return "".join(chars)


def plant_number(
    filling: Filling, filing: GeneratedFiling, rng: random.Random, used: set[str]
) -> tuple[Filling, Difference] | None:
    """A number changed on paper: one numeric cell (any year) with one to three digits replaced."""
    keys = [
        key
        for key, paras in sorted(filling.texts.items())
        if (spec := _spec(_split_key(key)[0])) is not None
        and spec.is_numeric
        and spec.id not in used
        and len(paras) == 1
        and NUMBER_RUN.search(paras[0])
    ]
    if not keys:
        return None
    key = rng.choice(keys)
    before = filling.texts[key][0]
    after = changed_digits(before, rng)
    field_id, year = _split_key(key)
    return _with_text(filling, key, (after,)), Difference("number", field_id, year, before, after)


def plant_tick(
    filling: Filling, filing: GeneratedFiling, rng: random.Random, used: set[str]
) -> tuple[Filling, Difference] | None:
    """A tick moved on paper: a single choice ticked at another option, or one option of a multi
    choice ticked or unticked."""
    fields = [f for f, tick in sorted(filling.ticks.items()) if f not in used and _movable(f, tick)]
    if not fields:
        return None
    field_id = rng.choice(fields)
    tick, spec = filling.ticks[field_id], _spec(field_id)
    assert spec is not None
    options = list(spec.options)
    if spec.type == "choice":
        ticked = frozenset({rng.choice([o for o in options if o not in tick.ticked])})
    else:
        ticked = tick.ticked ^ {rng.choice(options)}
    moved = dataclasses.replace(tick, ticked=ticked)
    difference = Difference("tick", field_id, None, _ticks_text(tick.ticked), _ticks_text(ticked))
    return dataclasses.replace(filling, ticks={**filling.ticks, field_id: moved}), difference


def _movable(field_id: str, tick: TickFill) -> bool:
    spec = _spec(field_id)
    if spec is None or spec.type not in ("choice", "multi_choice"):
        return False
    return spec.type == "multi_choice" or len(tick.ticked) == 1


def _ticks_text(ticked: frozenset[str]) -> str:
    return "、".join(sorted(ticked))


def plant_name(
    filling: Filling, filing: GeneratedFiling, rng: random.Random, used: set[str]
) -> tuple[Filling, Difference] | None:
    """A name changed on paper: a contact or signer replaced by another person, or an organisation's
    name by another of the same place."""
    keys = [key for key in NAME_FIELDS if key in filling.texts and key not in used]
    if not keys:
        return None
    key = rng.choice(keys)
    before = filling.texts[key][0]
    after = before
    while after == before:
        after = person(rng) if key.endswith(("_contact", "signer_name")) else _organisation(before, rng)
    return _with_text(filling, key, (after,)), Difference("name", key, None, before, after)


def _organisation(name: str, rng: random.Random) -> str:
    """Given an organisation's name, return another one of the same place (its first 2–3 characters)."""
    return name[: rng.choice((2, 3))] + rng.choice(ORG_WORDS)


def plant_sentence(
    filling: Filling, filing: GeneratedFiling, rng: random.Random, used: set[str]
) -> tuple[Filling, Difference] | None:
    """A sentence edited on paper: in one narrative, a number changed, a clause replaced or dropped."""
    keys = [
        key
        for key in sorted(filling.texts)
        if (spec := _spec(key)) is not None
        and spec.type == "long_text"
        and key not in used
        and "formula" not in key
        and len(CLAUSE_CUT.split("".join(filling.texts[key]))) > 2
    ]
    if not keys:
        return None
    key = rng.choice(keys)
    paras = filling.texts[key]
    index = rng.randrange(len(paras))
    edited = edit_sentence(paras[index], rng)
    after = (*paras[:index], edited, *paras[index + 1 :])
    difference = Difference("sentence", key, None, "\n".join(paras), "\n".join(after))
    return _with_text(filling, key, after), difference


def edit_sentence(text: str, rng: random.Random) -> str:
    """Given a sentence, return it edited: a number in it changed, or one clause replaced or dropped."""
    clauses = [m for m in re.finditer(r"[^，。；]+", text)]
    mode = rng.choice(("number", "replace", "drop")) if NUMBER_RUN.search(text) else "replace"
    if mode == "number":
        return changed_digits(text, rng)
    clause = rng.choice(clauses)
    if mode == "drop" and len(clauses) > 1:
        end = clause.end() + 1 if clause.end() < len(text) else clause.end()
        edited = text[: clause.start()] + text[end:]
        return edited if edited.strip("，。；") else text + rng.choice(CLAUSES)
    others = [c for c in CLAUSES if c != clause.group()]
    return text[: clause.start()] + rng.choice(others) + text[clause.end() :]


PLANTS: tuple[Plant, ...] = (plant_number, plant_tick, plant_name, plant_sentence)


def paper_filling(filing: GeneratedFiling, rng: random.Random) -> tuple[Filling, list[Difference]]:
    """Given a filing, return its filling edited in every `PLANTS` way (one each, distinct fields)."""
    filling, planted = filing.filling, []
    used: set[str] = set()
    for plant in PLANTS:
        result = plant(filling, filing, rng, used)
        if result is not None:
            filling, difference = result
            planted.append(difference)
            used |= {difference.field, slot_key(difference.field, difference.year)}
    return filling, planted


def paper_safe_filing(seed: int, slot: int) -> GeneratedFiling:
    """Given a seed and a slot, return the slot-th generated filing whose ticks print faithfully."""
    safe = (g for g in itertools.count() if set(encodings_for(g)) <= PAPER_SAFE)
    index = next(itertools.islice(safe, slot, None))
    _, form, clean = batch_plan(index + 1, None)[index]
    return generate_filing(form, seed, index, clean)


def make_pair(seed: int, index: int, changed: bool, out: Path) -> Path:
    """Given a seed, an index and whether the paper is edited, write pair `index` into `out`; return
    the path of its pair.json."""
    rng = random.Random(f"pairs:{seed}:{index}")
    profile = draw_profile(rng)
    filing = paper_safe_filing(seed, index)
    name = f"{index:02d}_{filing.name.split('_', 1)[1]}"
    filing = dataclasses.replace(filing, name=name, truth={**filing.truth, "source": f"{name}.docx"})
    electronic = write_filing(filing, out)
    filling, planted = paper_filling(filing, rng) if changed else (filing.filling, [])
    paper = out / f"{filing.name}_paper{profile.suffix}"
    with tempfile.TemporaryDirectory(prefix="pairs-paper-") as tmp:
        printed = Path(tmp) / f"{filing.name}_paper.docx"
        write_docx(build_document(filing.form, filling), printed)
        truth: dict[str, object] = dict(filing.truth)
        make_variety_scan(Source(filing.name, printed, truth), profile, rng, paper)
    pair = {
        "electronic": electronic.name,
        "paper": paper.name,
        "changed": changed,
        "planted": [dataclasses.asdict(d) for d in planted],
    }
    target = out / f"{filing.name}.pair.json"
    target.write_text(json.dumps(pair, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Given command-line arguments, return the parsed options."""
    parser = argparse.ArgumentParser(prog="python -m sample_docs.scans.pairs", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--count", type=int, default=8, help="number of pairs")
    parser.add_argument("--seed", type=int, default=1, help="seed of the filings, edits and scanners")
    parser.add_argument("--first", type=int, default=0, help="index of the first pair")
    parser.add_argument("--changed-every", type=int, default=2, help="every K-th pair is edited on paper")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Given command-line arguments, write the pairs and return the exit code."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args.out.mkdir(parents=True, exist_ok=True)
    for index in range(args.first, args.first + args.count):
        changed = index % args.changed_every == args.changed_every - 1
        logger.info("wrote %s", make_pair(args.seed, index, changed, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
