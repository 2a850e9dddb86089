from odoo.tools import SQL

from . import controllers
from . import models
from . import wizard
from .models.care_retention_report import PURCHASE_INDEX


def uninstall_hook(env):
    """The Retention report's materialized view (Odoo drops plain views and
    tables only) and the index it made on Odoo's journal entries."""
    env.cr.execute(SQL("DROP MATERIALIZED VIEW IF EXISTS care_retention_report"))
    env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(PURCHASE_INDEX)))
