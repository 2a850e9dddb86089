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


# Changed, they may bring other measured standards: the fields that each of the
# standards' filters reads (customer kind, channel, priority, company).
FILTER_FIELDS = {
    "customer_kind": {"partner_id"},
    "channel": {"medium_id"},
    "priority": {"priority"},
    "company": {"team_id", "company_id"},
}
# How the service standards name the medium a lead came by.
STANDARD_CHANNELS = {
    "utm.utm_medium_email": "email",
    "utm.utm_medium_phone": "phone",
    "utm.utm_medium_website": "web",
}


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = [
        "crm.lead",
        "care.service.deadline.mixin",
        "care.complaint.source.mixin",
    ]
    _care_deadline_inverse = "lead_id"
    _care_deadline_applies_to = "lead"

    care_style_advice = fields.Text(
        related="partner_id.care_style_advice",
        string="Advice for This Customer",
        groups="customer_care.group_care_user",
    )
    # The customer's fields are tracked on the customer: tracking=False, or the
    # lead would read its customer on every write to track them again.
    partner_man_money = fields.Selection(
        related="partner_id.man_money",
        readonly=False,
        groups="customer_care.group_care_user",
        tracking=False,
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
        tracking=False,
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
        tracking=False,
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
        tracking=False,
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
        tracking=False,
    )
    partner_man_score = fields.Integer(
        related="partner_id.man_score",
        groups="customer_care.group_care_user",
    )
    care_deadline_ids = fields.One2many(
        "care.service.deadline",
        "lead_id",
        string="Service Deadlines",
        groups="customer_care.group_care_user",
    )
    partner_care_customer_kind = fields.Selection(
        related="partner_id.care_customer_kind",
        string="Customer Kind",
        groups="customer_care.group_care_user",
        tracking=False,
    )

    @api.model_create_multi
    def create(self, vals_list):
        partner_model = self.env["res.partner"]
        for vals in vals_list:
            partner_model._care_check_selection_values(self._care_partner_vals(vals))
        leads = super().create(vals_list)
        leads._care_sync_deadlines(start=fields.Datetime.now(), new=True)
        return leads

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
        result = super().write(vals)
        if {"active", "stage_id", "probability"}.intersection(vals):
            # sudo: nobody writes clocks; the lead's write just above was allowed.
            self.filtered(
                lambda lead: not lead._care_deadline_is_open()
            ).sudo().care_deadline_ids._care_stop()
        if self._care_filtered_fields().intersection(vals):
            self._care_sync_deadlines()
        return result

    @api.model
    def _care_filtered_fields(self):
        """The lead fields the active measured standards of leads filter on: a
        write of none of them changes no standard that applies (a change of
        priority, when no standard filters on it), and costs nothing here."""
        rows = self._care_measured_standards()
        filters = {
            "customer_kind": any(row[2] != "both" for row in rows),
            "channel": any(row[3] != "general" for row in rows),
            "priority": any(row[4] for row in rows),
            "company": any(row[1] for row in rows),
        }
        return set().union(
            *(FILTER_FIELDS[name] for name, used in filters.items() if used)
        )

    def _message_post_after_hook(self, message, msg_vals):
        self._care_deadline_on_message(message)
        return super()._message_post_after_hook(message, msg_vals)

    def _care_deadline_profile(self):
        self.ensure_one()
        channels = {
            self.env["ir.model.data"]._xmlid_to_res_id(xmlid): channel
            for xmlid, channel in STANDARD_CHANNELS.items()
        }
        return (
            # sudo: the customer's kind, whatever the writer may read of the customer.
            self.partner_id.sudo().care_customer_kind or "external",
            channels.get(self.medium_id.id),
            self.priority,
        )

    def _care_deadline_is_open(self):
        self.ensure_one()
        return self.active and not self.stage_id.is_won

    def _care_deadline_start(self):
        self.ensure_one()
        return self.create_date

    @api.model
    def _care_partner_vals(self, vals):
        """The partner values a lead's vals would write, by partner field name."""
        return {
            partner_fname: vals[lead_fname]
            for lead_fname, partner_fname in PARTNER_MAN_FIELDS.items()
            if lead_fname in vals
        }
