from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestUiPhraseCheck(HttpCase):
    """A staff member replies to a complaint in the chatter, in English and in
    Vietnamese: two damaging phrases are highlighted, one alternative is taken,
    and the reply is sent after confirming; the server records both."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = mail_new_test_user(
            cls.env,
            login="care_tour_phrase_user",
            name="Phrase Check User",
            groups="base.group_user,customer_care.group_care_user",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Tour Phrase Customer",
                "email": "phrase.customer@example.com",
                "lang": "en_US",
                "care_disc_style": "dominance",
            }
        )
        cls.complaint = cls.env["care.complaint"].create(
            {
                "name": "Tour parcel arrived broken",
                "partner_id": cls.customer.id,
                "user_id": cls.staff.id,
            }
        )
        cls.env.company.care_confirm_damaging_complaints = True

    def _run(self, lang):
        if lang != "en_US":
            self.env["res.lang"]._activate_lang(lang)
        self.staff.lang = lang
        self.start_tour(
            f"/odoo/action-customer_care.care_complaint_action/{self.complaint.id}",
            "customer_care_phrase_check",
            login=self.staff.login,
        )
        check = self.env["care.message.check"].search(
            [("model", "=", "care.complaint"), ("res_id", "=", self.complaint.id)]
        )
        phrases = self.env["care.phrase"].with_context(active_test=False)
        self.assertEqual(len(check), 1)
        self.assertEqual(check.user_id, self.staff)
        self.assertEqual(
            check.phrase_ids, phrases.search([("name", "=", "our policy")])
        )
        self.assertEqual(
            check.taken_ids, phrases.search([("name", "=", "I don't know")])
        )

    def test_phrase_check_en(self):
        self._run("en_US")

    def test_phrase_check_vi(self):
        # A Vietnamese writer to an English customer: both libraries apply.
        self._run("vi_VN")

    def test_every_one_click_replacement_reads_right(self):
        phrases = self.env["care.phrase"].search([("active", "=", True)])
        self.assertTrue(all(phrases.mapped("example")), "each phrase has its example")
        self.start_tour("/odoo", "customer_care_phrase_replay", login=self.staff.login)
