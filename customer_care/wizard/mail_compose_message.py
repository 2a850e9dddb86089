import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.care_phrase import CHECKED_MODELS


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    care_damaging_phrases = fields.Char(
        string="Damaging Phrases",
        compute="_compute_care_damaging_phrases",
        help="The damaging phrases the message holds, for its customer.",
    )
    care_needs_confirmation = fields.Boolean(
        string="Needs Confirmation", compute="_compute_care_damaging_phrases"
    )
    care_send_anyway = fields.Boolean(
        string="Send Anyway",
        help="Send this reply to a complaint although it holds damaging phrases.",
    )
    care_taken_phrase_ids = fields.Char(
        string="Suggestions Taken",
        help="The phrases whose suggestion the writer took in the composer (a JSON "
        "list of ids, kept for the figures).",
    )

    @api.depends("body", "model", "res_ids", "subtype_is_log", "composition_mode")
    def _compute_care_damaging_phrases(self):
        Phrase = self.env["care.phrase"]
        for composer in self:
            names = []
            record = composer._care_checked_record()
            if record:
                matches = Phrase._care_find(record, self.env.user, composer.body)
                names = list(dict.fromkeys(match.text for match in matches))
            composer.care_damaging_phrases = ", ".join(names)
            composer.care_needs_confirmation = bool(
                names
                and record._name == "care.complaint"
                and Phrase._care_company(record).care_confirm_damaging_complaints
            )

    def _care_checked_record(self):
        """The one document a reply to a customer is written on, if checked."""
        self.ensure_one()
        if (
            self.model not in CHECKED_MODELS
            or self.subtype_is_log
            or self.composition_mode != "comment"
            or not self.env.user.has_group("customer_care.group_care_user")
        ):
            return None
        res_ids = self._evaluate_res_ids()
        if len(res_ids) != 1:
            return None
        return self.env[self.model].browse(res_ids).exists() or None

    def _care_taken_ids(self):
        try:
            taken = json.loads(self.care_taken_phrase_ids or "[]")
        except ValueError:
            return []
        return [value for value in taken if isinstance(value, int)]

    def action_send_mail(self):
        unconfirmed = self.filtered(
            lambda c: c.care_needs_confirmation and not c.care_send_anyway
        )
        if unconfirmed:
            raise UserError(
                _(
                    "This reply to a complaint still holds damaging phrases "
                    "(%(phrases)s). Replace them, or tick Send Anyway.",
                    phrases=unconfirmed[0].care_damaging_phrases,
                )
            )
        taken = self._care_taken_ids() if len(self) == 1 else []
        composers = self.with_context(care_phrase_taken_ids=taken) if taken else self
        return super(MailComposeMessage, composers).action_send_mail()
