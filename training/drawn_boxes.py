"""Box crops drawn one by one: the styles and neighbourhoods a generated page holds too rarely.

A generated page shows each printed box in one place, one size and one line weight, and its
neighbours are the form's. Here each sample is a small patch drawn afresh at a random resolution
(150–300 dpi): a printed box of random size and line weight, the option's text after it (real CJK
glyphs, NotoSansCJK), maybe the option before it, boxes of the options above and below at a random
line pitch with marks of their own (a tall tick reaching into this box's crop), and a hand mark in
one of many shapes — or a patch of text with an enclosing character (口 日 目 回 …), cropped where a
box detector would take it for a box (`not_a_box`). The patch is blurred, noised, maybe JPEG'd or
thresholded like a fax, and made ink by the reader's own `gray_to_ink`.
"""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFont

from extractors.ocr.box_states import CLASSES, box_to_crop
from extractors.ocr.preprocess import despeckle, gray_to_ink
from schema.document import BBox

Gray = npt.NDArray[np.uint8]
Floats = npt.NDArray[np.float32]

FONTS = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
)
TEXT = "是否建立中小企业服务平台开展人力资源共享集群内主导产业绿色化数字化高端化发展有无其他县级以上"
ENCLOSING = "口日目回田国四围固图园因团圆品器唱县具且自白百曰由甲申电旦里晶明否台品名"
EMPTY_SHARE, MARK_SHARES = 0.3, {"ticked": 0.25, "crossed": 0.15, "filled": 0.15}
NOT_A_BOX_SHARE = 0.15


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def _text(gray: Gray, text: str, x: float, y: float, size: int, font: Path) -> list[BBox]:
    """Draw `text` with its top-left at (x, y), characters `size` px; return each character's box."""
    image = Image.fromarray(gray)
    draw = ImageDraw.Draw(image)
    face = _font(font, size)
    boxes = []
    for ch in text:
        draw.text((x, y), ch, fill=20, font=face)
        left, top, right, bottom = draw.textbbox((x, y), ch, font=face)
        boxes.append(BBox(float(left), float(top), float(right), float(bottom)))
        x += size * 1.02
    gray[:] = np.asarray(image)
    return boxes


def _pen(gray: Gray, points: list[tuple[float, float]], width: int, shade: int) -> None:
    cv2.polylines(gray, [np.array(points, np.int32)], False, shade, width, cv2.LINE_AA)


def _mark(gray: Gray, box: BBox, label: str, rng: random.Random, pen: int, shade: int) -> None:
    """Draw a hand (or printed) mark of `label`'s kind on the box (`empty`: maybe a toner speck)."""
    x0, y0, x1, y1, s = box.x0, box.y0, box.x1, box.y1, box.width
    u = rng.uniform
    if label == "empty":
        if rng.random() < 0.3:
            centre = (round(x0 + s * u(0.3, 0.7)), round(y0 + s * u(0.3, 0.7)))
            cv2.circle(gray, centre, rng.choice((1, 1, 2)), shade, -1)
    elif label == "ticked":
        kind = rng.choice(("over", "beside", "inside"))
        if kind == "over":  # a √ in the box, its end at or far past the top-right corner
            points = [
                (x0 + s * u(-0.1, 0.3), y0 + s * u(0.3, 0.6)),
                (x0 + s * u(0.25, 0.55), y1 + s * u(-0.25, 0.2)),
            ]
            points.append((x1 + s * u(-0.2, 0.8), y0 - s * u(-0.2, 1.0)))
        elif kind == "beside":  # a √ left of the box, its tail over the box's top-left corner
            points = [
                (x0 - s * u(0.45, 1.2), y0 + s * u(0.1, 0.5)),
                (x0 - s * u(0.1, 0.75), y1 + s * u(-0.15, 0.25)),
            ]
            points.append((x0 + s * u(0.0, 0.5), y0 - s * u(0.0, 0.7)))
        else:
            points = [
                (x0 + s * 0.25, y0 + s * 0.5),
                (x0 + s * 0.45, y0 + s * 0.75),
                (x0 + s * 0.8, y0 + s * 0.2),
            ]
        _pen(gray, points, pen, shade)
    elif label == "crossed":  # inside the box or running out past its corners
        a = u(-0.4, 0.25)
        _pen(gray, [(x0 + s * a, y0 + s * a), (x1 - s * a, y1 - s * a)], pen, shade)
        _pen(gray, [(x1 - s * a, y0 + s * a), (x0 + s * a, y1 - s * a)], pen, shade)
    else:
        kind = rng.choice(("square", "blob", "blot"))
        if kind == "square":  # ■ or a box inked over
            i = rng.choice((0, 1, 2, 3))
            cv2.rectangle(gray, (round(x0 + i), round(y0 + i)), (round(x1 - i), round(y1 - i)), shade, -1)
        elif kind == "blob":
            centre = (round((x0 + x1) / 2 + u(-2, 2)), round((y0 + y1) / 2 + u(-2, 2)))
            axes = (round(s * u(0.5, 0.75)), round(s * u(0.45, 0.7)))
            cv2.ellipse(gray, centre, axes, u(-30, 30), 0, 360, shade, -1)
        else:  # a blot over most of the box, spilling below it
            top_left = (round(x0 + s * u(0.1, 0.2)), round(y0 + s * u(0.25, 0.4)))
            bottom_right = (round(x1 - s * u(0.25, 0.4)), round(y1 + s * u(0.0, 0.15)))
            cv2.rectangle(gray, top_left, bottom_right, shade, -1)


