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
# A standard's row is one per user and stands for an acknowledgement not yet
# made: its source is the pair (standard, user), packed into the 29 bits above
# the kind, the user's id in the low USER_ID_BITS, the standard's above them.
# Standards are few (a company's rules, revised as new versions of the same
# record), users many (portal users take user ids too): standard ids up to
# STANDARD_ID_LIMIT - 1 = 1,023 and user ids up to USER_ID_LIMIT - 1 = 524,287
# give at most ((1023 << 19) + 524287) * 4 + 3 = 2**31 - 1. A pair beyond these
# bounds keeps a distinct, stable id, above 2**31 (it never meets a packed one):
# My Day still works in the web client, not over XML-RPC.
USER_ID_BITS = 19
USER_ID_LIMIT = 1 << USER_ID_BITS
STANDARD_ID_LIMIT = 1 << (31 - 2 - USER_ID_BITS)
OUT_OF_BOUNDS_SPAN = 10**9


class CareMyDay(models.Model):
    """What one person has to do: their planned loyalty actions, open checklist
    lines and open complaints, and the standards they have not acknowledged.
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
    standard_id = fields.Many2one("care.service.standard", readonly=True)
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
                   NULL::int AS complaint_id, NULL::int AS standard_id
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
            SELECT CASE WHEN s.id < %(standard_limit)s AND u.id < %(user_limit)s
                        THEN (s.id::bigint * %(user_limit)s + u.id) * %(kinds)s + 3
                        ELSE (s.id::bigint * %(span)s + u.id) * %(kinds)s + 3
                   END, 'standard', 3,
                   NULL, u.id, COALESCE(s.company_id, u.company_id), NULL, NULL, NULL,
                   NULL, s.id
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
            """,
            kinds=kinds,
            standard_limit=STANDARD_ID_LIMIT,
            user_limit=USER_ID_LIMIT,
            span=OUT_OF_BOUNDS_SPAN,
            group=self.env.ref("customer_care.group_care_user").id,
        )

    def _care_source(self):
        self.ensure_one()
        return (
            self.loyalty_action_id
            or self.review_line_id
            or self.complaint_id
            or self.standard_id
        )

    @api.depends_context("lang")
    def _compute_name(self):
        for work in self:
            source = work._care_source()
            if work.kind == "line":
                work.name = _(
                    "%(item)s (%(review)s)",
                    item=source.name,
                    review=source.review_id.display_name,
                )
            else:
                work.name = source.display_name

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
        if any(work.kind != "standard" for work in self):
            raise UserError(_("Only service standards are acknowledged."))
        return self.standard_id.action_acknowledge()
