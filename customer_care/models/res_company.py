from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    care_letter_signature = fields.Html(
        string="Letter Signature",
        translate=True,
        help="Closes the printed loyalty letters, under the responsible's name.",
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
