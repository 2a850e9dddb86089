from odoo import models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _update_values(self, src_partners, dst_partner):
        """Merging contacts copies the qualification audit (who qualified and
        when, the referrer's rate) of the merged contacts, fields only actions
        change: the merge is such an action. Once the user's right to write the
        kept contact is checked, they are copied as superuser; the generic copy
        then finds them unchanged."""
        dst_partner.check_access("write")
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
            for partner in (*src_partners.sudo(), dst_partner.sudo()):
                if partner[fname]:
                    copied[fname] = field.convert_to_write(partner[fname], partner)
        if copied:
            dst_partner.sudo().write(copied)
        if copied or dropped:
            src_partners.sudo().write(dict.fromkeys([*copied, *dropped], False))
        return super()._update_values(src_partners, dst_partner)
