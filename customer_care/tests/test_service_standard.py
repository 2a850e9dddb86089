from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestServiceStandard(CascadeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rings = cls.env.ref("customer_care.care_service_standard_phone_rings")

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
        rings = self.rings.with_user(self.user_care)
        self.assertFalse(rings.acknowledged)
        rings.action_acknowledge()
        rings.action_acknowledge()
        ack = rings.acknowledgement_ids
        self.assertEqual(len(ack), 1, "once per version")
        self.assertEqual(
            (ack.user_id, ack.version, str(ack.date), ack.is_current),
            (self.user_care, 1, "2026-11-02 09:00:00", True),
        )
        rings.invalidate_recordset(["acknowledged"])
        self.assertTrue(rings.acknowledged)
        self.assertIn(
            self.rings,
            self.env["care.service.standard"]
            .with_user(self.user_care)
            .search([("acknowledged", "=", True)]),
        )
        self.assertNotIn(
            self.rings,
            self.env["care.service.standard"]
            .with_user(self.user_care_2)
            .search([("acknowledged", "=", True)]),
        )
        # A new wording is a new version, to acknowledge again.
        self.rings.with_user(self.user_care_admin).name = "Answer within three rings"
        self.assertEqual(self.rings.version, 2)
        rings.invalidate_recordset(["acknowledged"])
        self.assertFalse(rings.acknowledged)
        self.assertFalse(ack.is_current)
        rings.action_acknowledge()
        self.assertEqual(rings.acknowledgement_ids.mapped("version"), [1, 2])
        # Reordering is not a new version.
        self.rings.with_user(self.user_care_admin).sequence = 99
        self.assertEqual(self.rings.version, 2)

    def test_acknowledgements_are_private(self):
        self.rings.with_user(self.user_care).action_acknowledge()
        self.rings.with_user(self.user_care_2).action_acknowledge()
        Ack = self.env["care.service.standard.ack"]
        rings = [("standard_id", "=", self.rings.id)]
        self.assertEqual(
            Ack.with_user(self.user_care).search(rings).user_id, self.user_care
        )
        self.assertEqual(
            Ack.with_user(self.user_care_manager)
            .search([*rings, ("user_id", "!=", self.env.ref("base.user_demo").id)])
            .user_id,
            self.user_care + self.user_care_2,
        )
        demo_acks = Ack.search_count(
            [*rings, ("user_id", "=", self.env.ref("base.user_demo").id)]
        )
        self.assertEqual(
            self.rings.with_user(self.user_care).acknowledged_count, 2 + demo_acks
        )
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
            self.rings.with_user(self.user_care_manager).name = "Mine"
        with self.assertRefused(ValidationError, "has no version 7"):
            Ack.create({"standard_id": self.rings.id, "version": 7})

    def test_target_display(self):
        daily = self.env.ref("customer_care.care_service_standard_internal_update")
        self.assertEqual(daily.target_display, "1 day")
        web = self.env.ref("customer_care.care_service_standard_web")
        self.assertEqual(web.target_display, "24 business hours")
        self.assertFalse(
            self.env.ref("customer_care.care_service_standard_greet").target_display
        )
