from datetime import timedelta

from pytz import UTC, timezone

from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    care_compensation_limit = fields.Float(
        string="Compensation Approval Limit",
        help="Compensation up to this amount (company currency) is granted by the "
        "user without a manager; 0 uses the company's limit.",
        groups="customer_care.group_care_user",
    )

    def _care_available_today(self, company):
        """The users of ``self`` who can take a complaint of ``company`` today:
        active, internal, in Customer Care, members of the company, with working
        time today on their own working hours (else the company's), public
        holidays and their time off left out."""
        users = self.filtered(
            lambda u: (
                u.active
                and not u.share
                and company in u.company_ids
                and u.has_group("customer_care.group_care_user")
            )
        )
        now = fields.Datetime.now().replace(tzinfo=UTC)
        available = self.browse()
        for user in users:
            # sudo: another user's working hours and time off, read to know
            # whether they are at work today; nothing of them is shown.
            resource = user.sudo().resource_ids.filtered(
                lambda r: not r.company_id or r.company_id == company
            )[:1]
            calendar = resource.calendar_id or company.sudo().resource_calendar_id
            if not calendar:
                available |= user
                continue
            tz = timezone(user.tz or calendar.tz or "UTC")
            start = now.astimezone(tz).replace(
                hour=0, minute=0, second=0, microsecond=0
            )
            end = start + timedelta(days=1)
            intervals = calendar._work_intervals_batch(
                start, end, resources=resource or None, tz=tz
            )
            if intervals[resource.id]:
                available |= user
        return available
