from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.misc import formatLang

from ..tools import in_readers_lang
from .care_cascade_review import OPEN_STATUSES

# What a user who is not a manager may change on the lines assigned to them.
ASSIGNEE_FIELDS = {"status", "evidence_note", "evidence_written", "attachment_ids"}
# The fields a measured line takes from its figures, never from a person.
MEASURED_FIELDS = {"status", "evidence_note", "evidence_written"}


class CareCascadeReviewLine(models.Model):
    """One checklist item in one review: its status, who does it, by when, proof."""

    _name = "care.cascade.review.line"
    _description = "CASCADE Review Line"
    _inherit = ["care.action.fields.mixin"]
    _order = "review_id, element_id, sequence, id"
    _check_company_auto = True
    # Copied from the checklist when the line is made, or set by the status.
    _care_action_fields = (
        "element_id",
        "weight",
        "date_done",
        "activity_id",
        "indicator_value",
        "indicator_sample",
        "indicator_date",
    )

    review_id = fields.Many2one(
        "care.cascade.review",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    item_id = fields.Many2one(
        "care.cascade.item",
        string="Checklist Item",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    name = fields.Char(related="item_id.name")
    description = fields.Text(related="item_id.description")
    evidence = fields.Char(related="item_id.evidence")
    # Copied from the item when the line is made: later changes to the checklist
    # do not rewrite the history of past reviews.
    element_id = fields.Many2one(
        "care.cascade.element",
        compute="_compute_from_item",
        store=True,
        precompute=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    sequence = fields.Integer(
        compute="_compute_from_item", store=True, precompute=True, readonly=False
    )
    weight = fields.Float(
        compute="_compute_from_item",
        store=True,
        precompute=True,
        digits=(16, 2),
    )
    status = fields.Selection(
        [
            ("todo", "To Do"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("na", "Not Applicable"),
        ],
        required=True,
        default="todo",
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        index=True,
        domain=[("share", "=", False)],
    )
    deadline = fields.Date()
    evidence_written = fields.Text(
        string="Written Evidence", help="The evidence as the responsible wrote it."
    )
    # Not stored: a measured line's evidence is said from its figures in the
    # reader's language; the others show what their responsible wrote.
    evidence_note = fields.Text(
        string="Evidence",
        compute="_compute_evidence_note",
        inverse="_inverse_evidence_note",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "care_cascade_review_line_attachment_rel",
        "line_id",
        "attachment_id",
        string="Evidence Files",
    )
    date_done = fields.Date(readonly=True, copy=False)
    is_late = fields.Boolean(compute="_compute_is_late", search="_search_is_late")
    review_state = fields.Selection(related="review_id.state", store=True)
    team_id = fields.Many2one(related="review_id.team_id", store=True, index=True)
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    date_start = fields.Date(related="review_id.date_start", store=True)
    activity_id = fields.Many2one(
        "mail.activity", readonly=True, copy=False, ondelete="set null"
    )
    element_color = fields.Integer(related="element_id.color")
    evidence_required = fields.Boolean(related="item_id.evidence_required")
    indicator = fields.Selection(related="item_id.indicator")
    indicator_target = fields.Float(related="item_id.indicator_target")
    indicator_value = fields.Float(
        string="Figure",
        digits=(16, 1),
        readonly=True,
        copy=False,
        aggregator=False,
        help="The indicator's figure for the review's team and period, when it "
        "was last evaluated.",
    )
    indicator_sample = fields.Integer(
        string="Counted",
        readonly=True,
        copy=False,
        help="How many records the figure was made of (0: no figure yet).",
    )
    indicator_date = fields.Datetime(string="Evaluated On", readonly=True, copy=False)
    can_manage = fields.Boolean(
        compute="_compute_can_manage",
        help="The current user changes the checklist itself: the responsible, "
        "the deadline.",
    )

    _sql_constraints = [
        (
            "review_item_unique",
            "UNIQUE(review_id, item_id)",
            "A checklist item appears once in a review.",
        ),
    ]

    @api.depends("item_id")
    def _compute_from_item(self):
        for line in self:
            line.element_id = line.item_id.element_id
            line.sequence = line.item_id.sequence
            line.weight = line.item_id.weight

    @api.depends_context("uid")
    def _compute_can_manage(self):
        self.can_manage = self.env.user.has_group("customer_care.group_care_manager")

    @api.depends("deadline", "status")
    @api.depends_context("tz")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for line in self:
            line.is_late = bool(
                line.deadline and line.deadline < today and line.status in OPEN_STATUSES
            )

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search on late lines with = or != only."))
        late = [
            ("deadline", "<", fields.Date.context_today(self)),
            ("status", "in", OPEN_STATUSES),
        ]
        if (operator == "=") == value:
            return late
        return [
            "|",
            "|",
            ("deadline", "=", False),
            ("deadline", ">=", late[0][2]),
            ("status", "not in", OPEN_STATUSES),
        ]

    @api.constrains("weight")
    def _check_weight(self):
        for line in self:
            if line.weight <= 0:
                raise ValidationError(
                    _(
                        "The weight of %(item)s must be above zero. Mark the line "
                        "Not Applicable to leave it out.",
                        item=line.name,
                    )
                )

    @api.depends(
        "evidence_written",
        "indicator",
        "indicator_target",
        "indicator_value",
        "indicator_sample",
        "indicator_date",
    )
    @api.depends_context("lang")
    def _compute_evidence_note(self):
        for line in self:
            if line.indicator and line.indicator_date:
                line.evidence_note = line._care_indicator_evidence(
                    line.indicator_value, line.indicator_sample
                )
            else:
                line.evidence_note = line.evidence_written

    def _inverse_evidence_note(self):
        for line in self:
            line.evidence_written = line.evidence_note

    @api.constrains("status", "evidence_written", "attachment_ids")
    def _check_evidence(self):
        # Whoever marks the line done, its evidence is checked in full.
        missing = self.sudo().filtered(
            lambda line: (
                line.status == "done"
                and line.item_id.evidence_required
                and not (line.evidence_note or "").strip()
                and not line.attachment_ids
            )
        )
        if missing:
            raise ValidationError(
                _(
                    "Write the evidence or attach a file before marking these lines "
                    "done: %(lines)s",
                    lines=", ".join(missing.mapped("name")),
                )
            )

    @api.model
    def _care_written_evidence(self, vals):
        """The evidence a person writes is stored as written, before the
        constraints read it."""
        if "evidence_note" not in vals:
            return vals
        vals = dict(vals, evidence_written=vals["evidence_note"])
        del vals["evidence_note"]
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._care_written_evidence(vals) for vals in vals_list]
        corrected = self._care_check_action_fields(vals_list, creating=True)
        reviews = self.env["care.cascade.review"].browse(
            {vals["review_id"] for vals in vals_list if vals.get("review_id")}
        )
        reviews._care_check_not_closed()
        self._care_check_items_once(vals_list)
        for vals in vals_list:
            if vals.get("status") == "done":
                vals.setdefault("date_done", fields.Date.context_today(self))
        lines = super().create(vals_list)
        lines.filtered(
            lambda l: l.review_state == "in_progress"
        )._care_sync_activities()
        lines._care_log_corrections(corrected)
        return lines

    def write(self, vals):
        if MEASURED_FIELDS & set(vals) and not self.env.su:
            self._care_check_not_measured()
        vals = self._care_written_evidence(vals)
        corrected = self._care_check_action_fields([vals])
        if set(vals) != {"activity_id"}:
            self.review_id._care_check_not_closed()
        if not self.env.su:
            self._care_check_assignee_write(vals)
        if "status" in vals:
            vals = dict(
                vals,
                date_done=fields.Date.context_today(self)
                if vals["status"] == "done"
                else False,
            )
        result = super().write(vals)
        if {"status", "user_id", "deadline"} & set(vals):
            self._care_sync_activities()
        self._care_log_corrections(corrected)
        return result

    def _care_check_not_measured(self):
        measured = self.filtered("item_id.indicator")
        if measured:
            raise UserError(
                _(
                    "%(lines)s are filled from their figures: refresh the review's "
                    "figures instead of ticking them or writing their evidence.",
                    lines=", ".join(measured.mapped("name")),
                )
            )

    def _care_evaluate_indicators(self):
        """Evaluate the measured lines for their review's team and period: the
        figure, the status it gives against the target, the evidence."""
        Indicator = self.env["care.cascade.indicator"]
        now = fields.Datetime.now()
        # sudo: measured lines are the system's (nobody writes them) and count the whole
        # team; the review's buttons checked write access first.
        for line in self.sudo().filtered("item_id.indicator"):
            item = line.item_id
            value, sample = Indicator._care_evaluate(item.indicator, line.review_id)
            met = Indicator._care_is_met(item.indicator, value, item.indicator_target)
            line.write(
                {
                    "indicator_value": value or 0.0,
                    "indicator_sample": sample,
                    "indicator_date": now,
                    "status": "done" if met else "in_progress" if sample else "todo",
                }
            )

    def _care_indicator_evidence(self, value, sample):
        label = dict(self._fields["indicator"]._description_selection(self.env))[
            self.indicator
        ]
        if not sample:
            return _(
                "%(indicator)s: nothing to count in the period yet.", indicator=label
            )
        return _(
            "%(indicator)s: %(value)s against a target of %(target)s (%(count)s "
            "counted for the team over the period).",
            indicator=label,
            value=formatLang(self.env, value, digits=1),
            target=formatLang(self.env, self.indicator_target, digits=1),
            count=sample,
        )

    @api.model
    def _care_check_items_once(self, vals_list):
        """A checklist item appears once in a review: said before the unique key
        refuses it, with the item's name."""
        pairs = [(vals.get("review_id"), vals.get("item_id")) for vals in vals_list]
        duplicates = {pair for pair in pairs if pairs.count(pair) > 1}
        # sudo: a duplicate is told also when the caller cannot read its line.
        existing = self.sudo().search(
            [
                ("review_id", "in", [review for review, _item in pairs]),
                ("item_id", "in", [item for _review, item in pairs]),
            ]
        )
        duplicates |= {(line.review_id.id, line.item_id.id) for line in existing} & set(
            pairs
        )
        if duplicates:
            # sudo: only the items' names, for the message.
            items = (
                self.env["care.cascade.item"]
                .sudo()
                .browse({item for _review, item in duplicates})
            )
            raise ValidationError(
                _(
                    "A checklist item appears once in a review: %(items)s is there "
                    "already.",
                    items=", ".join(items.mapped("name")),
                )
            )

    def _care_correction_thread(self):
        return self.review_id

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self.review_id._care_check_not_closed()

    def _care_check_assignee_write(self, vals):
        if self.env.user.has_group("customer_care.group_care_manager"):
            return
        forbidden = set(vals) - ASSIGNEE_FIELDS
        if forbidden:
            raise AccessError(
                _(
                    "Only managers change the checklist itself; you can update the "
                    "status and the evidence of your lines (not: %(fields)s).",
                    fields=", ".join(
                        self._fields[name].get_description(self.env)["string"]
                        for name in sorted(forbidden)
                        if name in self._fields
                    ),
                )
            )
        others = self.filtered(lambda l: l.user_id != self.env.user)
        if others:
            raise AccessError(
                _(
                    "You can only update the lines assigned to you, not: %(lines)s.",
                    lines=", ".join(others.mapped("name")),
                )
            )

    def _care_sync_activities(self):
        """Give each open, assigned line of a running review a to-do activity on
        the review for its responsible, due on its deadline; end the others."""
        # sudo: the to-dos are their responsibles', on a review staff cannot write; the
        # line's or review's write was allowed before.
        lines = self.sudo()
        wanted = lines.filtered(
            lambda l: (
                l.review_state == "in_progress"
                and l.status in OPEN_STATUSES
                and l.user_id
            )
        )
        finished = (lines - wanted).filtered("activity_id")
        done = finished.filtered(lambda l: l.status == "done")
        if done:
            done.activity_id.action_feedback(feedback=_("Checklist line done."))
        (finished - done).activity_id.unlink()
        finished.invalidate_recordset(["activity_id"])

        todo_type = self.env.ref("mail.mail_activity_data_todo")
        review_model = self.env["ir.model"]._get_id("care.cascade.review")
        to_create = wanted.filtered(lambda l: not l.activity_id)
        # sudo: as above, others' activities are changed.
        by_values = defaultdict(lambda: self.env["mail.activity"].sudo())
        for line in wanted - to_create:
            deadline = line.deadline or line.review_id.date_end
            activity = line.activity_id
            if activity.user_id != line.user_id or activity.date_deadline != deadline:
                by_values[(line.user_id.id, deadline)] |= activity
        for (user_id, deadline), activities in by_values.items():
            activities.write({"user_id": user_id, "date_deadline": deadline})
        if to_create:
            # sudo: as above.
            activities = (
                self.env["mail.activity"]
                .sudo()
                .create(
                    [
                        {
                            "res_model_id": review_model,
                            "res_id": line.review_id.id,
                            "activity_type_id": todo_type.id,
                            "summary": line.env._("CASCADE: %(item)s", item=line.name),
                            "note": line.description,
                            "user_id": line.user_id.id,
                            "date_deadline": line.deadline or line.review_id.date_end,
                        }
                        for line in in_readers_lang(to_create, lambda l: l.user_id)
                    ]
                )
            )
            for line, activity in zip(to_create, activities, strict=True):
                line.activity_id = activity
