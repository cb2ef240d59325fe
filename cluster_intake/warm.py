"""Imported last by the reading fork server (`cluster_intake.contained.PRELOAD`): everything a reading
child runs is made ready once here, so that each child forked from the server starts with it instead of
building it again for every filing.

- the child's own code and what it imports (`cluster_intake.contained`, page counting, Pillow);
- the field and rule catalogues (≈0.1 s of YAML);
- what a reading builds on first use (label indexes, patterns, validators): the blank forms are read
  once (≈40 ms of a filing's ≈100 ms in a fresh child);
- then the server's heap is frozen (`gc.freeze`): a child's collections neither scan it nor copy its
  pages.

Measured with 12 sample .docx read one after the other: 140 ms a filing in a child from a server
that only imported the modules, ≈60 ms once warm (≈45 ms in-process).
"""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path

import cluster_intake.contained
import extractors.page_counts
from cluster_intake.pipeline import extract_record
from schema.catalog import load_field_catalogue
from schema.rules_catalog import load_rule_catalogue

logger = logging.getLogger(__name__)

BLANK_FORMS = tuple(
    Path(__file__).resolve().parents[1] / "sample_docs" / "templates" / name
    for name in ("application_blank.docx", "review_blank.docx")
)
"""The blank forms (附件1, 附件2) the project ships; a form missing from an installation is skipped."""

CHILD_MODULES = (cluster_intake.contained.__name__, extractors.page_counts.__name__)
"""The child's own code, imported above (a child would otherwise import it, and Pillow, every time)."""


def warm(forms: tuple[Path, ...] = BLANK_FORMS) -> None:
    """Given blank forms, load the catalogues and read each form once (what is cached for the life of the
    process stays built); a form that cannot be read only loses its warming."""
    load_field_catalogue().by_id()
    load_rule_catalogue()
    for form in forms:
        if not form.is_file():
            continue
        try:
            extract_record(form, None, None, name=form.name)
        except Exception:  # warming is an optimisation: a reading child reads on regardless
            logger.warning("could not warm the reader with %s", form, exc_info=True)


warm()
gc.freeze()
PRELOADED = frozenset(sys.modules)
"""The modules every child of the fork server starts with (what it imports beyond them costs each filing)."""
