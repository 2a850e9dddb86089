from itertools import product

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CustomerCareCommon

ANSWERS = ("unknown", "yes", "no")


def expected_status(money, authority, need, access):
    """The issue's rules, written independently of the model's code."""
    if "no" in (money, authority, need, access):
        return "disqualified"
    if money == authority == need == "yes":
        return "qualified"
    if money == authority == need == access == "unknown":
        return "not_started"
    return "in_progress"


@tagged("post_install", "-at_install")
class TestManQualification(CustomerCareCommon):
    def test_every_combination_of_answers(self):
        prospect = self.prospect.with_user(self.user_care)
        for money, authority, need, access in product(ANSWERS, repeat=4):
            with self.subTest(
                money=money, authority=authority, need=need, access=access
            ):
                self.qualify(prospect, money, authority, need, access)
                self.assertEqual(
                    prospect.man_status,
                    expected_status(money, authority, need, access),
                )
                score = sum(
                    points
                    for answer, points in zip(
                        (money, authority, need, access), (30, 30, 30, 10), strict=True
                    )
                    if answer == "yes"
                )
                self.assertEqual(prospect.man_score, score)

    def test_named_cases(self):
        prospect = self.prospect.with_user(self.user_care)
        self.assertEqual(prospect.man_status, "not_started")
        self.assertEqual(prospect.man_score, 0)
        self.qualify(prospect, "yes", "yes", "yes", "unknown")
        self.assertEqual(prospect.man_status, "qualified", "access is optional")
        self.assertEqual(prospect.man_score, 90)
        self.qualify(prospect, "yes", "yes", "yes", "yes")
        self.assertEqual(prospect.man_score, 100)
        self.qualify(prospect, "yes", "yes", "yes", "no")
        self.assertEqual(prospect.man_status, "disqualified", "unreachable prospect")
        self.qualify(prospect, "unknown", "unknown", "unknown", "yes")
        self.assertEqual(prospect.man_status, "in_progress")
        self.qualify(prospect, "yes", "no", "yes")
        self.assertEqual(prospect.man_status, "disqualified")

    def test_status_is_stored_and_searchable(self):
        self.qualify(self.prospect)
        self.qualify(self.customer_company, need="no")
        Partner = self.env["res.partner"]
        self.assertIn(self.prospect, Partner.search([("man_status", "=", "qualified")]))
        self.assertIn(
            self.customer_company, Partner.search([("man_status", "=", "disqualified")])
        )
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT man_status, man_score FROM res_partner WHERE id = %s",
            [self.prospect.id],
        )
        self.assertEqual(self.env.cr.fetchone(), ("qualified", 90))

    def test_who_qualified_and_when(self):
        prospect = self.prospect.with_user(self.user_care)
        self.assertFalse(prospect.man_user_id)
        with freeze_time("2026-03-02 09:30:00"):
            prospect.write(
                {"man_money": "yes", "man_money_note": "budget 20k approved"}
            )
            self.assertEqual(prospect.man_user_id, self.user_care)
            self.assertEqual(str(prospect.man_date), "2026-03-02 09:30:00")
        # Editing an unrelated field keeps who qualified the partner and when.
        with freeze_time("2026-03-05 10:00:00"):
            prospect.with_user(self.user_care_manager).write({"phone": "+84 28 1234"})
            self.assertEqual(prospect.man_user_id, self.user_care)
            self.assertEqual(str(prospect.man_date), "2026-03-02 09:30:00")
        with freeze_time("2026-03-06 11:00:00"):
            self.qualify(prospect.with_user(self.user_care_manager))
            self.assertEqual(prospect.man_user_id, self.user_care_manager)
            self.assertEqual(str(prospect.man_date), "2026-03-06 11:00:00")
        # A note alone is no new qualification.
        with freeze_time("2026-03-07 08:00:00"):
            prospect.write({"man_need_note": "three presses"})
            self.assertEqual(str(prospect.man_date), "2026-03-06 11:00:00")

    def test_qualified_on_create(self):
        with freeze_time("2026-04-01 12:00:00"):
            Partner = self.env["res.partner"].with_user(self.user_care)
            qualified = Partner.create({"name": "Known", "man_need": "yes"})
            blank = Partner.create({"name": "Unknown", "man_need": "unknown"})
        self.assertEqual(qualified.man_user_id, self.user_care)
        self.assertEqual(str(qualified.man_date), "2026-04-01 12:00:00")
        self.assertFalse(blank.man_user_id)
        self.assertFalse(blank.man_date)

    def test_changes_are_tracked_in_the_chatter(self):
        # Ends the creation's transaction: the chatter tracks later changes only.
        self.flush_tracking()
        prospect = self.prospect.with_user(self.user_care)
        self.qualify(prospect, "yes", "yes", "yes")
        self.flush_tracking()
        message = prospect.message_ids[0]
        tracked = message.sudo().tracking_value_ids.field_id.mapped("name")
        for fname in ("man_money", "man_authority", "man_need", "man_status"):
            self.assertIn(fname, tracked)
        self.assertEqual(message.author_id, self.user_care.partner_id)

    def test_invalid_answer_is_refused_and_nothing_written(self):
        prospect = self.prospect.with_user(self.user_care)
        self.qualify(prospect, "yes", "unknown", "unknown")
        with self.assertRefused(
            ValidationError, "'maybe' is not a valid value for Need"
        ):
            prospect.write({"man_money": "no", "man_need": "maybe"})
        self.assertEqual(prospect.man_money, "yes")
        self.assertEqual(prospect.man_status, "in_progress")
        with self.assertRefused(ValidationError):
            self.env["res.partner"].create({"name": "Bad", "man_authority": "perhaps"})
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Bad")]))
        with self.assertRefused(ValidationError, "Customer Kind"):
            prospect.write({"care_customer_kind": "partner"})
