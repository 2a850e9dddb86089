from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError

LOYALTY_KINDS = [
    ("thank_you", "Thank-you Letter"),
    ("birthday", "Birthday Card"),
    ("gift", "Small Gift"),
    ("greeting", "Greeting"),
    ("follow_up", "Follow-up"),
    ("referral_reward", "Referral Thanks"),
]
LOYALTY_CHANNELS = [
    ("email", "E-mail"),
    ("letter", "Printed Letter"),
    ("phone", "Phone Call"),
    ("visit", "Visit"),
    ("gift", "Gift"),
]
# The channels whose actions give the responsible a to-do on the planned day.
TODO_CHANNELS = ("phone", "visit", "gift")
# The triggers of a sale order confirmation (sale.order._care_plan_loyalty_actions).
ORDER_TRIGGERS = ("first_order", "order_amount", "after_delivery")


class CareLoyaltyActionType(models.Model):
    _name = "care.loyalty.action.type"
    _description = "Loyalty Action Type"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(LOYALTY_KINDS, required=True, default="greeting")
    channel = fields.Selection(
        LOYALTY_CHANNELS,
        required=True,
        default="email",
        help="How actions of this type reach the customer. E-mail actions are sent "
        "with the mail template; printed letters with the report; the other "
        "channels give the responsible a to-do activity on the planned day.",
    )
    trigger = fields.Selection(
        [
            ("manual", "Manual"),
            ("birthday", "Birthday"),
            ("first_order", "First Confirmed Sale Order"),
            ("order_amount", "Each Confirmed Sale Order Over an Amount"),
            ("after_delivery", "Days After the Delivery Date"),
        ],
        required=True,
        default="manual",
    )
    lead_days = fields.Integer(
        string="Lead Time (Days)",
        default=0,
        help="Birthday: how many days ahead the card is planned (it is sent on the "
        "birthday). Days after the delivery date: how many days after the order's "
        "commitment or expected date. Sale order triggers: how many days after the "
        "confirmation.",
    )
    min_amount = fields.Monetary(
        string="Minimum Amount",
        currency_field="currency_id",
        help="Orders under this untaxed amount do not trigger the action.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        domain=[("model", "=", "care.loyalty.action")],
    )
    report_id = fields.Many2one(
        "ir.actions.report",
        string="Printable Layout",
        domain=[("model", "=", "care.loyalty.action")],
    )
    description = fields.Html(translate=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    color = fields.Integer()
    action_count = fields.Integer(compute="_compute_action_count", string="Actions")

    @api.model_create_multi
    def create(self, vals_list):
        types = super().create(vals_list)
        self.env.registry.clear_cache()  # _care_order_trigger_ids
        return types

    def write(self, vals):
        result = super().write(vals)
        if {"trigger", "active"} & set(vals):
            self.env.registry.clear_cache()  # _care_order_trigger_ids
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()  # _care_order_trigger_ids
        return result

    @api.model
    @tools.ormcache()
    def _care_order_trigger_ids(self):
        """Ids of the active types that a sale order confirmation triggers, of every
        company: cached, so that confirming an order when no type is triggered costs
        no query (cleared when a type is added, removed, archived or restored, or
        changes its trigger)."""
        # sudo: the cached ids serve every salesperson who confirms an order.
        return tuple(
            self.sudo().search([("trigger", "in", ORDER_TRIGGERS)], order="id").ids
        )

    @api.constrains("lead_days", "min_amount")
    def _check_amounts(self):
        for action_type in self:
            if action_type.lead_days < 0:
                raise ValidationError(
                    _(
                        "The lead time of %(type)s cannot be negative.",
                        type=action_type.display_name,
                    )
                )
            if action_type.min_amount < 0:
                raise ValidationError(
                    _(
                        "The minimum amount of %(type)s cannot be negative.",
                        type=action_type.display_name,
                    )
                )

    @api.depends("company_id")
    def _compute_currency_id(self):
        for action_type in self:
            action_type.currency_id = (
                action_type.company_id.currency_id or self.env.company.currency_id
            )

    def _compute_action_count(self):
        counts = dict(
            self.env["care.loyalty.action"]._read_group(
                [("type_id", "in", self.ids)], ["type_id"], ["__count"]
            )
        )
        for action_type in self:
            action_type.action_count = counts.get(action_type, 0)

    @api.constrains("channel", "mail_template_id", "report_id")
    def _check_channel_means(self):
        for action_type in self:
            if action_type.channel == "email" and not action_type.mail_template_id:
                raise ValidationError(
                    _(
                        "%(type)s is sent by e-mail: choose its mail template.",
                        type=action_type.display_name,
                    )
                )
            if action_type.channel == "letter" and not action_type.report_id:
                raise ValidationError(
                    _(
                        "%(type)s is a printed letter: choose its printable layout.",
                        type=action_type.display_name,
                    )
                )

    def action_view_actions(self):
        self.ensure_one()
        return self.env["care.loyalty.action"]._care_action_for(
            [("type_id", "=", self.id)], {"default_type_id": self.id}
        )
