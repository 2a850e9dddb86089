from odoo import _, models


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _postprocess_sent_message(
        self, success_pids, failure_reason=False, failure_type=None
    ):
        if failure_type:
            self.env["care.loyalty.action"]._mark_send_failed(
                self.mail_message_id,
                failure_reason
                or _(
                    "The mail server refused the e-mail (%(type)s).", type=failure_type
                ),
            )
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )
