from datetime import datetime, time, timedelta

from odoo import api, models
from odoo.tools import SQL

# indicator: (label, True when a higher figure is better)
INDICATORS = {
    "standards_met": ("Service Standards Met (%)", True),
    "first_reply_median": ("Median First Reply (Business Hours)", False),
    "satisfaction": ("Satisfied Complaint Ratings (%)", True),
    "rater_score": ("Average RATER Score (1-5)", True),
    "nps": ("Net Promoter Score", True),
    "complaints_per_100_orders": ("Complaints per 100 Orders", False),
    "overdue_loyalty": ("Overdue Loyalty Actions", False),
    "clean_messages": ("Messages Without Damaging Phrases (%)", True),
}
INDICATOR_SELECTION = [(code, label) for code, (label, _higher) in INDICATORS.items()]


class CareCascadeIndicator(models.AbstractModel):
    """The measured indicators a checklist item may be bound to: each reads a
    team's own records over a review's period, in one query per indicator and
    review."""

    _name = "care.cascade.indicator"
    _description = "CASCADE Indicator"

    @api.model
    def _care_evaluate(self, indicator, review):
        """(figure, how many records it is made of) of ``indicator`` for the
        review's team and period; figure None when nothing was counted."""
        start = datetime.combine(review.date_start, time.min)
        end = datetime.combine(review.date_end + timedelta(days=1), time.min)
        value, sample = getattr(self, f"_care_indicator_{indicator}")(
            review.team_id, review.company_id, start, end
        )
        return (None if not sample else value), sample

    @api.model
    def _care_is_met(self, indicator, value, target):
        if value is None:
            return False
        higher_is_better = INDICATORS[indicator][1]
        return value >= target if higher_is_better else value <= target

    def _care_fetch(self, query):
        self.env.flush_all()
        self.env.cr.execute(query)
        return self.env.cr.fetchone()

    def _care_indicator_standards_met(self, team, company, start, end):
        met, total = self._care_fetch(
            SQL(
                """
                SELECT count(*) FILTER (WHERE state = 'met'), count(*)
                  FROM care_service_deadline
                 WHERE team_id = %s AND company_id = %s
                   AND date_start >= %s AND date_start < %s
                   AND state IN ('met', 'breached')
                """,
                team.id,
                company.id,
                start,
                end,
            )
        )
        return (100 * met / total if total else 0.0), total

    def _care_indicator_first_reply_median(self, team, company, start, end):
        median, total = self._care_fetch(
            SQL(
                """
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY hours_used),
                       count(*)
                  FROM care_service_deadline
                 WHERE team_id = %s AND company_id = %s
                   AND date_start >= %s AND date_start < %s
                   AND measure = 'first_reply' AND date_reached IS NOT NULL
                """,
                team.id,
                company.id,
                start,
                end,
            )
        )
        return median or 0.0, total

    def _care_indicator_satisfaction(self, team, company, start, end):
        satisfied, total = self._care_fetch(
            SQL(
                """
                SELECT count(*) FILTER (WHERE r.rating >= 4), count(*)
                  FROM rating_rating r
                  JOIN care_complaint c ON c.id = r.res_id
                 WHERE r.res_model = 'care.complaint' AND r.consumed
                   AND r.rating > 0
                   AND c.team_id = %s AND c.company_id = %s
                   AND r.write_date >= %s AND r.write_date < %s
                """,
                team.id,
                company.id,
                start,
                end,
            )
        )
        return (100 * satisfied / total if total else 0.0), total

    def _care_indicator_rater_score(self, team, company, start, end):
        return self._care_satisfaction_average("rater_score", team, company, start, end)

    def _care_indicator_nps(self, team, company, start, end):
        return self._care_satisfaction_average("nps", team, company, start, end)

    def _care_satisfaction_average(self, column, team, company, start, end):
        """The average of a Customer Satisfaction report's column over the
        answers the team's customers finished in the period (an average of
        +100/0/-100 per answer is the NPS)."""
        value, count = self._care_fetch(
            SQL(
                """
                SELECT avg(%(column)s), count(%(column)s)
                  FROM %(report)s AS report
                 WHERE team_id = %(team)s AND company_id = %(company)s
                   AND date_done >= %(start)s AND date_done < %(end)s
                """,
                column=SQL.identifier(column),
                report=self.env["care.satisfaction.report"]._table_sql,
                team=team.id,
                company=company.id,
                start=start,
                end=end,
            )
        )
        return (float(value) if count else 0.0), count

    def _care_indicator_complaints_per_100_orders(self, team, company, start, end):
        complaints, orders = self._care_fetch(
            SQL(
                """
                SELECT (SELECT count(*) FROM care_complaint
                         WHERE team_id = %(team)s AND company_id = %(company)s
                           AND date_received >= %(start)s
                           AND date_received < %(end)s),
                       (SELECT count(*) FROM sale_order
                         WHERE team_id = %(team)s AND company_id = %(company)s
                           AND state = 'sale'
                           AND date_order >= %(start)s AND date_order < %(end)s)
                """,
                team=team.id,
                company=company.id,
                start=start,
                end=end,
            )
        )
        return (100 * complaints / orders if orders else 0.0), orders

    def _care_indicator_overdue_loyalty(self, team, company, start, end):
        members = (team.member_ids | team.user_id).ids
        # The actions' own rule of "overdue", as the SQL of its domain (sudo: a
        # condition on the table, no record read; the indicator counts the team).
        Action = self.env["care.loyalty.action"]
        overdue_sql = Action.sudo()._search(Action._care_overdue_domain()).where_clause
        overdue, total = self._care_fetch(
            SQL(
                """
                SELECT count(*) FILTER (WHERE %(overdue)s), count(*)
                  FROM care_loyalty_action
                 WHERE user_id = ANY(%(members)s) AND company_id = %(company)s
                   AND planned_date >= %(start)s AND planned_date < %(end)s
                   AND state != 'cancelled'
                """,
                overdue=overdue_sql,
                members=members,
                company=company.id,
                start=start.date(),
                end=end.date(),
            )
        )
        return float(overdue), total

    def _care_indicator_clean_messages(self, team, company, start, end):
        clean, total = self._care_fetch(
            SQL(
                """
                SELECT count(*) FILTER (WHERE NOT has_damaging), count(*)
                  FROM care_message_check
                 WHERE team_id = %s AND company_id = %s
                   AND date >= %s AND date < %s
                """,
                team.id,
                company.id,
                start,
                end,
            )
        )
        return (100 * clean / total if total else 0.0), total
