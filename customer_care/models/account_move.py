from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        first_posts = {move.id for move in self if not move.posted_before}
        posted = super()._post(soft=soft)
        self.env["care.referral.commission"]._sync_from_moves(
            posted, first_posts=first_posts
        )
        return posted

    def button_draft(self):
        # Checked before the move changes: a paid commission refuses the reset.
        customer_moves = self.filtered(
            lambda m: m.move_type in ("out_invoice", "out_refund")
        )
        if customer_moves:
            self.env["care.referral.commission"]._cancel_for_moves(customer_moves)
        return super().button_draft()

    def button_cancel(self):
        result = super().button_cancel()
        self.env["care.referral.commission"]._release_payouts(
            self.filtered(lambda m: m.move_type in ("in_invoice", "out_refund"))
        )
        return result

    def unlink(self):
        self.env["care.referral.commission"]._release_payouts(
            self.filtered(lambda m: m.move_type in ("in_invoice", "out_refund"))
        )
        return super().unlink()
