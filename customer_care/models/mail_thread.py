import logging

from odoo import api, models
from odoo.tools import SQL, email_normalize

from .care_phrase import CHECKED_MODELS

_logger = logging.getLogger(__name__)

# Headers of messages that a program wrote, not a person (RFC 3834 and the
# conventions of common autoresponders).
AUTO_HEADERS = ("X-Autoreply", "X-Autorespond")
AUTO_PRECEDENCE = ("auto_reply", "bulk", "junk")


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def message_route(
        self, message, message_dict, model=None, thread_id=None, custom_values=None
    ):
        """Out-of-office and other automatic replies open or feed no complaint
        (bounces and loops are already handled by Odoo's gateway), and one e-mail
        delivered twice at the same moment opens one complaint."""
        routes = super().message_route(
            message, message_dict, model, thread_id, custom_values
        )
        if routes and self._care_is_auto_reply(message):
            return [route for route in routes if route[0] != "care.complaint"]
        if routes and self._care_is_own_address(message_dict.get("email_from")):
            _logger.info(
                "Ignored mail %s for complaints: it comes from one of the database's "
                "own addresses (%s)",
                message_dict.get("message_id"),
                message_dict.get("email_from"),
            )
            return [route for route in routes if route[0] != "care.complaint"]
        creating = [r for r in routes or () if r[0] == "care.complaint" and not r[1]]
        if creating and self._care_message_known(message_dict.get("message_id")):
            _logger.info(
                "Ignored mail %s for a new complaint: another transaction processed "
                "it meanwhile",
                message_dict.get("message_id"),
            )
            return [route for route in routes if route not in creating]
        return routes

    @api.model
    def _care_is_own_address(self, email_from):
        """Whether a sender is the database itself: an alias domain's bounce,
        catchall or default sender address, or one of its aliases. Such a mail
        is a loop, never a customer's complaint."""
        email = email_normalize(email_from or "")
        if not email:
            return False
        local, _at, domain_name = email.rpartition("@")
        # sudo: the gateway's own configuration, whoever the mail's user is.
        domains = (
            self.env["mail.alias.domain"]
            .sudo()
            .search([("name", "=ilike", domain_name)])
        )
        if not domains:
            return False
        own = set(domains.mapped("bounce_email") + domains.mapped("catchall_email"))
        own.update(domains.mapped("default_from_email"))
        if email in own:
            return True
        return bool(
            self.env["mail.alias"]
            .sudo()
            .search_count(
                [("alias_name", "=", local), ("alias_domain_id", "in", domains.ids)],
                limit=1,
            )
        )

    @api.model
    def _care_is_auto_reply(self, message):
        submitted = (message.get("Auto-Submitted") or "").strip().lower()
        if submitted and submitted != "no":
            return True
        if any(message.get(header) for header in AUTO_HEADERS):
            return True
        precedence = (message.get("Precedence") or "").strip().lower()
        return precedence in AUTO_PRECEDENCE

    @api.model
    def _care_message_known(self, message_id):
        """Whether another transaction committed this Message-ID since ours began.

        Odoo looks for a known Message-ID in the transaction's snapshot, which
        misses a delivery of the same e-mail being processed at the same moment
        (a mail server retrying, two fetchers). The first holds a lock on the
        Message-ID until it commits; the second waits for it, then looks in a
        fresh transaction, which sees the first one's message."""
        if not message_id:
            return False
        self.env.cr.execute(
            SQL(
                "SELECT pg_advisory_xact_lock(hashtext(%s))",
                f"care.complaint.intake:{message_id}",
            )
        )
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT 1 FROM mail_message WHERE message_id = %s LIMIT 1",
                    message_id,
                )
            )
            return bool(cr.fetchone())

    def _notify_thread(self, message, msg_vals=False, **kwargs):
        """What staff send to a customer is checked against the phrase library,
        whatever sent it (the composer, a template, the API). The composer tells
        which suggestions its writer took (``care_phrase_taken_ids``). Checked
        once the message is notified: the customer it is written to has been
        read by then."""
        result = super()._notify_thread(message, msg_vals=msg_vals, **kwargs)
        if self._name in CHECKED_MODELS:
            self.env["care.message.check"]._check_messages(
                message, self._care_taken_phrase_ids()
            )
        return result

    def _message_mail_after_hook(self, mails):
        """Mass mailings to customers are checked too, one batch per batch of
        mails."""
        result = super()._message_mail_after_hook(mails)
        if self._name in CHECKED_MODELS and mails:
            self.env["care.message.check"]._check_messages(
                mails.mail_message_id.filtered(lambda m: m.model == self._name)
            )
        return result

    def _care_taken_phrase_ids(self):
        taken = self.env.context.get("care_phrase_taken_ids") or ()
        if not isinstance(taken, (list, tuple)):
            return ()
        return tuple({value for value in taken if isinstance(value, int) and value > 0})
