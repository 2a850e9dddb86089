from contextlib import contextmanager
from datetime import date, datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import ComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaintSteps(ComplaintCommon):
    def test_reference_per_company(self):
        # The company's sequence was made with the company, once.
        sequence_b = self.env["ir.sequence"].search(
            [("code", "=", "care.complaint"), ("company_id", "=", self.company_2.id)]
        )
        self.assertEqual(len(sequence_b), 1)
        # Its numbers are PostgreSQL's (not rolled back between tests): read the
        # next one rather than assume it is the first.
        next_b = sequence_b.number_next_actual
        first = self.make_complaint()
        second = self.make_complaint()
        other = self.env["care.complaint"].create(
            {
                "name": "Other company",
                "email_from": "x@example.com",
                "company_id": self.company_2.id,
                "user_id": False,
            }
        )
        # The sequence's year is in the time zone of the context, as it numbers.
        year = fields.Datetime.context_timestamp(first, fields.Datetime.now()).year
        self.assertRegex(first.reference, rf"^CMP/{year}/\d{{5}}$")
        self.assertEqual(int(second.reference[-5:]), int(first.reference[-5:]) + 1)
        # Company B numbers its complaints with its own counter.
        self.assertEqual(other.reference, f"CMP/{year}/{next_b:05d}")
        self.assertEqual(first.display_name, f"{first.reference} {first.name}")

    def test_customer_or_address_needed(self):
        with self.assertRefused(Exception, "needs a customer or at least an e-mail"):
            self.env["care.complaint"].create({"name": "Anonymous"})

    def test_each_step_needs_its_content(self):
        complaint = self.make_complaint(user=self.user_care)
        expected = {
            "vent": "Customer's Own Words, Customer Feeling",
            "apology": "an apology sent by e-mail or a note of the apology given",
            "facts": "Facts Gathered",
            "solution": "Solution Offered",
            "fair": "Customer's Answer",
        }
        for code, missing in expected.items():
            self.assertEqual(complaint.step_id, self.step[code])
            with self.assertRaises(UserError) as caught:
                complaint.action_next_step()
            self.assertIn(missing, str(caught.exception))
            self.assertIn(self.step[code].name, str(caught.exception))
            complaint.write(self.STEP_CONTENT[code])
            complaint.action_next_step()
        self.assertEqual(complaint.step_id, self.step["follow_up"])
        with self.assertRaisesRegex(UserError, "last step"):
            complaint.action_next_step()
        with self.assertRaisesRegex(UserError, "Follow-up Done"):
            complaint.action_close()

    def test_created_at_a_later_step_with_content_only(self):
        with self.assertRaisesRegex(UserError, "Let the Customer Vent"):
            self.make_complaint(step_id=self.step["apology"].id)
        complaint = self.make_complaint(
            step_id=self.step["apology"].id, **self.STEP_CONTENT["vent"]
        )
        self.assertEqual(complaint.step_id, self.step["apology"])

    def test_blank_text_is_no_content(self):
        complaint = self.make_complaint()
        complaint.write({"customer_words": "   ", "customer_feeling": "upset"})
        with self.assertRaisesRegex(UserError, "Customer's Own Words"):
            complaint.action_next_step()

    def test_jump_checks_every_step_passed(self):
        complaint = self.make_complaint(user=self.user_care)
        complaint.write(self.STEP_CONTENT["vent"])
        complaint.write(self.STEP_CONTENT["apology"])
        # The statusbar is clickable: a jump to step 5 needs steps 1 to 4.
        with self.assertRaisesRegex(UserError, "Gather Information"):
            complaint.step_id = self.step["fair"]
        self.assertEqual(complaint.step_id, self.step["vent"])
        complaint.write({**self.STEP_CONTENT["facts"], **self.STEP_CONTENT["solution"]})
        complaint.step_id = self.step["fair"]
        # Going back is always possible.
        complaint.step_id = self.step["apology"]
        self.assertEqual(complaint.step_id, self.step["apology"])

    def test_documents_required_by_category(self):
        complaint = self.make_complaint(category_id=self.category_delivery.id)
        self.take_to(complaint, "facts")
        complaint.write(self.STEP_CONTENT["facts"])
        with self.assertRaisesRegex(UserError, "About"):
            complaint.action_next_step()
        order = self.env["sale.order"].create({"partner_id": self.customer.id})
        complaint.source_ref = order
        complaint.action_next_step()
        self.assertEqual(complaint.step_id, self.step["solution"])

    def test_fair_request_when_not_accepted_at_once(self):
        complaint = self.take_to(self.make_complaint(), "fair")
        complaint.agreement = "refused"
        with self.assertRaisesRegex(UserError, "What the Customer Considers Fair"):
            complaint.action_next_step()
        complaint.write(
            {"agreement": "accepted_fair", "fair_request": "A 10 % discount."}
        )
        complaint.action_next_step()
        self.assertTrue(complaint.date_resolved)

    def test_refused_solution_does_not_resolve(self):
        complaint = self.take_to(self.make_complaint(), "fair")
        complaint.write({"agreement": "refused", "fair_request": "A full refund."})
        complaint.action_next_step()
        self.assertFalse(complaint.date_resolved)

    @contextmanager
    def at(self, moment):
        """Freeze the clock for Python and for the database's now()."""
        moment = datetime.fromisoformat(moment)
        with freeze_time(moment), patch.object(self.env.cr, "now", lambda: moment):
            yield

    def test_time_spent_in_each_step(self):
        with self.at("2026-11-02 08:00:00"):
            complaint = self.make_complaint()
            self.flush_tracking()
        with self.at("2026-11-02 10:00:00"):
            complaint.write(self.STEP_CONTENT["vent"])
            complaint.action_next_step()
            self.flush_tracking()
        with self.at("2026-11-03 10:00:00"):
            complaint.write(self.STEP_CONTENT["apology"])
            complaint.action_next_step()
            self.flush_tracking()
        with self.at("2026-11-03 11:00:00"):
            complaint.invalidate_recordset(["duration_tracking"])
            durations = complaint.duration_tracking
        self.assertEqual(durations[str(self.step["vent"].id)], 2 * 3600)
        self.assertEqual(durations[str(self.step["apology"].id)], 24 * 3600)
        self.assertEqual(durations[str(self.step["facts"].id)], 3600)
        # Each move is kept in the chatter.
        steps = complaint.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "step_id"
        )
        self.assertEqual(len(steps), 2)

    def test_first_step_counts_from_the_call_not_the_typing(self):
        """A call of 17:00 noted the next morning at 08:00 has been 15 hours in
        the first step, not a few minutes."""
        with self.at("2026-11-02 08:00:00"):
            complaint = self.make_complaint(date_received="2026-11-01 17:00:00")
            self.flush_tracking()
        with self.at("2026-11-02 10:00:00"):
            complaint.write(self.STEP_CONTENT["vent"])
            complaint.action_next_step()
            self.flush_tracking()
        with self.at("2026-11-02 10:30:00"):
            complaint.invalidate_recordset(["duration_tracking"])
            durations = complaint.duration_tracking
        self.assertEqual(durations[str(self.step["vent"].id)], 17 * 3600)
        self.assertEqual(durations[str(self.step["apology"].id)], 1800)

    def test_a_complaint_noted_late_reads_its_age_in_its_first_step(self):
        with self.at("2026-11-02 08:00:00"):
            complaint = self.make_complaint(date_received="2026-11-01 08:00:00")
            self.flush_tracking()
            complaint.invalidate_recordset(["duration_tracking"])
            self.assertEqual(
                complaint.duration_tracking, {str(self.step["vent"].id): 24 * 3600}
            )

    def test_apology_from_template(self):
        complaint = self.take_to(self.make_complaint(), "apology")
        self.assertFalse(complaint.date_first_answer)
        action = complaint.with_user(self.user_care).action_send_apology()
        composer = Form(
            self.env[action["res_model"]]
            .with_user(self.user_care)
            .with_context(**action["context"])
        )
        self.assertIn("we are sorry", composer.subject)
        composer.save().action_send_mail()
        self.assertTrue(complaint.apology_date)
        self.assertEqual(complaint.date_first_answer, complaint.apology_date)
        complaint.action_next_step()
        self.assertEqual(complaint.step_id, self.step["facts"])

    def test_first_answer_from_a_reply_not_a_note(self):
        complaint = self.make_complaint()
        complaint.with_user(self.user_care).message_post(
            body="Internal: check the call log",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.assertFalse(complaint.date_first_answer)
        complaint.with_user(self.user_care).message_post(
            body="We are on it.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.customer.ids,
        )
        self.assertTrue(complaint.date_first_answer)

    @freeze_time("2026-11-10 09:00:00")
    def test_close_plans_follow_up_and_rating(self):
        complaint = self.take_to(self.make_complaint(), "follow_up")
        complaint.write(self.STEP_CONTENT["follow_up"])
        self.company.care_complaint_follow_up_days = 14
        complaint.with_user(self.user_care).action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertTrue(complaint.date_closed)
        action = complaint.follow_up_action_id
        self.assertEqual(action.partner_id, self.customer)
        self.assertEqual(action.planned_date, date(2026, 11, 24))
        self.assertEqual(action.kind, "follow_up")
        self.assertEqual(action.channel, "phone")
        # It shows in Complaints > Follow-up Calls.
        menu_action = self.env.ref("customer_care.care_complaint_action_follow_up")
        self.assertIn(
            action,
            self.env["care.loyalty.action"].search(safe_eval(menu_action.domain)),
        )
        rating = self.env["rating.rating"].search(
            [("res_model", "=", "care.complaint"), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(len(rating), 1)
        self.assertEqual(rating.partner_id, self.customer)
        request = self.env["mail.mail"].search(
            [
                ("model", "=", "care.complaint"),
                ("res_id", "=", complaint.id),
                ("recipient_ids", "in", self.customer.ids),
            ]
        )
        self.assertEqual(len(request), 1)
        self.assertIn(f"/rate/{rating.access_token}/5", request.body_html)
        # The customer answers from the e-mail.
        complaint.rating_apply(5, token=rating.access_token, feedback="Well done")
        self.assertEqual(complaint.rating_last_value, 5)
        self.assertEqual(rating.parent_res_model, "crm.team")
        self.assertEqual(self.team_a.care_complaint_satisfaction, 100)
        self.assertEqual(self.team_b.care_complaint_satisfaction, -1)
        self.assertEqual(self.customer.care_complaint_ids, complaint)
        with self.assertRaisesRegex(UserError, "not open"):
            complaint.action_close()
        # Reopened and closed again: no second follow-up call.
        complaint.action_reopen()
        self.assertEqual((complaint.state, complaint.reopen_count), ("open", 1))
        complaint.action_close()
        self.assertEqual(
            self.env["care.loyalty.action"].search_count(
                [("occasion", "=", f"complaint,{complaint.id}")]
            ),
            1,
        )

    def test_unassigned_complaint_taken_by_who_works_it(self):
        complaint = self.make_complaint(user_id=False, team_id=False)
        complaint.write(self.STEP_CONTENT["vent"])
        complaint.with_user(self.user_care).action_next_step()
        self.assertEqual(complaint.user_id, self.user_care)
        for code in ("apology", "facts", "solution", "fair", "follow_up"):
            complaint.write(self.STEP_CONTENT[code])
        complaint.write({"user_id": False, "step_id": self.step["follow_up"].id})
        complaint.with_user(self.user_care_2).action_close()
        self.assertEqual(complaint.follow_up_action_id.user_id, self.user_care_2)

    def test_no_follow_up_when_switched_off(self):
        self.company.care_complaint_follow_up_days = 0
        complaint = self.take_to(self.make_complaint(), "follow_up")
        complaint.write(self.STEP_CONTENT["follow_up"])
        complaint.action_close()
        self.assertFalse(complaint.follow_up_action_id)

    def test_close_only_from_last_step(self):
        complaint = self.take_to(self.make_complaint(), "fair")
        with self.assertRaisesRegex(UserError, "last step"):
            complaint.action_close()

    def test_reject_and_reopen(self):
        complaint = self.make_complaint()
        action = complaint.with_user(self.user_care).action_reject()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.user_care)
            .with_context(**action["context"])
            .create({"reason": "The goods were signed for on delivery."})
        )
        wizard.action_confirm()
        self.assertEqual(complaint.state, "rejected")
        self.assertEqual(
            complaint.reject_reason, "The goods were signed for on delivery."
        )
        with self.assertRaisesRegex(UserError, "reopen it first"):
            complaint.step_id = self.step["apology"]
        complaint.action_reopen()
        self.assertEqual((complaint.state, complaint.reopen_count), ("open", 1))
        with self.assertRaisesRegex(UserError, "Say why"):
            complaint._reject("  ")
        self.assertEqual(complaint.state, "open")

    def test_states_change_by_buttons_only(self):
        complaint = self.make_complaint(user=self.user_care)
        for vals in (
            {"state": "closed"},
            {"date_resolved": "2026-01-01 00:00:00"},
            {"reopen_count": 3},
            {"reference": "CMP/FAKE"},
        ):
            with self.assertRaises(AccessError):
                complaint.with_user(self.user_care).write(vals)
        complaint.with_user(self.user_care_admin).write({"reopen_count": 3})
        self.assertEqual(complaint.reopen_count, 3)

    def test_late_flag_per_company(self):
        # Where no measured standard applies, late means the company's delay.
        self.env["care.service.standard"].search([]).active = False
        self.company.care_complaint_late_days = 2
        self.company_2.care_complaint_late_days = 10
        with freeze_time("2026-11-01 08:00:00"):
            old = self.make_complaint()
            old_b = self.env["care.complaint"].create(
                {
                    "name": "Company B, five days",
                    "email_from": "b@example.com",
                    "company_id": self.company_2.id,
                    "user_id": False,
                }
            )
        with freeze_time("2026-11-06 08:00:00"):
            recent = self.make_complaint()
            Complaint = self.env["care.complaint"].with_context(
                allowed_company_ids=(self.company | self.company_2).ids
            )
            everything = old | old_b | recent
            late = Complaint.search(
                [("is_late", "=", True), ("id", "in", everything.ids)]
            )
            self.assertEqual(late, old)
            not_late = Complaint.search(
                [("is_late", "=", False), ("id", "in", everything.ids)]
            )
            self.assertEqual(not_late, old_b | recent)
            everything.invalidate_recordset(["is_late"])
            self.assertEqual(everything.mapped("is_late"), [True, False, False])

    def test_source_document_company(self):
        order = self.env["sale.order"].create(
            {"partner_id": self.customer.id, "company_id": self.company_2.id}
        )
        with self.assertRaisesRegex(Exception, "belongs to"):
            self.make_complaint(source_ref=f"sale.order,{order.id}")

    def test_log_a_complaint_from_an_order(self):
        order = self.env["sale.order"].create(
            {"partner_id": self.customer.id, "team_id": self.team_a.id}
        )
        action = order.with_user(self.user_care).action_care_log_complaint()
        form = Form(
            self.env["care.complaint"]
            .with_user(self.user_care)
            .with_context(**action["context"]),
            view="customer_care.care_complaint_view_form_quick",
        )
        form.name = "Missing parts"
        complaint = form.save()
        self.assertEqual(complaint.partner_id, self.customer)
        self.assertEqual(complaint.source_ref, order)
        self.assertEqual(complaint.team_id, self.team_a)
        self.assertEqual(complaint.channel, "phone")
        self.assertEqual(self.customer.care_complaint_count, 1)
        self.assertEqual(self.customer_company.care_complaint_count, 1)

    def test_log_a_complaint_from_each_document_kind(self):
        """Leads, orders and invoices share one Log a Complaint: each opens the
        short form with its customer, itself as source and its team, and one
        without a customer is refused."""
        documents = [
            self.env["crm.lead"].create(
                {
                    "name": "Chairs",
                    "partner_id": self.customer.id,
                    "team_id": self.team_a.id,
                }
            ),
            self.env["sale.order"].create(
                {"partner_id": self.customer.id, "team_id": self.team_a.id}
            ),
            self.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.customer.id,
                    "team_id": self.team_a.id,
                }
            ),
        ]
        for document in documents:
            with self.subTest(model=document._name):
                context = document.with_user(
                    self.user_care
                ).action_care_log_complaint()["context"]
                self.assertEqual(context["default_partner_id"], self.customer.id)
                self.assertEqual(
                    context["default_source_ref"], f"{document._name},{document.id}"
                )
                self.assertEqual(context["default_team_id"], self.team_a.id)
        lead = self.env["crm.lead"].create({"name": "Nobody yet", "partner_id": False})
        with self.assertRaisesRegex(UserError, "Set the customer first"):
            lead.with_user(self.user_care).action_care_log_complaint()

    def test_customer_year_totals(self):
        today = date.today()
        complaint = self.make_complaint()
        self.assertEqual(complaint.customer_purchases_year, 0)
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.env["product.product"]
                            .create({"name": "Chair", "list_price": 250.0})
                            .id,
                            "product_uom_qty": 2,
                            "price_unit": 250.0,
                            "tax_id": False,
                        },
                    )
                ],
            }
        )
        order.action_confirm()
        order.date_order = today - timedelta(days=30)
        complaint.invalidate_recordset()
        self.assertEqual(complaint.customer_purchases_year, 500.0)
