"""Train the box-state classifier (`extractors/ocr/models/box_state.onnx`) and write its model card.

Usage (from the repository root; needs LibreOffice, and `pip install -e '.[train]'` for onnx):

    python -m training.box_states [--sources 14] [--seed 20261207] [--workers 2]

1. `harvest`: generated filings are exported to PDF and rendered; every printed box is marked by
   hand in a random style (`sample_docs.scans.hand_marks`, also empty boxes: the label is what was
   drawn, not the filing's answer), the page is printed and scanned with a random scanner profile
   (or faxed), then read by the reader's own stages: the box candidates its detector finds are
   labelled by the box they fall on, or `not_a_box` (a character's enclosing stroke); a box the
   detector missed is cropped where it is printed (as the reader anchors it by its option's text);
   characters with an enclosing stroke (口 日 目 回 …) are cropped as `not_a_box`.
2. `train`: a small multilayer perceptron in numpy (Adam, class-balanced cross-entropy), on every
   source but the held-out ones (every fifth), with the features `box_states.box_to_crop` makes.
3. `export`: the network as an ONNX graph (MatMul, Add, Relu, Softmax), run by onnxruntime.
4. The model card beside the model: data, validation figures per class, the settings, the date.

Deterministic for a seed; about 10 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import logging
import random
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from extractors.ocr.box_states import CLASSES, CROP, MODEL_PATH, STATES, box_to_crop, probabilities_to_tick
from extractors.ocr.geometry import TickState, center, contains_point
from extractors.ocr.page import page_to_ruling
from extractors.ocr.preprocess import despeckle, gray_to_faint_ink, gray_to_ink, page_to_gray
from extractors.ocr.ruling import ruling_to_grids
from extractors.ocr.ticks import free_ink, in_value_cell, ink_to_boxes
from sample_docs.scans.generate import BoxTruth, Image8, PageText, export_and_render, mark_pages, to_pixels
from sample_docs.scans.media import fax_page
from sample_docs.scans.variety import Source, draw_profile, generated_source, scan_page, tick_plan
from schema.document import BBox
from training.drawn_boxes import drawn_samples

logger = logging.getLogger(__name__)

Floats = npt.NDArray[np.float32]
Labels = npt.NDArray[np.int64]

HAND_STYLES = ("check", "beside", "filled", "cross", "overshoot", "strokes_cross", "blob", "circle")
TICK_CHOICES: tuple[str | None, ...] = (None, None, *HAND_STYLES)
"""A ticked glyph stays printed (None) or is redrawn in a hand style."""
EMPTY_CHOICES: tuple[str | None, ...] = (None, None, None, None, None, *HAND_STYLES)
"""An empty glyph mostly stays empty; else it is marked too (the classes need not follow answers)."""
ENCLOSING = frozenset("口日目回田国四围固图园因团圆品器唱县具且自白百曰由甲申电旦里固晶明")
"""Characters with a box-like enclosing stroke: what prose must never turn into a box."""
VARIANTS = 2
"""Each rendered page is marked and scanned this many times, each time afresh."""
JITTERS = 2
"""Each box is also cropped this many times a little shifted and scaled (a detector's error)."""
NEGATIVES_PER_PAGE = 12
BOLD_SHARE = 0.5
"""This share of pages is also cropped with its ink thickened by a pixel."""
SPECKLED = 0.2
"""This share of empty boxes gets a toner speck inside."""
MATCH = 0.3
"""A candidate overlapping a printed box this much (intersection over union), or centred on it, is it."""
DRAWN_CHUNK = 1000
HELD_OUT = 5
"""Every HELD_OUT-th source is held out for validation."""
CARD_PATH = MODEL_PATH.with_name("box_state.md")


@dataclass(frozen=True, slots=True)
class Samples:
    """Feature vectors with their class indices (`CLASSES`) and the source each came from."""

    features: Floats
    labels: Labels
    sources: npt.NDArray[np.int64]

    @staticmethod
    def join(parts: Sequence[Samples]) -> Samples:
        return Samples(
            np.concatenate([p.features for p in parts])
            if parts
            else np.zeros((0, CROP.features), np.float32),
            np.concatenate([p.labels for p in parts]) if parts else np.zeros(0, np.int64),
            np.concatenate([p.sources for p in parts]) if parts else np.zeros(0, np.int64),
        )


def _bbox(box: tuple[int, int, int, int]) -> BBox:
    return BBox(float(box[0]), float(box[1]), float(box[2]), float(box[3]))


def _overlap(a: BBox, b: BBox) -> float:
    """Intersection over union of two boxes."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    return inter / (a.width * a.height + b.width * b.height - inter)


def _jittered(box: BBox, rng: random.Random) -> BBox:
    """The box shifted by up to a tenth of its side and scaled by up to ±10 %."""
    side = box.width
    dx, dy = rng.uniform(-0.1, 0.1) * side, rng.uniform(-0.1, 0.1) * side
    grow = rng.uniform(-0.1, 0.1) * side / 2
    return BBox(box.x0 + dx - grow, box.y0 + dy - grow, box.x1 + dx + grow, box.y1 + dy + grow)


def _styles(rng: random.Random, choices: tuple[str | None, ...]) -> Iterator[str | None]:
    while True:
        yield rng.choice(choices)


def speckle(page: Image8, truths: Sequence[BoxTruth], dpi: int, rng: random.Random) -> None:
    """Dot a toner speck (up to 0.4 mm) into SPECKLED of the page's empty boxes, in place: a
    speck leaves a box empty."""
    for truth in truths:
        if truth.label == "empty" and rng.random() < SPECKLED:
            x0, y0, x1, _ = truth.box
            side = x1 - x0
            centre = (round(x0 + side * rng.uniform(0.3, 0.7)), round(y0 + side * rng.uniform(0.3, 0.7)))
            shade = rng.randint(20, 120)
            radius = max(1, round(rng.uniform(0.5, 2.0) * dpi / 150))
            cv2.circle(page, centre, radius, (shade, shade, shade), -1)


def scanned(page: Image8, rng: random.Random) -> tuple[Image8, int]:
    """Given a marked page, return it printed and scanned (or faxed) without skew or turn (the
    reader straightens pages before boxes are looked for), and its resolution."""
    profile = replace(draw_profile(rng), max_skew=0.0, turn=0)
    image, _ = scan_page(page, profile, rng)
    if profile.medium == "fax":
        image = fax_page(image, rng, standard=False)
    elif profile.jpeg_quality < 90:
        ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, profile.jpeg_quality])
        image = np.asarray(cv2.imdecode(data, cv2.IMREAD_UNCHANGED), np.uint8) if ok else image
    return image, profile.dpi


def page_samples(
    image: Image8, truths: Sequence[BoxTruth], text: PageText, dpi: int, rng: random.Random
) -> tuple[list[Floats], list[int]]:
    """Given a marked, scanned page, its boxes' truths, its characters and resolution, return the
    feature vectors and labels of its box candidates, missed boxes and enclosing characters."""
    gray = page_to_gray(image)
    ink = despeckle(gray_to_ink(gray))
    ruling = page_to_ruling(gray_to_faint_ink(gray), ())
    grids = ruling_to_grids(ruling)
    free = free_ink(ink, ruling.lines)
    scale = ruling.px_per_mm
    # Bolder print (a bold box, spread toner) is the same page's ink thickened.
    views = [free] + ([cv2.dilate(free, np.ones((2, 2), np.uint8))] if rng.random() < BOLD_SHARE else [])
    boxes = [(_bbox(t.box), CLASSES.index(t.label)) for t in truths]
    found: set[int] = set()
    samples: list[tuple[BBox, int]] = []
    for candidate in ink_to_boxes(free, scale, grids):
        if not in_value_cell(candidate, grids):
            continue
        best = max(range(len(boxes)), key=lambda i: _overlap(candidate, boxes[i][0]), default=None)
        overlap = 0.0 if best is None else _overlap(candidate, boxes[best][0])
        if best is not None and (overlap >= MATCH or contains_point(boxes[best][0], *center(candidate))):
            found.add(best)
            samples.append((candidate, boxes[best][1]))
        elif overlap == 0.0:
            samples.append((candidate, 0))
        # a candidate partly on a box (a blob's spill found as a second square) teaches nothing sure
    samples += [boxes[i] for i in range(len(boxes)) if i not in found]
    enclosing = [rect for ch, rect in text.chars if ch in ENCLOSING]
    for rect in rng.sample(enclosing, min(NEGATIVES_PER_PAGE, len(enclosing))):
        x0, y0, x1, y1 = to_pixels(rect, dpi)
        side = min(x1 - x0, y1 - y0) * rng.uniform(0.55, 0.95)
        cx, cy = (x0 + x1) / 2 + rng.uniform(-0.2, 0.2) * side, (y0 + y1) / 2 + rng.uniform(-0.2, 0.2) * side
        samples.append((BBox(cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2), 0))
    features: list[Floats] = []
    labels: list[int] = []
    for box, label in samples:
        for ink_view in views:
            for place in [box, *(_jittered(box, rng) for _ in range(JITTERS))]:
                features.append(box_to_crop(ink_view, place))
                labels.append(label)
    return features, labels


def harvest_source(index: int, seed: int) -> Samples:
    """Given a source index and the seed, return the samples of every page of that generated filing."""
    rng = random.Random(f"box-states:{seed}:{index}")
    features: list[Floats] = []
    labels: list[int] = []
    with tempfile.TemporaryDirectory(prefix="box-states-") as tmp:
        source: Source = generated_source(seed, index, Path(tmp))
        dpi = rng.choice((150, 200, 300))
        texts, pages = export_and_render(source.docx, dpi)
    for variant in range(VARIANTS):
        marked = [page.copy() for page in pages]
        _, typed_after = tick_plan(draw_profile(rng), source.truth)
        truths = mark_pages(
            marked,
            texts,
            _styles(rng, TICK_CHOICES),
            rng.choice(HAND_STYLES),
            dpi,
            typed_after,
            rng,
            _styles(rng, EMPTY_CHOICES),
        )
        for page, page_truths, text in zip(marked, truths, texts, strict=True):
            speckle(page, page_truths, dpi, rng)
            image, _ = scanned(page, rng)
            found, named = page_samples(image, page_truths, text, dpi, rng)
            features += found
            labels += named
        logger.info("source %d variant %d: %d samples", index, variant, len(labels))
    return Samples(
        np.stack(features) if features else np.zeros((0, CROP.features), np.float32),
        np.array(labels, np.int64),
        np.full(len(labels), index, np.int64),
    )


def drawn_chunk(index: int, seed: int) -> Samples:
    """Given a chunk index and the seed, return DRAWN_CHUNK drawn samples, their source -1 - index."""
    features, labels = drawn_samples(DRAWN_CHUNK, seed * 1000 + index)
    return Samples(features, labels, np.full(len(labels), -1 - index, np.int64))


def harvest(sources: int, drawn: int, seed: int, workers: int) -> Samples:
    """Given how many page sources and drawn samples, the seed and worker processes, return all
    samples."""
    chunks = range(max(0, drawn) // DRAWN_CHUNK)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pages = pool.map(harvest_source, range(sources), itertools.repeat(seed))
        patches = pool.map(drawn_chunk, chunks, itertools.repeat(seed))
        return Samples.join([*pages, *patches])


def held_out(samples: Samples) -> npt.NDArray[np.bool_]:
    """Which samples validate: those of every HELD_OUT-th page source and drawn chunk."""
    chunk = np.where(samples.sources >= 0, samples.sources, -1 - samples.sources)
    held: npt.NDArray[np.bool_] = chunk % HELD_OUT == HELD_OUT - 1
    return held


def subset(samples: Samples, keep: npt.NDArray[np.bool_]) -> Samples:
    return Samples(samples.features[keep], samples.labels[keep], samples.sources[keep])


@dataclass(frozen=True, slots=True)
class TrainSettings:
    """The network and its training: hidden layer sizes, epochs, batch, Adam's step, L2 weight."""

    hidden: tuple[int, ...] = (128, 64)
    epochs: int = 30
    batch: int = 256
    rate: float = 1e-3
    decay: float = 1e-5


@dataclass(frozen=True, slots=True)
class Network:
    """Weights and biases of each layer (the last one's outputs are the classes)."""

    weights: tuple[Floats, ...]
    biases: tuple[Floats, ...]

    def probabilities(self, x: Floats) -> Floats:
        """Given feature vectors, return class probabilities."""
        for n, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            x = x @ w + b
            if n < len(self.weights) - 1:
                x = np.maximum(x, 0)
        return _softmax(x)


def _softmax(x: Floats) -> Floats:
    e = np.exp(x - x.max(axis=1, keepdims=True))
    out: Floats = (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
    return out


def train(samples: Samples, settings: TrainSettings, seed: int) -> Network:
    """Given training samples, return the network trained on them (class-balanced, Adam)."""
    gen = np.random.default_rng(seed)
    sizes = (samples.features.shape[1], *settings.hidden, len(CLASSES))
    weights = [
        (gen.standard_normal((a, b)) * np.sqrt(2 / a)).astype(np.float32)
        for a, b in itertools.pairwise(sizes)
    ]
    biases = [np.zeros(b, np.float32) for b in sizes[1:]]
    params = weights + biases
    moments = [np.zeros_like(p) for p in params]
    squares = [np.zeros_like(p) for p in params]
    counts = np.bincount(samples.labels, minlength=len(CLASSES)).astype(np.float32)
    class_weight = (counts.sum() / np.maximum(counts, 1) / len(CLASSES)).astype(np.float32)
    step = 0
    for epoch in range(settings.epochs):
        order = gen.permutation(len(samples.labels))
        rate = settings.rate * (0.5 ** (epoch // 10))
        for start in range(0, len(order), settings.batch):
            rows = order[start : start + settings.batch]
            grads = _gradients(weights, biases, samples.features[rows], samples.labels[rows], class_weight)
            step += 1
            for n, (p, g) in enumerate(zip(params, grads, strict=True)):
                g = g + settings.decay * p if n < len(weights) else g
                moments[n] = 0.9 * moments[n] + 0.1 * g
                squares[n] = 0.999 * squares[n] + 0.001 * g * g
                m_hat = moments[n] / (1 - 0.9**step)
                v_hat = squares[n] / (1 - 0.999**step)
                p -= (rate * m_hat / (np.sqrt(v_hat) + 1e-8)).astype(np.float32)
        logger.info("epoch %d done", epoch + 1)
    return Network(tuple(weights), tuple(biases))


def _gradients(
    weights: list[Floats], biases: list[Floats], x: Floats, y: Labels, class_weight: Floats
) -> list[Floats]:
    """Back-propagation of the weighted cross-entropy: gradients of weights, then of biases."""
    activations = [x]
    for n, (w, b) in enumerate(zip(weights, biases, strict=True)):
        z = activations[-1] @ w + b
        activations.append(np.maximum(z, 0) if n < len(weights) - 1 else z)
    probs = _softmax(activations[-1])
    sample_weight = class_weight[y]
    delta = probs.copy()
    delta[np.arange(len(y)), y] -= 1
    delta *= (sample_weight / sample_weight.sum())[:, None]
    grad_w: list[Floats] = []
    grad_b: list[Floats] = []
    for n in range(len(weights) - 1, -1, -1):
        grad_w.insert(0, (activations[n].T @ delta).astype(np.float32))
        grad_b.insert(0, delta.sum(axis=0).astype(np.float32))
        if n:
            delta = (delta @ weights[n].T) * (activations[n] > 0)
    return grad_w + grad_b


def export(network: Network, path: Path) -> None:
    """Write the network as an ONNX model: input `crops` (n × features), output `probabilities`."""
    import onnx  # training only: the reader runs the file with onnxruntime
    from onnx import TensorProto, helper, numpy_helper

    nodes, inits = [], []
    current = "crops"
    for n, (w, b) in enumerate(zip(network.weights, network.biases, strict=True)):
        inits += [numpy_helper.from_array(w, f"w{n}"), numpy_helper.from_array(b, f"b{n}")]
        nodes += [
            helper.make_node("MatMul", [current, f"w{n}"], [f"m{n}"]),
            helper.make_node("Add", [f"m{n}", f"b{n}"], [f"z{n}"]),
        ]
        current = f"z{n}"
        if n < len(network.weights) - 1:
            nodes.append(helper.make_node("Relu", [current], [f"a{n}"]))
            current = f"a{n}"
    nodes.append(helper.make_node("Softmax", [current], ["probabilities"], axis=1))
    features = network.weights[0].shape[0]
    graph = helper.make_graph(
        nodes,
        "box_state",
        [helper.make_tensor_value_info("crops", TensorProto.FLOAT, ["n", features])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["n", len(CLASSES)])],
        inits,
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="cluster-intake"
    )
    model.ir_version = 8
    onnx.checker.check_model(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(model.SerializeToString())


def confusion(network: Network, samples: Samples) -> npt.NDArray[np.int64]:
    """Rows: true class; columns: most probable class."""
    predicted = network.probabilities(samples.features).argmax(axis=1)
    matrix = np.zeros((len(CLASSES), len(CLASSES)), np.int64)
    np.add.at(matrix, (samples.labels, predicted), 1)
    return matrix


BINS = (0.6, 0.8, 0.9, 0.95, 0.99, 1.01)


def reliability(network: Network, held: Samples) -> list[str]:
    """Table rows: the held-out boxes decided (`probabilities_to_tick`, as the reader does) by
    confidence bin, with the mean confidence and the share decided right; and the unknown ones."""
    boxes = held.labels > 0
    probabilities = network.probabilities(held.features[boxes])
    truth = [TickState.EMPTY if CLASSES[n] == "empty" else TickState.TICKED for n in held.labels[boxes]]
    ticks = [probabilities_to_tick(BBox(0, 0, 1, 1), p) for p in probabilities]
    rows = []
    for low, high in itertools.pairwise((0.0, *BINS)):
        inside = [(t, want) for t, want in zip(ticks, truth, strict=True) if low <= t.confidence < high]
        decided = [(t, want) for t, want in inside if t.state is not TickState.UNKNOWN]
        if decided:
            right = sum(t.state is want for t, want in decided) / len(decided)
            mean = sum(t.confidence for t, _ in decided) / len(decided)
            rows.append(f"| {low:.2f}–{min(high, 1.0):.2f} | {len(decided)} | {mean:.3f} | {right:.3f} |")
    unknown = sum(t.state is TickState.UNKNOWN for t in ticks)
    rows.append(f"| unknown (below {STATES.unsure}) | {unknown} | — | — |")
    return rows


def card(
    train_set: Samples,
    held: Samples,
    matrix: npt.NDArray[np.int64],
    drawn: npt.NDArray[np.int64],
    curve: list[str],
    args: argparse.Namespace,
    seconds: float,
) -> str:
    """The model card: what the model decides, its data, its validation figures, how it was made."""

    def counts(s: Samples) -> str:
        return ", ".join(
            f"{c} {int(n)}"
            for c, n in zip(CLASSES, np.bincount(s.labels, minlength=len(CLASSES)), strict=True)
        )

    def table(m: npt.NDArray[np.int64]) -> list[str]:
        return [
            f"| {c} | {int(m[i].sum())} | {m[i, i] / max(1, m[i].sum()):.3f} | "
            + " ".join(str(int(v)) for v in m[i])
            + " |"
            for i, c in enumerate(CLASSES)
        ]

    head = ["| class | crops | recall | predicted as " + " / ".join(CLASSES) + " |", "|---|---|---|---|"]
    marked = [CLASSES.index(c) for c in ("ticked", "crossed", "filled")]
    empty = CLASSES.index("empty")
    true_marked = matrix[marked].sum()
    marked_as_empty = matrix[np.ix_(marked, [empty])].sum()
    empty_as_marked = matrix[np.ix_([empty], marked)].sum()
    return "\n".join(
        [
            "# Model card: box_state.onnx",
            "",
            "**Decides** the state of one printed box from the page's ink (ruling lines removed) around it:",
            f"classes {', '.join(CLASSES)}; `extractors/ocr/box_states.py` turns the probabilities into",
            "TICKED (ticked + crossed + filled), EMPTY or UNKNOWN (neither probable enough).",
            "",
            "**Input**: the crop `BoxCropSettings` describes "
            f"({CROP.shape[1]}×{CROP.shape[0]} px, the box {CROP.side} px), row by row.",
            f"**Network**: a perceptron with hidden layers {args.hidden}, ReLU, softmax; numpy, Adam.",
            "",
            f"**Made** {datetime.date.today().isoformat()} by `python -m training.box_states "
            f"--sources {args.sources} --drawn {args.drawn} --seed {args.seed}` in {seconds / 60:.1f} min",
            "on this machine (2 cores).",
            "",
            "## Data",
            f"{args.sources} generated filings (`sample_docs.scans.variety.generated_source`, seed",
            f"{args.seed}), each page marked {VARIANTS} times in random hand styles",
            f"({', '.join(HAND_STYLES)}) or left printed, scanned with a random scanner profile",
            "(resolution, toner, paper, light, blur, noise, specks, JPEG) or faxed, and read by the",
            "reader's own stages. Candidates the detector finds are labelled by the box under them or",
            "not_a_box; missed boxes are cropped where printed; characters with an enclosing stroke are",
            f"cropped as not_a_box; each also {JITTERS} times shifted and scaled. And {args.drawn} box",
            "patches drawn one by one (`training/drawn_boxes.py`: random resolution, box size and line",
            "weight, neighbouring options and their marks, hand marks of many shapes, toner specks, CJK",
            "text around, enclosing characters as not_a_box).",
            "",
            f"- training ({len(train_set.labels)} crops): {counts(train_set)}",
            f"- validation, every {HELD_OUT}th filing held out ({len(held.labels)} crops): {counts(held)}",
            "",
            "## Validation (held-out filings)",
            "",
            *head,
            *table(matrix),
            "",
            f"Marked boxes read as empty: {int(marked_as_empty)} of {int(true_marked)}; empty boxes read as",
            f"marked: {int(empty_as_marked)} of {int(matrix[empty].sum())}.",
            "",
            "Reliability of the decided state on the held-out boxes (`probabilities_to_tick`):",
            "",
            "| confidence | boxes | mean confidence | decided right |",
            "|---|---|---|---|",
            *curve,
            "",
            f"Held-out drawn patches (every {HELD_OUT}th chunk):",
            "",
            *head,
            *table(drawn),
            "",
            "## Limits",
            "Trained on our generator's paper only: hand marks, scanners and faxes as",
            "`sample_docs/scans` draws them. A circle drawn round an option's text leaves its box empty:",
            "the box reads empty here, and `extractors/ocr/circled.py` finds the circle.",
            "Pages are straightened before boxes are looked for, so crops carry no skew.",
            "",
        ]
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, default=14)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--drawn", type=int, default=30000, help="drawn box patches (`drawn_boxes`)")
    parser.add_argument("--epochs", type=int, default=TrainSettings().epochs)
    parser.add_argument(
        "--data", type=Path, help="cache of harvested samples (.npz): read if present, else written"
    )
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    args.hidden = TrainSettings().hidden
    return args


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    args = parse_args(argv)
    started = time.monotonic()
    if args.data is not None and args.data.exists():  # the page crops (slow to make); drawn ones anew
        stored = np.load(args.data)
        pages = Samples(stored["features"], stored["labels"], stored["sources"])
        samples = Samples.join(
            [subset(pages, pages.sources >= 0), harvest(0, args.drawn, args.seed, args.workers)]
        )
    else:
        samples = harvest(args.sources, args.drawn, args.seed, args.workers)
        if args.data is not None:
            np.savez_compressed(
                args.data, features=samples.features, labels=samples.labels, sources=samples.sources
            )
    held_mask = held_out(samples)
    train_set, held = subset(samples, ~held_mask), subset(samples, held_mask)
    network = train(train_set, replace(TrainSettings(), epochs=args.epochs), args.seed)
    held_pages = subset(held, held.sources >= 0)
    drawn = confusion(network, subset(held, held.sources < 0))
    export(network, args.out)
    curve = reliability(network, held_pages)
    matrix = confusion(network, held_pages)
    text = card(train_set, held_pages, matrix, drawn, curve, args, time.monotonic() - started)
    args.out.with_suffix(".md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
