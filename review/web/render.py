"""Rendering helpers shared by the views: the store of the app, templates with the common context."""

from __future__ import annotations

from typing import Any, cast

from flask import current_app, render_template
from flask_login import current_user
from sqlalchemy import Engine

from reports.verdict import SEVERITY_ZH, VERDICT_ZH
from review.web.config import ReviewConfig
from review.workflow import STATUS_ZH
from schema.catalog import load_field_catalogue
from schema.rules_catalog import load_rule_catalogue

FORM_ZH = {"application": "申报表", "review": "复核申报表"}
RUN_ZH = {"finished": "已完成", "running": "运行中", "interrupted": "已中断"}
STATE_ZH = {"open": "待处理", "accepted": "已接受", "corrected": "已更正", "returned": "待退回"}
ACTION_ZH = {
    **STATE_ZH,
    "return_asked": "申请退回",
    "returned_signed": "签批退回",
    "close_asked": "申请审结",
    "closed": "审结",
    "reopened": "重新打开",
    "assigned": "分配",
}


def engine() -> Engine:
    """Return the store of the running app."""
    return cast(Engine, current_app.extensions["review_engine"])


def config() -> ReviewConfig:
    """Return the config of the running app."""
    return cast(ReviewConfig, current_app.extensions["review_config"])


def render_page(template: str, **context: Any) -> str:
    """Given a template and its context, render it with what every page needs (user, names of things)."""
    catalogue = load_field_catalogue()
    return render_template(
        template,
        user=current_user if current_user.is_authenticated else None,
        severity_zh=SEVERITY_ZH,
        verdict_zh=VERDICT_ZH,
        status_zh=STATUS_ZH,
        state_zh=STATE_ZH,
        action_zh=ACTION_ZH,
        form_zh=FORM_ZH,
        run_zh=RUN_ZH,
        sections={s.id: s.title for s in catalogue.sections},
        rules={r.id: r.title for r in load_rule_catalogue().rules},
        **context,
    )
