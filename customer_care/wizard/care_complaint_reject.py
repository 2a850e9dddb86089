from odoo import fields, models


class CareComplaintReject(models.TransientModel):
    _name = "care.complaint.reject"
    _description = "Reject a Complaint"

    complaint_ids = fields.Many2many("care.complaint", required=True)
    reason = fields.Text(required=True, help="Why the complaint is unfounded.")

    def action_confirm(self):
        self.complaint_ids.check_access("write")
        self.complaint_ids._reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
