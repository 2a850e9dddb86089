from werkzeug.exceptions import BadRequest, NotFound

from odoo.http import request, route

from odoo.addons.rating.controllers.main import Rating

# The rates a rating page offers (Dissatisfied, Okay, Satisfied).
RATES = (1, 3, 5)


def _checked_rate(rate):
    """The rate as an integer; a rate the page does not offer is the client's
    mistake (a 400), not the server's (the 500 of Odoo's ValueError)."""
    try:
        rate = int(rate)
    except (TypeError, ValueError):
        raise BadRequest() from None
    if rate not in RATES:
        raise BadRequest()
    return rate


class CareComplaintRating(Rating):
    @route()
    def action_open_rating(self, token, rate, **kwargs):
        """A link with another rate than 1, 3 or 5 leads nowhere: a 404, as an
        unknown token."""
        if rate not in RATES:
            raise NotFound()
        return super().action_open_rating(token, rate, **kwargs)

    @route()
    def action_submit_rating(self, token, rate=0, **kwargs):
        """On a complaint's rating page, an unhappy customer also ticks what was
        missing (the needs of complainers, configurable)."""
        if request.httprequest.method == "POST":
            rate = _checked_rate(rate)
        response = super().action_submit_rating(token, rate=rate, **kwargs)
        if request.httprequest.method == "POST":
            rating, record_sudo = self._get_rating_and_record(token)
            if rating.res_model == "care.complaint":
                ticked = request.httprequest.form.getlist("care_missing_need_ids")
                record_sudo._care_apply_rating_reasons(
                    rate, [int(value) for value in ticked if value.isdigit()]
                )
        return response
