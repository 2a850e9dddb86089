from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.mail.controllers.attachment import AttachmentController


class CareAttachmentController(AttachmentController):
    @http.route()
    def mail_attachment_upload(self, ufile, thread_id, thread_model, **kwargs):
        """A customer's file on a complaint (a portal reply) is checked as the
        files sent when filing are: its kind and size. Staff upload as in Odoo."""
        if thread_model == "care.complaint" and not request.env.user._is_internal():
            data = ufile.read()
            ufile.seek(0)
            try:
                request.env["care.complaint"]._care_check_portal_file(
                    ufile.filename, data
                )
            except UserError as error:
                # The composer shows the message, as for Odoo's own refusals.
                return request.make_json_response({"error": error.args[0]})
        return super().mail_attachment_upload(ufile, thread_id, thread_model, **kwargs)
