"""Stage `photo_to_page`: a phone photo of a page lying on a desk, flattened to the page alone.

A photo shows the sheet as a bright quadrilateral on a darker surface (a desk, a scanner's open lid),
seen a little from the side. Its four corners are found on a small copy (`find_page_corners`): the
paper is told from the surface by Otsu's threshold on the darkest channel of each pixel (white paper is
bright in every channel, a coloured or grey desk is not), the largest bright region is taken, and its
outline must be a quadrilateral (it fills its convex hull's four-cornered fit). The page is then
warped onto an upright rectangle of A4's proportions (`corners_to_page`), at the photo's own
resolution. Uneven light is evened out later, for every page, by `preprocess.flatten_background`.

A scan or a fax shows paper everywhere (or a thin dark rim): the bright region covers nearly the whole
image and nothing is done. A page whose edge leaves the photo, or whose bright region is not a
quadrilateral, is left as it is too: a wrong warp would cost more than the perspective it removes.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from extractors.ocr.geometry import Image

Corners = npt.NDArray[np.float64]
"""A page's four corners (4 × 2, x and y in pixels): top left, top right, bottom right, bottom left."""
A4_RATIO = 297 / 210
SIDE_END = 0.1
SIDE_BAND = 0.03
"""A side's line is fitted to outline points in its middle (SIDE_END of its length left at each end)
and within SIDE_BAND of its length from the straight line between its rough corners."""
MAX_CORNER_MOVE = 0.05
"""A refined corner lies within this share of the sheet's size of its rough one."""


@dataclass(frozen=True, slots=True)
class PhotoSettings:
    """How a photographed page is told from a scan and found on its surface.

    work_side: the long side (px) of the copy the page is looked for on;
    min_share, max_share: the share of the photo the page covers (below: not a page; above: paper
    everywhere, a scan);
    min_contrast: how much brighter (0..255) the paper's median is than the surface's;
    min_fill: the share of its quadrilateral the bright region must fill (a page is four-cornered);
    max_border_share: the share of the image's rim the page may touch (a page cut by the photo's edge);
    a4_slack: a quadrilateral whose sides' ratio is within this factor of A4's is warped to A4.
    """

    work_side: int = 640
    min_share: float = 0.25
    max_share: float = 0.92
    min_contrast: float = 40.0
    min_fill: float = 0.95
    max_border_share: float = 0.05
    a4_slack: float = 1.25


DEFAULT_PHOTO_SETTINGS = PhotoSettings()


def _order(points: npt.NDArray[np.float64]) -> Corners:
    """Given points of a page's outline, return its corners: the extremes of x + y and of x − y."""
    total, difference = points.sum(axis=1), points[:, 0] - points[:, 1]
    return np.array(
        [
            points[np.argmin(total)],
            points[np.argmax(difference)],
            points[np.argmax(total)],
            points[np.argmin(difference)],
        ],
        dtype=np.float64,
    )


def _side_line(
    points: npt.NDArray[np.float64], a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]] | None:
    """Given outline points, and a side's two rough corners, return the line (point, unit direction)
    fitted to the outline points along the side's middle part (its rounded ends left out)."""
    direction = b - a
    length = float(np.hypot(*direction))
    if length == 0:
        return None
    unit = direction / length
    normal = np.array([-unit[1], unit[0]])
    along = (points - a) @ unit
    across = np.abs((points - a) @ normal)
    near = points[
        (along > SIDE_END * length) & (along < (1 - SIDE_END) * length) & (across < SIDE_BAND * length)
    ]
    if len(near) < 2:
        return None
    vx, vy, x, y = cv2.fitLine(near.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
    return np.array([x, y], np.float64), np.array([vx, vy], np.float64)


def _meet(
    first: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]],
    second: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]],
) -> npt.NDArray[np.float64] | None:
    """Given two lines (point, direction), return where they cross (None when nearly parallel)."""
    (p, u), (q, v) = first, second
    determinant = u[0] * (-v[1]) - u[1] * (-v[0])
    if abs(determinant) < 0.1:
        return None
    t = float(((q - p)[0] * (-v[1]) - (q - p)[1] * (-v[0])) / determinant)
    return np.asarray(p + t * u, np.float64)


