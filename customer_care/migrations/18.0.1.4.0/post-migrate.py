"""18.0.1.4.0: the wording of a shipped checklist item is fixed.

The checklist is shipped ``noupdate``: its item keeps the old English text unless
this script rewrites it. Only the English text is rewritten, and only while it is
still the shipped one: an administrator's wording and the translations stay.

The workplace item is checked by observation: it is marked done without evidence,
as on a new database. ``evidence_required`` is new, so nobody chose otherwise.

The review's name is no longer stored (it is read in the reader's language); its
column stays, unused, as Odoo leaves the columns of fields that stop being stored.
"""

OLD_TEXT = "Service is differentiated from competitors'"
NEW_TEXT = "Service stands out from that of competitors"


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE care_cascade_item item
           SET name = jsonb_set(item.name, '{en_US}', to_jsonb(%(new)s::text))
          FROM ir_model_data imd
         WHERE imd.module = 'customer_care'
           AND imd.name = 'care_cascade_item_excellence_differentiated'
           AND imd.model = 'care.cascade.item'
           AND imd.res_id = item.id
           AND item.name->>'en_US' = %(old)s
        """,
        {"old": OLD_TEXT, "new": NEW_TEXT},
    )
    cr.execute(
        """
        UPDATE care_cascade_item item
           SET evidence_required = FALSE
          FROM ir_model_data imd
         WHERE imd.module = 'customer_care'
           AND imd.name = 'care_cascade_item_abilities_workplace'
           AND imd.model = 'care.cascade.item'
           AND imd.res_id = item.id
        """
    )
