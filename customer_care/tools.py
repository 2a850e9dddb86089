"""Helpers shared by the addon's models."""

import logging

import psycopg2

from odoo.tools import mute_logger

_logger = logging.getLogger(__name__)


def create_once(model, vals_list, retry=None):
    """Create ``vals_list`` on ``model`` where the database decides a once rule.

    The rows are inserted in a savepoint. When another transaction inserted a row
    of the same unique key meanwhile, they are inserted one by one instead: a
    conflicting row is skipped, or inserted as ``retry(vals, constraint_name)``
    returns it (nothing: skipped). Neither transaction fails because of the race.
    """
    if not vals_list:
        return model.browse()
    try:
        with mute_logger("odoo.sql_db"), model.env.cr.savepoint():
            return model.create(vals_list)
    except psycopg2.errors.UniqueViolation as error:
        _logger.info(
            "%s: rows made meanwhile by another transaction (%s), inserting them "
            "one by one",
            model._name,
            error.diag.constraint_name,
        )
    created = model.browse()
    for vals in vals_list:
        try:
            with mute_logger("odoo.sql_db"), model.env.cr.savepoint():
                created |= model.create(vals)
        except psycopg2.errors.UniqueViolation as error:
            again = retry(vals, error.diag.constraint_name) if retry else None
            if again:
                created |= model.create(again)
    return created
