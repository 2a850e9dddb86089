"""Uninstall customer_care from a database and check that nothing of it is left.

Usage: python check_uninstall.py DBNAME ADDONS_PATH
"""

import sys

import odoo
from odoo.modules.registry import Registry

PARTNER_COLUMNS = ("care_customer_kind", "man_money", "man_status", "care_buying_role")


def main(dbname, addons_path):
    odoo.tools.config.parse_config(["--addons-path", addons_path, "-d", dbname])
    with Registry(dbname).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        module = env["ir.module.module"].search([("name", "=", "customer_care")])
        if module.state != "installed":
            sys.exit(f"customer_care is not installed in {dbname} ({module.state})")
        module.button_immediate_uninstall()
    with Registry(dbname).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        problems = []
        state = env["ir.module.module"].search([("name", "=", "customer_care")]).state
        if state != "uninstalled":
            problems.append(f"module state is {state}")
        cr.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = 'res_partner' AND column_name IN %s",
            [PARTNER_COLUMNS],
        )
        problems += [f"column res_partner.{name} is left" for (name,) in cr.fetchall()]
        cr.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = 'res_company' AND column_name LIKE 'care\\_%%'"
        )
        problems += [f"column res_company.{name} is left" for (name,) in cr.fetchall()]
        # The addon's own tables, relation tables and the reporting SQL view.
        cr.execute(
            "SELECT relname FROM pg_class WHERE relkind IN ('r', 'v')"
            " AND relname LIKE 'care\\_%%'"
        )
        problems += [f"table or view {name} is left" for (name,) in cr.fetchall()]
        left = env["ir.model.data"].search_count([("module", "=", "customer_care")])
        if left:
            problems.append(f"{left} ir.model.data records of customer_care are left")
        views = env["ir.ui.view"].search_count([("arch_db", "ilike", "man_status")])
        if views:
            problems.append(f"{views} views still mention man_status")
        # The base apps must still work: read partners and leads as usual.
        env["res.partner"].search([], limit=5).read(["name", "email"])
        env["crm.lead"].search([], limit=5).read(["name", "partner_id"])
    if problems:
        sys.exit("uninstall left: " + "; ".join(problems))
    sys.stdout.write("customer_care uninstalled cleanly\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
