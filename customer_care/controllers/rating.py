from odoo.http import request, route

from odoo.addons.rating.controllers.main import Rating


class CareComplaintRating(Rating):
    @route()
    def action_submit_rating(self, token, rate=0, **kwargs):
        """On a complaint's rating page, an unhappy customer also ticks what was
        missing (the needs of complainers, configurable)."""
        response = super().action_submit_rating(token, rate=rate, **kwargs)
        if request.httprequest.method == "POST":
            rating, record_sudo = self._get_rating_and_record(token)
            if rating.res_model == "care.complaint":
                ticked = request.httprequest.form.getlist("care_missing_need_ids")
                record_sudo._care_apply_rating_reasons(
                    int(rate), [int(value) for value in ticked if value.isdigit()]
                )
        return response
