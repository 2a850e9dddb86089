from odoo import fields, models, tools
from odoo.tools import SQL

LEVELS = [("standard", "Standard"), ("team", "Team"), ("user", "Person")]


class CareServiceDeadlineReport(models.Model):
    """Standards met and breached per standard, team and person and month, with
    the median and the 90th percentile of the business hours used. Each row is
    one group (its level says which): a median is not added up, so the report
    holds the medians of every group it shows."""

    _name = "care.service.deadline.report"
    _description = "Service Standards Report"
    _auto = False
    _order = "date desc, standard_id, level, breached_count desc"
    _rec_name = "standard_id"

    level = fields.Selection(LEVELS, readonly=True)
    standard_id = fields.Many2one("care.service.standard", readonly=True)
    measure = fields.Selection(related="standard_id.measure")
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    user_id = fields.Many2one("res.users", string="Person", readonly=True)
    date = fields.Date(string="Month", readonly=True)
    deadline_count = fields.Integer(string="Deadlines", readonly=True)
    met_count = fields.Integer(string="Met", readonly=True)
    breached_count = fields.Integer(string="Breached", readonly=True)
    met_rate = fields.Float(
        string="Met (%)", readonly=True, aggregator=False, digits=(16, 1)
    )
    hours_median = fields.Float(
        string="Median Hours",
        readonly=True,
        aggregator=False,
        digits=(16, 2),
        help="Median business hours used by the deadlines of the group.",
    )
    hours_p90 = fields.Float(
        string="90th Percentile Hours",
        readonly=True,
        aggregator=False,
        digits=(16, 2),
        help="Nine in ten deadlines of the group used at most these business hours.",
    )

    def _query(self):
        return SQL(
            """
            SELECT row_number() OVER (
                       ORDER BY date, standard_id, level, team_id, user_id
                   ) AS id, *
              FROM (
                SELECT CASE WHEN GROUPING(d.team_id) = 0 THEN 'team'
                            WHEN GROUPING(d.user_id) = 0 THEN 'user'
                            ELSE 'standard' END AS level,
                       d.standard_id,
                       d.company_id,
                       date_trunc('month', d.date_start)::date AS date,
                       d.team_id,
                       d.user_id,
                       count(*) AS deadline_count,
                       count(*) FILTER (WHERE d.state = 'met') AS met_count,
                       count(*) FILTER (WHERE d.state = 'breached') AS breached_count,
                       round(100.0 * count(*) FILTER (WHERE d.state = 'met')
                             / count(*), 1) AS met_rate,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY d.hours_used)
                           FILTER (WHERE d.date_reached IS NOT NULL) AS hours_median,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY d.hours_used)
                           FILTER (WHERE d.date_reached IS NOT NULL) AS hours_p90
                  FROM care_service_deadline d
                 WHERE d.state IN ('met', 'breached')
              GROUP BY GROUPING SETS (
                       (d.standard_id, d.company_id, date),
                       (d.standard_id, d.company_id, date, d.team_id),
                       (d.standard_id, d.company_id, date, d.user_id)
                   )
              ) groups
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
