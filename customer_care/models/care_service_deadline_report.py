from odoo import fields, models
from odoo.tools import SQL

from .care_complaint import COMPLAINT_CHANNELS

# The aggregates the report teaches Odoo's grouping: a median and a percentile
# are not added up from smaller groups, PostgreSQL computes them over the group's
# own clocks, whatever the grouping.
PERCENTILES = {"median": 0.5, "p90": 0.9}


class CareServiceDeadlineReport(models.Model):
    """One row per met or breached clock. Any grouping (standard, team, person,
    month, customer kind, channel) reads true counts, the share met, and the
    median and 90th percentile of the business hours of that group's clocks, in
    the list, the pivot and the graph alike."""

    _name = "care.service.deadline.report"
    _description = "Service Standards Report"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "standard_id"

    standard_id = fields.Many2one("care.service.standard", readonly=True)
    measure = fields.Selection(
        [
            ("first_reply", "First Reply"),
            ("next_reply", "Every Reply"),
            ("update", "Update Interval"),
            ("resolution", "Resolution"),
        ],
        readonly=True,
    )
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    user_id = fields.Many2one("res.users", string="Person", readonly=True)
    date = fields.Datetime(string="Started", readonly=True)
    customer_kind = fields.Selection(
        [("external", "External"), ("internal", "Internal")], readonly=True
    )
    channel = fields.Selection(
        COMPLAINT_CHANNELS,
        readonly=True,
        help="How the complaint came in; empty for the clocks of leads.",
    )
    state = fields.Selection(
        [("met", "Met"), ("breached", "Breached")], string="Status", readonly=True
    )
    deadline_count = fields.Integer(string="Deadlines", readonly=True)
    met_count = fields.Integer(string="Met", readonly=True)
    breached_count = fields.Integer(string="Breached", readonly=True)
    met_rate = fields.Float(
        string="Met (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Share of the group's deadlines that were met.",
    )
    hours_median = fields.Float(
        string="Median Hours",
        readonly=True,
        aggregator="median",
        digits=(16, 2),
        help="Median business hours used by the group's deadlines that were reached.",
    )
    hours_p90 = fields.Float(
        string="90th Percentile Hours",
        readonly=True,
        aggregator="p90",
        digits=(16, 2),
        help="Nine in ten of the group's reached deadlines used at most these "
        "business hours.",
    )

    @property
    def _table_query(self):
        # A clock's figures: one deadline, met or breached; its hours count in
        # the median only once it was reached (a breach still running has none);
        # no hours stored is none used (Odoo reads an empty float as 0.0).
        return SQL(
            """
            SELECT d.id,
                   d.standard_id,
                   d.measure,
                   d.company_id,
                   d.team_id,
                   d.user_id,
                   d.date_start AS date,
                   COALESCE(c.customer_kind, p.care_customer_kind, 'external')
                       AS customer_kind,
                   c.channel,
                   d.state,
                   1 AS deadline_count,
                   (d.state = 'met')::int AS met_count,
                   (d.state = 'breached')::int AS breached_count,
                   CASE WHEN d.state = 'met' THEN 100.0 ELSE 0.0 END AS met_rate,
                   CASE WHEN d.date_reached IS NOT NULL
                        THEN COALESCE(d.hours_used, 0.0) END AS hours_median,
                   CASE WHEN d.date_reached IS NOT NULL
                        THEN COALESCE(d.hours_used, 0.0) END AS hours_p90
              FROM care_service_deadline d
         LEFT JOIN care_complaint c ON c.id = d.complaint_id
         LEFT JOIN crm_lead l ON l.id = d.lead_id
         LEFT JOIN res_partner p ON p.id = l.partner_id
             WHERE d.state IN ('met', 'breached')
            """
        )

    def _read_group_select(self, aggregate_spec, query):
        fname, _dot, func = aggregate_spec.partition(":")
        field = self._fields.get(fname)
        if func in PERCENTILES and field and field.type in ("float", "integer"):
            return SQL(
                "percentile_cont(%s) WITHIN GROUP (ORDER BY %s)",
                PERCENTILES[func],
                self._field_to_sql(self._table, fname, query),
            )
        return super()._read_group_select(aggregate_spec, query)
