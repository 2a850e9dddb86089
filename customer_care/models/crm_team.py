import json
from collections import defaultdict
from datetime import timedelta

from babel.dates import format_date
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.tools.misc import babel_locale_parse

# The overview's graph: complaints received in the last 12 months.
GRAPH_MONTHS = 12


class CrmTeam(models.Model):
    """Each sales team may receive complaints on an address of its own (Odoo's
    aliases), besides the one that makes leads."""

    _inherit = "crm.team"

    care_complaint_alias_id = fields.Many2one(
        "mail.alias",
        string="Complaint Alias",
        copy=False,
        ondelete="restrict",
        groups="customer_care.group_care_user",
    )
    care_complaint_alias_name = fields.Char(
        string="Complaint E-mail",
        compute="_compute_care_complaint_alias_name",
        inverse="_inverse_care_complaint_alias_name",
        groups="customer_care.group_care_user",
        help="E-mails to this address open a complaint for the team; replies are "
        "threaded into it.",
    )
    care_complaint_alias_domain = fields.Char(
        related="care_complaint_alias_id.alias_domain",
        groups="customer_care.group_care_user",
    )
    care_resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        check_company=True,
        groups="customer_care.group_care_user",
        help="The hours the team's service deadlines are counted in, public "
        "holidays left out; empty: the company's working hours.",
    )
    care_assignment_method = fields.Selection(
        [
            ("manual", "Manually"),
            ("round_robin", "Each in Turn"),
            ("balanced", "Fewest Open Complaints"),
        ],
        string="Complaint Assignment",
        default="balanced",
        required=True,
        groups="customer_care.group_care_user",
        help="Who takes a complaint that arrives by e-mail or from the portal for "
        "the team, when the customer's own salesperson cannot: manually, nobody "
        "(the team's leader assigns it); each in turn, the members one after the "
        "other; fewest open complaints, the member with the fewest. Members away "
        "(no working time today, archived, outside Customer Care) are skipped.",
    )
    care_last_assigned_id = fields.Many2one(
        "res.users",
        string="Last Assigned",
        readonly=True,
        copy=False,
        groups="customer_care.group_care_manager",
        help="The member who took the team's last complaint assigned in turn.",
    )
    care_complaint_count = fields.Integer(
        string="Open Complaints",
        compute="_compute_care_complaint_count",
        groups="customer_care.group_care_user",
    )

    care_complaint_satisfaction = fields.Integer(
        string="Complaint Satisfaction",
        compute="_compute_care_complaint_satisfaction",
        groups="customer_care.group_care_user",
        help="Share of satisfied answers to the rating requests sent when the team's "
        "complaints closed (-1: no answer yet).",
    )

    @api.depends("care_complaint_alias_id.alias_name")
    def _compute_care_complaint_alias_name(self):
        for team in self:
            team.care_complaint_alias_name = team.care_complaint_alias_id.alias_name

    def _inverse_care_complaint_alias_name(self):
        # Whoever may edit the team (its write access is checked) sets its alias.
        for team in self:
            name = team.care_complaint_alias_name
            if team.care_complaint_alias_id:
                team.care_complaint_alias_id.sudo().alias_name = name
            elif name:
                team.sudo().care_complaint_alias_id = (
                    self.env["mail.alias"].sudo().create(team._care_alias_values(name))
                )

    def _care_next_assignee(self, company):
        """The member who takes the team's next complaint of ``company`` by the
        team's method; nobody when the method is manual or nobody is present."""
        self.ensure_one()
        if self.care_assignment_method == "manual":
            return self.env["res.users"]
        members = self.member_ids._care_available_today(company).sorted("id")
        if not members:
            return members
        if self.care_assignment_method == "round_robin":
            # sudo: the team's turn is the system's, moved by an allowed arrival.
            last = self.sudo().care_last_assigned_id
            user = members.filtered(lambda u: u.id > last.id)[:1] or members[0]
            self.sudo().care_last_assigned_id = user
            return user
        # sudo: the open complaints of every member are counted, whoever files.
        load = dict(
            self.env["care.complaint"]
            .sudo()
            ._read_group(
                [
                    ("state", "=", "open"),
                    ("company_id", "=", company.id),
                    ("user_id", "in", members.ids),
                ],
                ["user_id"],
                ["__count"],
            )
        )
        return min(members, key=lambda u: (load.get(u, 0), u.id))

    def _care_alias_values(self, name):
        return {
            "alias_name": name,
            "alias_model_id": self.env["ir.model"]._get_id("care.complaint"),
            "alias_parent_model_id": self.env["ir.model"]._get_id("crm.team"),
            "alias_parent_thread_id": self.id,
            "alias_defaults": repr(
                {
                    "team_id": self.id,
                    "company_id": self.company_id.id or self.env.company.id,
                    "channel": "email",
                }
            ),
            "alias_contact": "everyone",
            "alias_domain_id": (self.company_id or self.env.company).alias_domain_id.id,
        }

    def _compute_care_complaint_count(self):
        counts = dict(
            self.env["care.complaint"]._read_group(
                [("team_id", "in", self.ids), ("state", "=", "open")],
                ["team_id"],
                ["__count"],
            )
        )
        for team in self:
            team.care_complaint_count = counts.get(team, 0)

    def _compute_care_complaint_satisfaction(self):
        """Odoo's rating figures of the complaints, per team (the rating's
        parent is the complaint's team)."""
        # sudo: ratings are the rating app's; the figure counts all the team's
        # complaints.
        groups = (
            self.env["rating.rating"]
            .sudo()
            ._read_group(
                [
                    ("res_model", "=", "care.complaint"),
                    ("parent_res_model", "=", "crm.team"),
                    ("parent_res_id", "in", self.ids),
                    ("consumed", "=", True),
                ],
                ["parent_res_id", "rating_text"],
                ["__count"],
            )
        )
        counts = {}
        for team_id, text, count in groups:
            total, happy = counts.get(team_id, (0, 0))
            counts[team_id] = (total + count, happy + (count if text == "top" else 0))
        for team in self:
            total, happy = counts.get(team.id, (0, 0))
            team.care_complaint_satisfaction = (
                round(100 * happy / total) if total else -1
            )

    def write(self, vals):
        result = super().write(vals)
        if "company_id" in vals:
            # The message checks cache each team's company.
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        # sudo: aliases are configuration; super().unlink() checks the right to delete
        # the teams first, and its refusal undoes this.
        aliases = self.sudo().care_complaint_alias_id
        result = super().unlink()
        aliases.unlink()
        return result

    def action_care_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_care.care_complaint_action"
        )
        action["domain"] = [("team_id", "=", self.id)]
        action["context"] = {"default_team_id": self.id, "search_default_open": 1}
        return action

    # ------------------------------------------------------------------
    # Customer Care Overview: the counters of the team dashboard
    # ------------------------------------------------------------------

    care_action_overdue_count = fields.Integer(
        string="Overdue Loyalty Actions",
        compute="_compute_care_overview",
        groups="customer_care.group_care_user",
    )
    care_action_week_count = fields.Integer(
        string="Loyalty Actions Due This Week",
        compute="_compute_care_overview",
        groups="customer_care.group_care_user",
    )
    care_birthday_count = fields.Integer(
        string="Birthdays in 7 Days",
        compute="_compute_care_overview",
        groups="customer_care.group_care_user",
    )
    care_commission_count = fields.Integer(
        string="Commissions to Approve",
        compute="_compute_care_overview",
        groups="customer_care.group_care_user",
    )
    care_commission_amount = fields.Monetary(
        string="Commissions to Approve (Amount)",
        compute="_compute_care_overview",
        currency_field="care_currency_id",
        groups="customer_care.group_care_user",
    )
    # A team without a company counts in the current company's currency.
    care_currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_care_currency_id",
        groups="customer_care.group_care_user",
    )
    care_complaint_late_count = fields.Integer(
        string="Late Complaints",
        compute="_compute_care_overview",
        groups="customer_care.group_care_user",
    )
    care_compensation_count = fields.Integer(
        string="Compensation to Approve",
        compute="_compute_care_overview",
        groups="customer_care.group_care_user",
    )
    care_review_id = fields.Many2one(
        "care.cascade.review",
        string="Current CASCADE Review",
        compute="_compute_care_overview",
        groups="customer_care.group_care_user",
    )
    care_review_element_progress = fields.Json(
        compute="_compute_care_overview", groups="customer_care.group_care_user"
    )
    care_pending_ack_user_ids = fields.Many2many(
        "res.users",
        string="Standards Not Acknowledged By",
        compute="_compute_care_overview",
        groups="customer_care.group_care_user",
    )
    care_dashboard_graph_data = fields.Text(
        compute="_compute_care_dashboard_graph",
        groups="customer_care.group_care_user",
    )

    @api.depends("company_id")
    @api.depends_context("company")
    def _compute_care_currency_id(self):
        for team in self:
            team.care_currency_id = (team.company_id or self.env.company).currency_id

    def _care_member_users(self):
        """The team's members and leader: the counters count their work."""
        self.ensure_one()
        return self.member_ids | self.user_id

    def _care_counter_domains(self, users):
        """{counter: domain} of the counters over the work of ``users``: a counter
        and the records its button opens use the same domain."""
        today = fields.Date.context_today(self)
        planned = [("state", "=", "planned"), ("user_id", "in", users.ids)]
        return {
            "care_action_overdue_count": [
                ("user_id", "in", users.ids),
                *self.env["care.loyalty.action"]._care_overdue_domain(),
            ],
            "care_action_week_count": planned
            + [
                ("planned_date", ">=", today),
                ("planned_date", "<", today + timedelta(days=7)),
            ],
            "care_birthday_count": [
                ("user_id", "in", users.ids),
                ("care_birthday_soon", "=", True),
            ],
            "care_commission_count": [
                ("approval_state", "=", "draft"),
                ("referrer_id.user_id", "in", users.ids),
            ],
        }

    def _compute_care_overview(self):
        members = {team: team._care_member_users() for team in self}
        all_users = self.env["res.users"].union(*members.values())
        per_user = self._care_user_counts(all_users)
        per_team = self._care_team_counts()
        pending = self._care_pending_ack_users(all_users)
        for team in self:
            users = members[team]
            for field, counts in per_user.items():
                team[field] = sum(counts.get(user.id, 0) for user in users)
            for field, counts in per_team.items():
                team[field] = counts.get(team.id, 0)
            team.care_pending_ack_user_ids = users & pending
        reviews = self._care_current_reviews()
        for team in self:
            review = reviews.get(team.id, self.env["care.cascade.review"])
            team.care_review_id = review
            team.care_review_element_progress = review.element_progress or []

    def _care_user_counts(self, users):
        """{field: {user id: figure}} of what the team members are responsible for,
        each figure read with the reader's own rights."""
        domains = self._care_counter_domains(users)
        result = {}
        for field, model in (
            ("care_action_overdue_count", "care.loyalty.action"),
            ("care_action_week_count", "care.loyalty.action"),
            ("care_birthday_count", "res.partner"),
        ):
            result[field] = {
                user.id: count
                for user, count in self.env[model]._read_group(
                    domains[field], ["user_id"], ["__count"]
                )
            }
        result.update(self._care_commission_counts(domains["care_commission_count"]))
        return result

    def _care_commission_counts(self, domain):
        """Commissions to approve per salesperson of the referrer, for the readers
        who may see commissions."""
        Commission = self.env["care.referral.commission"]
        if not Commission.has_access("read"):
            return {}
        counts, amounts = defaultdict(int), defaultdict(float)
        for referrer, count, amount in Commission._read_group(
            domain,
            ["referrer_id"],
            ["__count", "amount:sum"],
        ):
            counts[referrer.user_id.id] += count
            amounts[referrer.user_id.id] += amount
        return {"care_commission_count": counts, "care_commission_amount": amounts}

    def _care_team_counts(self):
        """{field: {team id: figure}} of the complaints, which have a team."""
        Complaint = self.env["care.complaint"]
        late = Complaint._read_group(
            [("team_id", "in", self.ids), ("is_late", "=", True)],
            ["team_id"],
            ["__count"],
        )
        compensations = defaultdict(int)
        for complaint, count in self.env["care.complaint.compensation"]._read_group(
            [("complaint_id.team_id", "in", self.ids), ("state", "=", "to_approve")],
            ["complaint_id"],
            ["__count"],
        ):
            compensations[complaint.team_id.id] += count
        return {
            "care_complaint_late_count": {team.id: n for team, n in late},
            "care_compensation_count": compensations,
        }

    def _care_pending_ack_users(self, users):
        """The users among ``users`` who have a standard left to acknowledge."""
        Standard = self.env["care.service.standard"]
        pending = Standard.search([])._care_pending_users(users)
        return self.env["res.users"].union(*pending.values())

    def _care_current_reviews(self):
        """{team id: the review it works on}: the latest one in progress, else the
        latest one done."""
        reviews = self.env["care.cascade.review"].search(
            [("team_id", "in", self.ids), ("state", "in", ("in_progress", "done"))],
            order="date_start desc, id desc",
        )
        current = {}
        for review in reviews:
            best = current.get(review.team_id.id)
            if not best or (best.state == "done" and review.state == "in_progress"):
                current[review.team_id.id] = review
        return current

    @api.depends_context("lang", "tz")
    def _compute_care_dashboard_graph(self):
        today = fields.Date.context_today(self)
        first = today.replace(day=1) - relativedelta(months=GRAPH_MONTHS - 1)
        months = [first + relativedelta(months=n) for n in range(GRAPH_MONTHS)]
        counts = {
            (team.id, fields.Date.to_date(month)): count
            for team, month, count in self.env["care.complaint"]._read_group(
                [("team_id", "in", self.ids), ("date_received", ">=", first)],
                ["team_id", "date_received:month"],
                ["__count"],
            )
        }
        locale = babel_locale_parse(self.env.lang or "en_US")
        labels = [format_date(month, "MMM yy", locale=locale) for month in months]
        for team in self:
            values = [
                {
                    "label": label,
                    "value": counts.get((team.id, month), 0),
                    "type": "future" if month == months[-1] else "past",
                }
                for label, month in zip(labels, months, strict=True)
            ]
            team.care_dashboard_graph_data = json.dumps(
                [
                    {
                        "values": values,
                        "area": True,
                        "title": "",
                        "key": _("Complaints received"),
                        "color": "#7c7bad",
                    }
                ]
            )

    # ------------------------------------------------------------------
    # Overview buttons: each counter opens the records it counts
    # ------------------------------------------------------------------

    def _care_open(self, xmlid, domain, context=None):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain
        action["context"] = context or {}
        action["display_name"] = _(
            "%(what)s (%(team)s)", what=action["name"], team=self.display_name
        )
        return action

    def _care_open_counter(self, xmlid, counter):
        domain = self._care_counter_domains(self._care_member_users())[counter]
        return self._care_open(xmlid, domain)

    def _care_open_actions(self, counter):
        self.ensure_one()
        domain = self._care_counter_domains(self._care_member_users())[counter]
        action = self.env["care.loyalty.action"]._care_action_for(domain)
        action["display_name"] = _(
            "%(what)s (%(team)s)", what=action["name"], team=self.display_name
        )
        return action

    def action_care_overdue_actions(self):
        return self._care_open_actions("care_action_overdue_count")

    def action_care_week_actions(self):
        return self._care_open_actions("care_action_week_count")

    def action_care_birthdays(self):
        return self._care_open_counter(
            "customer_care.res_partner_action_customers", "care_birthday_count"
        )

    def action_care_commissions(self):
        return self._care_open_counter(
            "customer_care.care_referral_commission_action", "care_commission_count"
        )

    def action_care_late_complaints(self):
        return self._care_open(
            "customer_care.care_complaint_action",
            [("team_id", "=", self.id), ("is_late", "=", True)],
            {"default_team_id": self.id},
        )

    def action_care_compensations(self):
        return self._care_open(
            "customer_care.care_complaint_compensation_action",
            [("complaint_id.team_id", "=", self.id), ("state", "=", "to_approve")],
        )

    def action_care_review(self):
        self.ensure_one()
        if not self.care_review_id:
            return self._care_open(
                "customer_care.care_cascade_review_action",
                [("team_id", "=", self.id)],
                {"default_team_id": self.id},
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "care.cascade.review",
            "res_id": self.care_review_id.id,
            "views": [(False, "form")],
        }

    def action_care_standards(self):
        return self._care_open("customer_care.care_service_standard_action", [])
