import xmlrpc.client
from datetime import datetime

from odoo.tests import tagged

from odoo.addons.base.controllers.rpc import dumps
from odoo.addons.mail.tests.common import mail_new_test_user

from .common import CascadeCommon

XMLRPC_MAX_INT = 2**31 - 1
# The standards' row: (user id << 8 | company id) << 2 | 3, for user ids below
# 2**21 and company ids below 2**8.
COMPANY_ID_LIMIT = 2**8
USER_ID_LIMIT = 2**21


@tagged("post_install", "-at_install")
class TestMyDayIds(CascadeCommon):
    """My Day's rows have ids that XML-RPC carries (32-bit integers), the same
    at each reading, and its buttons act on the rows read by id."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["care.service.standard"].search([]).active = False
        # A user made now: the newest user id.
        cls.newcomer = mail_new_test_user(
            cls.env,
            login="care_my_day_newcomer",
            name="Newcomer",
            groups="base.group_user,customer_care.group_care_user",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )
        cls.standard = cls.env["care.service.standard"].create({"name": "Smile"})
        cls.gift = cls.env.ref("customer_care.care_loyalty_action_type_gift")
        cls.action = cls.env["care.loyalty.action"].create(
            {
                "partner_id": cls.prospect.id,
                "type_id": cls.gift.id,
                "planned_date": "2026-11-20",
                "user_id": cls.newcomer.id,
            }
        )
        cls.complaint = cls.env["care.complaint"].create(
            {
                "name": "Slow delivery",
                "partner_id": cls.prospect.id,
                "user_id": cls.newcomer.id,
                "team_id": cls.team_a.id,
                "date_received": datetime(2026, 11, 30, 9),
            }
        )
        review = cls.make_review(cls, start="2026-11-01", end="2026-11-30")
        review.action_start()
        cls.line = review.line_ids.filtered(lambda l: l.item_id == cls.item_standards)
        cls.line.user_id = cls.newcomer

    def my_day(self):
        return self.env["care.my.day"].with_user(self.newcomer)

    def test_search_read_is_carried_by_xmlrpc(self):
        result = self.my_day().search_read([])
        self.assertEqual(
            sorted(row["kind"] for row in result),
            ["complaint", "line", "loyalty", "standard"],
        )
        self.assertTrue(all(0 < row["id"] <= XMLRPC_MAX_INT for row in result))
        # What the server sends back (Odoo's marshaller: xmlrpc.client's, with
        # dates as strings) and what xmlrpc.client alone makes of the ids.
        dumps((result,))
        xmlrpc.client.dumps(([row["id"] for row in result],), methodresponse=True)

    def test_the_standards_row_packs_the_pair(self):
        self.assertLess(self.company.id, COMPANY_ID_LIMIT)
        self.assertLess(self.newcomer.id, USER_ID_LIMIT)
        row = self.my_day().search([("kind", "=", "standard")])
        self.assertEqual(
            row.id, (self.newcomer.id * COMPANY_ID_LIMIT + self.company.id) * 4 + 3
        )
        self.assertEqual(row._care_source(), self.standard)
        self.assertEqual(row.user_id, self.newcomer)
        # Each person's row has an id of its own.
        rows = self.env["care.my.day"].sudo().search([("kind", "=", "standard")])
        self.assertGreater(len(rows), 1)
        self.assertEqual(len(set(rows.ids)), len(rows))
        self.assertTrue(all(i <= XMLRPC_MAX_INT for i in rows.ids))

    def test_rows_read_again_by_id_and_their_buttons(self):
        ids = {row["kind"]: row["id"] for row in self.my_day().search_read([])}
        # The ids are stable: a new reading finds the same rows.
        self.assertEqual(sorted(self.my_day().search([]).ids), sorted(ids.values()))
        MyDay = self.my_day()
        self.assertEqual(MyDay.browse(ids["loyalty"]).loyalty_action_id, self.action)
        self.assertEqual(MyDay.browse(ids["line"]).review_line_id, self.line)
        self.assertEqual(MyDay.browse(ids["complaint"]).complaint_id, self.complaint)
        opened = MyDay.browse(ids["complaint"]).action_open()
        self.assertEqual(
            (opened["res_model"], opened["res_id"]),
            ("care.complaint", self.complaint.id),
        )
        MyDay.browse(ids["standard"]).action_acknowledge()
        self.assertTrue(self.standard.with_user(self.newcomer).acknowledged)
        MyDay.browse(ids["loyalty"]).action_done()
        self.assertEqual(self.action.state, "done")
        self.assertEqual(
            sorted(self.my_day().search([]).mapped("kind")), ["complaint", "line"]
        )
