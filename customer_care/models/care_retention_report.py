from datetime import timedelta

from odoo import _, api, fields, models, tools
from odoo.tools import SQL, format_datetime
from odoo.tools.sql import create_index, create_unique_index

SEGMENTS = [
    ("quick", "Resolved Quickly"),
    ("slow", "Resolved Slowly"),
    ("unresolved", "Not Resolved"),
    ("never", "Never Complained"),
]
# The customer invoices the report reads, each customer's in date order.
PURCHASE_INDEX = "care_account_move_customer_invoice_index"
# When the figures were last computed (ir.config_parameter, UTC).
REFRESHED_PARAM = "customer_care.retention_refreshed"
# Opening the report from the menu has figures older than this recomputed.
REFRESH_AFTER = timedelta(hours=1)


class CareRetentionReport(models.Model):
    """Do complaints handled well keep customers? One row per complaint (its
    receipt is the anchor) and one per customer who bought and never
    complained (their first invoice is the anchor): did they buy again within
    the company's repurchase window, and how much was invoiced to them.

    A purchase is a posted customer invoice (refunds subtract from the amount
    invoiced), not a sale order: an order and its own invoice would count one
    purchase twice. A complaint is resolved quickly when the customer agreed to
    its solution within the company's "Complaint Late After" days. The
    estimates apply the material's TARP figures (company settings) to the real
    complaints: they are labelled so and are not measured.

    Its rows are a materialized view: reading a million invoices for each of the
    pivot's groupings would take seconds. The figures are recomputed every night
    (cron), and in the background when the report is opened from its menu and
    they are over an hour old; "Window Elapsed" is as of that moment."""

    _name = "care.retention.report"
    _description = "Retention Report"
    _auto = False
    _order = "date_anchor desc, id desc"
    _rec_name = "partner_id"

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    complaint_id = fields.Many2one("care.complaint", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    user_id = fields.Many2one("res.users", string="Person", readonly=True)
    customer_kind = fields.Selection(
        [("external", "External"), ("internal", "Internal")], readonly=True
    )
    segment = fields.Selection(SEGMENTS, readonly=True)
    date_anchor = fields.Date(
        string="From",
        readonly=True,
        help="The complaint's receipt, or the first invoice of a customer who "
        "never complained.",
    )
    window_end = fields.Date(readonly=True)
    window_complete = fields.Boolean(
        string="Window Elapsed",
        readonly=True,
        help="The repurchase window has passed: the row's answer is final.",
    )
    bought_again = fields.Integer(
        readonly=True,
        help="Customers with a posted invoice after the anchor, within the "
        "repurchase window (an invoice of the anchor's day does not count).",
    )
    repurchase_rate = fields.Float(
        string="Bought Again (%)", readonly=True, aggregator="avg", digits=(16, 1)
    )
    revenue_after = fields.Monetary(
        string="Invoiced After",
        readonly=True,
        help="Posted customer invoices less refunds, untaxed, within the window.",
    )
    estimate_silent = fields.Float(
        string="Estimate: Silent Unhappy Customers",
        readonly=True,
        digits=(16, 0),
        help="An estimate, not a measure: the material's TARP figure of unhappy "
        "customers who stay silent behind each complaint (company setting).",
    )
    estimate_people_told = fields.Float(
        string="Estimate: People Told",
        readonly=True,
        digits=(16, 0),
        help="An estimate, not a measure: an unhappy customer tells 9-10 "
        "people, one whose complaint was resolved tells 5 (TARP; company "
        "settings).",
    )
    estimate_sales_at_risk = fields.Monetary(
        string="Estimate: Yearly Sales at Risk",
        readonly=True,
        help="An estimate, not a measure: for each complaint not resolved, the "
        "customer's invoices of the year before it times the TARP multiplier "
        "(company setting, 25 by default).",
    )

    def _query(self):
        return SQL(
            """
            WITH anchors AS (
                SELECT c.id * 2 AS id, c.company_id,
                       c.commercial_partner_id AS partner_id,
                       c.id AS complaint_id, c.team_id, c.user_id,
                       c.customer_kind,
                       CASE WHEN c.date_resolved IS NULL THEN 'unresolved'
                            WHEN %(late)s THEN 'slow'
                            ELSE 'quick' END AS segment,
                       c.date_received::date AS date_anchor
                  FROM care_complaint c
                 WHERE c.commercial_partner_id IS NOT NULL
                 UNION ALL
                SELECT f.first_id * 2 + 1, f.company_id, f.partner_id, NULL,
                       su.sale_team_id, p.user_id, p.care_customer_kind,
                       'never', f.date_anchor
                  FROM (SELECT company_id, commercial_partner_id AS partner_id,
                               min(invoice_date) AS date_anchor,
                               min(id) AS first_id
                          FROM account_move
                         WHERE state = 'posted' AND move_type = 'out_invoice'
                           AND commercial_partner_id IS NOT NULL
                         GROUP BY company_id, commercial_partner_id) f
                  JOIN res_partner p ON p.id = f.partner_id
                  LEFT JOIN res_users su ON su.id = p.user_id
                 WHERE NOT EXISTS (
                       SELECT 1 FROM care_complaint c
                        WHERE c.company_id = f.company_id
                          AND c.commercial_partner_id = f.partner_id)
            ), windows AS (
                SELECT a.*,
                       (a.date_anchor
                        + make_interval(months => co.care_retention_months))::date
                           AS window_end,
                       co.care_tarp_silent_per_complaint,
                       co.care_tarp_told_unhappy, co.care_tarp_told_resolved,
                       co.care_tarp_sales_multiplier
                  FROM anchors a
                  JOIN res_company co ON co.id = a.company_id
            )
            SELECT w.id, w.company_id, w.partner_id, w.complaint_id, w.team_id,
                   w.user_id, w.customer_kind, w.segment, w.date_anchor,
                   w.window_end, w.window_end <= CURRENT_DATE AS window_complete,
                   COALESCE(s.bought_again, 0) AS bought_again,
                   100.0 * COALESCE(s.bought_again, 0) AS repurchase_rate,
                   COALESCE(s.revenue_after, 0) AS revenue_after,
                   CASE WHEN w.segment = 'never' THEN 0
                        ELSE w.care_tarp_silent_per_complaint END
                       AS estimate_silent,
                   CASE w.segment WHEN 'never' THEN 0
                        WHEN 'unresolved' THEN w.care_tarp_told_unhappy
                        ELSE w.care_tarp_told_resolved END
                       AS estimate_people_told,
                   CASE WHEN w.segment = 'unresolved'
                        THEN COALESCE(s.revenue_before, 0)
                             * w.care_tarp_sales_multiplier
                        ELSE 0 END AS estimate_sales_at_risk
              FROM windows w
              LEFT JOIN LATERAL (
                   SELECT max((m.move_type = 'out_invoice'
                               AND m.invoice_date > w.date_anchor)::int)
                              AS bought_again,
                          sum(m.amount_untaxed_signed)
                              FILTER (WHERE m.invoice_date > w.date_anchor)
                              AS revenue_after,
                          sum(m.amount_untaxed_signed)
                              FILTER (WHERE m.invoice_date <= w.date_anchor)
                              AS revenue_before
                     FROM account_move m
                    WHERE m.commercial_partner_id = w.partner_id
                      AND m.company_id = w.company_id
                      AND m.state = 'posted'
                      AND m.move_type IN ('out_invoice', 'out_refund')
                      AND m.invoice_date > w.date_anchor - 365
                      AND m.invoice_date <= w.window_end
              ) s ON TRUE
            """,
            # Resolved late: the one rule of "late", at the resolution.
            late=self.env["care.complaint"]._care_late_sql("c", SQL("c.date_resolved")),
        )

    @api.model
    def _care_refresh(self):
        """Recompute the figures (readers keep the previous ones meanwhile)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "REFRESH MATERIALIZED VIEW CONCURRENTLY %s",
                SQL.identifier(self._table),
            )
        )
        # sudo: the refresh date is configuration; only the cron, installation and
        # migrations refresh.
        self.env["ir.config_parameter"].sudo().set_param(
            REFRESHED_PARAM, fields.Datetime.to_string(fields.Datetime.now())
        )
        self.invalidate_model()

    @api.model
    def _cron_refresh(self):
        self._care_refresh()

    @api.model
    def action_open_report(self):
        """The report as last computed, its name saying when; figures over an
        hour old are recomputed in the background (the nightly cron run now),
        so that opening never waits for a million invoices."""
        # sudo: any reader may know when the figures were computed.
        refreshed = self.env["ir.config_parameter"].sudo().get_param(REFRESHED_PARAM)
        moment = refreshed and fields.Datetime.to_datetime(refreshed)
        if not moment or moment + REFRESH_AFTER < fields.Datetime.now():
            # sudo: any reader may run the cron early; it only recomputes the figures.
            self.env.ref(
                "customer_care.ir_cron_care_refresh_retention"
            ).sudo()._trigger()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_care.care_retention_report_action"
        )
        if moment:
            # The web client titles the view with the display name.
            action["name"] = action["display_name"] = _(
                "Retention (figures of %(moment)s)",
                moment=format_datetime(self.env, moment, dt_format="short"),
            )
        return action

    def init(self):
        # The report reads each customer's invoices around a date: without this
        # index it would scan every journal entry once per row.
        create_index(
            self.env.cr,
            PURCHASE_INDEX,
            "account_move",
            [
                "commercial_partner_id",
                "company_id",
                "invoice_date",
                "move_type",
                "amount_untaxed_signed",
            ],
            where="state = 'posted' AND move_type IN ('out_invoice', 'out_refund')",
        )
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE MATERIALIZED VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
        # REFRESH ... CONCURRENTLY needs a unique index.
        create_unique_index(self.env.cr, f"{self._table}_id_index", self._table, ["id"])
        # sudo: configuration, at installation.
        self.env["ir.config_parameter"].sudo().set_param(
            REFRESHED_PARAM, fields.Datetime.to_string(fields.Datetime.now())
        )
