from odoo import fields, models, tools
from odoo.tools import SQL

LEVELS = [("standard", "Standard"), ("team", "Team"), ("user", "Person")]
# What each level groups by, besides the standard, the company and the month.
LEVEL_GROUPS = {"standard": "", "team": ", d.team_id", "user": ", d.user_id"}


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
        # One branch per level, not GROUPING SETS under a window function: the
        # list's filters on a standard, a level, a team or a person reach the
        # branches, so opening a group reads its rows only. Each clock is in one
        # group of each level: its smallest id, times three, plus the level's
        # number, is a stable id.
        branches = [
            SQL(
                """
                SELECT min(d.id) * 3 + %(number)s AS id,
                       %(level)s::varchar AS level,
                       d.standard_id,
                       d.company_id,
                       date_trunc('month', d.date_start)::date AS date,
                       %(team)s AS team_id,
                       %(user)s AS user_id,
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
              GROUP BY d.standard_id, d.company_id, 5 %(group)s
                """,
                number=number,
                level=level,
                team=SQL("d.team_id" if level == "team" else "NULL::int"),
                user=SQL("d.user_id" if level == "user" else "NULL::int"),
                group=SQL(LEVEL_GROUPS[level]),
            )
            for number, (level, _label) in enumerate(LEVELS)
        ]
        return SQL(" UNION ALL ").join(branches)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
