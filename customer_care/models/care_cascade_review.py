from collections import defaultdict

from babel.dates import format_skeleton

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import date_utils, float_round
from odoo.tools.misc import babel_locale_parse, format_date, get_lang

# Fields that may still change on a closed review: reopening it, the chatter.
CLOSED_REVIEW_WRITABLE = {"state", "message_main_attachment_id"}
OPEN_STATUSES = ("todo", "in_progress")


class CareCascadeReview(models.Model):
    """The CASCADE checklist of one sales team for one period."""

    _name = "care.cascade.review"
    _description = "CASCADE Review"
    _inherit = ["mail.thread", "mail.activity.mixin", "care.action.fields.mixin"]
    _order = "date_start desc, team_id, id desc"
    _check_company_auto = True
    # Start, Close, Reopen and Back to Draft move the review along.
    _care_action_fields = ("state", "date_closed")
    _rec_names_search = ["team_id.name"]

    # Not stored: read in the reader's language and date format.
    name = fields.Char(compute="_compute_name", search="_search_name")
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible Manager",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    date_start = fields.Date(
        string="Period Start",
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )
    date_end = fields.Date(string="Period End", required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("in_progress", "In Progress"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
        group_expand=True,
    )
    previous_review_id = fields.Many2one(
        "care.cascade.review",
        compute="_compute_previous_review_id",
        store=True,
        readonly=False,
        check_company=True,
        help="Starting from the previous review carries over its open lines.",
    )
    line_ids = fields.One2many(
        "care.cascade.review.line", "review_id", string="Checklist", copy=False
    )
    line_count = fields.Integer(compute="_compute_line_stats", string="Lines")
    late_line_count = fields.Integer(compute="_compute_line_stats", string="Late Lines")
    open_line_count = fields.Integer(compute="_compute_line_stats", string="Open Lines")
    progress = fields.Float(
        compute="_compute_progress",
        store=True,
        aggregator="avg",
        digits=(16, 1),
        help="Weighted share of the applicable lines that are done.",
    )
    excellence_reached = fields.Boolean(
        compute="_compute_progress",
        store=True,
        help="Every element of the review, Excellence aside, reached the threshold "
        "set in the settings.",
    )
    element_progress = fields.Json(compute="_compute_element_progress")
    note = fields.Html(string="Conclusions")
    date_closed = fields.Date(readonly=True, copy=False)
    color = fields.Integer()

    @api.depends("team_id.name", "date_start", "date_end")
    @api.depends_context("lang")
    def _compute_name(self):
        for review in self:
            team, period = review.team_id.name, review._care_period_label()
            if team and period:
                review.name = _("%(team)s, %(period)s", team=team, period=period)
            else:
                review.name = team or period or _("New Review")

    @api.depends_context("lang")
    def _compute_display_name(self):
        # The name is not translatable, yet it follows the reader's language.
        return super()._compute_display_name()

    def _search_name(self, operator, value):
        """The name is the team's and the period's: search on the team."""
        negative = operator in expression.NEGATIVE_TERM_OPERATORS
        if negative:
            operator = expression.TERM_OPERATORS_NEGATION[operator]
        domain = [("team_id.name", operator, value)]
        return ["!", *domain] if negative else domain

    def _care_period_label(self):
        """The period in the reader's language: the month when it is a whole
        calendar month, else its first and last days."""
        self.ensure_one()
        start, end = self.date_start, self.date_end
        if not start or not end:
            return ""
        if start.day == 1 and end == date_utils.end_of(start, "month"):
            locale = babel_locale_parse(get_lang(self.env).code)
            return format_skeleton("yMMMM", start, locale=locale)
        return f"{format_date(self.env, start)} - {format_date(self.env, end)}"

    @api.depends("team_id")
    def _compute_company_id(self):
        for review in self:
            review.company_id = (
                review.team_id.company_id or review.company_id or self.env.company
            )

    @api.depends("team_id", "date_start")
    def _compute_previous_review_id(self):
        dated = self.filtered(lambda r: r.team_id and r.date_start)
        (self - dated).previous_review_id = False
        if not dated:
            return
        # One query for the batch: the earlier reviews of the same teams.
        earlier = self.search(
            [
                ("team_id", "in", dated.team_id.ids),
                ("date_start", "<", max(dated.mapped("date_start"))),
            ],
            order="date_start desc, id desc",
        )
        for review in dated:
            review.previous_review_id = next(
                (
                    other
                    for other in earlier
                    if other.team_id == review.team_id
                    and other.date_start < review.date_start
                    and other != review._origin
                ),
                False,
            )

    def _care_line_weights(self):
        """{review id: {element: [applicable weight, done weight]}}, one query."""
        stats = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
        if not self.ids:
            return stats
        # Progress belongs to the review: count every line, also those the current
        # user may not read (a stored compute runs in the env of whoever writes).
        groups = (
            self.env["care.cascade.review.line"]
            .sudo()
            ._read_group(
                [("review_id", "in", self.ids), ("status", "!=", "na")],
                ["review_id", "element_id", "status"],
                ["weight:sum"],
            )
        )
        for review, element, status, weight in groups:
            stats[review.id][element][0] += weight
            if status == "done":
                stats[review.id][element][1] += weight
        return stats

    @staticmethod
    def _care_percent(applicable, done):
        return float_round(100.0 * done / applicable, 1) if applicable else 0.0

    @api.depends(
        "line_ids.status",
        "line_ids.weight",
        "line_ids.element_id",
        "company_id.care_excellence_threshold",
    )
    def _compute_progress(self):
        stats = self._origin._care_line_weights()
        for review in self:
            elements = stats.get(review._origin.id, {})
            applicable = sum(weights[0] for weights in elements.values())
            done = sum(weights[1] for weights in elements.values())
            review.progress = self._care_percent(applicable, done)
            threshold = review.company_id.care_excellence_threshold
            # Elements with no applicable line are left out (see README).
            others = [
                self._care_percent(*weights)
                for element, weights in elements.items()
                if not element.is_result
            ]
            review.excellence_reached = bool(others) and all(
                progress >= threshold for progress in others
            )

    @api.depends("line_ids.status", "line_ids.weight", "line_ids.element_id")
    @api.depends_context("lang")
    def _compute_element_progress(self):
        stats = self._origin._care_line_weights()
        elements_by_review = defaultdict(set)
        # sudo: as for the weights, every line of the review counts.
        for review, element in (
            self.env["care.cascade.review.line"]
            .sudo()
            ._read_group(
                [("review_id", "in", self._origin.ids)], ["review_id", "element_id"]
            )
        ):
            elements_by_review[review.id].add(element)
        for review in self:
            threshold = review.company_id.care_excellence_threshold
            weights = stats.get(review._origin.id, {})
            elements = self.env["care.cascade.element"].union(
                *elements_by_review.get(review._origin.id, ())
            )
            review.element_progress = [
                {
                    "id": element.id,
                    "name": element.name,
                    "letter": element.letter,
                    "color": element.color,
                    "applicable": element in weights,
                    "progress": self._care_percent(*weights[element])
                    if element in weights
                    else 0.0,
                    "reached": element in weights
                    and self._care_percent(*weights[element]) >= threshold,
                }
                for element in elements.sorted(lambda e: (e.sequence, e.id))
            ]

    def _compute_line_stats(self):
        # sudo: the counts cover every line, also those the user cannot read.
        Line = self.env["care.cascade.review.line"].sudo()
        counts = defaultdict(lambda: [0, 0, 0])
        for review, status, count in Line._read_group(
            [("review_id", "in", self.ids)], ["review_id", "status"], ["__count"]
        ):
            counts[review.id][0] += count
            if status in OPEN_STATUSES:
                counts[review.id][2] += count
        for review, count in Line._read_group(
            [("review_id", "in", self.ids), ("is_late", "=", True)],
            ["review_id"],
            ["__count"],
        ):
            counts[review.id][1] = count
        for review in self:
            stats = counts[review.id]
            review.line_count, review.late_line_count, review.open_line_count = stats

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for review in self:
            if review.date_end < review.date_start:
                raise ValidationError(
                    _(
                        "The period of %(review)s ends (%(end)s) before it starts "
                        "(%(start)s).",
                        review=review.display_name,
                        end=review.date_end,
                        start=review.date_start,
                    )
                )

    @api.constrains("team_id", "date_start", "date_end", "state")
    def _check_overlap(self):
        open_reviews = self.filtered(lambda r: r.state != "done")
        if not open_reviews:
            return
        # One query for the batch: every open review of the same teams, also those
        # the current user cannot read.
        candidates = self.sudo().search(
            [
                ("team_id", "in", open_reviews.team_id.ids),
                ("state", "!=", "done"),
                ("date_start", "<=", max(open_reviews.mapped("date_end"))),
                ("date_end", ">=", min(open_reviews.mapped("date_start"))),
            ]
        )
        for review in open_reviews:
            clash = candidates.filtered(
                lambda other, review=review: (
                    other != review
                    and other.team_id == review.team_id
                    and other.date_start <= review.date_end
                    and other.date_end >= review.date_start
                )
            )
            if clash:
                raise ValidationError(
                    _(
                        "%(team)s already has an open review for an overlapping "
                        "period: %(other)s. Close it or change the dates.",
                        team=review.team_id.name,
                        other=clash[0].display_name,
                    )
                )

    @api.constrains("previous_review_id")
    def _check_previous_review(self):
        for review in self:
            previous = review.previous_review_id
            if previous and (
                previous == review
                or previous.team_id != review.team_id
                or previous.date_start >= review.date_start
            ):
                raise ValidationError(
                    _(
                        "The previous review of %(review)s must be an earlier review "
                        "of the same team.",
                        review=review.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        corrected = self._care_check_action_fields(vals_list, creating=True)
        reviews = super().create(vals_list)
        reviews._care_check_team_access()
        reviews._care_log_corrections(corrected)
        return reviews

    def write(self, vals):
        corrected = self._care_check_action_fields([vals])
        if set(vals) - CLOSED_REVIEW_WRITABLE:
            self._care_check_not_closed()
        result = super().write(vals)
        if "team_id" in vals:
            self._care_check_team_access()
        self._care_log_corrections(corrected)
        return result

    def _care_check_team_access(self):
        """Managers start reviews for the teams they lead or belong to; the record
        rules alone would also let them name themselves responsible of any team."""
        if self.env.su or self.env.user.has_group("customer_care.group_care_admin"):
            return
        user = self.env.user
        foreign = self.filtered(
            lambda r: r.team_id.user_id != user and user not in r.team_id.member_ids
        )
        if foreign:
            raise AccessError(
                _(
                    "You can only run the reviews of your own teams, not of %(teams)s.",
                    teams=", ".join(foreign.team_id.mapped("name")),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        started = self.filtered(lambda r: r.state != "draft")
        if started:
            raise UserError(
                _(
                    "Only draft reviews can be deleted: %(reviews)s has started.",
                    reviews=", ".join(started.mapped("display_name")),
                )
            )

    def _care_check_not_closed(self):
        closed = self.filtered(lambda r: r.state == "done")
        if closed:
            raise UserError(
                _(
                    "%(reviews)s is closed: reopen it to change it.",
                    reviews=", ".join(closed.mapped("display_name")),
                )
            )

    def action_start(self):
        """Copy the active checklist items into lines and start the reviews."""
        self._care_check_state("draft", _("Only draft reviews can be started."))
        self.env["care.cascade.review.line"].create(self._care_fresh_line_vals())
        self._care_action().write({"state": "in_progress"})
        self.line_ids._care_evaluate_indicators()
        self.line_ids._care_sync_activities()
        return True

    def action_refresh_indicators(self):
        """Evaluate the measured lines again on the team's latest records."""
        self._care_check_state(
            "in_progress", _("The figures of reviews in progress only are refreshed.")
        )
        self.line_ids._care_evaluate_indicators()
        return True

    def _care_fresh_line_vals(self, skip_items=None):
        """Values of a to-do line for each active item that applies to each review
        and is not in it yet (nor in ``skip_items``, {review: items})."""
        items = self.env["care.cascade.item"].search([("element_id.active", "=", True)])
        skip_items = skip_items or {}
        return [
            {"review_id": review.id, "item_id": item.id}
            for review in self
            for item in items._care_applies_to(review)
            - review.line_ids.item_id
            - skip_items.get(review, items.browse())
        ]

    def action_start_from_previous(self):
        """Carry over the previous review's open lines, add every other item that
        applies as a to-do line, then start."""
        self._care_check_state("draft", _("Only draft reviews can be started."))
        missing = self.filtered(lambda r: not r.previous_review_id)
        if missing:
            raise UserError(
                _(
                    "%(reviews)s has no previous review to start from.",
                    reviews=", ".join(missing.mapped("display_name")),
                )
            )
        carried_vals, carried_items = self._care_carried_line_vals()
        Line = self.env["care.cascade.review.line"]
        # The weights of carried lines are copied from the previous review.
        Line._care_action().create(carried_vals)
        Line.create(self._care_fresh_line_vals(carried_items))
        self._care_action().write({"state": "in_progress"})
        self.line_ids._care_evaluate_indicators()
        self.line_ids._care_sync_activities()
        return True

    def _care_carried_line_vals(self):
        """The values of the previous reviews' open lines in self, and the items
        they carry over, {review: items}."""
        vals_list = []
        carried = defaultdict(lambda: self.env["care.cascade.item"])
        for review in self:
            existing = review.line_ids.item_id
            for line in review.previous_review_id.line_ids:
                if line.status not in OPEN_STATUSES or line.item_id in existing:
                    continue
                carried[review] |= line.item_id
                vals_list.append(
                    {
                        "review_id": review.id,
                        "item_id": line.item_id.id,
                        "weight": line.weight,
                        "status": line.status,
                        "user_id": line.user_id.id,
                        "evidence_written": line.evidence_written,
                        "deadline": max(line.deadline, review.date_start)
                        if line.deadline
                        else False,
                    }
                )
        return vals_list, carried

    def action_close(self):
        self._care_check_state(
            "in_progress", _("Only reviews in progress can be closed.")
        )
        # The figures as they stand when the review closes.
        self.line_ids._care_evaluate_indicators()
        self._care_action().write(
            {"state": "done", "date_closed": fields.Date.context_today(self)}
        )
        # Open lines' reminders end with the review.
        # sudo: the reminders are their responsibles'; the close was allowed by the
        # write above.
        self.line_ids.activity_id.sudo().unlink()
        self.line_ids.invalidate_recordset(["activity_id"])
        return True

    def action_reopen(self):
        self._care_check_state("done", _("Only closed reviews can be reopened."))
        self._care_action().write({"state": "in_progress"})
        self.line_ids._care_sync_activities()
        return True

    def action_reset_draft(self):
        self._care_check_state(
            "in_progress", _("Only reviews in progress go back to draft.")
        )
        # sudo: as when closing; _care_check_state checked write access.
        self.line_ids.activity_id.sudo().unlink()
        self.line_ids.unlink()
        self._care_action().write({"state": "draft"})
        return True

    def _care_check_state(self, state, message):
        """Refuse before any line is made or evaluated; the buttons' writes are
        checked again by the ORM."""
        self.check_access("write")
        if any(review.state != state for review in self):
            raise UserError(message)

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_care.care_cascade_review_line_action"
        )
        action["domain"] = [("review_id", "=", self.id)]
        action["context"] = {"search_default_group_element": 1}
        return action
