import calendar
import logging
from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL, clean_context

from ..tools import composer_action, create_once, in_readers_lang

_logger = logging.getLogger(__name__)

from .care_loyalty_action_type import LOYALTY_CHANNELS, TODO_CHANNELS

# Context for actions created by crons and triggers: no "created" message, no
# follower and no "assigned to you" e-mail per record (the responsible gets the
# to-do on the planned day), so that planning stays a few queries per batch.
BATCH_CREATE_CONTEXT = {"tracking_disable": True}
SEND_BATCH_SIZE = 200
TODO_BATCH_SIZE = 1000
# The occasion of a first-order thank-you: the customer (commercial partner) id
# follows, so that a unique index keeps it once per customer and type.
FIRST_ORDER_OCCASION = "first_order,"
FIRST_ORDER_INDEX = "care_loyalty_action_first_order_once"


class CareLoyaltyAction(models.Model):
    _name = "care.loyalty.action"
    _description = "Loyalty Action"
    _inherit = ["mail.thread", "mail.activity.mixin", "care.action.fields.mixin"]
    _order = "planned_date desc, id desc"
    _check_company_auto = True
    # Set by the buttons, the crons and the triggers that plan actions.
    _care_action_fields = (
        "state",
        "done_date",
        "occasion",
        "sale_order_id",
        "send_error",
        "message_sent_id",
        "skip_reason",
        "todo_created",
    )
    _rec_names_search = ["type_id.name", "partner_id.name"]

    # Not stored: read in the reader's language, and planning an action does not
    # read its customer's name.
    name = fields.Char(compute="_compute_name", search="_search_name")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        ondelete="cascade",
    )
    type_id = fields.Many2one(
        "care.loyalty.action.type",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
    )
    kind = fields.Selection(related="type_id.kind", store=True, precompute=True)
    channel = fields.Selection(
        LOYALTY_CHANNELS,
        compute="_compute_channel",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
        tracking=True,
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    planned_date = fields.Date(
        required=True, default=fields.Date.context_today, index=True, tracking=True
    )
    done_date = fields.Date(readonly=True, copy=False, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
    )
    note = fields.Html()
    sale_order_id = fields.Many2one(
        "sale.order",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
    )
    occasion = fields.Char(
        readonly=True,
        copy=False,
        tracking=True,
        help="What the action is for (the year of a birthday, the order that was "
        "thanked): there is at most one action per customer, type and occasion.",
    )
    send_error = fields.Text(string="Sending Error", readonly=True, copy=False)
    message_sent_id = fields.Many2one(
        "mail.message",
        string="Sent Message",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The message posted on the customer; if the mail queue fails to send "
        "it, the action goes back to planned with the error.",
    )
    todo_created = fields.Boolean(
        string="To-do Created",
        readonly=True,
        copy=False,
        help="The responsible got the to-do of this call, visit or gift: it is made "
        "on the planned day (or at once for an action due already).",
    )
    skip_reason = fields.Selection(
        [
            ("opt_out", "Opted out of greetings"),
            ("blacklisted", "Blacklisted for mass mailing"),
            ("archived", "Archived customer"),
            ("no_email", "No e-mail address"),
            ("no_address", "No postal address"),
        ],
        readonly=True,
        copy=False,
        help="Why a planned action was not carried out: it was cancelled when planned.",
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        required=True,
    )
    color = fields.Integer(related="type_id.color")
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )

    _sql_constraints = [
        (
            "occasion_unique",
            "UNIQUE(partner_id, type_id, occasion)",
            "This customer already has an action of this type for this occasion.",
        ),
    ]

    @api.depends("type_id.name", "partner_id.name")
    @api.depends_context("lang", "care_customer_first")
    def _compute_name(self):
        """The type and the customer; the customer first where the type goes
        without saying (the follow-up calls)."""
        first = self.env.context.get("care_customer_first")
        for action in self:
            parts = (action.type_id.name, action.partner_id.name)
            action.name = " - ".join(filter(None, parts[::-1] if first else parts))

    def _search_name(self, operator, value):
        """The name is the type's and the customer's: either one matches (for a
        negative operator, neither does)."""
        negative = operator in expression.NEGATIVE_TERM_OPERATORS
        if negative:
            operator = expression.TERM_OPERATORS_NEGATION[operator]
        domain = [
            "|",
            ("type_id.name", operator, value),
            ("partner_id.name", operator, value),
        ]
        return ["!", *domain] if negative else domain

    @api.model
    def _care_action_for(self, domain, context=None):
        """The loyalty actions window on a given set of actions (a customer's,
        a counter's): a list first, as one reads a set of records; the kanban
        work queue stays the menu's first view."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_care.care_loyalty_action_action"
        )
        action["views"] = sorted(action["views"], key=lambda view: view[1] != "list")
        action.update(domain=domain, context=context or {})
        return action

    @api.model
    def _care_overdue_domain(self):
        """The one rule of an overdue loyalty action: still planned, its date
        passed (in the user's time zone). The list, the filter, My Day, the
        team counters and the CASCADE indicator all read it."""
        return [
            ("state", "=", "planned"),
            ("planned_date", "<", fields.Date.context_today(self)),
        ]

    @api.depends("state", "planned_date")
    @api.depends_context("tz")
    def _compute_is_overdue(self):
        overdue = self.filtered_domain(self._care_overdue_domain())
        for action in self:
            action.is_overdue = action in overdue

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Overdue actions are searched with = True or = False."))
        domain = self._care_overdue_domain()
        return (
            domain if (operator == "=") == value else ["!", *expression.AND([domain])]
        )

    @api.depends("type_id")
    def _compute_channel(self):
        for action in self:
            action.channel = action.type_id.channel or action.channel or "email"

    @api.depends("partner_id")
    def _compute_user_id(self):
        for action in self:
            action.user_id = (
                action.partner_id.user_id
                or action.partner_id.commercial_partner_id.user_id
                or action.user_id
                or self.env.user
            )

    @api.depends("partner_id", "sale_order_id")
    def _compute_company_id(self):
        for action in self:
            action.company_id = (
                action.sale_order_id.company_id
                or action.partner_id.company_id
                or action.company_id
                or self.env.company
            )

    def init(self):
        # A customer's first order is thanked once per type, whichever contact
        # ordered and however many workers confirm orders at once.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS %s ON care_loyalty_action "
                "(type_id, occasion) WHERE occasion LIKE %s",
                SQL.identifier(FIRST_ORDER_INDEX),
                FIRST_ORDER_OCCASION + "%",
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        corrected = self._care_check_action_fields(vals_list, creating=True)
        actions = super().create(vals_list)
        actions._care_log_corrections(corrected)
        actions._schedule_todo_activities()
        return actions

    def write(self, vals):
        corrected = self._care_check_action_fields([vals])
        if "planned_date" in vals and self.filtered(lambda a: a.state != "planned"):
            raise UserError(_("Only planned actions can be rescheduled."))
        result = super().write(vals)
        self._care_log_corrections(corrected)
        if "planned_date" in vals or "channel" in vals:
            self._schedule_todo_activities()  # brought forward to a day now due
        return result

    @api.model
    def _care_create_once(self, vals_list):
        """Create the actions that once rules allow, as superuser: the unique keys
        decide when another transaction plans the same occasion at the same
        moment, and those are skipped instead of failing the whole operation."""
        return create_once(self.sudo().with_context(**BATCH_CREATE_CONTEXT), vals_list)

    def _schedule_todo_activities(self):
        """The responsible of a phone call, visit or gift gets a to-do on the day
        it is due (the cron makes those of later days on their day), all of them
        in one batch, with no "assigned to you" e-mail per to-do: the responsible
        finds them in their activities."""
        today = fields.Date.context_today(self)
        actions = self.filtered(
            lambda a: (
                a.state == "planned"
                and a.channel in TODO_CHANNELS
                and not a.todo_created
                and a.planned_date <= today
            )
        )
        if not actions:
            return
        todo_type_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "mail.mail_activity_data_todo"
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": action.id,
                    "activity_type_id": todo_type_id,
                    "automated": True,
                    "date_deadline": action.planned_date,
                    "summary": action.name,
                    "user_id": action.user_id.id,
                }
                for action in in_readers_lang(actions, lambda a: a.user_id)
            ]
        )
        # The crons plan to-dos for actions of any responsible.
        actions.sudo().todo_created = True

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_done(self):
        self._check_state("planned", _("Only planned actions can be marked done."))
        self._care_action().write(
            {"state": "done", "done_date": fields.Date.context_today(self)}
        )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_cancel(self):
        self._check_state("planned", _("Only planned actions can be cancelled."))
        self._care_action().write({"state": "cancelled", "todo_created": False})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_reset_planned(self):
        self._check_state(
            "cancelled", _("Only cancelled actions can be planned again.")
        )
        self._care_action().write({"state": "planned", "send_error": False})
        self._schedule_todo_activities()
        return True

    def action_send(self):
        """Send the e-mail actions with their type's template, in the customer's
        language, as a message in the customer's chatter; then mark them done."""
        self._check_state("planned", _("Only planned actions can be sent."))
        not_email = self.filtered(lambda a: a.channel != "email")
        if not_email:
            raise UserError(
                _(
                    "These actions are not sent by e-mail: %(actions)s.",
                    actions=", ".join(not_email.mapped("display_name")),
                )
            )
        sent = self._send_emails()
        sent.action_done()
        return True

    def action_compose_email(self):
        """One e-mail action in Odoo's composer: its type's template rendered in
        the customer's language, to read and edit before sending; sending it marks
        the action done (``_message_post_after_hook``)."""
        self.ensure_one()
        self._check_state("planned", _("Only planned actions can be sent."))
        if self.channel != "email":
            raise UserError(
                _(
                    "These actions are not sent by e-mail: %(actions)s.",
                    actions=self.display_name,
                )
            )
        if not self.partner_id.email:
            raise UserError(_("The customer has no e-mail address."))
        return composer_action(
            self,
            self.type_id.mail_template_id,
            name=_("Send by E-mail"),
            care_loyalty_action_send=True,
        )

    def _message_post_after_hook(self, message, msg_vals):
        """Sent to the customer from the action's composer, a planned e-mail
        action is done and keeps its message (a failure in the mail queue puts it
        back, as for the batch sending)."""
        result = super()._message_post_after_hook(message, msg_vals)
        if (
            self.env.context.get("care_loyalty_action_send")
            and message.message_type == "comment"
            and not message.is_internal
            and not message.subtype_id.internal
        ):
            # Without the composer's defaults (default_model...) and its flag.
            context = dict(clean_context(self.env.context))
            context.pop("care_loyalty_action_send")
            sent = self.filtered(
                lambda a: a.state == "planned" and a.channel == "email"
            ).with_env(self.env(context=context))
            sent._care_action().write(
                {"message_sent_id": message.id, "send_error": False}
            )
            sent.action_done()
        return result

    def action_print(self):
        without_layout = self.filtered(lambda a: not a.type_id.report_id)
        if without_layout:
            raise UserError(
                _(
                    "No printable layout is set on the type of %(actions)s.",
                    actions=", ".join(without_layout.mapped("display_name")),
                )
            )
        reports = self.type_id.report_id
        if len(reports) > 1:
            raise UserError(
                _("Print actions of one layout at a time: select actions of one type.")
            )
        return reports.report_action(self)

    def _check_state(self, state, message):
        """Refuse before anything is sent or logged; the buttons' writes are
        checked again by the ORM."""
        self.check_access("write")
        if any(action.state != state for action in self):
            raise UserError(message)

    def _send_emails(self):
        """Post each action's rendered template on its customer; return the actions
        that were sent. An action that cannot be sent keeps its state and says why."""
        sent = self.browse()
        for template, actions in self.grouped(
            lambda a: a.type_id.mail_template_id
        ).items():
            without_email = actions.filtered(lambda a: not a.partner_id.email)
            without_email._care_action().send_error = _(
                "The customer has no e-mail address."
            )
            actions -= without_email
            if not template:
                actions._care_action().send_error = _(
                    "The action type has no mail template."
                )
                continue
            if not actions:
                continue
            subjects = template._render_field("subject", actions.ids, compute_lang=True)
            bodies = template._render_field("body_html", actions.ids, compute_lang=True)
            actions._queue_customer_emails(subjects, bodies)
            actions._care_action().send_error = False
            sent |= actions
        return sent

    def _queue_customer_emails(self, subjects, bodies):
        """For each action, the message in its customer's chatter, its e-mail
        notification and the queued e-mail, made in batch as Odoo's mass mailing
        makes them (the mail queue's cron sends and retries); the action keeps the
        link to its message and says in its own chatter what was sent."""
        # Posting on a customer needs the right to write it, as message_post does.
        self.partner_id.check_access("write")
        author = self.env.user.partner_id
        email_from = author.email_formatted or self.env.company.email_formatted
        # One look-up of the reply-to addresses for the batch, not one per message.
        reply_to = self.partner_id._notify_get_reply_to(default=email_from)
        # sudo: staff cannot create mail.mail; the write access to the customers was
        # checked above.
        mails = (
            self.env["mail.mail"]
            .sudo()
            .create(
                [
                    {
                        "model": "res.partner",
                        "res_id": action.partner_id.id,
                        "record_name": action.partner_id.display_name,
                        "message_type": "comment",
                        "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id(
                            "mail.mt_comment"
                        ),
                        "author_id": author.id,
                        "email_from": email_from,
                        "reply_to": reply_to[action.partner_id.id],
                        "subject": subjects[action.id],
                        "body": bodies[action.id],
                        "body_html": bodies[action.id],
                        "partner_ids": [Command.set(action.partner_id.ids)],
                        "recipient_ids": [Command.set(action.partner_id.ids)],
                        "is_notification": True,
                        "auto_delete": True,
                    }
                    for action in self
                ]
            )
        )
        # sudo: as with the mails, notifications are the mail app's.
        self.env["mail.notification"].sudo().create(
            [
                {
                    "author_id": author.id,
                    "is_read": True,
                    "mail_mail_id": mail.id,
                    "mail_message_id": mail.mail_message_id.id,
                    "notification_status": "ready",
                    "notification_type": "email",
                    "res_partner_id": action.partner_id.id,
                }
                for action, mail in zip(self, mails, strict=True)
            ]
        )
        for action, mail in zip(self, mails, strict=True):
            action._care_action().message_sent_id = mail.mail_message_id
        self._message_log_batch(
            bodies={
                action.id: self.env._(
                    "Sent to %(partner)s: %(subject)s",
                    partner=action.partner_id.display_name,
                    subject=subjects[action.id],
                )
                for action in self
            }
        )

    def _mark_send_failed(self, messages, reason):
        """The mail queue could not send these messages: their actions are not done."""
        # sudo: the mail queue reports failures for actions of any responsible.
        actions = self.sudo().search(
            [("message_sent_id", "in", messages.ids), ("state", "=", "done")]
        )
        actions.write({"state": "planned", "done_date": False, "send_error": reason})
        for action in actions:
            action.message_post(
                body=_("The e-mail could not be sent: %(reason)s", reason=reason)
            )

    # ------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------

    @api.model
    def _cron_plan_birthdays(self):
        """Plan a birthday card for each customer whose birthday falls within its
        type's lead time; at most one per customer, type and year."""
        today = fields.Date.context_today(self)
        types = self.env["care.loyalty.action.type"].search(
            [("trigger", "=", "birthday")]
        )
        for action_type in types:
            self._plan_birthdays(action_type, today)

    @api.model
    def _birthday_window(self, today, lead_days):
        """{(month, day): date} of the birthdays to greet from today to the horizon.
        The year of each date is the occasion of that day's card: over a year end
        the window holds days of two years. 29 February birthdays are greeted on
        28 February in common years."""
        window = {}
        for offset in range(lead_days + 1):
            day = today + timedelta(days=offset)
            window[(day.month, day.day)] = day
            if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year):
                window[(2, 29)] = day
        return window

    @api.model
    def _plan_birthdays(self, action_type, today):
        window = self._birthday_window(today, action_type.lead_days)
        company_clause = (
            SQL(
                "AND (p.company_id IS NULL OR p.company_id = %s)",
                action_type.company_id.id,
            )
            if action_type.company_id
            else SQL()
        )
        # Each birthday of the window with the year of its card: a customer is
        # skipped only if it already has the card of *that* year (around New Year
        # the window holds two years, and last year's card must not count).
        window_values = SQL(", ").join(
            SQL("(%s, %s, %s)", month, day_of_month, day.year)
            for (month, day_of_month), day in window.items()
        )
        # One query for the whole window; archived customers come too, so that the
        # reason they get no card can be shown.
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT p.id, p.care_birthdate, p.active, p.care_greetings_opt_out,
                       p.email_normalized, p.street, p.city,
                       EXISTS(SELECT 1 FROM mail_blacklist b
                               WHERE b.email = p.email_normalized AND b.active)
                  FROM res_partner p
                  JOIN (VALUES %s) AS w(month, day, year)
                    ON w.month = EXTRACT(MONTH FROM p.care_birthdate)::int
                   AND w.day = EXTRACT(DAY FROM p.care_birthdate)::int
                 WHERE p.care_birthdate IS NOT NULL
                   AND NOT EXISTS(SELECT 1 FROM care_loyalty_action a
                                   WHERE a.partner_id = p.id AND a.type_id = %s
                                     AND a.occasion = w.year::text)
                   %s
                """,
                window_values,
                action_type.id,
                company_clause,
            )
        )
        vals_list = []
        for (
            partner_id,
            birthdate,
            active,
            opt_out,
            email,
            street,
            city,
            blacklisted,
        ) in self.env.cr.fetchall():
            day = window[(birthdate.month, birthdate.day)]
            skip_reason = self._birthday_skip_reason(
                action_type, active, opt_out, email, blacklisted, street or city
            )
            vals_list.append(
                {
                    "partner_id": partner_id,
                    "type_id": action_type.id,
                    "planned_date": day,
                    "occasion": str(day.year),
                    "state": "cancelled" if skip_reason else "planned",
                    "skip_reason": skip_reason,
                }
            )
        self._care_create_once(vals_list)
        _logger.info(
            "Birthday cards of %s: %d planned or skipped",
            action_type.name,
            len(vals_list),
        )

    @api.model
    def _birthday_skip_reason(
        self, action_type, active, opt_out, email, blacklisted, address
    ):
        if not active:
            return "archived"
        if opt_out:
            return "opt_out"
        if action_type.channel == "email":
            if not email:
                return "no_email"
            if blacklisted:
                return "blacklisted"
        if action_type.channel == "letter" and not address:
            return "no_address"
        return False

    @api.model
    def _cron_schedule_todos(self):
        """Give the responsibles the to-dos of the calls, visits and gifts due
        today (and of earlier days still without one), a batch at a time."""
        domain = [
            ("state", "=", "planned"),
            ("channel", "in", TODO_CHANNELS),
            ("todo_created", "=", False),
            ("planned_date", "<=", fields.Date.context_today(self)),
        ]
        actions = self.search(domain, limit=TODO_BATCH_SIZE, order="planned_date, id")
        actions._schedule_todo_activities()
        remaining = self.search_count(domain) if len(actions) == TODO_BATCH_SIZE else 0
        self.env["ir.cron"]._notify_progress(done=len(actions), remaining=remaining)

    @api.model
    def _cron_send_due(self):
        """Send the planned e-mail actions that are due, a batch at a time."""
        domain = [
            ("state", "=", "planned"),
            ("channel", "=", "email"),
            ("planned_date", "<=", fields.Date.context_today(self)),
            ("send_error", "=", False),
        ]
        actions = self.search(domain, limit=SEND_BATCH_SIZE, order="planned_date, id")
        try:
            # The whole batch at once: templates are rendered once per batch.
            with self.env.cr.savepoint():
                actions.action_send()
        except Exception:  # noqa: BLE001 - find the culprits one by one below
            for action in actions:
                try:
                    with self.env.cr.savepoint():
                        action.action_send()
                except Exception as error:  # noqa: BLE001 - one bad e-mail must not stop the batch
                    _logger.warning("Loyalty action %s not sent: %s", action.id, error)
                    # sudo: the cron notes the error whatever its user may write.
                    action.sudo().send_error = str(error)
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(actions), remaining=remaining)
