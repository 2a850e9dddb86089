from odoo import models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _update_values(self, src_partners, dst_partner):
        """Merging contacts copies the qualification audit (who qualified and
        when, the referrer's rate) of the merged contacts, fields only actions
        change: the merge is such an action, and writes them with the user's own
        rights on every contact it touches; the generic copy then finds them
        unchanged."""
        groups = dst_partner._care_action_field_groups
        user = self.env.user
        copied, dropped = {}, []
        for fname in dst_partner._care_action_fields:
            field = dst_partner._fields[fname]
            if field.compute:
                continue
            if fname in groups and not user.has_group(groups[fname]):
                # Not the user's to set (a referrer's rate): the kept contact's
                # own value stays, the merged contacts' is not copied.
                dropped.append(fname)
                continue
            # The last contact with a value wins, the kept one last, as Odoo does.
            # sudo: reads the audit fields of contacts the user may merge.
            for partner in (*src_partners.sudo(), dst_partner.sudo()):
                if partner[fname]:
                    copied[fname] = field.convert_to_write(partner[fname], partner)
        if copied:
            dst_partner._care_action().write(copied)
        if copied or dropped:
            src_partners._care_action().write(dict.fromkeys([*copied, *dropped], False))
        return super()._update_values(src_partners, dst_partner)
