from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# Work kinds, in the order of My Day's columns. The row id is the source id times
# the number of kinds plus the kind's index (the kind in the two low bits), so that
# ids stay stable and distinct, and fit the 32-bit integers of XML-RPC: loyalty
# actions, checklist lines and complaints up to 2**29 - 1 (536 million) each.
WORK_KINDS = [
    ("loyalty", "Loyalty Actions"),
    ("line", "Checklist Lines"),
    ("complaint", "Complaints"),
    ("standard", "Standards to Acknowledge"),
]
# The standards not yet acknowledged are one row per person and company (the
# standard's company, or the person's own for a shared standard): "3 service
# standards to read", acknowledged all at once. Its source is the pair (user,
# company), packed into the 29 bits above the kind, the company's id in the low
# COMPANY_ID_BITS, the user's above them: user ids up to USER_ID_LIMIT - 1 =
# 2,097,151 (portal users take user ids too) and company ids up to
# COMPANY_ID_LIMIT - 1 = 255 give at most ((2**21 - 1) * 256 + 255) * 4 + 3 =
# 2**31 - 1. A pair beyond these bounds keeps a distinct, stable id, above 2**31
# (it never meets a packed one): My Day still works in the web client, not over
# XML-RPC.
COMPANY_ID_BITS = 8
COMPANY_ID_LIMIT = 1 << COMPANY_ID_BITS
USER_ID_LIMIT = 1 << (31 - 2 - COMPANY_ID_BITS)
OUT_OF_BOUNDS_SPAN = 10**9


