from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "care.complaint.source.mixin"]

    care_is_referral_payout = fields.Boolean(
        string="Referral Payout",
        readonly=True,
        copy=False,
        help="Made by Pay on referral commissions: it never earns a commission "
        "itself, whatever happens to it later.",
        groups="base.group_user",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("care_is_referral_payout") for vals in vals_list):
            self._care_check_payout_flag()
        return super().create(vals_list)

    def write(self, vals):
        if "care_is_referral_payout" in vals and any(
            move.care_is_referral_payout != bool(vals["care_is_referral_payout"])
            for move in self
        ):
            self._care_check_payout_flag()
        return super().write(vals)

    def _care_check_payout_flag(self):
        if not self.env.su:
            raise AccessError(
                _("Only Pay on referral commissions marks a document as a payout.")
            )

    def _post(self, soft=True):
        first_posts = {move.id for move in self if not move.posted_before}
        posted = super()._post(soft=soft)
        self.env["care.referral.commission"]._sync_from_moves(
            posted, first_posts=first_posts
        )
        return posted

    def button_draft(self):
        # Checked before the move changes: a paid commission refuses the reset.
        # The commissions are written as superuser: the caller's right to reset
        # the moves comes first.
        self.check_access("write")
        customer_moves = self.filtered(
            lambda m: m.move_type in ("out_invoice", "out_refund")
        )
        commissions = self.env["care.referral.commission"]
        if customer_moves:
            commissions._cancel_for_moves(customer_moves)
        result = super().button_draft()
        # Its commissions are Approved again, and stay on it until it is cancelled
        # or deleted: re-posting it bills them, nothing pays them twice.
        commissions._log_payout_reset(self._care_payout_candidates())
        # Odoo's button_draft returns None, which XML-RPC cannot carry.
        return True if result is None else result

    def button_cancel(self):
        result = super().button_cancel()
        self.env["care.referral.commission"]._release_payouts(
            self._care_payout_candidates()
        )
        # Odoo's button_cancel returns None, which XML-RPC cannot carry.
        return True if result is None else result

    def unlink(self):
        # The payouts' commissions are released as superuser: the caller's
        # right to delete the moves comes first.
        self.check_access("unlink")
        self.env["care.referral.commission"]._release_payouts(
            self._care_payout_candidates()
        )
        return super().unlink()

    def _care_payout_candidates(self):
        """The moves made by Pay: other bills and credit notes cost no query."""
        return self.filtered("care_is_referral_payout")
