from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCompensationConcurrency(TransactionCase):
    """Two managers approve the same line at once, in two real transactions: the
    second is told to try again (no "could not serialize" error), the first
    approves it once.

    The set-up is committed on a cursor of its own and removed at the end,
    whatever happened.
    """

    def _env(self, cr, uid=SUPERUSER_ID):
        return api.Environment(cr, uid, {"tracking_disable": True})

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            partner = env["res.partner"].create({"name": "Two Managers Customer"})
            complaint = env["care.complaint"].create(
                {"name": "Two managers at once", "partner_id": partner.id}
            )
            line = env["care.complaint.compensation"].create(
                {"complaint_id": complaint.id, "name": "Voucher", "amount": 500}
            )
            # The set-up, as superuser: the line waits for a manager.
            line.state = "to_approve"
            self.made = (partner.id, complaint.id, line.id)
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        partner_id, complaint_id, _line_id = self.made
        with self.registry.cursor() as cr:
            env = self._env(cr)
            # The lines go with their complaint (ondelete cascade).
            env["care.complaint"].browse(complaint_id).unlink()
            env["res.partner"].browse(partner_id).unlink()

    def test_second_manager_at_once_is_told_to_try_again(self):
        _partner_id, complaint_id, line_id = self.made
        manager = self.env.ref("base.user_admin").id
        with (
            self.registry.cursor() as cr_first,
            self.registry.cursor() as cr_second,
        ):
            # Were the second to wait for the first's row (no NOWAIT), it would
            # wait for ever in this one thread: give up after 3 seconds instead.
            cr_second.execute("SET LOCAL lock_timeout = '3s'")
            first = self._env(cr_first, manager)
            second = self._env(cr_second, manager)
            Line = "care.complaint.compensation"
            self.assertIs(first[Line].browse(line_id).action_approve(), True)
            first.flush_all()  # its row is locked until the first commits
            with (
                self.assertNoLogs("odoo", "WARNING"),
                self.assertRaisesRegex(
                    UserError, "is being processed by someone else; try again"
                ),
            ):
                second[Line].browse(line_id).action_approve()
            cr_second.rollback()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            line = env["care.complaint.compensation"].browse(line_id)
            self.assertEqual(line.state, "done")
            self.assertEqual(line.approved_by_id.id, manager)
            approvals = env["mail.message"].search_count(
                [
                    ("model", "=", "care.complaint"),
                    ("res_id", "=", complaint_id),
                    ("body", "ilike", "Compensation approved"),
                ]
            )
            self.assertEqual(approvals, 1)