class CareMyDay(models.Model):
    """What one person has to do: their planned loyalty actions, open checklist
    lines and open complaints, and the standards they have not acknowledged (one
    row for all of them in a company).
    A read-only SQL view; each row's buttons act on the record it stands for,
    with the reader's own rights."""

    _name = "care.my.day"
    _description = "My Day"
    _auto = False
    _order = "date, kind_sequence, id"
    _rec_name = "name"
    # Flushed before each search: the view reads these tables.
    _depends = {
        "care.loyalty.action": [
            "state",
            "planned_date",
            "user_id",
            "company_id",
            "partner_id",
        ],
        "care.cascade.review.line": [
            "status",
            "review_state",
            "deadline",
            "user_id",
            "company_id",
        ],
        "care.complaint": [
            "state",
            "care_due_date",
            "care_deadline_breached",
            "date_resolved",
            "user_id",
            "company_id",
            "partner_id",
        ],
        "care.service.standard": ["active", "company_id"],
        "care.service.standard.ack": ["standard_id", "user_id", "is_current"],
        "res.users": ["active", "share", "company_id", "company_ids", "groups_id"],
    }

    kind = fields.Selection(WORK_KINDS, readonly=True, group_expand=True)
    kind_sequence = fields.Integer(readonly=True)
    name = fields.Char(compute="_compute_name")
    date = fields.Date(
        string="Due",
        readonly=True,
        help="Loyalty action: its planned date; checklist line: its deadline; "
        "complaint: the day it falls due (its earliest deadline not yet reached, "
        "or the company's delay), until it is resolved.",
    )
    is_overdue = fields.Boolean(string="Overdue", compute="_compute_is_overdue")
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    loyalty_action_id = fields.Many2one("care.loyalty.action", readonly=True)
    review_line_id = fields.Many2one("care.cascade.review.line", readonly=True)
    complaint_id = fields.Many2one("care.complaint", readonly=True)
    standard_count = fields.Integer(string="Standards to Read", readonly=True)
    channel = fields.Selection(related="loyalty_action_id.channel")
    color = fields.Integer(compute="_compute_color")

    @property
    def _table_query(self):
        kinds = len(WORK_KINDS)
        return SQL(
            """
            SELECT a.id::bigint * %(kinds)s AS id, 'loyalty' AS kind,
                   0 AS kind_sequence,
                   a.planned_date AS date, a.user_id, a.company_id, a.partner_id,
                   a.id AS loyalty_action_id, NULL::int AS review_line_id,
                   NULL::int AS complaint_id, NULL::int AS standard_count
              FROM care_loyalty_action a
             WHERE a.state = 'planned' AND a.user_id IS NOT NULL
            UNION ALL
            SELECT l.id::bigint * %(kinds)s + 1, 'line', 1, l.deadline, l.user_id,
                   l.company_id, NULL, NULL, l.id, NULL, NULL
              FROM care_cascade_review_line l
             WHERE l.status IN ('todo', 'in_progress')
               AND l.review_state = 'in_progress'
               AND l.user_id IS NOT NULL
            UNION ALL
            SELECT c.id::bigint * %(kinds)s + 2, 'complaint', 2,
                   CASE WHEN c.date_resolved IS NULL THEN c.care_due_date::date END,
                   c.user_id, c.company_id, c.partner_id, NULL, NULL, c.id, NULL
              FROM care_complaint c
             WHERE c.state = 'open' AND c.user_id IS NOT NULL
            UNION ALL
            SELECT CASE WHEN p.user_id < %(user_limit)s
                         AND p.company_id < %(company_limit)s
                        THEN (p.user_id::bigint * %(company_limit)s + p.company_id)
                             * %(kinds)s + 3
                        ELSE (p.user_id::bigint * %(span)s + p.company_id)
                             * %(kinds)s + 3
                   END, 'standard', 3,
                   NULL, p.user_id, p.company_id, NULL, NULL, NULL, NULL, COUNT(*)
              FROM (
                SELECT u.id AS user_id,
                       COALESCE(s.company_id, u.company_id) AS company_id
                  FROM care_service_standard s
                  JOIN res_users u ON u.active AND NOT u.share
                  JOIN res_groups_users_rel gu ON gu.uid = u.id AND gu.gid = %(group)s
                 WHERE s.active
                   AND (s.company_id IS NULL OR EXISTS(
                           SELECT 1 FROM res_company_users_rel cu
                            WHERE cu.cid = s.company_id AND cu.user_id = u.id))
                   AND NOT EXISTS(
                           SELECT 1 FROM care_service_standard_ack k
                            WHERE k.standard_id = s.id AND k.user_id = u.id
                              AND k.is_current)
              ) p
             GROUP BY p.user_id, p.company_id
            """,
            kinds=kinds,
            company_limit=COMPANY_ID_LIMIT,
            user_limit=USER_ID_LIMIT,
            span=OUT_OF_BOUNDS_SPAN,
            group=self.env.ref("customer_care.group_care_user").id,
        )

    def _care_source(self):
        self.ensure_one()
        if self.kind == "standard":
            return self._care_standards()
        return self.loyalty_action_id or self.review_line_id or self.complaint_id

    def _care_standards(self):
        """The standards a row stands for, read with the reader's rights: those
        of its company not acknowledged yet, and the shared ones in the
        person's own company."""
        self.ensure_one()
        company_ids = [self.company_id.id]
        if self.company_id == self.user_id.company_id:
            company_ids.append(False)
        return self.env["care.service.standard"].search(
            [("acknowledged", "=", False), ("company_id", "in", company_ids)]
        )

    @api.depends_context("lang")
    def _compute_name(self):
        for work in self:
            if work.kind == "standard":
                work.name = (
                    _("A service standard to read")
                    if work.standard_count == 1
                    else _(
                        "%(count)s service standards to read",
                        count=work.standard_count,
                    )
                )
            elif work.kind == "line":
                work.name = _(
                    "%(item)s (%(review)s)",
                    item=work.review_line_id.name,
                    review=work.review_line_id.review_id.display_name,
                )
            else:
                work.name = work._care_source().display_name

    @api.depends_context("tz")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for work in self:
            # A complaint is overdue when it is late, an action when it is
            # overdue: each one's own rule.
            if work.kind == "complaint":
                work.is_overdue = work.complaint_id.is_late
            elif work.loyalty_action_id:
                work.is_overdue = work.loyalty_action_id.is_overdue
            else:
                work.is_overdue = bool(work.date and work.date < today)

    def _compute_color(self):
        for work in self:
            work.color = work.loyalty_action_id.color if work.kind == "loyalty" else 0

    def action_open(self):
        self.ensure_one()
        source = self._care_source()
        if self.kind == "standard":
            action = self.env["ir.actions.act_window"]._for_xml_id(
                "customer_care.care_service_standard_action"
            )
            action["domain"] = [("id", "in", source.ids)]
            return action
        return {
            "type": "ir.actions.act_window",
            "res_model": source._name,
            "res_id": source.id,
            "views": [(False, "form")],
            "target": "current",
        }

    def _care_loyalty_actions(self):
        if any(work.kind != "loyalty" for work in self):
            raise UserError(
                _("Only loyalty actions are sent or marked done from here.")
            )
        return self.loyalty_action_id

    def action_done(self):
        return self._care_loyalty_actions().action_done()

    def action_send(self):
        return self._care_loyalty_actions().action_send()

    def action_acknowledge(self):
        """Acknowledge all the standards of the rows at once."""
        if any(work.kind != "standard" for work in self):
            raise UserError(_("Only service standards are acknowledged."))
        standards = self.env["care.service.standard"]
        for work in self:
            standards |= work._care_standards()
        return standards.action_acknowledge()
