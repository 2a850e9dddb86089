from contextlib import nullcontext
from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..models.care_service_deadline_mixin import CareServiceDeadlineMixin
from .common import CustomerCareCommon


@tagged("post_install", "-at_install")
class TestCrmLeadQualification(CustomerCareCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Printers for Lotus",
                "type": "opportunity",
                "partner_id": cls.customer_company.id,
                "user_id": cls.user_salesman.id,
            }
        )

    def test_salesperson_qualifies_the_customer_from_the_lead(self):
        # Ends the creation's transaction: the chatter tracks later changes only.
        self.flush_tracking()
        lead = self.lead.with_user(self.user_salesman)
        lead.write(
            {
                "partner_man_money": "yes",
                "partner_man_money_note": "budget 20k approved",
                "partner_man_authority": "yes",
                "partner_man_need": "yes",
            }
        )
        # Written on the customer, not copied on the lead.
        self.assertEqual(self.customer_company.man_money, "yes")
        self.assertEqual(self.customer_company.man_money_note, "budget 20k approved")
        self.assertEqual(self.customer_company.man_status, "qualified")
        self.assertEqual(self.customer_company.man_user_id, self.user_salesman)
        self.assertEqual(lead.partner_man_status, "qualified")
        self.assertEqual(lead.partner_man_score, 90)
        # Another lead of the same customer sees the same qualification.
        other = self.env["crm.lead"].create(
            {"name": "Toner for Lotus", "partner_id": self.customer_company.id}
        )
        self.assertEqual(other.partner_man_status, "qualified")
        # The customer's chatter tracks the change.
        self.flush_tracking()
        tracked = self.customer_company.message_ids[0].sudo().tracking_value_ids
        self.assertIn("man_status", tracked.field_id.mapped("name"))

    def test_lead_shows_partner_changes(self):
        self.qualify(self.customer_company, need="no")
        self.assertEqual(self.lead.partner_man_status, "disqualified")
        self.assertEqual(self.lead.partner_man_need, "no")

    def test_lead_without_customer_cannot_be_qualified(self):
        lead = (
            self.env["crm.lead"]
            .with_user(self.user_salesman)
            .create({"name": "Walk-in"})
        )
        with self.assertRefused(UserError, "Set a customer on Walk-in"):
            lead.write({"partner_man_money": "yes"})
        # Setting the customer in the same write is fine.
        lead.write({"partner_id": self.prospect.id, "partner_man_money": "yes"})
        self.assertEqual(self.prospect.man_money, "yes")

    def test_invalid_answer_from_the_lead(self):
        with self.assertRefused(
            ValidationError, "'maybe' is not a valid value for Money"
        ):
            self.lead.with_user(self.user_salesman).write(
                {"partner_man_money": "maybe"}
            )
        self.assertEqual(self.customer_company.man_money, "unknown")

    def test_lead_filters(self):
        self.qualify(self.customer_company)
        Lead = self.env["crm.lead"]
        qualified = Lead.search([("partner_man_status", "=", "qualified")])
        self.assertIn(self.lead, qualified)
        self.qualify(self.customer_company, need="no")
        self.assertNotIn(
            self.lead, Lead.search([("partner_man_status", "=", "qualified")])
        )

    def _write_queries(self, lead, vals_list, measured=True):
        """The queries of each write of ``vals_list`` on ``lead``, one request
        each (cache emptied, flushed), with the clocks' sync or without it."""
        off = patch.object(
            CareServiceDeadlineMixin, "_care_sync_deadlines", lambda *a, **k: None
        )
        counts = []
        with off if not measured else nullcontext():
            for vals in vals_list:
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                lead.write(vals)
                self.env.flush_all()
                counts.append(self.env.cr.sql_log_count - before)
        return counts

    def test_a_write_no_standard_filters_on_costs_nothing(self):
        """With the shipped standards, no standard filters on the priority: its
        write costs no query more, one by one or in batch; a medium that changes
        which standards apply costs at most three."""
        self.assertNotIn("priority", self.env["crm.lead"]._care_filtered_fields())
        lead = self.env["crm.lead"].create({"name": "Budget lead"})
        leads = lead | lead.copy() | lead.copy()
        for records in (lead, leads):
            with self.subTest(leads=len(records)):
                writes = [{"priority": "1"}, {"priority": "2"}, {"priority": "0"}]
                with_sync = self._write_queries(records, writes)
                without = self._write_queries(records, writes, measured=False)
                self.assertEqual(with_sync[1:], without[1:])
        email = self.env.ref("utm.utm_medium_email")
        phone = self.env.ref("utm.utm_medium_phone")
        writes = [{"medium_id": phone.id}, {"medium_id": email.id}]
        extra = [
            a - b
            for a, b in zip(
                self._write_queries(lead, writes * 2),
                self._write_queries(lead, writes * 2, measured=False),
                strict=True,
            )
        ]
        self.assertLessEqual(max(extra[2:]), 3)