def _label(rng: random.Random) -> str:
    roll = rng.random() * (EMPTY_SHARE + sum(MARK_SHARES.values()))
    if roll < EMPTY_SHARE:
        return "empty"
    roll -= EMPTY_SHARE
    for label, share in MARK_SHARES.items():
        if roll < share:
            return label
        roll -= share
    return "filled"


def _degraded(gray: Gray, rng: random.Random, scale: float) -> Gray:
    """The patch as scanned: blurred, noised, JPEG'd, or thresholded as by a fax."""
    sigma = rng.uniform(0.2, 1.1) * scale / 5.9
    out = cv2.GaussianBlur(gray, (0, 0), sigma)
    noisy = out.astype(np.float32) + np.random.default_rng(rng.randrange(2**32)).normal(
        0, rng.uniform(1, 8), out.shape
    )
    out = np.clip(noisy, 0, 255).astype(np.uint8)
    if rng.random() < 0.15:
        return np.where(out < rng.randint(120, 175), 0, 255).astype(np.uint8)
    if rng.random() < 0.5:
        ok, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(35, 90)])
        if ok:
            out = np.asarray(cv2.imdecode(data, cv2.IMREAD_GRAYSCALE), np.uint8)
    return np.asarray(out, np.uint8)


def _jittered(box: BBox, rng: random.Random) -> BBox:
    side = box.width
    dx, dy, grow = (rng.uniform(-0.1, 0.1) * side for _ in range(3))
    return BBox(
        box.x0 + dx - grow / 2, box.y0 + dy - grow / 2, box.x1 + dx + grow / 2, box.y1 + dy + grow / 2
    )


def draw_box_sample(rng: random.Random) -> tuple[Floats, int]:
    """Return one drawn box patch's feature vector and class index."""
    scale = rng.uniform(5.9, 12.0)  # px per mm: 150–300 dpi
    side = round(rng.uniform(2.4, 4.0) * scale)
    weight = max(1, round(rng.choice((0.08, 0.12, 0.18, 0.25)) * scale))
    pen = max(2, round(side * rng.uniform(0.07, 0.22)))
    shade = rng.randint(0, 70)
    height, width = side * 8, side * 12
    gray = np.full((height, width), 255, np.uint8)
    font = rng.choice(FONTS)
    char = round(side * rng.uniform(0.95, 1.3))
    x, y = side * 4, side * 4 - side // 2
    box = BBox(float(x), float(y), float(x + side), float(y + side))
    pitch = side * rng.uniform(1.3, 3.0)
    for offset in (-pitch, pitch):
        if rng.random() < 0.6:
            other = BBox(box.x0, box.y0 + offset, box.x1, box.y1 + offset)
            cv2.rectangle(
                gray, (round(other.x0), round(other.y0)), (round(other.x1), round(other.y1)), 20, weight
            )
            _mark(gray, other, _label(rng), rng, pen, shade)
            _text(gray, _words(rng, 4), other.x1 + side * 0.4, other.y0 - (char - side) / 2, char, font)
    cv2.rectangle(gray, (x, y), (x + side, y + side), 20, weight)
    start = box.x1 + side * rng.uniform(0.15, 0.8)
    _text(gray, _words(rng, 5), start, box.y0 - (char - side) / 2 - char * 0.12, char, font)
    if rng.random() < 0.3:
        before = _words(rng, 2)
        _text(
            gray,
            before,
            box.x0 - side * rng.uniform(0.7, 1.2) - 1.02 * char * len(before),
            box.y0,
            char,
            font,
        )
    label = _label(rng)
    _mark(gray, box, label, rng, pen, shade)
    ink = despeckle(gray_to_ink(_degraded(gray, rng, scale)))
    return box_to_crop(ink, _jittered(box, rng)), CLASSES.index(label)


def _words(rng: random.Random, count: int) -> str:
    start = rng.randrange(len(TEXT) - count)
    return TEXT[start : start + count]


def draw_character_sample(rng: random.Random) -> tuple[Floats, int]:
    """Return one patch of text with an enclosing character cropped like a box candidate."""
    scale = rng.uniform(5.9, 12.0)
    char = round(rng.uniform(2.6, 4.2) * scale)
    gray = np.full((char * 6, char * 12), 255, np.uint8)
    line = _words(rng, 3) + rng.choice(ENCLOSING) + _words(rng, 3)
    boxes = _text(gray, line, char * 1.5, char * 2.5, char, rng.choice(FONTS))
    if rng.random() < 0.5:
        _text(gray, _words(rng, 8), char * 1.5, char * 2.5 - char * rng.uniform(1.3, 1.8), char, FONTS[0])
    target = boxes[3]
    side = min(target.width, target.height) * rng.uniform(0.5, 1.0)
    cx = (target.x0 + target.x1) / 2 + rng.uniform(-0.25, 0.25) * side
    cy = (target.y0 + target.y1) / 2 + rng.uniform(-0.25, 0.25) * side
    ink = despeckle(gray_to_ink(_degraded(gray, rng, scale)))
    crop = BBox(cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2)
    return box_to_crop(ink, crop), CLASSES.index("not_a_box")


def drawn_samples(count: int, seed: int) -> tuple[Floats, npt.NDArray[np.int64]]:
    """Return `count` drawn samples (NOT_A_BOX_SHARE of them enclosing characters) for a seed."""
    rng = random.Random(f"drawn-boxes:{seed}")
    pairs = [
        draw_character_sample(rng) if rng.random() < NOT_A_BOX_SHARE else draw_box_sample(rng)
        for _ in range(count)
    ]
    return np.stack([f for f, _ in pairs]), np.array([n for _, n in pairs], np.int64)
