from odoo import api, fields, models


class CrmTeam(models.Model):
    """Each sales team may receive complaints on an address of its own (Odoo's
    aliases), besides the one that makes leads."""

    _inherit = "crm.team"

    care_complaint_alias_id = fields.Many2one(
        "mail.alias",
        string="Complaint Alias",
        copy=False,
        ondelete="restrict",
        groups="customer_care.group_care_user",
    )
    care_complaint_alias_name = fields.Char(
        string="Complaint E-mail",
        compute="_compute_care_complaint_alias_name",
        inverse="_inverse_care_complaint_alias_name",
        groups="customer_care.group_care_user",
        help="E-mails to this address open a complaint for the team; replies are "
        "threaded into it.",
    )
    care_complaint_alias_domain = fields.Char(
        related="care_complaint_alias_id.alias_domain",
        groups="customer_care.group_care_user",
    )
    care_complaint_count = fields.Integer(
        string="Open Complaints",
        compute="_compute_care_complaint_count",
        groups="customer_care.group_care_user",
    )

    care_complaint_satisfaction = fields.Integer(
        string="Complaint Satisfaction",
        compute="_compute_care_complaint_satisfaction",
        groups="customer_care.group_care_user",
        help="Share of satisfied answers to the rating requests sent when the team's "
        "complaints closed (-1: no answer yet).",
    )

    @api.depends("care_complaint_alias_id.alias_name")
    def _compute_care_complaint_alias_name(self):
        for team in self:
            team.care_complaint_alias_name = team.care_complaint_alias_id.alias_name

    def _inverse_care_complaint_alias_name(self):
        # Whoever may edit the team (its write access is checked) sets its alias.
        for team in self:
            name = team.care_complaint_alias_name
            if team.care_complaint_alias_id:
                team.care_complaint_alias_id.sudo().alias_name = name
            elif name:
                team.sudo().care_complaint_alias_id = (
                    self.env["mail.alias"].sudo().create(team._care_alias_values(name))
                )

    def _care_alias_values(self, name):
        return {
            "alias_name": name,
            "alias_model_id": self.env["ir.model"]._get_id("care.complaint"),
            "alias_parent_model_id": self.env["ir.model"]._get_id("crm.team"),
            "alias_parent_thread_id": self.id,
            "alias_defaults": repr(
                {
                    "team_id": self.id,
                    "company_id": self.company_id.id or self.env.company.id,
                    "channel": "email",
                }
            ),
            "alias_contact": "everyone",
            "alias_domain_id": (self.company_id or self.env.company).alias_domain_id.id,
        }

    def _compute_care_complaint_count(self):
        counts = dict(
            self.env["care.complaint"]._read_group(
                [("team_id", "in", self.ids), ("state", "=", "open")],
                ["team_id"],
                ["__count"],
            )
        )
        for team in self:
            team.care_complaint_count = counts.get(team, 0)

    def _compute_care_complaint_satisfaction(self):
        """Odoo's rating figures of the complaints, per team (the rating's
        parent is the complaint's team)."""
        groups = (
            self.env["rating.rating"]
            .sudo()
            ._read_group(
                [
                    ("res_model", "=", "care.complaint"),
                    ("parent_res_model", "=", "crm.team"),
                    ("parent_res_id", "in", self.ids),
                    ("consumed", "=", True),
                ],
                ["parent_res_id", "rating_text"],
                ["__count"],
            )
        )
        counts = {}
        for team_id, text, count in groups:
            total, happy = counts.get(team_id, (0, 0))
            counts[team_id] = (total + count, happy + (count if text == "top" else 0))
        for team in self:
            total, happy = counts.get(team.id, (0, 0))
            team.care_complaint_satisfaction = (
                round(100 * happy / total) if total else -1
            )

    def unlink(self):
        aliases = self.sudo().care_complaint_alias_id
        result = super().unlink()
        aliases.unlink()
        return result

    def action_care_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_care.care_complaint_action"
        )
        action["domain"] = [("team_id", "=", self.id)]
        action["context"] = {"default_team_id": self.id, "search_default_open": 1}
        return action
