"""Stage `paragraph_to_text_boxes`: the text boxes and shapes anchored in a paragraph.

A text box (`wps:txbx` in a DrawingML shape, `v:textbox` in a VML one, either in a group or a canvas)
holds its own paragraphs and tables in a `w:txbxContent`. Word writes most shapes twice, as the
`mc:Choice` and the `mc:Fallback` of one `mc:AlternateContent`: exactly one branch is read — the
Choice when it holds a text box, else the Fallback — so nothing is read twice. A text box inside a
text box is read by the caller when it reads the outer box's content.
"""

from __future__ import annotations

from collections.abc import Iterator

from extractors.docx.ooxml import Element, local_name, mc, w

_TEXT_BOX = w("txbxContent")


def _branch(alternate: Element) -> Element | None:
    choice = alternate.find(mc("Choice"))
    if choice is not None and next(choice.iter(_TEXT_BOX), None) is not None:
        return choice
    return alternate.find(mc("Fallback"))


def _boxes(element: Element) -> Iterator[Element]:
    for child in element:
        name = local_name(child)
        if name == "txbxContent":
            yield child
        elif name == "AlternateContent":
            branch = _branch(child)
            if branch is not None:
                yield from _boxes(branch)
        elif name:
            yield from _boxes(child)


def paragraph_to_text_boxes(paragraph: Element) -> list[Element]:
    """Given a w:p, return the `w:txbxContent` of every text box anchored in it, in document order."""
    if next(paragraph.iter(_TEXT_BOX), None) is None:
        return []
    return list(_boxes(paragraph))
