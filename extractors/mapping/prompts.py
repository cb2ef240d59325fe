"""Stage `without_prompts`: the prompts word processors print in an empty field, removed from a text.

A content control shows a prompt until the filer types (Word: "单击或点击此处输入文字。", "Click or tap here
to enter text."; dates and lists have their own). The .docx stages drop a prompt by its markup; in a
PDF export, a .doc round trip or a scan the prompt is plain printed text, possibly wrapped over lines
of a narrow cell. Found here by its words, whatever the spacing and line breaks between them, it is
removed wherever it stands: it is never data, and a blank that shows one was left empty.
"""

from __future__ import annotations

import re

_CHINESE_PROMPTS = (
    "单击或点击此处输入文字",
    "单击此处输入文字",
    "点击此处输入文字",
    "单击或轻击此处输入文字",
    "单击或点击此处输入日期",
    "单击或点击以输入日期",
    "单击此处输入日期",
    "选择一项",
    "按一下或點選這裡以輸入文字",
    "按一下這裡以輸入文字",
    "按一下或點選以輸入日期",
    "按一下這裡以輸入日期",
    "選擇一個項目",
    "[键入文字]",
    "[在此处键入]",
)
_ENGLISH_PROMPTS = (
    "Click or tap here to enter text",
    "Click here to enter text",
    "Click or tap to enter a date",
    "Click here to enter a date",
    "Choose an item",
)
_ANCHORS = ("单击", "点击", "按一下", "選擇", "选择一项", "键入", "Click", "click", "Choose", "choose")
_STOP = r"\s*[。.]?"


def _chinese(prompt: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in prompt) + _STOP


def _english(prompt: str) -> str:
    return r"\s+".join(re.escape(word) for word in prompt.split()) + _STOP


PROMPT = re.compile(
    "|".join([*map(_chinese, _CHINESE_PROMPTS), *map(_english, _ENGLISH_PROMPTS)]), re.IGNORECASE
)


def without_prompts(text: str) -> str:
    """Given a text, return it without the empty-field prompts of Word and WPS."""
    if not any(anchor in text for anchor in _ANCHORS):
        return text
    return PROMPT.sub("", text)