def refine_corners(outline: npt.NDArray[np.float64], corners: Corners) -> Corners:
    """Given a sheet's outline points and its rough corners, return the corners where the lines fitted
    to its four sides meet (a corner rounded off by smoothing is put back where its sides point);
    the rough corners when a side cannot be fitted."""
    lines = [_side_line(outline, corners[i], corners[(i + 1) % 4]) for i in range(4)]
    reach = MAX_CORNER_MOVE * float(np.ptp(outline, axis=0).max())
    refined = []
    for i in range(4):
        before, after = lines[i - 1], lines[i]
        point = None if before is None or after is None else _meet(before, after)
        if point is None or float(np.hypot(*(point - corners[i]))) > reach:
            return corners
        refined.append(point)
    return np.array(refined, np.float64)


def _border_share(mask: Image) -> float:
    """Given a region's mask, return the share of the image's rim it covers."""
    rim = np.concatenate([mask[0, :], mask[-1, :], mask[:, 0], mask[:, -1]])
    return float(np.count_nonzero(rim)) / rim.size


def find_page_corners(page: Image, settings: PhotoSettings = DEFAULT_PHOTO_SETTINGS) -> Corners | None:
    """Given a BGR or grayscale page image, return the corners of the sheet photographed on it, in the
    image's pixels, or None when the image is not a photo of a whole sheet on a darker surface."""
    height, width = page.shape[:2]
    scale = settings.work_side / max(height, width)
    if scale >= 1 or min(height, width) * scale < 32:
        return None
    small = cv2.resize(page, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA)
    channels = small if small.ndim == 2 else np.min(small, axis=2)
    darkest = cv2.medianBlur(np.ascontiguousarray(channels, dtype=np.uint8), 5)
    _, bright = cv2.threshold(darkest, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(bright, connectivity=4)
    if count < 2:
        return None
    largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    largest_only = np.where(labels == largest, 255, 0).astype(np.uint8)
    region = cv2.morphologyEx(largest_only, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    share = float(np.count_nonzero(region)) / region.size
    if not settings.min_share <= share <= settings.max_share:
        return None
    if _border_share(region) > settings.max_border_share:
        return None
    paper, surface = np.median(darkest[region > 0]), np.median(darkest[region == 0])
    if paper - surface < settings.min_contrast:
        return None
    contours, _ = cv2.findContours(region, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    outline = max(contours, key=cv2.contourArea)
    hull = cv2.convexHull(outline).reshape(-1, 2).astype(np.float64)
    corners = _order(hull)
    quad_area = cv2.contourArea(corners.astype(np.float32))
    if quad_area <= 0 or cv2.contourArea(outline) / quad_area < settings.min_fill:
        return None
    if cv2.contourArea(hull.astype(np.float32)) / quad_area > 1 / settings.min_fill:
        return None
    refined = refine_corners(outline.reshape(-1, 2).astype(np.float64), corners)
    return np.asarray((refined + 0.5) / scale - 0.5, np.float64)


def _side(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> float:
    return float(np.hypot(*(a - b)))


def page_size(corners: Corners, settings: PhotoSettings = DEFAULT_PHOTO_SETTINGS) -> tuple[int, int]:
    """Given a sheet's corners, return the (width, height) in px of the flat page: the mean lengths of
    its opposite sides, made A4's proportions when they are near them (perspective shortens one)."""
    width = (_side(corners[0], corners[1]) + _side(corners[3], corners[2])) / 2
    height = (_side(corners[0], corners[3]) + _side(corners[1], corners[2])) / 2
    ratio = height / width
    if A4_RATIO / settings.a4_slack <= ratio <= A4_RATIO * settings.a4_slack:
        height = width * A4_RATIO
    elif A4_RATIO / settings.a4_slack <= 1 / ratio <= A4_RATIO * settings.a4_slack:
        width = height * A4_RATIO
    return max(1, round(width)), max(1, round(height))


def corners_to_page(page: Image, corners: Corners, settings: PhotoSettings = DEFAULT_PHOTO_SETTINGS) -> Image:
    """Given a photo and its sheet's corners, return the sheet warped flat and upright (white outside)."""
    width, height = page_size(corners, settings)
    flat = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(corners.astype(np.float32) + 0.5, flat)
    border = (255, 255, 255) if page.ndim == 3 else 255
    warped = cv2.warpPerspective(page, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=border)
    return np.ascontiguousarray(warped, dtype=np.uint8)


def photo_to_page(page: Image, settings: PhotoSettings = DEFAULT_PHOTO_SETTINGS) -> tuple[Image, bool]:
    """Given a page image, return the sheet flattened when it is a photo of one (and True), else the
    image as it is (and False)."""
    corners = find_page_corners(page, settings)
    if corners is None:
        return page, False
    return corners_to_page(page, corners, settings), True
