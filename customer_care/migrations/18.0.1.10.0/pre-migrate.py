"""18.0.1.10.0: the CASCADE progress and customer satisfaction reports read
their rows through their models' query (Odoo's ``_table_query``) instead of a
view made by ``init()``; the old views go, or they would stay in the database
unused and hold the columns they read."""

from odoo.tools import sql


def migrate(cr, version):
    if version:
        sql.drop_view_if_exists(cr, "care_cascade_report")
        sql.drop_view_if_exists(cr, "care_satisfaction_report")
