"""18.0.1.9.0: the Service Standards Report reads one row per clock through its
model's query (Odoo's ``_table_query``) instead of a view of pre-added rows;
the old view goes, or it would stay in the database unused."""

from odoo.tools import sql


def migrate(cr, version):
    if version:
        sql.drop_view_if_exists(cr, "care_service_deadline_report")
