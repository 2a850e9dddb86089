from collections import defaultdict

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools import check_percentage, create_once, expected_refusal
from .care_loyalty_action import BATCH_CREATE_CONTEXT

COMMISSION_STATES = [
    ("draft", "To Approve"),
    ("approved", "Approved"),
    ("billed", "Billed"),
    ("paid", "Paid"),
    ("cancelled", "Cancelled"),
]
# What managers decide; billed and paid follow the payout document.
APPROVAL_STATES = [
    ("draft", "To Approve"),
    ("approved", "Approved"),
    ("cancelled", "Cancelled"),
]
# The payout document's payment states in which accounting has paid the referrer.
PAID_PAYMENT_STATES = ("in_payment", "paid")
# The loyalty action planned for a referrer once, when a first commission of theirs
# is approved (one per referrer: the occasion is part of a unique key).
FIRST_COMMISSION_OCCASION = "referral_first_commission"
BONUS_INDEX = "care_referral_commission_one_bonus"


class CareReferralCommission(models.Model):
    _name = "care.referral.commission"
    _description = "Referral Commission"
    _inherit = ["mail.thread", "care.action.fields.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # Every stored business field: the lines come from invoices and change through
    # Approve, Cancel and Pay only (and the payout document's own life).
    _care_action_fields = (
        "referrer_id",
        "partner_id",
        "move_id",
        "move_name",
        "move_type",
        "date",
        "company_id",
        "currency_id",
        "invoice_currency_id",
        "invoice_amount_untaxed",
        "base_amount",
        "rate",
        "fixed_amount",
        "amount",
        "approval_state",
        "state",
        "approved_by_id",
        "approved_date",
        "payout_move_id",
        "paid_date",
    )

    referrer_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        help="Who brought the customer and earns the commission.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Referred Customer",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    move_id = fields.Many2one(
        "account.move",
        string="Source Invoice",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        ondelete="cascade",
        check_company=True,
    )
    # Copied when the invoice is posted (it is numbered then): people without
    # accounting rights see the number, and posting costs no recomputation.
    move_name = fields.Char(string="Invoice Number", readonly=True, index=True)
    move_type = fields.Selection(
        [("out_invoice", "Invoice"), ("out_refund", "Credit Note")],
        string="Document Type",
        required=True,
        readonly=True,
    )
    date = fields.Date(string="Invoice Date", required=True, readonly=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        readonly=True,
        help="The company's currency, in which base and amounts are.",
    )
    invoice_currency_id = fields.Many2one("res.currency", readonly=True)
    invoice_amount_untaxed = fields.Monetary(
        string="Untaxed (Invoice Currency)",
        currency_field="invoice_currency_id",
        readonly=True,
    )
    base_amount = fields.Monetary(
        string="Base",
        readonly=True,
        tracking=True,
        help="The untaxed amount of the invoice in the company's currency, at the "
        "rate of the invoice date; negative for a credit note.",
    )
    rate = fields.Float(
        string="Rate (%)",
        readonly=True,
        tracking=True,
        aggregator="avg",
        digits=(16, 2),
    )
    fixed_amount = fields.Monetary(
        string="First Order Bonus",
        readonly=True,
        tracking=True,
        help="The fixed amount earned on the referred customer's first invoice.",
    )
    amount = fields.Monetary(
        string="Commission",
        compute="_compute_amount",
        store=True,
        precompute=True,
        tracking=True,
        help="Base x rate + first order bonus, rounded to the currency.",
    )
    approval_state = fields.Selection(
        APPROVAL_STATES,
        string="Decision",
        default="draft",
        required=True,
        readonly=True,
        index=True,
        copy=False,
        help="What the managers decided; the status adds what the payout document "
        "says.",
    )
    state = fields.Selection(
        COMMISSION_STATES,
        string="Status",
        compute="_compute_state",
        store=True,
        precompute=True,
        index=True,
        tracking=True,
        help="Billed: on a posted payout document that accounting has not paid yet. "
        "Paid: accounting paid that document.",
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_date = fields.Date(string="Approved On", readonly=True, copy=False)
    payout_move_id = fields.Many2one(
        "account.move",
        string="Payout",
        readonly=True,
        copy=False,
        tracking=True,
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        help="The vendor bill or credit note that pays the referrer.",
    )
    payout_move_name = fields.Char(
        related="payout_move_id.name", string="Payout Number"
    )
    paid_date = fields.Date(
        string="Payout Date",
        readonly=True,
        copy=False,
        help="The day the payout document was made.",
    )
    user_id = fields.Many2one(
        related="referrer_id.user_id", string="Referrer's Salesperson"
    )

    _sql_constraints = [
        (
            "move_unique",
            "UNIQUE(move_id)",
            "An invoice earns a single referral commission.",
        ),
    ]

    def init(self):
        # One first order bonus per referred customer, whatever posts at once.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS %s ON care_referral_commission "
                "(partner_id) WHERE fixed_amount > 0 AND approval_state != 'cancelled'",
                SQL.identifier(BONUS_INDEX),
            )
        )

    @api.depends("move_name", "referrer_id.name")
    def _compute_display_name(self):
        for commission in self:
            commission.display_name = " - ".join(
                filter(None, (commission.move_name, commission.referrer_id.name))
            )

    @api.depends("base_amount", "rate", "fixed_amount", "currency_id")
    def _compute_amount(self):
        for commission in self:
            commission.amount = commission.currency_id.round(
                commission.base_amount * commission.rate / 100 + commission.fixed_amount
            )

    @api.depends(
        "approval_state", "payout_move_id.state", "payout_move_id.payment_state"
    )
    def _compute_state(self):
        for commission in self:
            payout = commission.payout_move_id
            if commission.approval_state != "approved" or payout.state != "posted":
                commission.state = commission.approval_state
            elif payout.payment_state in PAID_PAYMENT_STATES:
                commission.state = "paid"
            else:
                commission.state = "billed"

    @api.constrains("rate")
    def _check_rate(self):
        check_percentage(self, "rate")

    @api.model_create_multi
    def create(self, vals_list):
        corrected = self._care_check_action_fields(vals_list, creating=True)
        commissions = super().create(vals_list)
        commissions._care_log_corrections(corrected)
        return commissions

    def write(self, vals):
        corrected = self._care_check_action_fields([vals])
        result = super().write(vals)
        self._care_log_corrections(corrected)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved_or_paid(self):
        kept = self.filtered(
            lambda c: c.approval_state == "approved" or c.payout_move_id
        )
        if kept:
            raise UserError(
                _(
                    "Approved and paid commissions are kept: %(commissions)s. Cancel "
                    "them first.",
                    commissions=", ".join(kept.mapped("display_name")),
                )
            )

    # ------------------------------------------------------------------
    # From invoices
    # ------------------------------------------------------------------

    @api.model
    def _sync_from_moves(self, moves, first_posts=None):
        """Create or refresh the commission of each posted customer invoice or
        credit note of a referred customer inside the earning window.

        A constant number of queries for the whole batch, and none at all when no
        customer of the batch was referred. ``first_posts``: ids of the moves that
        were never posted before (they have no commission to look for).
        """
        # sudo: whoever posts the invoice earns the referrer a commission, also without
        # Customer Care rights; Odoo's posting checked their rights on the moves.
        moves = moves.sudo().filtered(
            lambda m: (
                m.move_type in ("out_invoice", "out_refund")
                and m.state == "posted"
                and not m.care_is_referral_payout
            )
        )
        earning = {}
        for move in moves:
            referral = self._referral_of(move)
            if referral:
                earning[move] = referral
        if not earning:
            return self.browse()
        # sudo: commissions are the system's figures, made and refreshed for the poster.
        commissions = self.sudo()
        origins = self.env["account.move"].browse(
            [move.reversed_entry_id.id for move in earning if move.reversed_entry_id]
        )
        earning_ids = [move.id for move in earning]
        existing = commissions.browse()
        # A move posted for the first time has no commission yet; a credit note
        # may need the one of the invoice it reverses.
        if origins or set(earning_ids) - set(first_posts or ()):
            existing = commissions.search(
                [
                    "|",
                    ("move_id", "in", earning_ids + origins.ids),
                    ("payout_move_id", "in", earning_ids),
                ]
            )
        # Nor when it is posted again.
        for payout in existing.payout_move_id:
            earning.pop(payout, None)
        by_move = {commission.move_id: commission for commission in existing}
        bonus_taken = self._customers_with_bonus(earning)
        to_create = []
        touched = self.browse()
        for move in sorted(earning, key=lambda m: (m.invoice_date, m.id)):
            referrer, customer = earning[move]
            # The first invoice of the customer that earns carries the bonus.
            bonus = (
                move.move_type == "out_invoice"
                and move.company_id.care_referral_first_order_amount > 0
                and customer not in bonus_taken
            )
            if bonus:
                bonus_taken.add(customer)
            vals = self._commission_values(move, referrer, customer, by_move, bonus)
            commission = by_move.get(move)
            if not commission:
                to_create.append(vals)
            elif commission.approval_state != "approved":
                commission._refresh_line(vals)
                touched |= commission
            # An approved commission cannot meet a re-posted invoice: resetting the
            # invoice cancelled it or was refused.
        if to_create:
            touched |= self._create_lines(to_create)
        return touched

    def _refresh_line(self, vals):
        """Bring a line back to approval with the re-posted invoice's values; a
        first order bonus that another transaction gave meanwhile is dropped."""
        try:
            with expected_refusal(), self.env.cr.savepoint():
                self.write({**vals, "approval_state": "draft"})
        except psycopg2.errors.UniqueViolation as error:
            if error.diag.constraint_name != BONUS_INDEX:
                raise
            self.write({**vals, "approval_state": "draft", "fixed_amount": 0.0})

    @api.model
    def _create_lines(self, vals_list):
        """Create commission lines; the database decides the once rules when
        another transaction posts at the same moment: an invoice whose line it
        made is skipped, a first order bonus it gave is dropped here."""

        def without_bonus(vals, constraint):
            return {**vals, "fixed_amount": 0.0} if constraint == BONUS_INDEX else None

        # sudo: the lines are the system's; the unique keys decide, also over rows the
        # poster cannot read.
        return create_once(
            self.sudo().with_context(**BATCH_CREATE_CONTEXT),
            vals_list,
            retry=without_bonus,
        )

    @api.model
    def _referral_of(self, move):
        """(referrer, referred customer) when the move earns a commission."""
        customer = move.commercial_partner_id
        # The invoiced contact's own referral first, then its company's.
        for partner in (move.partner_id, customer):
            if partner.care_referred_by_id:
                if not self._in_window(move, partner):
                    return None
                return partner.care_referred_by_id, partner
        return None

    @api.model
    def _in_window(self, move, partner):
        start = partner.care_referral_date
        if not start or not move.invoice_date or move.invoice_date < start:
            return False
        months = move.company_id.care_referral_months
        return not months or move.invoice_date < start + relativedelta(months=months)

    @api.model
    def _customers_with_bonus(self, earning):
        """Referred customers whose first order bonus is already earned by an
        invoice outside this batch."""
        company_bonus = any(
            move.company_id.care_referral_first_order_amount > 0 for move in earning
        )
        if not company_bonus:
            return set()
        customers = {customer for _referrer, customer in earning.values()}
        # sudo: a bonus already earned counts, also on an invoice the poster cannot
        # read.
        groups = self.sudo()._read_group(
            [
                ("partner_id", "in", [c.id for c in customers]),
                ("fixed_amount", ">", 0),
                ("approval_state", "!=", "cancelled"),
                ("move_id", "not in", [m.id for m in earning]),
            ],
            ["partner_id"],
        )
        return {partner for (partner,) in groups}

    @api.model
    def _commission_values(self, move, referrer, customer, by_move, bonus):
        company = move.company_id
        currency = company.currency_id
        rate = referrer.care_referral_rate or company.care_referral_rate
        base = move.amount_untaxed_signed
        fixed = 0.0
        if bonus:
            fixed = company.care_referral_first_order_amount
        elif move.move_type == "out_refund":
            # A credit note cancelling the whole invoice that earned the bonus takes
            # the bonus back too.
            origin = by_move.get(move.reversed_entry_id)
            if (
                origin
                and origin.fixed_amount
                and origin.approval_state != "cancelled"
                and currency.compare_amounts(-base, origin.base_amount) == 0
            ):
                fixed = -origin.fixed_amount
        return {
            "referrer_id": referrer.id,
            "partner_id": customer.id,
            "move_id": move.id,
            "move_name": move.name,
            "move_type": move.move_type,
            "date": move.invoice_date,
            "company_id": company.id,
            "currency_id": currency.id,
            "invoice_currency_id": move.currency_id.id,
            "invoice_amount_untaxed": move.amount_untaxed_in_currency_signed,
            "base_amount": base,
            "rate": rate,
            "fixed_amount": fixed,
        }

    @api.model
    def _cancel_for_moves(self, moves):
        """Cancel the commissions of invoices going back to draft; refuse when one
        is already paid (a credit note takes the money back instead)."""
        # sudo: accountants cannot write commissions; the reset's own write checks the
        # caller's rights on the invoices, and its refusal undoes this.
        commissions = self.sudo().search(
            [("move_id", "in", moves.ids), ("approval_state", "!=", "cancelled")]
        )
        paid = commissions.filtered("payout_move_id")
        if paid:
            raise UserError(
                _(
                    "The referral commission of %(invoices)s is on a payout to "
                    "%(referrer)s. Issue a credit note instead of resetting the "
                    "invoice: the credit note takes the commission back.",
                    invoices=", ".join(paid.move_id.mapped("name")),
                    referrer=", ".join(paid.referrer_id.mapped("display_name")),
                )
            )
        commissions.write({"approval_state": "cancelled"})
        return commissions

    @api.model
    def _release_payouts(self, payout_moves):
        """The commissions of cancelled or deleted payout documents are owed
        again."""
        if not payout_moves:
            return self.browse()
        # sudo: the payout's commissions are owed again whoever cancels or deletes it;
        # Odoo checks the caller's rights on the payout (a refusal undoes this).
        commissions = self.sudo().search([("payout_move_id", "in", payout_moves.ids)])
        if commissions:
            bodies = {
                commission.id: self.env._(
                    "%(move)s was cancelled or deleted: the commission is owed again.",
                    move=commission.payout_move_id.display_name,
                )
                for commission in commissions
            }
            commissions.write({"payout_move_id": False, "paid_date": False})
            commissions._message_log_batch(bodies=bodies)
        return commissions

    @api.model
    def _log_payout_reset(self, payout_moves):
        """A payout reset to draft keeps its commissions, which are Approved again
        until it is posted again: they cannot be paid a second time meanwhile."""
        if not payout_moves:
            return self.browse()
        # sudo: the note goes on commissions the accountant cannot write; the reset just
        # checked their rights on the payout.
        commissions = self.sudo().search([("payout_move_id", "in", payout_moves.ids)])
        if commissions:
            commissions._message_log_batch(
                bodies={
                    commission.id: self.env._(
                        "%(move)s was reset to draft: the commission is Approved "
                        "until it is posted again (cancel or delete it to pay the "
                        "commission otherwise).",
                        move=commission.payout_move_id.display_name,
                    )
                    for commission in commissions
                }
            )
        return commissions

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _check_manager(self):
        if not self.env.user.has_group("customer_care.group_care_manager"):
            raise AccessError(
                _("Only customer care managers approve, cancel and pay commissions.")
            )
        self.check_access("read")

    def action_approve(self):
        self._check_manager()
        refused = self.filtered(lambda c: c.state != "draft")
        if refused:
            raise UserError(
                _(
                    "Only commissions to approve can be approved; %(commissions)s "
                    "are not.",
                    commissions=", ".join(refused.mapped("display_name")),
                )
            )
        self._care_action().write(
            {
                "approval_state": "approved",
                "approved_by_id": self.env.uid,
                "approved_date": fields.Date.context_today(self),
            }
        )
        self._plan_first_commission_thanks()
        return True

    def action_reset_draft(self):
        self._check_manager()
        refused = self.filtered(lambda c: c.state not in ("approved", "cancelled"))
        if refused or self.filtered("payout_move_id"):
            raise UserError(
                _(
                    "Commissions on a payout and commissions still to approve cannot "
                    "go back to approval: %(commissions)s.",
                    commissions=", ".join(
                        (refused | self.filtered("payout_move_id")).mapped(
                            "display_name"
                        )
                    ),
                )
            )
        # sudo: a manager without accounting rights reads the invoice's state only;
        # _check_manager ran first.
        posted = self.filtered(lambda c: c.sudo().move_id.state == "posted")
        if posted != self:
            raise UserError(
                _(
                    "The invoice of %(commissions)s is not posted: its commission "
                    "comes back when the invoice is posted again.",
                    commissions=", ".join((self - posted).mapped("display_name")),
                )
            )
        self._care_action().write(
            {"approval_state": "draft", "approved_by_id": False, "approved_date": False}
        )
        return True

    def action_cancel(self):
        self._check_manager()
        on_payout = self.filtered("payout_move_id")
        if on_payout:
            raise UserError(
                _(
                    "%(commissions)s are on the payout %(bills)s: cancel or reset "
                    "that document first.",
                    commissions=", ".join(on_payout.mapped("display_name")),
                    bills=", ".join(on_payout.payout_move_id.mapped("display_name")),
                )
            )
        self._care_action().write({"approval_state": "cancelled"})
        return True

    def action_pay(self):
        """Check what would be paid and ask for a confirmation: nothing is created
        before the manager confirms the referrers, totals and currency shown."""
        self._check_payer()
        self._check_payable()
        wizard = self.env["care.referral.payout"].create(
            {"commission_ids": [Command.set(self.ids)]}
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Pay Referral Commissions"),
            "res_model": "care.referral.payout",
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def _check_payer(self):
        """Paying makes vendor bills (or credit notes): the payer needs the rights
        accounting gives to make them, besides managing customer care."""
        self._check_manager()
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(
                _(
                    "Paying referral commissions makes vendor bills: it needs the "
                    "Invoicing rights of Accounting. Approve the commissions and ask "
                    "your accounting team to pay them."
                )
            )

    def _payout_groups(self):
        """[(referrer, commissions, total, payable)] in the referrers' order."""
        company = self.company_id
        currency = company.currency_id
        to_pay = defaultdict(lambda: self.browse())
        for commission in self:
            to_pay[commission.referrer_id] |= commission
        groups = []
        for referrer in sorted(to_pay, key=lambda r: (r.display_name or "", r.id)):
            commissions = to_pay[referrer]
            total = currency.round(sum(commissions.mapped("amount")))
            payable = (
                currency.compare_amounts(total, company.care_referral_min_payout) >= 0
                and currency.compare_amounts(total, 0) > 0
            )
            groups.append((referrer, commissions, total, payable))
        return groups

    def _pay(self):
        """Pay the approved commissions of each referrer with one vendor bill (or
        customer credit note) for their total; return what to show next."""
        self._check_payer()
        self._lock_for_payout()
        self._check_payable()
        company = self.company_id
        skipped = []
        paid_with = self.env["account.move"]
        for referrer, commissions, total, payable in self._payout_groups():
            if not payable:
                skipped.append((referrer, total))
                continue
            paid_with |= commissions._create_payout(referrer, company)
        if not paid_with:
            raise UserError(
                _(
                    "Nothing was paid: the approved total of %(referrers)s is below "
                    "the minimum payout of %(minimum)s.",
                    referrers=", ".join(
                        self.env._(
                            "%(referrer)s (%(total)s)", referrer=r.display_name, total=t
                        )
                        for r, t in skipped
                    ),
                    minimum=company.care_referral_min_payout,
                )
            )
        next_action = paid_with._get_records_action(name=_("Referral Payouts"))
        if not skipped:
            return next_action
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning",
                "sticky": True,
                "message": _(
                    "Made %(moves)s. Not paid, below the minimum payout of "
                    "%(minimum)s: %(referrers)s.",
                    moves=", ".join(paid_with.mapped("display_name")),
                    minimum=company.care_referral_min_payout,
                    referrers=", ".join(r.display_name for r, _t in skipped),
                ),
                "next": next_action,
            },
        }

    def _lock_for_payout(self):
        """Take the commissions' rows before paying them: a second payer at the
        same moment is told, instead of making a second bill."""
        try:
            with expected_refusal(), self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM care_referral_commission WHERE id IN %s "
                        "ORDER BY id FOR NO KEY UPDATE NOWAIT",
                        tuple(self.ids),
                    )
                )
        except (
            psycopg2.errors.LockNotAvailable,
            psycopg2.errors.SerializationFailure,
        ) as error:
            raise UserError(
                _(
                    "Somebody is paying these commissions right now. Reload the "
                    "list to see their payout."
                )
            ) from error
        self.invalidate_recordset()

    def _check_payable(self):
        if not self:
            raise UserError(_("Select the commissions to pay."))
        if len(self.company_id) > 1:
            raise UserError(
                _(
                    "Commissions of %(companies)s cannot be paid together: pay the "
                    "commissions of one company at a time.",
                    companies=", ".join(self.company_id.mapped("name")),
                )
            )
        on_payout = self.filtered("payout_move_id")
        if on_payout:
            raise UserError(
                _(
                    "%(commissions)s are already on a payout (%(bills)s).",
                    commissions=", ".join(on_payout.mapped("display_name")),
                    bills=", ".join(on_payout.payout_move_id.mapped("display_name")),
                )
            )
        not_approved = self.filtered(lambda c: c.state != "approved")
        if not_approved:
            raise UserError(
                _(
                    "Only approved commissions are paid; approve or deselect "
                    "%(commissions)s.",
                    commissions=", ".join(not_approved.mapped("display_name")),
                )
            )

    def _create_payout(self, referrer, company):
        """One payout document for these commissions, made with the payer's own
        accounting rights; posted at once only when the company says so."""
        line_vals = [
            Command.create(commission._payout_line_values(company))
            for commission in self.sorted(lambda c: (c.date, c.id))
        ]
        today = fields.Date.context_today(self)
        move = (
            self.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": "in_invoice"
                    if company.care_referral_payout_method == "vendor_bill"
                    else "out_refund",
                    "partner_id": referrer.id,
                    "company_id": company.id,
                    "currency_id": company.currency_id.id,
                    "invoice_date": today,
                    "invoice_origin": _("Referral commissions"),
                    "invoice_line_ids": line_vals,
                }
            )
        )
        # A credit note paying a referrer who was referred too earns nothing,
        # now or when it is posted again.
        # sudo: only the superuser sets the payout flag (see account.move); _check_payer
        # checked the payer's invoicing rights, and the move was made with them.
        move.sudo().care_is_referral_payout = True
        # The taxes of the product do not apply: the referrer gets the approved total.
        move.invoice_line_ids.tax_ids = [Command.clear()]
        self._care_action().write({"payout_move_id": move.id, "paid_date": today})
        if company.care_referral_payout_post:
            move.action_post()
        return move

    def _payout_line_values(self, company):
        product = company.care_referral_product_id or self.env.ref(
            "customer_care.product_product_care_referral_commission",
            raise_if_not_found=False,
        )
        vals = {
            "name": _(
                "Referral commission on %(invoice)s (%(customer)s)",
                invoice=self.move_name,
                customer=self.partner_id.display_name,
            ),
            "quantity": 1.0,
            "price_unit": self.amount,
            "tax_ids": [Command.clear()],
        }
        if product:
            vals["product_id"] = product.id
        if company.care_referral_account_id:
            vals["account_id"] = company.care_referral_account_id.id
        return vals

    def _plan_first_commission_thanks(self):
        """Plan a referral thanks for the referrers whose first commission this is."""
        # sudo: the referrer's thanks is planned whatever the manager may read of
        # loyalty types and actions; _check_manager ran before the approval.
        action_types = (
            self.env["care.loyalty.action.type"]
            .sudo()
            .search([("kind", "=", "referral_reward")], order="sequence, id")
        )
        if not action_types:
            return
        actions = self.env["care.loyalty.action"].sudo().with_context(active_test=False)
        already = set(
            actions.search(
                [
                    ("partner_id", "in", self.referrer_id.ids),
                    ("occasion", "=", FIRST_COMMISSION_OCCASION),
                ]
            ).partner_id
        )
        vals_list = []
        for commission in self:
            referrer = commission.referrer_id
            if referrer in already:
                continue
            action_type = next(
                (
                    t
                    for t in action_types
                    if not t.company_id or t.company_id == commission.company_id
                ),
                None,
            )
            if not action_type:
                continue
            already.add(referrer)
            vals_list.append(
                {
                    "partner_id": referrer.id,
                    "type_id": action_type.id,
                    "planned_date": fields.Date.context_today(self),
                    "occasion": FIRST_COMMISSION_OCCASION,
                    "user_id": referrer.user_id.id or self.env.uid,
                    "company_id": commission.company_id.id,
                }
            )
        actions._care_create_once(vals_list)

    def action_open_move(self):
        self.ensure_one()
        return self.move_id._get_records_action()

    def action_open_payout(self):
        self.ensure_one()
        return self.payout_move_id._get_records_action()
