from datetime import datetime

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ComplaintCommon

DIMENSIONS = ("reliability", "assurance", "tangibles", "empathy", "responsiveness")


@tagged("post_install", "-at_install")
class TestSatisfactionSurvey(ComplaintCommon):
    """The RATER survey sent after a complaint or to a list, and what its answers
    give: scores per dimension, the quality grid, the NPS and the response rate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("customer_care.care_survey_rater")
        cls.company.care_rater_survey_id = cls.survey
        cls.company.care_rater_good_score = 4.0
        cls.questions = cls.survey.question_ids
        cls.Report = cls.env["care.satisfaction.report"]

    def question(self, measure):
        return self.questions.filtered(lambda q: q.care_measure == measure)

    def answer(self, complaint, scores=None, nps=None, fair=None):
        """An answer of the complaint's customer: ``scores`` {dimension: 1-5}
        for both statements of each dimension, finished when given."""
        answer = self.survey.sudo()._create_answer(
            partner=complaint.partner_id,
            check_attempts=False,
            care_complaint_id=complaint.id,
            care_company_id=complaint.company_id.id,
        )
        if scores is None:
            return answer
        for dimension, score in scores.items():
            for question in self.question(dimension):
                answer._save_lines(question, str(score))
        answer._save_lines(self.question("nps"), str(nps))
        if fair:
            answer._save_lines(self.question("fair"), fair)
        answer._mark_done()
        return answer

    def close(self, complaint):
        self.take_to(complaint, "follow_up")
        complaint.write(self.STEP_CONTENT["follow_up"])
        complaint.with_user(self.user_care).action_close()

    def report(self, domain, fields, groupby=(), user=None):
        Report = self.Report.with_user(user) if user else self.Report
        self.env.flush_all()
        return Report._read_group(domain, list(groupby), fields)

    def test_shipped_survey_measures_rater_nps_and_fair(self):
        measures = self.questions.mapped("care_measure")
        for dimension in DIMENSIONS:
            self.assertEqual(measures.count(dimension), 2, dimension)
        self.assertEqual(measures.count("nps"), 1)
        self.assertEqual(measures.count("fair"), 1)
        self.assertEqual(
            (self.question("nps").scale_min, self.question("nps").scale_max), (0, 10)
        )
        self.assertEqual(self.survey.access_mode, "token")
        vietnamese = self.survey.with_context(lang="vi_VN")
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["customer_care"], ["vi_VN"])
        self.assertNotEqual(vietnamese.title, self.survey.title)

    def test_survey_form_lists_what_each_question_measures(self):
        """The question list of the survey form names each question's RATER
        dimension (or NPS, or fair), as the report reads them."""
        arch = self.env["survey.survey"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        tree = etree.fromstring(arch)
        columns = tree.xpath("//field[@name='question_and_page_ids']/list/field/@name")
        self.assertIn("care_measure", columns)

    def test_quality_grid_quadrants_say_what_they_mean(self):
        labels = dict(
            self.env["care.satisfaction.report"]._fields["quadrant"].selection
        )
        self.assertEqual(labels["freezer"], "The Freezer (slow and cold)")
        self.assertEqual(labels["factory"], "The Factory (efficient, impersonal)")
        self.assertEqual(
            labels["friendly_zoo"], "The Friendly Zoo (warm, disorganised)"
        )
        self.assertEqual(labels["quality"], "Quality Service (efficient and warm)")

    @freeze_time("2026-11-10 09:00:00")
    def test_closing_sends_the_survey_instead_of_the_rating(self):
        complaint = self.make_complaint()
        self.close(complaint)
        answer = self.env["survey.user_input"].search(
            [("care_complaint_id", "=", complaint.id)]
        )
        self.assertEqual(len(answer), 1)
        self.assertEqual(
            (answer.survey_id, answer.partner_id, answer.care_company_id),
            (self.survey, self.customer, self.company),
        )
        self.assertEqual(answer.state, "new")
        self.assertEqual(complaint.care_survey_count, 1)
        action = complaint.with_user(self.user_care).action_view_care_surveys()
        self.assertEqual(
            self.Report.with_user(self.user_care).search(action["domain"]).ids,
            answer.ids,
        )
        self.assertFalse(
            self.env["rating.rating"].search(
                [("res_model", "=", "care.complaint"), ("res_id", "=", complaint.id)]
            )
        )
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "care.complaint"),
                ("res_id", "=", complaint.id),
                ("recipient_ids", "in", self.customer.ids),
            ]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn(f"answer_token={answer.access_token}", mail.body_html)
        # Not a reply to the complaint: no communication check of it.
        self.assertFalse(
            self.env["care.message.check"].search(
                [("message_id", "in", complaint.message_ids.ids)]
            )
        )
        # Sent, not answered: it counts in the response rate only.
        [(rate, score)] = self.report(
            [("complaint_id", "=", complaint.id)],
            ["response_rate:avg", "rater_score:avg"],
        )
        self.assertEqual((rate, score), (0.0, False))

    def test_without_a_survey_the_rating_is_asked(self):
        self.company.care_rater_survey_id = False
        complaint = self.make_complaint()
        self.close(complaint)
        self.assertFalse(
            self.env["survey.user_input"].search(
                [("care_complaint_id", "=", complaint.id)]
            )
        )
        self.assertTrue(
            self.env["rating.rating"].search(
                [("res_model", "=", "care.complaint"), ("res_id", "=", complaint.id)]
            )
        )

    def test_scores_grid_nps_and_response_rate(self):
        complaints = [self.make_complaint() for _i in range(5)]
        good = dict.fromkeys(DIMENSIONS, 5)
        procedural_only = dict(good, assurance=2, empathy=2)
        personal_only = dict(good, reliability=2, tangibles=2, responsiveness=3)
        self.answer(complaints[0], good, nps=10, fair="Nothing, thank you.")
        self.answer(complaints[1], procedural_only, nps=9)
        self.answer(complaints[2], personal_only, nps=7)
        self.answer(complaints[3], dict.fromkeys(DIMENSIONS, 1), nps=0)
        self.answer(complaints[4])  # not answered
        answered_a = [("answered", "=", 1), ("team_id", "=", self.team_a.id)]
        [(count, answered, rate, nps, promoters, detractors)] = self.report(
            [("team_id", "=", self.team_a.id)],
            [
                "__count",
                "answered:sum",
                "response_rate:avg",
                "nps:avg",
                "promoter_count:sum",
                "detractor_count:sum",
            ],
        )
        # 2 promoters and 1 detractor in 4 answers: NPS 25; 4 answers of 5 sent.
        self.assertEqual((count, answered, rate), (5, 4, 80.0))
        self.assertEqual((nps, promoters, detractors), (25.0, 2, 1))
        [(reliability, empathy, score)] = self.report(
            [("team_id", "=", self.team_a.id)],
            ["reliability:avg", "empathy:avg", "rater_score:avg"],
        )
        self.assertEqual(reliability, (5 + 5 + 2 + 1) / 4)
        self.assertEqual(empathy, (5 + 2 + 5 + 1) / 4)
        self.assertAlmostEqual(score, (50 + 38 + 34 + 10) / 40)
        grid = dict(self.report(answered_a, ["__count"], ["quadrant"]))
        self.assertEqual(
            grid, {"quality": 1, "factory": 1, "friendly_zoo": 1, "freezer": 1}
        )
        # Each answer is summed up in its complaint's chatter.
        log = complaints[0].message_ids[0]
        self.assertIn("RATER score 5.0 of 5, recommendation 10 of 10", log.body)
        self.assertIn("Nothing, thank you.", log.body)
        self.assertIn("recommendation 0 of 10", complaints[3].message_ids[0].body)
        self.assertNotIn("fair", complaints[3].message_ids[0].body)
        fair = self.Report.search([("complaint_id", "=", complaints[0].id)])
        self.assertEqual(fair.fair_answer, "Nothing, thank you.")
        # ...and in the complaint's own field, after what staff wrote there.
        self.assertEqual(complaints[0].fair_request, "Nothing, thank you.")
        self.assertFalse(complaints[3].fair_request)
        self.assertEqual(fair.side_gap, 0.0)
        procedural = self.Report.search([("complaint_id", "=", complaints[1].id)])
        self.assertEqual(procedural.side_gap, -3.0)
        # A lower good score moves the procedural-only answer to quality service.
        self.company.care_rater_good_score = 2.0
        grid = dict(self.report(answered_a, ["__count"], ["quadrant"]))
        self.assertEqual(grid, {"quality": 3, "freezer": 1})
        with self.assertRaisesRegex(ValidationError, "score from 1 to 5"):
            self.company.care_rater_good_score = 6
        complaints[4].fair_request = "A call from the manager."
        self.answer(complaints[4], good, nps=9, fair="A voucher.")
        self.assertEqual(
            complaints[4].fair_request, "A call from the manager.\n\nA voucher."
        )

    def test_measures_need_their_question_type(self):
        Question = self.env["survey.question"]
        with self.assertRaisesRegex(ValidationError, "scale from 1 to 5"):
            Question.create(
                {
                    "survey_id": self.survey.id,
                    "title": "We were kind.",
                    "question_type": "scale",
                    "scale_min": 0,
                    "scale_max": 10,
                    "care_measure": "empathy",
                }
            )
        with self.assertRaisesRegex(ValidationError, "scale from 0 to 10"):
            Question.create(
                {
                    "survey_id": self.survey.id,
                    "title": "Would you recommend us?",
                    "question_type": "text_box",
                    "care_measure": "nps",
                }
            )
        with self.assertRaisesRegex(ValidationError, "text answer"):
            self.question("empathy")[0].care_measure = "fair"

    def test_users_see_their_teams_answers_managers_all(self):
        mine = self.make_complaint()
        other = self.make_complaint(team_id=self.team_b.id, user_id=self.user_care_2.id)
        for complaint in (mine, other):
            self.answer(complaint, dict.fromkeys(DIMENSIONS, 4), nps=8)
        self.env.flush_all()
        seen = self.Report.with_user(self.user_care).search([]).complaint_id
        self.assertEqual(seen, mine)
        seen = (
            self.Report.with_user(self.user_care_manager)
            .search([("team_id", "in", (self.team_a | self.team_b).ids)])
            .complaint_id
        )
        self.assertEqual(seen, mine | other)
        self.assertFalse(self.Report.with_user(self.user_care_company_2).search([]))

    def test_links_are_set_by_the_sending_only(self):
        complaint = self.make_complaint()
        answer = self.answer(complaint)
        other = self.make_complaint(team_id=self.team_b.id)
        # The manager edits surveys (Surveys app), not the answers' links.
        manager_answer = answer.with_user(self.user_care_manager)
        with self.assertRaises(AccessError):
            manager_answer.write({"care_complaint_id": other.id})
        with self.assertRaises(AccessError):
            manager_answer.write({"care_company_id": self.company_2.id})
        self.assertEqual(answer.care_complaint_id, complaint)

    def test_sending_to_a_list_of_customers(self):
        salesman_team = self.env["crm.team"].create(
            {"name": "Survey Team", "member_ids": [(4, self.user_salesman.id)]}
        )
        customer = self.env["res.partner"].create(
            {
                "name": "Hoa Customer",
                "email": "hoa@example.com",
                "user_id": self.user_salesman.id,
            }
        )
        no_email = self.env["res.partner"].create({"name": "No E-mail"})
        action = (
            (customer | no_email)
            .with_user(self.user_care_manager)
            .action_care_send_survey()
        )
        self.assertEqual(action["res_model"], "survey.invite")
        wizard = (
            self.env["survey.invite"]
            .with_user(self.user_care_manager)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(wizard.survey_id, self.survey)
        self.assertEqual(wizard.partner_ids, customer)
        wizard.action_invite()
        row = self.Report.search([("partner_id", "=", customer.id)])
        self.assertEqual(len(row), 1)
        self.assertEqual(
            (row.company_id, row.team_id, row.user_id, row.complaint_id.id),
            (self.company, salesman_team, self.user_salesman, False),
        )
        self.assertEqual(row.customer_kind, "external")
        # A user who is not a manager does not send surveys to lists.
        with self.assertRaises(AccessError):
            self.env["survey.invite"].with_user(self.user_care).with_context(
                **action["context"]
            ).create({})

    def test_no_survey_to_send(self):
        self.company.care_rater_survey_id = False
        self.survey.active = False
        with self.assertRaisesRegex(UserError, "No satisfaction survey"):
            self.customer.with_user(self.user_care_manager).action_care_send_survey()

    def test_indicators_read_the_answers_of_the_period(self):
        complaint = self.make_complaint()
        with freeze_time(datetime(2026, 10, 10, 8, 0)):
            self.answer(complaint, dict.fromkeys(DIMENSIONS, 4), nps=10)
            self.answer(complaint, dict.fromkeys(DIMENSIONS, 2), nps=5)
        with freeze_time(datetime(2026, 11, 2, 8, 0)):  # after the period
            self.answer(complaint, dict.fromkeys(DIMENSIONS, 5), nps=10)
        Indicator = self.env["care.cascade.indicator"]
        review = self.env["care.cascade.review"].new(
            {
                "team_id": self.team_a.id,
                "company_id": self.company.id,
                "date_start": "2026-10-01",
                "date_end": "2026-10-31",
            }
        )
        self.assertEqual(Indicator._care_evaluate("nps", review), (0.0, 2))
        self.assertEqual(Indicator._care_evaluate("rater_score", review), (3.0, 2))
        review.team_id = self.team_b
        self.assertEqual(Indicator._care_evaluate("nps", review), (None, 0))

    def test_indicator_targets_in_their_range(self):
        Item = self.env["care.cascade.item"]
        values = {
            "name": "Customers recommend us",
            "element_id": self.env.ref(
                "customer_care.care_cascade_element_excellence"
            ).id,
            "indicator": "nps",
        }
        self.assertEqual(
            Item.create(dict(values, indicator_target=-20)).indicator_target, -20
        )
        with self.assertRaisesRegex(ValidationError, "from -100 to 100"):
            Item.create(dict(values, indicator_target=150))
        with self.assertRaisesRegex(ValidationError, "from 1 to 5"):
            Item.create(dict(values, indicator="rater_score", indicator_target=6))
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            Item.create(dict(values, indicator="overdue_loyalty", indicator_target=-1))
