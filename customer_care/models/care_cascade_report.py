from odoo import fields, models
from odoo.tools import SQL


class CareCascadeReport(models.Model):
    """Progress of each review per CASCADE element, for pivots and trends."""

    _name = "care.cascade.report"
    _description = "CASCADE Progress Analysis"
    _auto = False
    _order = "date_start desc, team_id, element_id"
    _rec_name = "review_id"

    review_id = fields.Many2one("care.cascade.review", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible Manager", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    element_id = fields.Many2one("care.cascade.element", readonly=True)
    state = fields.Selection(
        [("draft", "Draft"), ("in_progress", "In Progress"), ("done", "Done")],
        readonly=True,
    )
    date_start = fields.Date(string="Period", readonly=True)
    date_end = fields.Date(string="Period End", readonly=True)
    line_count = fields.Integer(string="Lines", readonly=True)
    done_count = fields.Integer(string="Done Lines", readonly=True)
    late_count = fields.Integer(string="Late Lines", readonly=True)
    weight_total = fields.Float(string="Applicable Weight", readonly=True)
    weight_done = fields.Float(string="Done Weight", readonly=True)
    progress = fields.Float(
        string="Progress (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Weighted share of the element's applicable lines that are done; "
        "averaged over the reviews of a group.",
    )

    @property
    def _table_query(self):
        # Odoo's idiom for a report read from a query (no view to create, drop
        # or keep in step with the fields): each read runs it as a subquery.
        applicable = SQL("l.status != 'na'")
        return SQL(
            """
            SELECT min(l.id) AS id,
                   l.review_id,
                   r.team_id,
                   r.user_id,
                   r.company_id,
                   r.state,
                   r.date_start,
                   r.date_end,
                   l.element_id,
                   count(*) AS line_count,
                   count(*) FILTER (WHERE l.status = 'done') AS done_count,
                   count(*) FILTER (
                       WHERE l.status IN ('todo', 'in_progress')
                         AND l.deadline < CURRENT_DATE
                   ) AS late_count,
                   coalesce(sum(l.weight) FILTER (WHERE %(applicable)s), 0)
                       AS weight_total,
                   coalesce(sum(l.weight) FILTER (WHERE l.status = 'done'), 0)
                       AS weight_done,
                   CASE WHEN sum(l.weight) FILTER (WHERE %(applicable)s) > 0
                        THEN round((100 * coalesce(
                                sum(l.weight) FILTER (WHERE l.status = 'done'), 0)
                            / sum(l.weight) FILTER (WHERE %(applicable)s))::numeric, 1)
                   END AS progress
              FROM care_cascade_review_line l
              JOIN care_cascade_review r ON r.id = l.review_id
          GROUP BY l.review_id, r.team_id, r.user_id, r.company_id, r.state,
                   r.date_start, r.date_end, l.element_id
            """,
            applicable=applicable,
        )
