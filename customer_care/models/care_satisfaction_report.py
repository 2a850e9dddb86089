from odoo import fields, models
from odoo.tools import SQL

from .survey_question import (
    PERSONAL_DIMENSIONS,
    PROCEDURAL_DIMENSIONS,
    RATER_DIMENSIONS,
)

# The material's quality grid: procedural side x personal side. Each label says
# what the quadrant means, since the pivot and the list show nothing else.
QUADRANTS = [
    ("freezer", "The Freezer (slow and cold)"),
    ("factory", "The Factory (efficient, impersonal)"),
    ("friendly_zoo", "The Friendly Zoo (warm, disorganised)"),
    ("quality", "Quality Service (efficient and warm)"),
]


class CareSatisfactionReport(models.Model):
    """One row per answer sent of a survey that measures customer care (a
    question with a Customer Care Measure): the RATER dimensions' scores, the
    Net Promoter Score and the quality grid's quadrant, for the complaint's team,
    person and customer kind (else the customer's salesperson and their team).
    Answers not finished count in the response rate only."""

    _name = "care.satisfaction.report"
    _description = "Customer Satisfaction Report"
    _auto = False
    _order = "date_sent desc, id desc"
    _rec_name = "partner_id"
    # Flushed before the view is read.
    _depends = {
        "survey.user_input": [
            "survey_id",
            "partner_id",
            "care_complaint_id",
            "care_company_id",
            "state",
            "end_datetime",
            "test_entry",
        ],
        "survey.user_input.line": [
            "user_input_id",
            "question_id",
            "value_scale",
            "value_text_box",
            "skipped",
        ],
        "survey.question": ["care_measure", "survey_id"],
        "care.complaint": ["team_id", "user_id", "customer_kind", "company_id"],
        "res.partner": ["commercial_partner_id", "user_id", "care_customer_kind"],
        "res.users": ["sale_team_id"],
        "res.company": ["care_rater_good_score"],
    }

    survey_id = fields.Many2one("survey.survey", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    complaint_id = fields.Many2one("care.complaint", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    user_id = fields.Many2one("res.users", string="Person", readonly=True)
    customer_kind = fields.Selection(
        [("external", "External"), ("internal", "Internal")], readonly=True
    )
    date_sent = fields.Datetime(string="Sent On", readonly=True)
    date_done = fields.Datetime(string="Answered On", readonly=True)
    answered = fields.Integer(string="Answers", readonly=True)
    response_rate = fields.Float(
        string="Response Rate (%)", readonly=True, aggregator="avg", digits=(16, 1)
    )
    reliability = fields.Float(readonly=True, aggregator="avg", digits=(16, 2))
    assurance = fields.Float(readonly=True, aggregator="avg", digits=(16, 2))
    tangibles = fields.Float(readonly=True, aggregator="avg", digits=(16, 2))
    empathy = fields.Float(readonly=True, aggregator="avg", digits=(16, 2))
    responsiveness = fields.Float(readonly=True, aggregator="avg", digits=(16, 2))
    rater_score = fields.Float(
        string="RATER Score",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Average of the answer's RATER statements, from 1 to 5.",
    )
    procedural_score = fields.Float(
        string="Procedural Side",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Reliability, responsiveness and tangibles: the systems.",
    )
    personal_score = fields.Float(
        string="Personal Side",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Assurance and empathy: the attitude.",
    )
    side_gap = fields.Float(
        string="Personal - Procedural",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Above 0, staff make up for the systems; below 0, the systems for "
        "the staff.",
    )
    quadrant = fields.Selection(
        QUADRANTS,
        string="Quality Grid",
        readonly=True,
        help="The procedural side (reliability, responsiveness, tangibles) and the "
        "personal side (assurance, empathy) against the company's good quality "
        "score: both reach it: quality service; procedural only: the factory; "
        "personal only: the friendly zoo; neither: the freezer.",
    )
    nps_value = fields.Integer(
        string="Recommendation (0-10)", readonly=True, aggregator="avg"
    )
    nps = fields.Float(
        string="NPS",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Net Promoter Score: promoters (9-10) minus detractors (0-6), in % "
        "of the answers, from -100 to 100.",
    )
    promoter_count = fields.Integer(string="Promoters", readonly=True)
    detractor_count = fields.Integer(string="Detractors", readonly=True)
    fair_answer = fields.Text(string="What Would Be Fair", readonly=True)

    @property
    def _table_query(self):
        # Odoo's idiom for a report read from a query (no view to create, drop
        # or keep in step with the fields): each read runs it as a subquery.
        def average(dimensions):
            return SQL(
                "avg(l.value_scale) FILTER (WHERE q.care_measure IN %s)",
                tuple(dimensions),
            )

        dimension_columns = SQL(", ").join(
            SQL("%s AS %s", average([dim]), SQL.identifier(dim))
            for dim in RATER_DIMENSIONS
        )
        return SQL(
            """
            WITH scores AS (
                SELECT l.user_input_id, %(dimensions)s,
                       %(rater)s AS rater_score,
                       %(procedural)s AS procedural_score,
                       %(personal)s AS personal_score,
                       max(l.value_scale) FILTER (WHERE q.care_measure = 'nps')
                           AS nps_value,
                       string_agg(l.value_text_box, ' ')
                           FILTER (WHERE q.care_measure = 'fair') AS fair_answer
                  FROM survey_user_input_line l
                  JOIN survey_question q ON q.id = l.question_id
                 WHERE q.care_measure IS NOT NULL AND NOT COALESCE(l.skipped, FALSE)
                 GROUP BY l.user_input_id
            )
            SELECT ui.id, ui.survey_id, ui.partner_id,
                   ui.care_complaint_id AS complaint_id,
                   co.id AS company_id,
                   COALESCE(c.team_id, su.sale_team_id) AS team_id,
                   COALESCE(c.user_id, cp.user_id) AS user_id,
                   COALESCE(c.customer_kind, cp.care_customer_kind) AS customer_kind,
                   ui.create_date AS date_sent,
                   ui.end_datetime AS date_done,
                   (ui.state = 'done')::int AS answered,
                   CASE WHEN ui.state = 'done' THEN 100.0 ELSE 0.0 END
                       AS response_rate,
                   %(dimension_names)s,
                   s.rater_score, s.procedural_score, s.personal_score,
                   s.personal_score - s.procedural_score AS side_gap,
                   CASE WHEN s.procedural_score IS NULL
                          OR s.personal_score IS NULL THEN NULL
                        WHEN s.procedural_score >= co.care_rater_good_score
                         AND s.personal_score >= co.care_rater_good_score
                            THEN 'quality'
                        WHEN s.procedural_score >= co.care_rater_good_score
                            THEN 'factory'
                        WHEN s.personal_score >= co.care_rater_good_score
                            THEN 'friendly_zoo'
                        ELSE 'freezer' END AS quadrant,
                   s.nps_value,
                   CASE WHEN s.nps_value >= 9 THEN 100.0
                        WHEN s.nps_value <= 6 THEN -100.0
                        WHEN s.nps_value IS NOT NULL THEN 0.0 END AS nps,
                   (s.nps_value >= 9)::int AS promoter_count,
                   (s.nps_value <= 6)::int AS detractor_count,
                   s.fair_answer
              FROM survey_user_input ui
              LEFT JOIN scores s ON s.user_input_id = ui.id AND ui.state = 'done'
              LEFT JOIN care_complaint c ON c.id = ui.care_complaint_id
              LEFT JOIN res_partner p ON p.id = ui.partner_id
              LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
              LEFT JOIN res_users su ON su.id = cp.user_id
              JOIN res_company co ON co.id = COALESCE(c.company_id, ui.care_company_id)
             WHERE NOT COALESCE(ui.test_entry, FALSE)
               AND ui.survey_id IN (
                   SELECT survey_id FROM survey_question
                    WHERE care_measure IS NOT NULL)
            """,
            dimensions=dimension_columns,
            rater=average(RATER_DIMENSIONS),
            procedural=average(PROCEDURAL_DIMENSIONS),
            personal=average(PERSONAL_DIMENSIONS),
            dimension_names=SQL(", ").join(
                SQL("s.%s", SQL.identifier(dim)) for dim in RATER_DIMENSIONS
            ),
        )
