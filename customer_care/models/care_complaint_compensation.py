from psycopg2 import errors

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..tools import expected_refusal

COMPENSATION_KINDS = [
    ("refund", "Refund (Credit Note)"),
    ("discount", "Discount"),
    ("voucher", "Voucher"),
    ("replacement", "Replacement"),
    ("gift", "Small Gift"),
    ("letter", "Apology Letter"),
    ("free_service", "Free Service"),
]
# The loyalty action type that carries a gift or an apology letter.
LOYALTY_KIND_OF = {"gift": "gift", "letter": "thank_you"}
INVOICING_GROUP = "account.group_account_invoice"


class CareComplaintCompensation(models.Model):
    _name = "care.complaint.compensation"
    _description = "Complaint Compensation"
    _inherit = ["care.action.fields.mixin"]
    _order = "complaint_id, id"
    _check_company_auto = True
    # Set by Submit, Approve, Refuse and the documents' creation only.
    _care_action_fields = (
        "state",
        "requested_by_id",
        "approved_by_id",
        "approved_date",
        "move_id",
        "loyalty_action_id",
    )

    complaint_id = fields.Many2one(
        "care.complaint",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(related="complaint_id.partner_id")
    commercial_partner_id = fields.Many2one(
        related="complaint_id.commercial_partner_id",
        string="Customer Company",
        store=True,
        index=True,
    )
    kind = fields.Selection(COMPENSATION_KINDS, required=True, default="discount")
    name = fields.Char(string="Description", required=True)
    amount = fields.Monetary(
        required=True, help="Its value to the company, in the company currency."
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("done", "Done"),
            ("refused", "Refused"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        copy=False,
    )
    requested_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_date = fields.Datetime(readonly=True, copy=False)
    move_id = fields.Many2one(
        "account.move",
        string="Credit Note",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
    )
    loyalty_action_id = fields.Many2one(
        "care.loyalty.action",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
    )
    note = fields.Text(
        help="What was given (voucher code, replacement delivery, service date)."
    )

    @api.constrains("amount")
    def _check_amount(self):
        for line in self:
            if line.amount < 0:
                raise ValidationError(
                    _(
                        'The compensation "%(name)s" cannot be negative.',
                        name=line.name,
                    )
                )

    @api.constrains("kind", "complaint_id")
    def _check_kind(self):
        for line in self.filtered(
            lambda c: c.kind in LOYALTY_KIND_OF and not c.complaint_id.partner_id
        ):
            raise ValidationError(
                _(
                    "A gift or an apology letter goes to a known customer: set the "
                    "customer of %(name)s first.",
                    name=line.complaint_id.display_name,
                )
            )
        for line in self.filtered(lambda c: c.kind == "refund"):
            if not line._source_invoice():
                raise ValidationError(
                    _(
                        "A refund is made on the customer invoice the complaint is "
                        "about: set a posted customer invoice as the complaint's "
                        "source document first (%(name)s).",
                        name=line.complaint_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        corrected = self._care_check_action_fields(vals_list, creating=True)
        lines = super().create(vals_list)
        lines._care_log_corrections(corrected)
        return lines

    def write(self, vals):
        corrected = self._care_check_action_fields([vals])
        if (
            self.filtered(lambda c: c.state != "draft")
            and ({"amount", "kind", "complaint_id"} & set(vals))
            and not self.env.su
        ):
            raise UserError(_("Only draft compensation lines can be changed."))
        result = super().write(vals)
        self._care_log_corrections(corrected)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if self.filtered(lambda c: c.state in ("approved", "done")):
            raise UserError(_("Approved compensation cannot be deleted."))

    def _care_correction_thread(self):
        return self.complaint_id

    def _source_invoice(self):
        source = self.complaint_id.source_ref
        # sudo: staff without accounting rights check the invoice's type and state; the
        # complaint checked its source document when it was set.
        if (
            source
            and source._name == "account.move"
            and source.sudo().move_type == "out_invoice"
            and source.sudo().state == "posted"
        ):
            return source.sudo()
        return self.env["account.move"]

    # ------------------------------------------------------------
    # Approval
    # ------------------------------------------------------------

    def _within_limit(self):
        """The lines the current user grants without a manager: up to their own
        limit, else their line's company's; managers grant anything."""
        user = self.env.user
        if user.has_group("customer_care.group_care_manager"):
            return self
        return self.filtered(
            lambda c: (
                c.amount
                <= (
                    user.care_compensation_limit or c.company_id.care_compensation_limit
                )
            )
        )

    def action_submit(self):
        """Ask for the compensation: granted at once within the requester's limit,
        else sent to a manager."""
        drafts = self.filtered(lambda c: c.state == "draft")
        if drafts != self:
            raise UserError(_("Only draft compensation lines are submitted."))
        self.complaint_id._check_open()
        within = self._within_limit()
        above = self - within
        above._care_action().write(
            {"state": "to_approve", "requested_by_id": self.env.user.id}
        )
        above._ask_managers()
        within._care_action().write({"requested_by_id": self.env.user.id})
        within._approve()
        return True

    def action_approve(self):
        if not self.env.user.has_group("customer_care.group_care_manager"):
            raise AccessError(_("Only Customer Care managers approve compensation."))
        self._lock_rows()
        if self.filtered(lambda c: c.state != "to_approve"):
            raise UserError(_("Only compensation waiting for approval is approved."))
        self._approve()
        return True

    def action_refuse(self):
        if not self.env.user.has_group("customer_care.group_care_manager"):
            raise AccessError(_("Only Customer Care managers refuse compensation."))
        self._lock_rows()
        if self.filtered(lambda c: c.state not in ("draft", "to_approve")):
            raise UserError(_("Only compensation not yet approved is refused."))
        self._care_action().write({"state": "refused"})
        self._log(_("Compensation refused: %(lines)s"))
        return True

    def _approve(self):
        self._care_action().write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
            }
        )
        self._log(_("Compensation approved: %(lines)s"))
        self.complaint_id.activity_feedback(
            ["customer_care.mail_activity_data_compensation_approval"]
        )
        self._make_documents()

    def _ask_managers(self):
        for line in self:
            leader = line.complaint_id.team_id.user_id
            if leader and leader.has_group("customer_care.group_care_manager"):
                line.complaint_id.activity_schedule(
                    "customer_care.mail_activity_data_compensation_approval",
                    user_id=leader.id,
                    # In the language of the manager who approves it.
                    note=line.with_context(lang=leader.lang or line.env.lang).env._(
                        "%(name)s: %(amount)s %(currency)s",
                        name=line.name,
                        amount=line.amount,
                        currency=line.currency_id.name,
                    ),
                )
        self._log(_("Compensation waiting for a manager's approval: %(lines)s"))

    def _log(self, message):
        """A note on each complaint, in one batch: a log needs no sender
        address, so a manager without an e-mail address approves too."""
        bodies = {
            complaint.id: message
            % {
                "lines": ", ".join(
                    self.filtered(lambda c, cp=complaint: c.complaint_id == cp).mapped(
                        "name"
                    )
                )
            }
            for complaint in self.complaint_id
        }
        self.complaint_id._message_log_batch(bodies=bodies)

    # ------------------------------------------------------------
    # Documents, made once
    # ------------------------------------------------------------

    def action_make_documents(self):
        """Make what approved lines still lack (the credit notes that need
        accounting rights, after an interruption)."""
        if self.filtered(lambda c: c.state != "approved"):
            raise UserError(_("Documents are made for approved compensation only."))
        self.check_access("read")
        self._make_documents()
        return True

    def _make_documents(self):
        """Each approved line makes its document once: the lines are locked and
        read again first, so a retry or a second click finds them done."""
        lines = self
        if not self.env.user.has_group(INVOICING_GROUP):
            lines = lines.filtered(lambda c: c.kind != "refund")  # for accounting
        for line in lines._lock_waiting():
            if line.kind == "refund":
                line._make_credit_note()
            elif line.kind in LOYALTY_KIND_OF:
                line._make_loyalty_action()
            line._care_action().state = "done"

    def _lock_waiting(self):
        """Lock the lines' rows (in one query) and return those still waiting for
        their document."""
        self._lock_rows()
        return self.filtered(
            lambda c: c.state == "approved" and not (c.move_id or c.loyalty_action_id)
        )

    def _lock_rows(self):
        """Lock the lines' rows in one query, or say that someone else is
        deciding them now (two managers approving at once), and read them again."""
        if not self:
            return
        try:
            with expected_refusal(), self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM care_complaint_compensation WHERE id IN %s "
                        "FOR NO KEY UPDATE NOWAIT",
                        tuple(self.ids),
                    )
                )
        except errors.LockNotAvailable as error:
            raise UserError(
                _(
                    'Compensation "%(name)s" is being processed by someone else; '
                    "try again in a moment.",
                    name=", ".join(self.mapped("name")),
                )
            ) from error
        self.invalidate_recordset(["state", "move_id", "loyalty_action_id"])

    def _make_credit_note(self):
        """A draft credit note on the source invoice, made with the user's own
        accounting rights."""
        invoice = self._source_invoice()
        credit_note = (
            self.env["account.move"]
            .with_company(self.company_id)
            .create(
                {
                    "move_type": "out_refund",
                    "partner_id": invoice.partner_id.id,
                    "reversed_entry_id": invoice.id,
                    "journal_id": invoice.journal_id.id,
                    "currency_id": self.currency_id.id,
                    "ref": _("Complaint %(name)s", name=self.complaint_id.display_name),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": self.name,
                                "quantity": 1,
                                "price_unit": self.amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        self._care_action().move_id = credit_note

    def _make_loyalty_action(self):
        action_type = self.env["care.loyalty.action.type"].search(
            [
                ("kind", "=", LOYALTY_KIND_OF[self.kind]),
                ("company_id", "in", [self.company_id.id, False]),
            ],
            limit=1,
        )
        if not action_type:
            raise UserError(
                _(
                    "No active loyalty action type of kind %(kind)s carries "
                    '"%(name)s".',
                    kind=LOYALTY_KIND_OF[self.kind],
                    name=self.name,
                )
            )
        action = (
            self.env["care.loyalty.action"]
            ._care_action()
            .create(
                {
                    "partner_id": self.complaint_id.partner_id.id,
                    "type_id": action_type.id,
                    "user_id": (self.complaint_id.user_id or self.env.user).id,
                    "company_id": self.company_id.id,
                    "occasion": f"complaint_compensation,{self.id}",
                    "note": self.name,
                }
            )
        )
        self._care_action().loyalty_action_id = action
