from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    care_letter_signature = fields.Html(
        string="Letter Signature",
        translate=True,
        help="Closes the printed loyalty letters, under the responsible's name.",
    )
    care_excellence_threshold = fields.Float(
        string="Excellence Threshold (%)",
        default=80.0,
        help="A CASCADE review reaches Excellence when every other element is at "
        "least this far along.",
    )

    _sql_constraints = [
        (
            "care_excellence_threshold_range",
            "CHECK(care_excellence_threshold > 0 AND care_excellence_threshold <= 100)",
            "The Excellence threshold is a percentage above 0 and at most 100.",
        ),
    ]

    @api.constrains("care_excellence_threshold")
    def _check_care_excellence_threshold(self):
        for company in self:
            if not 0 < company.care_excellence_threshold <= 100:
                raise ValidationError(
                    _(
                        "The Excellence threshold is a percentage above 0 and at "
                        "most 100, not %(value)s.",
                        value=company.care_excellence_threshold,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # The company's partner exists before the company does, so it was defaulted
        # to external: its partner and contacts are the company's own, internal.
        own_partners = (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    (
                        "commercial_partner_id",
                        "in",
                        companies.partner_id.commercial_partner_id.ids,
                    )
                ]
            )
        )
        self.env.add_to_compute(
            self.env["res.partner"]._fields["care_customer_kind"], own_partners
        )
        return companies
