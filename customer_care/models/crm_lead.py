from odoo import _, api, fields, models
from odoo.exceptions import UserError

# The lead edits its customer's qualification in place: every field below is a
# writable related field on partner_id, so nothing is copied onto the lead.
PARTNER_MAN_FIELDS = {
    "partner_man_money": "man_money",
    "partner_man_authority": "man_authority",
    "partner_man_need": "man_need",
    "partner_man_access": "man_access",
}


class CrmLead(models.Model):
    _inherit = "crm.lead"

    care_style_advice = fields.Text(
        related="partner_id.care_style_advice",
        string="Advice for This Customer",
        groups="customer_care.group_care_user",
    )
    partner_man_money = fields.Selection(
        related="partner_id.man_money",
        readonly=False,
        groups="customer_care.group_care_user",
    )
    partner_man_money_note = fields.Char(
        related="partner_id.man_money_note",
        readonly=False,
        groups="customer_care.group_care_user",
    )
    partner_man_authority = fields.Selection(
        related="partner_id.man_authority",
        readonly=False,
        groups="customer_care.group_care_user",
    )
    partner_man_authority_note = fields.Char(
        related="partner_id.man_authority_note",
        readonly=False,
        groups="customer_care.group_care_user",
    )
    partner_man_need = fields.Selection(
        related="partner_id.man_need",
        readonly=False,
        groups="customer_care.group_care_user",
    )
    partner_man_need_note = fields.Char(
        related="partner_id.man_need_note",
        readonly=False,
        groups="customer_care.group_care_user",
    )
    partner_man_access = fields.Selection(
        related="partner_id.man_access",
        readonly=False,
        groups="customer_care.group_care_user",
    )
    partner_man_access_note = fields.Char(
        related="partner_id.man_access_note",
        readonly=False,
        groups="customer_care.group_care_user",
    )
    partner_man_status = fields.Selection(
        related="partner_id.man_status",
        string="Customer Qualification",
        groups="customer_care.group_care_user",
    )
    partner_man_score = fields.Integer(
        related="partner_id.man_score",
        groups="customer_care.group_care_user",
    )
    partner_care_customer_kind = fields.Selection(
        related="partner_id.care_customer_kind",
        string="Customer Kind",
        groups="customer_care.group_care_user",
    )

    @api.model_create_multi
    def create(self, vals_list):
        partner_model = self.env["res.partner"]
        for vals in vals_list:
            partner_model._care_check_selection_values(self._care_partner_vals(vals))
        return super().create(vals_list)

    def write(self, vals):
        partner_vals = self._care_partner_vals(vals)
        self.env["res.partner"]._care_check_selection_values(partner_vals)
        if partner_vals and not vals.get("partner_id"):
            without_customer = self.filtered(lambda lead: not lead.partner_id)
            if without_customer:
                raise UserError(
                    _(
                        "Set a customer on %(leads)s before qualifying it: the "
                        "qualification is kept on the customer.",
                        leads=", ".join(without_customer.mapped("display_name")),
                    )
                )
        return super().write(vals)

    @api.model
    def _care_partner_vals(self, vals):
        """The partner values a lead's vals would write, by partner field name."""
        return {
            partner_fname: vals[lead_fname]
            for lead_fname, partner_fname in PARTNER_MAN_FIELDS.items()
            if lead_fname in vals
        }

    def action_care_log_complaint(self):
        self.ensure_one()
        if not self.partner_id:
            raise UserError(
                _("Set the customer first: a complaint is about a customer.")
            )
        return self.env["care.complaint"]._action_log_complaint(
            self.partner_id, source=self, team=self.team_id
        )
