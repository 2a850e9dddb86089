from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestUiSatisfactionSurvey(HttpCase):
    """The customer of a closed complaint answers the RATER survey from the link
    it was sent, in English and in Vietnamese, without an account."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.survey = env.ref("customer_care.care_survey_rater")
        user = mail_new_test_user(
            env,
            login="care_tour_survey_user",
            groups="base.group_user,customer_care.group_care_user",
        )
        cls.team = env["crm.team"].create(
            {"name": "Tour Survey Team", "member_ids": [(4, user.id)]}
        )
        cls.customer = env["res.partner"].create(
            {"name": "Tour Survey Customer", "email": "tour.survey@example.com"}
        )
        cls.complaint = env["care.complaint"].create(
            {
                "name": "Tour late delivery",
                "partner_id": cls.customer.id,
                "team_id": cls.team.id,
                "user_id": user.id,
            }
        )
        env.company.care_rater_survey_id = cls.survey
        cls.complaint._care_send_surveys()
        cls.answer = cls.complaint._care_survey_answer()

    def _run(self, lang):
        if lang != "en_US":
            self.env["res.lang"]._activate_lang(lang)
        self.customer.lang = lang
        self.start_tour(
            f"/{lang[:2]}{self.answer.get_start_url()}"
            if lang != "en_US"
            else self.answer.get_start_url(),
            "customer_care_rater_survey",
        )
        self.assertEqual(self.answer.state, "done")
        self.env.flush_all()
        row = self.env["care.satisfaction.report"].search(
            [("complaint_id", "=", self.complaint.id)]
        )
        self.assertEqual(
            (row.answered, row.reliability, row.empathy, row.nps_value, row.nps),
            (1, 4.0, 2.0, 9, 100.0),
        )
        self.assertEqual(row.quadrant, "factory")
        self.assertEqual(row.fair_answer, "A call back the same day.")

    def test_customer_answers_en(self):
        self._run("en_US")

    def test_customer_answers_vi(self):
        self._run("vi_VN")


@tagged("post_install", "-at_install")
class TestUiSatisfactionReports(HttpCase):
    """A manager reads the Customer Satisfaction and the Retention reports of
    their team, in English and in Vietnamese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.manager = mail_new_test_user(
            env,
            login="care_tour_reports_manager",
            name="Reports Manager",
            groups="base.group_user,customer_care.group_care_manager",
        )
        team = env["crm.team"].create(
            {"name": "Tour Reports Team", "user_id": cls.manager.id}
        )
        customer = env["res.partner"].create(
            {"name": "Tour Retention Customer", "email": "tour.retention@example.com"}
        )
        complaint = env["care.complaint"].create(
            {
                "name": "Tour wrong invoice",
                "partner_id": customer.id,
                "team_id": team.id,
                "user_id": cls.manager.id,
                "date_received": "2024-06-03 09:00:00",
            }
        )
        complaint.sudo().date_resolved = "2024-06-04 09:00:00"
        survey = env.ref("customer_care.care_survey_rater")
        answer = survey._create_answer(
            partner=customer, check_attempts=False, care_complaint_id=complaint.id
        )
        for question in survey.question_ids:
            if question.care_measure == "nps":
                answer._save_lines(question, "9")
            elif question.care_measure != "fair":
                answer._save_lines(question, "4")
        answer._mark_done()
        # Computed as the nightly cron does; the menu opens what it computed.
        env["care.retention.report"]._care_refresh()

    def _run(self, lang):
        if lang != "en_US":
            self.env["res.lang"]._activate_lang(lang)
        self.manager.lang = lang
        self.start_tour(
            "/odoo/action-customer_care.care_satisfaction_report_action",
            "customer_care_satisfaction_reports",
            login=self.manager.login,
        )

    def test_reports_en(self):
        self._run("en_US")

    def test_reports_vi(self):
        self._run("vi_VN")
