import uuid
from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, email_normalize, html2plaintext, is_html_empty
from odoo.tools.mimetypes import guess_mimetype

from ..tools import composer_action
from .care_complaint_step import COMPLAINT_STEPS

COMPLAINT_CHANNELS = [
    ("email", "E-mail"),
    ("phone", "Phone"),
    ("portal", "Portal"),
    ("in_person", "In Person"),
    ("chat", "Chat"),
    ("social", "Social Media"),
    ("letter", "Letter"),
]
CUSTOMER_FEELINGS = [
    ("angry", "Angry"),
    ("upset", "Upset"),
    ("disappointed", "Disappointed"),
    ("worried", "Worried"),
    ("calm", "Calm"),
]
AGREEMENTS = [
    ("accepted", "Accepted the Solution"),
    ("accepted_fair", "Accepted What They Consider Fair"),
    ("refused", "Refused"),
]
# Changed, they may bring other measured standards.
DEADLINE_FIELDS = {"priority", "channel", "customer_kind", "team_id", "partner_id"}
# How the service standards name the channel a complaint came by.
STANDARD_CHANNELS = {
    "email": "email",
    "phone": "phone",
    "portal": "web",
    "chat": "web",
    "social": "web",
    "in_person": "in_person",
}
# What a customer may attach on the portal: photos, PDFs, text and office
# documents (not SVG or HTML, which a browser would run), up to 5 MB each.
PORTAL_FILE_MAX_SIZE = 5 * 1024 * 1024
PORTAL_FILE_MAX_COUNT = 10
PORTAL_FILE_TYPES = {
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "application/pdf",
    "text/plain",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
}
# Staff's working fields: a customer reads only what their portal page shows
# (README, "What customers can read").
STAFF = "customer_care.group_care_user"
# The documents a complaint may be about, when their application is installed.
SOURCE_MODELS = ["sale.order", "account.move", "crm.lead", "stock.picking"]


