"""18.0.1.6.0: service standards can be measured.

The standards are shipped ``noupdate``: on a database that had them before, the
three that the material gives a measurable target get their measure here, while
their target is still the shipped one (an administrator's own target is theirs
to measure or not). The measure is not part of a standard's wording: nobody has
to acknowledge it again.

Only documents created from now on are measured: an open complaint of last
month would be breached at once, with an activity for its team leader.
"""

MEASURES = {
    # xmlid: (measure, applies to, shipped target, shipped unit)
    "care_service_standard_web": ("first_reply", "lead", 24, "business_hours"),
    "care_service_standard_email": ("next_reply", "complaint", 24, "business_hours"),
    "care_service_standard_internal_update": ("update", "complaint", 1, "days"),
}


def migrate(cr, version):
    if not version:
        return
    for xmlid, (measure, applies_to, target, unit) in MEASURES.items():
        cr.execute(
            """
            UPDATE care_service_standard standard
               SET measure = %(measure)s, applies_to = %(applies_to)s
              FROM ir_model_data imd
             WHERE imd.module = 'customer_care'
               AND imd.name = %(xmlid)s
               AND imd.model = 'care.service.standard'
               AND imd.res_id = standard.id
               AND standard.measure IS NULL
               AND standard.target_value = %(target)s
               AND standard.target_unit = %(unit)s
            """,
            {
                "measure": measure,
                "applies_to": applies_to,
                "xmlid": xmlid,
                "target": target,
                "unit": unit,
            },
        )
