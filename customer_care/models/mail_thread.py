from odoo import api, models

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
        (bounces and loops are already handled by Odoo's gateway)."""
        routes = super().message_route(
            message, message_dict, model, thread_id, custom_values
        )
        if routes and self._care_is_auto_reply(message):
            routes = [route for route in routes if route[0] != "care.complaint"]
        return routes

    @api.model
    def _care_is_auto_reply(self, message):
        submitted = (message.get("Auto-Submitted") or "").strip().lower()
        if submitted and submitted != "no":
            return True
        if any(message.get(header) for header in AUTO_HEADERS):
            return True
        precedence = (message.get("Precedence") or "").strip().lower()
        return precedence in AUTO_PRECEDENCE
