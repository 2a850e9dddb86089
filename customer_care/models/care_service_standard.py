from collections import defaultdict

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from ..tools import create_once

# Changing one of these makes a new version of the standard: staff acknowledge it anew.
VERSIONED_FIELDS = {
    "name",
    "customer_kind",
    "channel",
    "target_value",
    "target_unit",
    "description",
}


class CareServiceStandard(models.Model):
    """A written, measurable service standard that staff sign they have read."""

    _name = "care.service.standard"
    _description = "Service Standard"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    element_id = fields.Many2one(
        "care.cascade.element",
        string="CASCADE Element",
        default=lambda self: self.env.ref(
            "customer_care.care_cascade_element_standards", raise_if_not_found=False
        ),
        ondelete="restrict",
    )
    customer_kind = fields.Selection(
        [("external", "External"), ("internal", "Internal"), ("both", "Both")],
        string="Customers",
        required=True,
        default="both",
        tracking=True,
    )
    channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("email", "E-mail"),
            ("voice_mail", "Voice Mail"),
            ("web", "Web"),
            ("in_person", "In Person"),
            ("general", "General"),
        ],
        required=True,
        default="general",
        tracking=True,
    )
    target_value = fields.Float(
        string="Target",
        digits=(16, 1),
        tracking=True,
        help="The measurable minimum, in the unit beside it: e.g. 2 rings, 24 "
        "business hours. Zero for a standard of conduct with no figure.",
    )
    target_unit = fields.Selection(
        [
            ("rings", "Rings"),
            ("minutes", "Minutes"),
            ("hours", "Hours"),
            ("business_hours", "Business Hours"),
            ("days", "Days"),
        ],
        string="Unit",
        tracking=True,
    )
    measure = fields.Selection(
        [
            ("first_reply", "First Reply"),
            ("next_reply", "Every Reply"),
            ("update", "Update Interval"),
            ("resolution", "Resolution"),
        ],
        tracking=True,
        help="What the target measures on real documents, in business time: "
        "the first reply to the customer; every customer message answered (the "
        "first included); the time between two updates sent to the customer; "
        "the time to the customer's agreement. Empty: the standard is not "
        "measured.",
    )
    applies_to = fields.Selection(
        [("complaint", "Complaints"), ("lead", "Leads")],
        string="Measured On",
        default="complaint",
        tracking=True,
    )
    priority = fields.Selection(
        [("0", "Normal"), ("1", "High"), ("2", "Urgent"), ("3", "Critical")],
        tracking=True,
        help="Measured on documents of this priority only; empty: on all.",
    )
    deadline_ids = fields.One2many(
        "care.service.deadline", "standard_id", string="Deadlines"
    )
    deadline_met_rate = fields.Float(
        string="Met (%)",
        compute="_compute_deadline_figures",
        help="Share of the reached or breached deadlines that were met.",
    )
    deadline_breached_count = fields.Integer(
        string="Breached", compute="_compute_deadline_figures"
    )
    target_display = fields.Char(string="Target ", compute="_compute_target_display")
    description = fields.Text(translate=True)
    version = fields.Integer(
        default=1,
        readonly=True,
        copy=False,
        help="Goes up when the standard's wording or target changes: staff then "
        "acknowledge it again.",
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        default=lambda self: self.env.company,
        help="Empty: the standard applies in every company.",
    )
    acknowledgement_ids = fields.One2many(
        "care.service.standard.ack", "standard_id", string="Acknowledgements"
    )
    acknowledged = fields.Boolean(
        string="Acknowledged by Me",
        compute="_compute_acknowledged",
        search="_search_acknowledged",
    )
    acknowledged_count = fields.Integer(
        string="Acknowledged (Current Version)",
        compute="_compute_acknowledged_count",
    )
    pending_user_ids = fields.Many2many(
        "res.users",
        string="Not Acknowledged By",
        compute="_compute_pending_user_ids",
        groups="customer_care.group_care_manager",
        help="Customer Care users of the standard's company who have not "
        "acknowledged its current version.",
    )
    pending_count = fields.Integer(
        string="Not Acknowledged",
        compute="_compute_pending_user_ids",
        groups="customer_care.group_care_manager",
    )

    @api.depends("target_value", "target_unit")
    @api.depends_context("lang")
    def _compute_target_display(self):
        plural = dict(self._fields["target_unit"]._description_selection(self.env))
        singular = {
            "rings": _("ring"),
            "minutes": _("minute"),
            "hours": _("hour"),
            "business_hours": _("business hour"),
            "days": _("day"),
        }
        for standard in self:
            value, unit = standard.target_value, standard.target_unit
            if unit and value:
                standard.target_display = _(
                    "%(value)s %(unit)s",
                    value="%g" % value,
                    unit=singular[unit] if value == 1 else plural[unit].lower(),
                )
            else:
                standard.target_display = False

    def _compute_deadline_figures(self):
        counts = defaultdict(dict)
        for standard, state, count in self.env["care.service.deadline"]._read_group(
            [("standard_id", "in", self.ids), ("state", "in", ("met", "breached"))],
            ["standard_id", "state"],
            ["__count"],
        ):
            counts[standard][state] = count
        for standard in self:
            met = counts[standard].get("met", 0)
            breached = counts[standard].get("breached", 0)
            standard.deadline_met_rate = (
                100 * met / (met + breached) if met + breached else 0.0
            )
            standard.deadline_breached_count = breached

    @api.depends("version", "acknowledgement_ids.version")
    @api.depends_context("uid")
    def _compute_acknowledged(self):
        acknowledged = self._search_acknowledged("=", True)
        current = set(self.search([("id", "in", self.ids)] + acknowledged).ids)
        for standard in self:
            standard.acknowledged = standard.id in current

    def _search_acknowledged(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search on acknowledgements with = or != only."))
        query = self.env["care.service.standard.ack"]._search(
            [("user_id", "=", self.env.uid), ("is_current", "=", True)]
        )
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", query.subselect("standard_id"))]

    def _compute_acknowledged_count(self):
        # Everyone may see how many signed; the acknowledgements themselves are
        # private to their signer and the managers.
        counts = dict(
            self.env["care.service.standard.ack"]
            .sudo()
            ._read_group(
                [("standard_id", "in", self.ids), ("is_current", "=", True)],
                ["standard_id"],
                ["__count"],
            )
        )
        for standard in self:
            standard.acknowledged_count = counts.get(standard, 0)

    @api.model
    def _care_signers(self):
        """Who is expected to acknowledge the standards: the active internal users
        of Customer Care."""
        group = self.env.ref("customer_care.group_care_user")
        # sudo: group membership is configuration; only the users are listed.
        return group.sudo().users.filtered(lambda u: u.active and not u.share)

    def _care_pending_users(self, users):
        """{standard: the users among ``users`` who work in its company and have
        not acknowledged its current version}, in one query."""
        signed = defaultdict(set)
        # sudo: acknowledgements are private to signers and managers; only who is
        # pending comes out.
        for standard, user in (
            self.env["care.service.standard.ack"]
            .sudo()
            ._read_group(
                [
                    ("standard_id", "in", self.ids),
                    ("user_id", "in", users.ids),
                    ("is_current", "=", True),
                ],
                ["standard_id", "user_id"],
            )
        ):
            signed[standard.id].add(user.id)
        return {
            standard: users.filtered(
                lambda u, s=standard: (
                    u.id not in signed[s.id]
                    and (not s.company_id or s.company_id in u.company_ids)
                )
            )
            for standard in self
        }

    def _compute_pending_user_ids(self):
        pending = self._care_pending_users(self._care_signers())
        for standard in self:
            standard.pending_user_ids = pending.get(standard, self.env["res.users"])
            standard.pending_count = len(standard.pending_user_ids)

    @api.constrains("target_value", "target_unit")
    def _check_target(self):
        for standard in self:
            if standard.target_value and not standard.target_unit:
                raise ValidationError(
                    _(
                        "The target of %(standard)s needs a unit (rings, minutes, "
                        "hours, business hours or days).",
                        standard=standard.name,
                    )
                )
            if standard.target_value < 0:
                raise ValidationError(
                    _(
                        "The target of %(standard)s cannot be negative.",
                        standard=standard.name,
                    )
                )

    @api.constrains("measure", "applies_to", "target_value", "target_unit")
    def _check_measure(self):
        for standard in self.filtered("measure"):
            if standard.target_value <= 0 or standard.target_unit in (False, "rings"):
                raise ValidationError(
                    _(
                        "%(standard)s is measured: give it a target in minutes, "
                        "hours, business hours or days.",
                        standard=standard.name,
                    )
                )
            if not standard.applies_to:
                raise ValidationError(
                    _(
                        "Say what %(standard)s is measured on: complaints or leads.",
                        standard=standard.name,
                    )
                )
            if standard.applies_to == "lead" and standard.measure not in (
                "first_reply",
                "next_reply",
            ):
                raise ValidationError(
                    _(
                        "On leads, %(standard)s measures replies only: updates and "
                        "resolutions are measured on complaints.",
                        standard=standard.name,
                    )
                )

    @api.model
    @tools.ormcache("applies_to")
    def _care_measured_rows(self, applies_to):
        """The active measured standards of complaints or leads, as rows the
        documents' hooks filter without a query: (id, company, customer kind,
        channel, priority, measure). Cleared when any standard changes."""
        # sudo: the cached rows serve every writer, also portal customers.
        standards = self.sudo().search(
            [("measure", "!=", False), ("applies_to", "=", applies_to)]
        )
        return tuple(
            (s.id, s.company_id.id, s.customer_kind, s.channel, s.priority, s.measure)
            for s in standards
        )

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    def action_open_deadlines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_care.care_service_deadline_action"
        )
        action["domain"] = [("standard_id", "=", self.id)]
        action["context"] = {"search_default_group_state": 1}
        return action

    def write(self, vals):
        self.env.registry.clear_cache()
        if VERSIONED_FIELDS.intersection(vals) and "version" not in vals:
            # One write per distinct version, not per standard.
            for version in set(self.mapped("version")):
                standards = self.filtered(lambda s, v=version: s.version == v)
                super(CareServiceStandard, standards).write(
                    dict(vals, version=version + 1)
                )
            return True
        return super().write(vals)

    def action_acknowledge(self):
        """The current user signs that they have read the current versions."""
        self.check_access("read")
        to_sign = self.filtered(lambda s: not s.acknowledged)
        if to_sign:
            # Signed as superuser: nobody writes an acknowledgement directly, so
            # nobody signs for someone else, for another version or another day.
            # Two clicks at once sign once: the unique key decides, the second
            # one is skipped.
            create_once(
                self.env["care.service.standard.ack"].sudo(),
                [
                    {
                        "standard_id": standard.id,
                        "user_id": self.env.uid,
                        "version": standard.version,
                    }
                    for standard in to_sign
                ],
            )
        return True
