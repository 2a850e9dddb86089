from odoo import api, fields, models, tools

from .care_phrase import CHECKED_MODELS


class CareMessageCheck(models.Model):
    """The check of one message sent to a customer: the damaging phrases it
    still held when it was sent and the suggestions its writer took."""

    _name = "care.message.check"
    _description = "Customer Care: Message Check"
    _order = "date desc, id desc"
    _rec_name = "record_name"
    # Checks are made by _check_messages only, which keeps the team and the
    # suggestions taken to the message's company (_check_vals): the ORM's check
    # would read the team and the phrases back for every message sent.
    _check_company_auto = False

    message_id = fields.Many2one(
        "mail.message", required=True, ondelete="cascade", index=True
    )
    model = fields.Char(string="Document Model", required=True, index=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="model", required=True
    )
    record_name = fields.Char(string="Document Name")
    user_id = fields.Many2one("res.users", string="Writer", required=True, index=True)
    team_id = fields.Many2one("crm.team", index=True, check_company=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    date = fields.Datetime(required=True, index=True)
    phrase_ids = fields.Many2many(
        "care.phrase",
        "care_message_check_phrase_rel",
        "check_id",
        "phrase_id",
        string="Damaging Phrases Sent",
        context={"active_test": False},
        check_company=True,
    )
    # The figures are written with the check, which nobody changes afterwards:
    # no compute reads the phrases back.
    phrase_count = fields.Integer(
        string="Damaging Phrases (Count)", readonly=True, aggregator="sum"
    )
    has_damaging = fields.Boolean(string="With Damaging Phrases", readonly=True)
    damaging_rate = fields.Float(
        string="Share With Damaging Phrases (%)",
        readonly=True,
        aggregator="avg",
        help="100 for a message sent with a damaging phrase, 0 without: its "
        "average is the share of messages sent with one.",
    )
    taken_ids = fields.Many2many(
        "care.phrase",
        "care_message_check_taken_rel",
        "check_id",
        "phrase_id",
        string="Suggestions Taken",
        context={"active_test": False},
        check_company=True,
    )
    taken_count = fields.Integer(
        string="Suggestions Taken (Count)", readonly=True, aggregator="sum"
    )

    _sql_constraints = [
        ("message_uniq", "unique(message_id)", "A message is checked once."),
    ]

    @api.model
    def _check_messages(self, messages, taken_ids=()):
        """Check messages just sent to customers (a batch of ``mail.message``
        of one model): one query for their authors, one insert for the checks."""
        messages = messages.filtered(self._is_customer_facing)
        if not messages:
            return self.browse()
        # sudo: phrases are configuration, read for any writer.
        Phrase = self.env["care.phrase"].sudo()
        taken = Phrase.browse(taken_ids).exists() if taken_ids else Phrase
        # sudo: the documents' customer and company, whatever the writer may read.
        records = self.env[messages[0].model].sudo().browse(messages.mapped("res_id"))
        vals_list = []
        for message in messages:
            user = self._writer(message)
            if user:
                record = records.browse(message.res_id)
                vals_list.append(self._check_vals(message, record, user, taken))
        # sudo: nobody creates checks; the messages were posted with the writer's
        # rights.
        return self.sudo().create(vals_list)

    @api.model
    def _check_vals(self, message, record, user, taken):
        Phrase = self.env["care.phrase"]
        company = Phrase._care_company(record)
        matches = Phrase._care_find(record, user, message.body)
        found = sorted({match.phrase_id for match in matches})
        # Another company's team or suggestions are left out: checking a message
        # never stops it from being sent.
        team = user.sale_team_id
        if self._care_team_company(team.id) not in (company.id, False):
            team = team.browse()
        taken = taken.filtered(
            lambda p: p.company_id in (company, p.company_id.browse())
        )
        return {
            "message_id": message.id,
            "model": message.model,
            "res_id": message.res_id,
            "record_name": message.record_name or record.display_name,
            "user_id": user.id,
            "team_id": team.id,
            "company_id": company.id,
            "date": message.date or fields.Datetime.now(),
            "phrase_ids": [fields.Command.set(found)],
            "taken_ids": [fields.Command.set(taken.ids)],
            "phrase_count": len(found),
            "has_damaging": bool(found),
            "damaging_rate": 100.0 if found else 0.0,
            "taken_count": len(taken),
        }

    @api.model
    def _is_customer_facing(self, message):
        """A message staff send to the customer of a checked document (a
        discussion message or a mass mailing), not an internal note, a tracking
        notification or an incoming e-mail."""
        discussion = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
        # What the message is first: a note is told apart without reading more.
        return (
            message.message_type not in ("email", "user_notification")
            and (
                message.subtype_id.id == discussion
                or message.message_type == "email_outgoing"
            )
            and not message.is_internal
            and message.model in CHECKED_MODELS
            and message.res_id
            and bool(message.body)
        )

    @api.model
    @tools.ormcache("team_id")
    def _care_team_company(self, team_id):
        """The company of a sales team (cached: read for every message checked;
        cleared when a team changes company)."""
        # sudo: the team's company, whatever the writer may read.
        return self.env["crm.team"].sudo().browse(team_id).company_id.id

    @api.model
    def _writer(self, message):
        """The internal user who wrote the message: its author's, else the user
        sending it (a template sent by the system is not anybody's)."""
        user = self.env.user
        if message.author_id == user.partner_id and not user.share and user.active:
            # The usual case, known without reading the author's users.
            return user
        users = message.author_id.user_ids | self.env.user
        return next((user for user in users if not user.share and user.active), None)

    def action_open_document(self):
        """The document the message was sent on, with the reader's own rights."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.model,
            "res_id": self.res_id,
            "views": [(False, "form")],
        }
