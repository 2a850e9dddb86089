"""18.0.1.11.0: a CASCADE line's evidence as its responsible wrote it moves to
``evidence_written``; ``evidence_note`` is now said at display, from the
figures for a measured line, in the reader's language."""

from odoo.tools import sql


def migrate(cr, version):
    table = "care_cascade_review_line"
    if (
        version
        and sql.column_exists(cr, table, "evidence_note")
        and not sql.column_exists(cr, table, "evidence_written")
    ):
        sql.rename_column(cr, table, "evidence_note", "evidence_written")