class CareComplaint(models.Model):
    _name = "care.complaint"
    _description = "Complaint"
    _inherit = [
        "portal.mixin",
        "mail.thread.cc",
        "mail.activity.mixin",
        "mail.tracking.duration.mixin",
        "rating.mixin",
        "care.action.fields.mixin",
        "care.service.deadline.mixin",
    ]
    # The views sort by priority first; the priority is staff's, not the
    # customer's, so the portal's default order does not read it.
    _order = "date_received desc, id desc"
    _primary_email = "email_from"
    _track_duration_field = "step_id"
    _check_company_auto = True
    _mail_post_access = "read"
    # Set by the steps' buttons, the intake and the closing only.
    _care_action_fields = (
        "reference",
        "state",
        "apology_date",
        "date_first_answer",
        "date_resolved",
        "date_closed",
        "reopen_count",
        "follow_up_action_id",
        "rating_missing_need_ids",
        "care_waiting_customer",
        "reject_reason",
        "date_received",
    )
    # Given when the complaint is logged (a call taken earlier), never changed.
    _care_creation_fields = ("date_received",)
    _care_deadline_inverse = "complaint_id"
    _care_deadline_applies_to = "complaint"

    reference = fields.Char(
        readonly=True, copy=False, index="trigram", default=lambda self: _("New")
    )
    name = fields.Char(string="Subject", required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index=True,
        tracking=True,
        check_company=True,
        help="Left empty when an unknown address writes in: the address is kept, no "
        "contact is created for it.",
    )
    # Kept with the complaint: a reply's phrase check reads the customer's
    # language with the complaint, not from the customer.
    customer_lang = fields.Selection(
        related="partner_id.lang", store=True, string="Customer Language", groups=STAFF
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    care_style_advice = fields.Text(
        related="partner_id.care_style_advice",
        string="Advice for This Customer",
        groups="customer_care.group_care_user",
    )
    email_from = fields.Char(
        string="E-mail",
        compute="_compute_email_from",
        store=True,
        readonly=False,
        precompute=True,
        groups=STAFF,
    )
    customer_kind = fields.Selection(
        [("external", "External"), ("internal", "Internal")],
        compute="_compute_customer_kind",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="Internal complaints come from other departments of the company.",
        groups=STAFF,
    )
    channel = fields.Selection(
        COMPLAINT_CHANNELS, required=True, default="phone", tracking=True, groups=STAFF
    )
    category_id = fields.Many2one(
        "care.complaint.category", tracking=True, index=True, check_company=True
    )
    category_document_required = fields.Boolean(
        related="category_id.document_required", groups=STAFF
    )
    need_ids = fields.Many2many(
        "care.complaint.need",
        string="The Customer Wants",
        help="What the customer expects from the handling of the complaint.",
        groups=STAFF,
    )
    priority = fields.Selection(
        [("0", "Normal"), ("1", "High"), ("2", "Urgent"), ("3", "Critical")],
        default="0",
        index=True,
        tracking=True,
        groups=STAFF,
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        index=True,
        tracking=True,
        check_company=True,
        groups=STAFF,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        groups=STAFF,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id", groups=STAFF)
    source_ref = fields.Reference(
        selection="_selection_source_ref",
        string="About",
        help="The order, invoice, lead or delivery the complaint is about.",
        groups=STAFF,
    )
    description = fields.Html()
    # Step 1: let the customer vent.
    customer_words = fields.Text(
        string="Customer's Own Words",
        help="What the customer said, as they said it.",
        groups=STAFF,
    )
    customer_feeling = fields.Selection(CUSTOMER_FEELINGS, tracking=True, groups=STAFF)
    # Step 2: apologise fully and show you understood.
    apology_date = fields.Datetime(
        string="Apology Sent On", readonly=True, copy=False, tracking=True, groups=STAFF
    )
    apology_note = fields.Text(
        help="How the apology was given when it was not sent by e-mail (by phone, in "
        "person).",
        groups=STAFF,
    )
    # Step 3: gather information.
    facts = fields.Text(string="Facts Gathered", groups=STAFF)
    # Step 4: offer a solution.
    solution = fields.Text(string="Solution Offered", groups=STAFF)
    # Step 5: if still unsatisfied, ask what they would consider fair.
    agreement = fields.Selection(
        AGREEMENTS, string="Customer's Answer", tracking=True, groups=STAFF
    )
    fair_request = fields.Text(string="What the Customer Considers Fair", groups=STAFF)
    # Step 6: follow up.
    follow_up_note = fields.Text(string="Follow-up Done", groups=STAFF)
    follow_up_answer = fields.Text(
        string="Customer's Answer to the Follow-up", groups=STAFF
    )

    step_id = fields.Many2one(
        "care.complaint.step",
        default=lambda self: self._default_step_id(),
        group_expand="_read_group_expand_full",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        copy=False,
        groups=STAFF,
    )
    step_code = fields.Selection(related="step_id.code", groups=STAFF)
    step_guidance = fields.Html(related="step_id.description", groups=STAFF)
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed"), ("rejected", "Rejected")],
        default="open",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    reject_reason = fields.Text(readonly=True, copy=False, tracking=True, groups=STAFF)
    reopen_count = fields.Integer(readonly=True, copy=False, groups=STAFF)
    date_received = fields.Datetime(
        required=True, default=fields.Datetime.now, index=True
    )
    date_first_answer = fields.Datetime(
        string="First Answered On", readonly=True, copy=False, groups=STAFF
    )
    date_resolved = fields.Datetime(string="Resolved On", readonly=True, copy=False)
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)
    resolution_hours = fields.Float(
        compute="_compute_resolution_hours",
        store=True,
        aggregator="avg",
        help="Hours from receipt to the customer's agreement.",
        groups=STAFF,
    )
    care_due_date = fields.Datetime(
        string="Due",
        compute="_compute_care_due_date",
        store=True,
        index=True,
        help="When the complaint falls due: its earliest deadline not yet reached "
        "(a measured service standard); where no standard applies, the receipt "
        "plus the company's delay for complaints.",
        groups=STAFF,
    )
    is_late = fields.Boolean(
        compute="_compute_is_late",
        search="_search_is_late",
        help="Open and past due: a service standard's deadline breached or, where "
        "no standard applies, the company's delay passed.",
    )

    cause_ids = fields.Many2many(
        "care.complaint.cause", string="Root Causes", check_company=True, groups=STAFF
    )
    measure_ids = fields.One2many(
        "care.complaint.measure",
        "complaint_id",
        string="Corrective Actions",
        groups=STAFF,
    )
    compensation_ids = fields.One2many(
        "care.complaint.compensation",
        "complaint_id",
        string="Compensation Lines",
        groups=STAFF,
    )
    compensation_amount = fields.Monetary(
        string="Compensation Approved",
        compute="_compute_compensation_amount",
        store=True,
        help="Approved compensation, in the company currency.",
        groups=STAFF,
    )
    compensation_requested = fields.Monetary(
        compute="_compute_compensation_amount",
        store=True,
        help="Compensation written or waiting for a manager's approval, not yet "
        "granted, in the company currency.",
        groups=STAFF,
    )
    customer_compensation_year = fields.Monetary(
        string="Compensated in 12 Months",
        compute="_compute_customer_year",
        groups=STAFF,
    )
    customer_purchases_year = fields.Monetary(
        string="Bought in 12 Months",
        compute="_compute_customer_purchases_year",
        groups="sales_team.group_sale_salesman",
        help="Confirmed orders of the customer's company in the last twelve months, "
        "untaxed, for salespeople.",
    )
    rating_missing_need_ids = fields.Many2many(
        "care.complaint.need",
        "care_complaint_rating_need_rel",
        string="Missing for the Customer",
        readonly=True,
        copy=False,
        help="What the customer said was missing when rating the handling (the "
        "reasons offered on the rating page).",
        groups=STAFF,
    )
    care_deadline_ids = fields.One2many(
        "care.service.deadline",
        "complaint_id",
        string="Service Deadlines",
        groups=STAFF,
    )
    care_survey_count = fields.Integer(
        string="Satisfaction Surveys",
        compute="_compute_care_survey_count",
        groups=STAFF,
    )
    care_waiting_customer = fields.Boolean(
        string="Waiting on the Customer",
        readonly=True,
        copy=False,
        tracking=True,
        help="The service deadlines are paused until the customer answers.",
        groups=STAFF,
    )
    follow_up_action_id = fields.Many2one(
        "care.loyalty.action",
        string="Follow-up Call",
        readonly=True,
        copy=False,
        ondelete="set null",
        check_company=True,
        groups=STAFF,
    )

    _sql_constraints = [
        (
            "reference_company_unique",
            "UNIQUE(company_id, reference)",
            "The reference of a complaint is unique in its company.",
        ),
    ]

    def _default_step_id(self):
        return self.env["care.complaint.step"].search([], limit=1)

    @api.model
    def _selection_source_ref(self):
        installed = [name for name in SOURCE_MODELS if name in self.env]
        models_ = self.env["ir.model"].sudo().search([("model", "in", installed)])
        return [(model.model, model.name) for model in models_]

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("partner_id")
    def _compute_email_from(self):
        for complaint in self:
            if complaint.partner_id.email:
                complaint.email_from = complaint.partner_id.email

    @api.depends("partner_id")
    def _compute_customer_kind(self):
        for complaint in self:
            complaint.customer_kind = (
                complaint.partner_id.sudo().care_customer_kind or "external"
            )

    @api.depends("date_received", "date_resolved")
    def _compute_resolution_hours(self):
        for complaint in self:
            if complaint.date_resolved:
                delta = complaint.date_resolved - complaint.date_received
                complaint.resolution_hours = delta.total_seconds() / 3600
            else:
                complaint.resolution_hours = 0.0

    @api.depends(
        "care_deadline_ids.state",
        "care_deadline_ids.deadline",
        "date_received",
        "company_id.care_complaint_late_days",
    )
    def _compute_care_due_date(self):
        for complaint in self:
            # sudo: the due date counts every clock, whoever writes the complaint
            # (a stored compute runs in the writer's env).
            clocks = complaint.sudo().care_deadline_ids
            due = clocks.filtered(lambda d: d.state in ("running", "breached"))
            if due:
                complaint.care_due_date = min(due.mapped("deadline"))
            elif not clocks and complaint.date_received:
                delay = timedelta(days=complaint.company_id.care_complaint_late_days)
                complaint.care_due_date = complaint.date_received + delay
            else:
                complaint.care_due_date = False

    @api.model
    def _care_late_sql(self, alias, moment):
        """The one rule of "late", as SQL over complaint ``alias`` at ``moment``
        (an SQL expression): a service standard breached, or past its due date.
        The list, the kanban, the filters, My Day, the overview, the CASCADE
        indicators and the retention report all read it."""
        complaint = SQL.identifier(alias)
        return SQL(
            "(%s.care_deadline_breached IS TRUE OR %s.care_due_date < %s)",
            complaint,
            complaint,
            moment,
        )

    def _care_late_query(self):
        """Open complaints late now."""
        return SQL(
            "SELECT c.id FROM care_complaint c WHERE c.state = 'open' "
            "AND c.date_resolved IS NULL AND %s",
            self._care_late_sql("c", SQL("%s", fields.Datetime.now())),
        )

    @api.depends("state", "date_resolved", "care_due_date", "care_deadline_breached")
    def _compute_is_late(self):
        self.flush_model(
            ["state", "date_resolved", "care_due_date", "care_deadline_breached"]
        )
        late = set()
        if self.ids:
            self.env.cr.execute(
                SQL(
                    "%s AND c.id IN %s",
                    self._care_late_query(),
                    tuple(self.ids),
                )
            )
            late = {row[0] for row in self.env.cr.fetchall()}
        for complaint in self:
            complaint.is_late = complaint.id in late

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Late complaints are searched with = True or = False."))
        self.flush_model(
            ["state", "date_resolved", "care_due_date", "care_deadline_breached"]
        )
        inside = (operator == "=") == value
        late = SQL("(%s)", self._care_late_query())
        return [("id", "in" if inside else "not in", late)]

    @api.depends("compensation_ids.amount", "compensation_ids.state")
    def _compute_compensation_amount(self):
        for complaint in self:
            lines = complaint.compensation_ids
            complaint.compensation_amount = sum(
                lines.filtered(lambda c: c.state in ("approved", "done")).mapped(
                    "amount"
                )
            )
            complaint.compensation_requested = sum(
                lines.filtered(lambda c: c.state in ("draft", "to_approve")).mapped(
                    "amount"
                )
            )

    @api.depends("commercial_partner_id")
    def _compute_customer_year(self):
        """What the customer got back in the last twelve months, counted for all
        complaints shown at once."""
        partners = self.commercial_partner_id
        since = fields.Datetime.now() - timedelta(days=365)
        compensated = {
            (partner, company): amount
            for partner, company, amount in self.env[
                "care.complaint.compensation"
            ]._read_group(
                [
                    ("commercial_partner_id", "in", partners.ids),
                    ("state", "in", ("approved", "done")),
                    ("create_date", ">=", since),
                ],
                ["commercial_partner_id", "company_id"],
                ["amount:sum"],
            )
        }
        for complaint in self:
            key = (complaint.commercial_partner_id, complaint.company_id)
            complaint.customer_compensation_year = compensated.get(key, 0.0)

    @api.depends("commercial_partner_id")
    def _compute_customer_purchases_year(self):
        partners = self.commercial_partner_id
        since = fields.Datetime.now() - timedelta(days=365)
        bought = defaultdict(float)
        if partners:
            for partner, company, amount in self.env["sale.order"]._read_group(
                [
                    ("partner_id", "child_of", partners.ids),
                    ("state", "=", "sale"),
                    ("date_order", ">=", since),
                ],
                ["partner_id", "company_id"],
                ["amount_untaxed:sum"],
            ):
                bought[partner.commercial_partner_id, company] += amount
        for complaint in self:
            key = (complaint.commercial_partner_id, complaint.company_id)
            complaint.customer_purchases_year = bought.get(key, 0.0)

    def _compute_access_url(self):
        for complaint in self:
            complaint.access_url = f"/my/complaints/{complaint.id}"

    # ------------------------------------------------------------
    # The customer's page
    # ------------------------------------------------------------

    def _care_portal_progress(self):
        """Where the complaint stands, in the customer's words: received, being
        looked at, solution offered, resolved (None for a rejected one)."""
        self.ensure_one()
        # sudo: the page shows the customer where their complaint stands, not the
        # staff's fields it is read from.
        complaint = self.sudo()
        if complaint.state == "rejected":
            return None
        if complaint.state == "closed" or complaint.date_resolved:
            return "resolved"
        if complaint.step_code in ("solution", "fair", "follow_up"):
            return "solution"
        if complaint.step_code in ("apology", "facts") or complaint.date_first_answer:
            return "looking"
        return "received"

    def _care_portal_promise(self):
        """What the company promised the customer and by when: the running reply
        clock's deadline, else the resolution's; (measure, deadline) or None."""
        self.ensure_one()
        for measures in (("first_reply", "next_reply"), ("resolution",)):
            running = self._care_open_deadlines(measures).filtered(
                lambda d: d.state == "running"
            )
            if running:
                return running[0].measure, min(running.mapped("deadline"))
        return None

    @api.model
    def _care_check_portal_file(self, name, data):
        """A file a customer sends with a complaint: of a kind staff can open
        safely, and not too large. Its mimetype, read from its content."""
        if len(data) > PORTAL_FILE_MAX_SIZE:
            raise UserError(
                _(
                    "%(file)s is larger than %(size)s MB.",
                    file=name,
                    size=PORTAL_FILE_MAX_SIZE // (1024 * 1024),
                )
            )
        mimetype = guess_mimetype(data, default="application/octet-stream")
        if mimetype not in PORTAL_FILE_TYPES:
            raise UserError(
                _(
                    "%(file)s is not a photo, a PDF, a text or an office document.",
                    file=name,
                )
            )
        return mimetype

    @api.depends("reference", "name")
    def _compute_display_name(self):
        for complaint in self:
            complaint.display_name = (
                f"{complaint.reference} {complaint.name}"
                if complaint.reference and complaint.id
                else complaint.name
            )

    # ------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------

    @api.constrains("partner_id", "email_from")
    def _check_customer(self):
        for complaint in self:
            if not complaint.partner_id and not complaint.email_from:
                raise ValidationError(
                    _(
                        "Complaint %(name)s needs a customer or at least an e-mail "
                        "address to answer.",
                        name=complaint.name,
                    )
                )

    @api.constrains("date_received")
    def _check_date_received(self):
        # A few minutes of clock skew between the caller and the server.
        limit = fields.Datetime.now() + timedelta(minutes=5)
        for complaint in self:
            if complaint.date_received > limit:
                raise ValidationError(
                    _(
                        "Complaint %(name)s cannot be received in the future.",
                        name=complaint.name,
                    )
                )

    @api.constrains("source_ref", "company_id", "partner_id")
    def _check_source_ref(self):
        """The document a complaint is about exists and is the customer's own,
        in the complaint's company (a refund is made on it)."""
        for complaint in self:
            # The constraint reads the document whatever the writer may read,
            # to refuse another customer's one without revealing it.
            source = complaint.sudo().source_ref
            if not source:
                continue
            company = source.company_id if "company_id" in source._fields else None
            if company and company != complaint.company_id:
                raise ValidationError(
                    _(
                        "%(document)s belongs to %(company)s, not to the company of "
                        "complaint %(name)s.",
                        document=source.display_name,
                        company=company.name,
                        name=complaint.name,
                    )
                )
            customer = complaint.partner_id.commercial_partner_id
            owner = (
                source.partner_id.commercial_partner_id
                if "partner_id" in source._fields
                else None
            )
            if owner and owner != customer:
                raise ValidationError(
                    _(
                        "%(document)s is not a document of the customer of "
                        "complaint %(name)s.",
                        document=source.display_name,
                        name=complaint.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model
    def _care_check_source_value(self, vals):
        """A reference to a document that does not exist (or of a model a
        complaint is not about) is refused before it is stored: once stored, the
        ORM reads it as empty."""
        value = vals.get("source_ref")
        if not value or not isinstance(value, str):
            return
        model, _sep, res_id = value.partition(",")
        if (
            model not in SOURCE_MODELS
            or model not in self.env
            or not res_id.isdigit()
            or not self.env[model].sudo().browse(int(res_id)).exists()
        ):
            raise ValidationError(
                _("The document %(reference)s does not exist.", reference=value)
            )

    @api.model_create_multi
    def create(self, vals_list):
        corrected = self._care_check_action_fields(vals_list, creating=True)
        for vals in vals_list:
            self._care_check_source_value(vals)
        for vals in vals_list:
            company = self.env["res.company"].browse(
                vals.get("company_id") or self.env.company.id
            )
            vals["reference"] = self._next_reference(company)
            # Every complaint answers to its token from the start (portal, mail).
            vals["access_token"] = vals.get("access_token") or str(uuid.uuid4())
        complaints = super().create(vals_list)
        complaints._care_log_corrections(corrected)
        codes = [code for code, _label in COMPLAINT_STEPS]
        for complaint in complaints:
            # A complaint made at a later step has the content of those before.
            complaint._check_steps_done(codes[: codes.index(complaint.step_id.code)])
        complaints._care_sync_deadlines()
        return complaints

    def write(self, vals):
        corrected = self._care_check_action_fields([vals])
        if self:
            self._care_check_source_value(vals)
        if vals.get("company_id"):
            self._care_check_company_move(vals)
        if "step_id" in vals:
            self._check_step_move(
                self.env["care.complaint.step"].browse(vals["step_id"])
            )
        result = super().write(vals)
        self._care_log_corrections(corrected - {"reference"})
        self._care_deadline_on_write(vals)
        return result

    def _care_check_company_move(self, vals):
        """A complaint moves to a company its writer belongs to, and takes a
        reference of that company's sequence."""
        company = self.env["res.company"].browse(vals["company_id"])
        moved = self.filtered(lambda c: c.company_id != company)
        if not moved:
            return
        if not self.env.su and company not in self.env.user.company_ids:
            raise AccessError(
                _(
                    "You cannot move complaints to %(company)s: you do not work "
                    "for that company.",
                    company=company.sudo().name,
                )
            )
        for complaint in moved:
            complaint._care_action().reference = self._next_reference(company)

    def _care_deadline_on_write(self, vals):
        """The resolution reaches the resolution clocks; closing stops the
        others; a new priority, channel, customer kind or team may bring other
        standards."""
        if vals.get("date_resolved"):
            moment = fields.Datetime.to_datetime(vals["date_resolved"])
            self._care_open_deadlines(["resolution"])._care_reach(moment)
        if vals.get("state") in ("closed", "rejected"):
            # The clocks are the system's; the complaint's write was allowed.
            self.sudo().care_deadline_ids._care_stop()
        elif vals.get("state") == "open" or DEADLINE_FIELDS.intersection(vals):
            self._care_sync_deadlines()

    @api.model
    def _next_reference(self, company):
        """The next number of the company's own sequence."""
        sequence = self._complaint_sequences(company)
        return sequence.next_by_id()

    @api.model
    def _complaint_sequences(self, companies=None):
        """Each company's complaint sequence, made where it is missing: at
        installation for the existing companies, with each new company, and on
        first use as a fallback."""
        # sudo: sequences are configuration; whoever may make a complaint draws
        # its number.
        companies = companies or self.env["res.company"].sudo().search([])
        Sequence = self.env["ir.sequence"].sudo()
        existing = Sequence.search(
            [("code", "=", "care.complaint"), ("company_id", "in", companies.ids)]
        )
        missing = companies - existing.company_id
        return existing | Sequence.create(
            [
                {
                    "name": f"Complaints ({company.name})",
                    "code": "care.complaint",
                    "company_id": company.id,
                    "prefix": "CMP/%(year)s/",
                    "padding": 5,
                }
                for company in missing
            ]
        )

    # ------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------

    def _step_missing(self, code):
        """The labels of what step ``code`` still needs on this complaint."""
        self.ensure_one()
        needs = {
            "vent": ["customer_words", "customer_feeling"],
            "apology": [] if self.apology_date else ["apology_note"],
            "facts": ["facts"]
            + (["source_ref"] if self.category_id.document_required else []),
            "solution": ["solution"],
            "fair": ["agreement"]
            + (
                ["fair_request"]
                if self.agreement in ("accepted_fair", "refused")
                else []
            ),
            "follow_up": ["follow_up_note", "follow_up_answer"],
        }[code]
        missing = [fname for fname in needs if not self._has_content(fname)]
        if code == "apology" and missing:
            return [_("an apology sent by e-mail or a note of the apology given")]
        return [self._fields[f]._description_string(self.env) for f in missing]

    def _has_content(self, fname):
        value = self[fname]
        if self._fields[fname].type == "html":
            return not is_html_empty(value)
        if isinstance(value, str):
            return bool(value.strip())
        return bool(value)

    def _check_steps_done(self, codes):
        for complaint in self:
            for code in codes:
                missing = complaint._step_missing(code)
                if missing:
                    step = self.env["care.complaint.step"].search(
                        [("code", "=", code)], limit=1
                    )
                    raise UserError(
                        _(
                            'Complaint %(name)s cannot leave step "%(step)s" '
                            "without: %(missing)s.",
                            name=complaint.display_name,
                            step=step.name,
                            missing=", ".join(missing),
                        )
                    )

    def _check_step_move(self, new_step):
        """Forward moves pass each step left behind with its content; moving back
        is always possible. Closed and rejected complaints stay where they are."""
        codes = [code for code, _label in COMPLAINT_STEPS]
        for complaint in self:
            if complaint.state != "open" and new_step != complaint.step_id:
                raise UserError(
                    _(
                        "Complaint %(name)s is %(state)s: reopen it first.",
                        name=complaint.display_name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[complaint.state],
                    )
                )
            start = codes.index(complaint.step_id.code)
            end = codes.index(new_step.code)
            complaint._check_steps_done(codes[start:end])
        self._mark_step_dates(new_step)

    def _mark_step_dates(self, new_step):
        """Leaving "Agree What Is Fair" with the customer's agreement resolves it."""
        now = fields.Datetime.now()
        resolved = self.filtered(
            lambda c: (
                not c.date_resolved
                and new_step.code == "follow_up"
                and c.agreement in ("accepted", "accepted_fair")
            )
        )
        if resolved:
            resolved._care_action().date_resolved = now

    def action_next_step(self):
        """Pass the current step (its content is checked) to the next one; whoever
        works an unassigned complaint becomes its responsible."""
        steps = self.env["care.complaint.step"].search([])
        self.filtered(lambda c: not c.user_id).user_id = self.env.user
        for complaint in self:
            current = complaint.step_id.sequence
            later = steps.filtered(lambda s, current=current: s.sequence > current)
            if not later:
                raise UserError(
                    _(
                        "Complaint %(name)s is at its last step: close it.",
                        name=complaint.display_name,
                    )
                )
            complaint.step_id = later[0]
        return True

    def action_close(self):
        """Close after the follow-up: plan the later follow-up call and ask the
        customer to rate the handling."""
        self._check_open()
        last = self.filtered(lambda c: c.step_code != "follow_up")
        if last:
            raise UserError(
                _(
                    'Complaint %(name)s closes from its last step, "Follow Up".',
                    name=last[0].display_name,
                )
            )
        self._check_steps_done(["follow_up"])
        now = fields.Datetime.now()
        self.filtered(lambda c: not c.date_resolved)._care_action().date_resolved = now
        self._care_action().write({"state": "closed", "date_closed": now})
        self._plan_follow_up_calls()
        self._send_rating_requests()
        return True

    def action_reject(self):
        """Open the dialog that asks why the complaint is unfounded."""
        self._check_open()
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject Complaint"),
            "res_model": "care.complaint.reject",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_ids": self.ids},
        }

    def _reject(self, reason):
        self._check_open()
        if not (reason or "").strip():
            raise UserError(_("Say why the complaint is unfounded."))
        self._care_action().write(
            {
                "state": "rejected",
                "reject_reason": reason,
                "date_closed": fields.Datetime.now(),
            }
        )

    def action_reopen(self):
        closed = self.filtered(lambda c: c.state != "open")
        if not closed:
            raise UserError(_("Only closed or rejected complaints are reopened."))
        for complaint in closed:
            # Reopened, it is not resolved any more: resolving it again dates
            # its resolution, measured by a new resolution clock from now.
            complaint._care_action().write(
                {
                    "state": "open",
                    "date_closed": False,
                    "date_resolved": False,
                    "reopen_count": complaint.reopen_count + 1,
                }
            )
        closed._care_restart_resolution()
        return True

    def _care_restart_resolution(self):
        """A new clock per resolution standard that applies and has none open
        (the earlier clock keeps its figures)."""
        rows = self._care_measured_standards(["resolution"])
        applicable = self._care_applicable(rows)
        now = fields.Datetime.now()
        requests = []
        for complaint in self:
            running = complaint._care_open_deadlines(["resolution"]).standard_id
            requests += [
                {"standard": standard, "document": complaint, "start": now}
                for standard in applicable[complaint] - running
            ]
        self._care_start_clocks(requests)

    def action_send_apology(self):
        """The apology template in the customer's language, in the composer; the
        apology date is set when it is sent."""
        self.ensure_one()
        self._check_open()
        template = self.env.ref(
            "customer_care.care_complaint_apology_template", raise_if_not_found=False
        )
        return composer_action(
            self, template or self.env["mail.template"], care_complaint_apology=True
        )

    def _check_open(self):
        closed = self.filtered(lambda c: c.state != "open")
        if closed:
            raise UserError(
                _(
                    "Complaint %(name)s is not open.",
                    name=closed[0].display_name,
                )
            )

    def _plan_follow_up_calls(self):
        """One follow-up call per closed complaint, N days later (company
        setting), made once whatever is retried; all in one batch."""
        action_type = self.env.ref(
            "customer_care.care_loyalty_action_type_follow_up",
            raise_if_not_found=False,
        )
        if not action_type or not action_type.active:
            return
        todo = self.filtered(
            lambda c: (
                c.partner_id
                and not c.follow_up_action_id
                and c.company_id.care_complaint_follow_up_days
            )
        )
        today = fields.Date.context_today(self)
        actions = self.env["care.loyalty.action"]._care_create_once(
            [
                {
                    "partner_id": complaint.partner_id.id,
                    "type_id": action_type.id,
                    "channel": "phone",
                    "planned_date": today
                    + timedelta(
                        days=complaint.company_id.care_complaint_follow_up_days
                    ),
                    "user_id": (complaint.user_id or self.env.user).id,
                    "company_id": complaint.company_id.id,
                    "occasion": f"complaint,{complaint.id}",
                    "note": _(
                        "Call back after complaint %(name)s.",
                        name=complaint.display_name,
                    ),
                }
                for complaint in todo
            ]
        )
        by_occasion = {action.occasion: action for action in actions}
        for complaint in todo:
            action = by_occasion.get(f"complaint,{complaint.id}")
            if action:
                complaint._care_action().follow_up_action_id = action

    def _send_rating_requests(self):
        """The company's satisfaction survey to the customer of each closed
        complaint, else the smiley rating request."""
        reachable = self.filtered(lambda c: c.partner_id.email)
        surveyed = reachable.filtered(
            lambda c: c.company_id.sudo().care_rater_survey_id.active
        )
        surveyed._care_send_surveys()
        template = self.env.ref(
            "customer_care.care_complaint_rating_template", raise_if_not_found=False
        )
        if template and reachable - surveyed:
            # sudo: the rating request makes a rating.rating, which staff cannot
            # create; the closing write checked the caller's rights first.
            (reachable - surveyed).sudo().rating_send_request(
                template, force_send=False
            )

    def _care_send_surveys(self):
        """One answer of the company's survey per complaint, linked to it, and
        the invitation posted to the customer in the complaint's thread."""
        template = self.env.ref(
            "customer_care.care_complaint_survey_template", raise_if_not_found=False
        )
        if not template or not self:
            return
        # sudo: survey answers are the survey app's (staff outside it cannot
        # create them); the closing write checked the caller's rights first.
        complaints = self.sudo()
        for complaint in complaints:
            complaint.company_id.care_rater_survey_id._create_answer(
                partner=complaint.partner_id,
                check_attempts=False,
                care_complaint_id=complaint.id,
                care_company_id=complaint.company_id.id,
            )
        # As the rating request: a note addressed to the customer, so that it
        # is not taken for a reply to the complaint.
        complaints.with_context(mail_notify_force_send=False).message_post_with_source(
            template,
            email_layout_xmlid="mail.mail_notification_light",
            force_send=False,
            subtype_xmlid="mail.mt_note",
        )

    def _compute_care_survey_count(self):
        counts = dict(
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [("care_complaint_id", "in", self.ids)],
                ["care_complaint_id"],
                ["__count"],
            )
        )
        for complaint in self:
            complaint.care_survey_count = counts.get(complaint._origin, 0)

    def action_view_care_surveys(self):
        """The complaint's survey answers in the Customer Satisfaction report."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_care.care_satisfaction_report_action"
        )
        action.update(
            {
                "domain": [("complaint_id", "=", self.id)],
                "view_mode": "list,pivot,graph",
                "views": [(False, "list"), (False, "pivot"), (False, "graph")],
            }
        )
        return action

    def _care_survey_answer(self):
        """The complaint's newest survey answer (its invitation's link)."""
        self.ensure_one()
        return (
            self.env["survey.user_input"]
            .sudo()
            .search([("care_complaint_id", "=", self.id)], order="id desc", limit=1)
        )

    # ------------------------------------------------------------
    # Mail
    # ------------------------------------------------------------

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A new thread on a team's complaint alias: the sender is looked up by
        address, never created."""
        values = dict(custom_values or {})
        email = msg_dict.get("email_from") or ""
        # The gateway found the author by address (users' contacts first).
        partner = self.env["res.partner"].browse(msg_dict.get("author_id"))
        # A subject is one line, whatever the sender's headers held.
        subject = " ".join((msg_dict.get("subject") or "").split())
        values.setdefault("name", subject or _("No Subject"))
        values.setdefault("channel", "email")
        values.setdefault("user_id", False)
        if partner and partner.company_id:
            values.setdefault("company_id", partner.company_id.id)
        company = self.env["res.company"].browse(values.get("company_id"))
        if company and partner.company_id and partner.company_id != company:
            # A contact of another company: the complaint stays in the alias's
            # company, with a contact of its own for that address, if any.
            partner = self.env["res.partner"].search(
                [
                    ("email_normalized", "=", email_normalize(email)),
                    ("company_id", "in", [company.id, False]),
                ],
                limit=1,
            )
        values.update(
            {
                "partner_id": partner.id,
                "email_from": email,
                "customer_words": html2plaintext(msg_dict.get("body") or ""),
            }
        )
        complaint = super().message_new(msg_dict, custom_values=values)
        complaint._care_assign_on_arrival()
        return complaint

    def _care_assign_on_arrival(self):
        """Complaints that arrived by e-mail or from the portal without a
        responsible go to someone: the customer's salesperson and their team,
        when the salesperson is in Customer Care and at work today; else a
        member of the alias's team (else the salesperson's) by the team's
        assignment method. Log a Complaint keeps the person who logs it (it never
        comes here)."""
        for complaint in self.filtered(lambda c: not c.user_id):
            company = complaint.company_id
            partner = complaint.partner_id
            salesperson = partner.user_id or partner.commercial_partner_id.user_id
            own_team = salesperson.sale_team_id.filtered(
                lambda t, c=company: t.company_id in (c, c.browse())
            )
            if salesperson._care_available_today(company):
                team = own_team or complaint.team_id
                complaint.write({"user_id": salesperson.id, "team_id": team.id})
            elif team := complaint.team_id or own_team:
                complaint.write(
                    {
                        "team_id": team.id,
                        "user_id": team._care_next_assignee(company).id,
                    }
                )

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, *, partner_ids=None, **kwargs):
        """A customer's message reaches the complaint's followers and staff
        only: the company sends no e-mail on a customer's word to anyone else."""
        if partner_ids and not self.env.user._is_internal():
            partner_ids = self._care_allowed_recipients(partner_ids).ids
        return super().message_post(partner_ids=partner_ids, **kwargs)

    def _care_allowed_recipients(self, partner_ids):
        self.ensure_one()
        # sudo: who follows the complaint and who is staff decide the recipients,
        # whatever the customer may read of them.
        partners = self.env["res.partner"].sudo().browse(partner_ids).exists()
        followers = self.sudo().message_partner_ids
        return partners.filtered(
            lambda p: p in followers or any(not u.share for u in p.user_ids)
        )

    def _message_post_after_hook(self, message, msg_vals):
        """An answer sent to the customer (not a note) by an employee dates the
        first answer; sent from the apology's composer, it dates the apology."""
        if (
            message.message_type == "comment"
            and not message.is_internal
            and not message.subtype_id.internal
        ):
            author = message.author_id
            if author.user_ids and not author.user_ids[0].share:
                unanswered = self.filtered(lambda c: not c.date_first_answer)
                unanswered._care_action().date_first_answer = message.date
                if self.env.context.get("care_complaint_apology"):
                    self._care_action().apology_date = message.date
        self._care_deadline_on_message(message)
        if self.sudo().care_waiting_customer and self._care_is_customer_message(
            message
        ):
            # The customer, who may not write the complaint, answered: what the
            # complaint waited for has come.
            self.sudo().care_waiting_customer = False
        return super()._message_post_after_hook(message, msg_vals)

    # ------------------------------------------------------------
    # Service deadlines
    # ------------------------------------------------------------

    def _care_deadline_profile(self):
        self.ensure_one()
        return (
            self.customer_kind,
            STANDARD_CHANNELS.get(self.channel),
            self.priority,
        )

    def _care_deadline_is_open(self):
        self.ensure_one()
        return self.state == "open"

    def _care_deadline_start(self):
        self.ensure_one()
        return self.date_received

    def _care_deadline_is_paused(self):
        self.ensure_one()
        return self.care_waiting_customer

    def action_wait_customer(self):
        """The complaint waits on the customer (facts, a document, an answer to
        the offer): its service deadlines pause until the customer writes or the
        complaint is resumed."""
        self.check_access("write")
        self._check_open()
        todo = self.filtered(lambda c: not c.care_waiting_customer)
        todo._care_action().care_waiting_customer = True
        # The clocks are the system's (nobody writes them); the caller's write
        # access to the complaints was checked by the write just above.
        todo.sudo().care_deadline_ids._care_pause(fields.Datetime.now())
        return True

    def action_resume(self):
        """The complaint no longer waits on the customer: its deadlines count on."""
        self.check_access("write")
        waiting = self.filtered("care_waiting_customer")
        if not waiting:
            raise UserError(_("These complaints are not waiting on the customer."))
        waiting._care_action().care_waiting_customer = False
        # As when pausing: the clocks follow the write the caller was allowed.
        waiting.sudo().care_deadline_ids._care_resume(fields.Datetime.now())
        return True

    def _message_get_suggested_recipients(self):
        recipients = super()._message_get_suggested_recipients()
        if self.partner_id:
            self._message_add_suggested_recipient(
                recipients, partner=self.partner_id, reason=_("Customer")
            )
        elif self.email_from:
            self._message_add_suggested_recipient(
                recipients, email=self.email_from, reason=_("Customer E-mail")
            )
        return recipients

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "state" in init_values and self.state == "closed":
            return self.env.ref("customer_care.mt_complaint_closed")
        if "step_id" in init_values:
            return self.env.ref("customer_care.mt_complaint_step")
        return super()._track_subtype(init_values)

    def _get_duration_from_tracking(self, trackings):
        """The first step starts when the customer complained, not when the
        complaint was typed in: a call noted the next morning spent the night in
        "Let the Customer Vent" (Odoo counts from ``create_date``)."""
        durations = super()._get_duration_from_tracking(trackings)
        # ``trackings`` now ends with Odoo's entry for the current step, so its
        # first entry names the step the complaint was created in.
        if self.date_received and self.create_date > self.date_received:
            before = self.create_date - self.date_received
            durations[trackings[0]["old_value_integer"]] += int(before.total_seconds())
        return durations

    def _rating_get_parent_field_name(self):
        return "team_id"

    @api.model
    def _action_log_complaint(self, partner, source=None, team=None):
        """The short form of the phone case, prefilled from where it is opened."""
        partner.check_access("read")
        context = {
            "default_partner_id": partner.id,
            "default_channel": "phone",
            "default_company_id": (
                source.company_id.id
                if source is not None
                and "company_id" in source._fields
                and source.company_id
                else self.env.company.id
            ),
        }
        if source is not None:
            context["default_source_ref"] = f"{source._name},{source.id}"
        if team:
            context["default_team_id"] = team.id
        return {
            "type": "ir.actions.act_window",
            "name": _("Log a Complaint"),
            "res_model": "care.complaint",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("customer_care.care_complaint_view_form_quick").id,
                    "form",
                )
            ],
            "target": "new",
            "context": context,
        }

    def action_open_form(self):
        """From the short form: save and open the complaint's full form."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "care.complaint",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def _care_apply_rating_reasons(self, rate, need_ids):
        """What an unhappy customer ticked on the rating page; a satisfied answer
        keeps none."""
        self.ensure_one()
        # sudo: the customer answers by the rating's token, without any right on
        # the complaint; the controller checked the token and the rate.
        needs = self.env["care.complaint.need"].sudo().browse(need_ids).exists()
        self.sudo().rating_missing_need_ids = needs if rate < 5 else False
