from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestServiceStandard(CascadeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rings = cls.env.ref("customer_care.care_service_standard_phone_rings")
        # A standard of its own, that nobody else (demo users...) acknowledged.
        cls.callback = cls.env["care.service.standard"].create(
            {
                "name": "Call back within two hours",
                "channel": "phone",
                "customer_kind": "external",
                "target_value": 2,
                "target_unit": "hours",
            }
        )
        cls.user_care_3 = new_test_user(
            cls.env,
            login="care_user_3",
            name="Third Care User",
            groups="base.group_user,customer_care.group_care_user",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )

    def test_shipped_standards(self):
        self.assertEqual(self.rings.target_value, 2)
        self.assertEqual(self.rings.target_unit, "rings")
        self.assertEqual(self.rings.target_display, "2 rings")
        self.assertEqual(self.rings.element_id, self.element["standards"])
        web = self.env.ref("customer_care.care_service_standard_web")
        self.assertEqual(
            (web.customer_kind, web.channel, web.target_value, web.target_unit),
            ("external", "web", 24, "business_hours"),
        )
        internal = self.env.ref("customer_care.care_service_standard_internal_update")
        self.assertEqual(internal.customer_kind, "internal")

    def test_target_needs_unit_and_cannot_be_negative(self):
        Standard = self.env["care.service.standard"].with_user(self.user_care_admin)
        with self.assertRefused(ValidationError, "needs a unit"):
            Standard.create({"name": "Fast", "target_value": 5})
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.rings.with_user(self.user_care_admin).target_value = -1
        standard = Standard.create({"name": "Smile", "channel": "in_person"})
        self.assertEqual(standard.version, 1)
        self.assertFalse(standard.target_display)

    @freeze_time("2026-11-02 09:00:00")
    def test_acknowledge_current_version(self):
        callback = self.callback.with_user(self.user_care)
        self.assertFalse(callback.acknowledged)
        self.assertEqual(callback.acknowledged_count, 0)
        callback.action_acknowledge()
        callback.action_acknowledge()
        ack = callback.acknowledgement_ids
        self.assertEqual(len(ack), 1, "once per version")
        self.assertEqual(
            (ack.user_id, ack.version, str(ack.date), ack.is_current),
            (self.user_care, 1, "2026-11-02 09:00:00", True),
        )
        callback.invalidate_recordset(["acknowledged", "acknowledged_count"])
        self.assertTrue(callback.acknowledged)
        self.assertEqual(callback.acknowledged_count, 1)
        Standard = self.env["care.service.standard"]
        self.assertIn(
            self.callback,
            Standard.with_user(self.user_care).search([("acknowledged", "=", True)]),
        )
        self.assertNotIn(
            self.callback,
            Standard.with_user(self.user_care).search([("acknowledged", "=", False)]),
        )
        self.assertNotIn(
            self.callback,
            Standard.with_user(self.user_care_2).search([("acknowledged", "=", True)]),
        )
        self.assertIn(
            self.callback,
            Standard.with_user(self.user_care_2).search([("acknowledged", "=", False)]),
        )
        # Managers read everyone's acknowledgements: still only their own count.
        self.assertNotIn(
            self.callback,
            Standard.with_user(self.user_care_manager).search(
                [("acknowledged", "=", True)]
            ),
        )
        # A new wording is a new version, to acknowledge again.
        self.callback.with_user(self.user_care_admin).name = "Call back within 2 hours"
        self.assertEqual(self.callback.version, 2)
        callback.invalidate_recordset(["acknowledged", "acknowledged_count"])
        self.assertFalse(callback.acknowledged)
        self.assertEqual(callback.acknowledged_count, 0, "only the current version")
        self.assertFalse(ack.is_current)
        callback.action_acknowledge()
        self.assertEqual(callback.acknowledgement_ids.mapped("version"), [1, 2])
        # Reordering is not a new version.
        self.callback.with_user(self.user_care_admin).sequence = 99
        self.assertEqual(self.callback.version, 2)

    def test_acknowledgements_are_private(self):
        for user in (self.user_care, self.user_care_2, self.user_care_3):
            self.callback.with_user(user).action_acknowledge()
        # Another standard's acknowledgement, that the searches must leave out.
        self.rings.with_user(self.user_care).action_acknowledge()
        Ack = self.env["care.service.standard.ack"]
        callback = [("standard_id", "=", self.callback.id)]
        self.assertEqual(
            Ack.with_user(self.user_care).search(callback).user_id, self.user_care
        )
        self.assertEqual(
            Ack.with_user(self.user_care_2).search(callback).user_id, self.user_care_2
        )
        self.assertEqual(
            Ack.with_user(self.user_care_manager).search(callback).user_id,
            self.user_care + self.user_care_2 + self.user_care_3,
        )
        self.callback.invalidate_recordset(["acknowledged_count"])
        self.assertEqual(self.callback.with_user(self.user_care).acknowledged_count, 3)
        with self.assertRefused(AccessError):
            Ack.with_user(self.user_care).create(
                {
                    "standard_id": self.env.ref(
                        "customer_care.care_service_standard_email"
                    ).id,
                    "user_id": self.user_care_2.id,
                    "version": 1,
                }
            )
        with self.assertRefused(AccessError):
            Ack.with_user(self.user_care).search([]).unlink()
        with self.assertRefused(AccessError):
            self.callback.with_user(self.user_care_manager).name = "Mine"
        with self.assertRefused(ValidationError, "has no version 7"):
            Ack.create({"standard_id": self.callback.id, "version": 7})

    def test_target_display(self):
        daily = self.env.ref("customer_care.care_service_standard_internal_update")
        self.assertEqual(daily.target_display, "1 day")
        web = self.env.ref("customer_care.care_service_standard_web")
        self.assertEqual(web.target_display, "24 business hours")
        self.assertFalse(
            self.env.ref("customer_care.care_service_standard_greet").target_display
        )

    def test_who_has_not_acknowledged(self):
        standard = self.callback.with_user(self.user_care_manager)
        pending = standard.pending_user_ids
        for user in (self.user_care, self.user_care_3, self.user_care_manager):
            self.assertIn(user, pending)
        # Not expected to sign: outside Customer Care, or of another company.
        self.assertNotIn(self.user_employee, pending)
        self.assertNotIn(self.user_care_company_2, pending)
        self.callback.with_user(self.user_care).action_acknowledge()
        standard.invalidate_recordset()
        self.assertNotIn(self.user_care, standard.pending_user_ids)
        self.assertEqual(standard.pending_count, len(pending) - 1)
        # A standard of every company: Company B's user must sign it too.
        standard.sudo().company_id = False
        standard.invalidate_recordset()
        self.assertIn(self.user_care_company_2, standard.pending_user_ids)
        # Only managers see who has not signed.
        with self.assertRaises(AccessError):
            self.callback.with_user(self.user_care).read(["pending_user_ids"])
