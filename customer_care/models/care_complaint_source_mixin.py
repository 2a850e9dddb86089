from odoo import _, models
from odoo.exceptions import UserError


class CareComplaintSourceMixin(models.AbstractModel):
    """A document a complaint can be about (a lead, a sales order, an invoice):
    its *Log a Complaint* button opens the phone complaint's short form for the
    document's customer, with the document as source and its team."""

    _name = "care.complaint.source.mixin"
    _description = "Customer Care: Document a Complaint Can Be About"

    def action_care_log_complaint(self):
        self.ensure_one()
        if not self.partner_id:
            raise UserError(
                _("Set the customer first: a complaint is about a customer.")
            )
        return self.env["care.complaint"]._action_log_complaint(
            self.partner_id, source=self, team=self.team_id
        )
