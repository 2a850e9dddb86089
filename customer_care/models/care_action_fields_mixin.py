from odoo import _, models
from odoo.exceptions import AccessError

ADMIN_GROUP = "customer_care.group_care_admin"
ACTION_KEY = "care_action"


class _ActionMarker(str):
    """The models whose own action is writing. Only this module makes one: a
    remote caller's context carries plain strings, never this type, so the
    marker cannot be forged over XML-RPC or JSON-RPC."""


class CareActionFieldsMixin(models.AbstractModel):
    """Fields that only the model's actions change.

    ``readonly`` in a view is a hint to the web client; ``write`` and ``create``
    over the external API ignore it. The models that inherit this mixin name in
    ``_care_action_fields`` the fields (states, amounts, approvals, links to
    documents, dates that feed figures) that nobody writes directly. A model's
    own action writes them through ``_care_action()``: the write still runs with
    the caller's access rights and record rules, so a caller who may only read
    the record is refused by the ORM itself. Administrators of Customer Care may
    still correct them; the correction is logged in the chatter. A field mapped to
    a group in ``_care_action_field_groups`` is written directly by that group.
    Fields of ``_care_creation_fields`` may be given when the record is made.
    """

    _name = "care.action.fields.mixin"
    _description = "Customer Care: Fields Changed by Actions Only"

    _care_action_fields = ()
    _care_action_field_groups = {}
    _care_creation_fields = ()

    def _care_action(self):
        """These records, for their model's own action: its writes of action
        fields pass the guard, and the caller's rights still apply."""
        marker = self.env.context.get(ACTION_KEY)
        names = set(marker.split(",")) if type(marker) is _ActionMarker else set()
        if self._name in names:
            return self
        names.add(self._name)
        return self.with_context(**{ACTION_KEY: _ActionMarker(",".join(sorted(names)))})

    def _care_in_action(self):
        marker = self.env.context.get(ACTION_KEY)
        return type(marker) is _ActionMarker and self._name in marker.split(",")

    def _care_check_action_fields(self, vals_list, creating=False):
        """Refuse a direct write of action fields; return the fields an
        administrator corrected (empty when nothing is to log)."""
        if self.env.su or self._care_in_action():
            return set()
        written = set()
        for vals in vals_list:
            written.update(
                fname
                for fname in vals
                if fname in self._care_action_fields
                and not (creating and fname in self._care_creation_fields)
                and not (creating and self._care_is_default(fname, vals[fname]))
                and not (not creating and self._care_is_unchanged(fname, vals[fname]))
            )
        user = self.env.user
        refused = {
            fname
            for fname in written
            if not user.has_group(
                self._care_action_field_groups.get(fname, ADMIN_GROUP)
            )
        }
        if refused:
            raise AccessError(
                _(
                    "%(fields)s of %(model)s change through the record's buttons "
                    "only, not by a direct write.",
                    fields=", ".join(
                        sorted(
                            self._fields[f]._description_string(self.env)
                            for f in refused
                        )
                    ),
                    model=self._description,
                )
            )
        return written - set(self._care_action_field_groups)

    def _care_is_default(self, fname, value):
        """A new record may state a field's default or leave it empty."""
        if not value:
            return True
        field = self._fields[fname]
        if field.type == "many2one" and isinstance(value, models.BaseModel):
            value = value.id
        return value == self.default_get([fname]).get(fname)

    def _care_is_unchanged(self, fname, value):
        """Writing the value a field already has changes nothing."""
        field = self._fields[fname]
        if field.type in ("one2many", "many2many"):
            return False
        return all(
            field.convert_to_record(field.convert_to_cache(value, record), record)
            == record[fname]
            for record in self
        )

    def _care_log_corrections(self, fnames):
        """Leave a trace of an administrator's direct correction in the chatter."""
        if not fnames or self.env.su:
            return
        target = self._care_correction_thread()
        if not target:
            return
        labels = ", ".join(
            sorted(self._fields[f]._description_string(self.env) for f in fnames)
        )
        body = _(
            "%(user)s corrected %(fields)s of %(records)s directly.",
            user=self.env.user.name,
            fields=labels,
            records=", ".join(self.mapped("display_name")),
        )
        # sudo: the log is the system's, on a chatter the administrator may not post on;
        # only who may correct gets here.
        target.sudo()._message_log_batch(bodies=dict.fromkeys(target.ids, body))

    def _care_correction_thread(self):
        """The records whose chatter shows corrections (these ones by default)."""
        return self if hasattr(self, "_message_log_batch") else self.browse()
