"""Write 附件1 申报表 / 附件2 复核申报表 as .docx, blank or filled in."""

from __future__ import annotations

from docx.document import Document as DocumentObject

from sample_docs.builder.context import Ctx
from sample_docs.builder.cover import build_cover
from sample_docs.builder.declaration import build_declaration
from sample_docs.builder.filling import EMPTY_FILLING, Filling
from sample_docs.builder.plan import build_plan
from sample_docs.builder.sections_basic import build_basic
from sample_docs.builder.sections_digital import build_digital
from sample_docs.builder.sections_green import build_green
from sample_docs.builder.sections_industry import build_industry
from sample_docs.builder.sections_innovation import build_innovation
from sample_docs.builder.sections_open_governance import build_governance, build_open
from sample_docs.builder.styles import new_document
from schema.catalog import FormId, load_field_catalogue

SECTION_BUILDERS = (
    build_cover,
    build_basic,
    build_industry,
    build_innovation,
    build_digital,
    build_green,
    build_open,
    build_governance,
    build_plan,
    build_declaration,
)


def build_document(form: FormId, filling: Filling = EMPTY_FILLING) -> DocumentObject:
    """Given a form id and an optional filling, return the form as a python-docx Document."""
    ctx = Ctx(form=form, filling=filling, catalogue=load_field_catalogue())
    document = new_document()
    for build in SECTION_BUILDERS:
        build(document, ctx)
    return document


__all__ = ["Filling", "build_document"]
