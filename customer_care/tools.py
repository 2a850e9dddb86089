"""Helpers shared by the addon's models."""

import contextvars
import logging
from contextlib import contextmanager

import psycopg2

from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)

# Set while a refusal the code expects and handles may come from the database.
_expected_refusal = contextvars.ContextVar("care_expected_refusal", default=False)


class _ExpectedRefusalFilter(logging.Filter):
    """Drops the "bad query" lines of refusals the code handles itself, in the
    thread (or task) that expects them only: Odoo's ``mute_logger`` swaps the
    logger's handlers for the whole process, which threads undo for each other."""

    def filter(self, record):
        return not _expected_refusal.get()


logging.getLogger("odoo.sql_db").addFilter(_ExpectedRefusalFilter())


@contextmanager
def expected_refusal():
    token = _expected_refusal.set(True)
    try:
        yield
    finally:
        _expected_refusal.reset(token)


def create_once(model, vals_list, retry=None):
    """Create ``vals_list`` on ``model`` where the database decides a once rule.

    The rows are inserted in a savepoint. When another transaction inserted a row
    of the same unique key meanwhile, they are inserted one by one instead: a
    conflicting row is skipped, or inserted as ``retry(vals, constraint_name)``
    returns it (nothing: skipped; a second conflict skips it too). Neither
    transaction fails because of the race.
    """
    if not vals_list:
        return model.browse()
    try:
        with expected_refusal(), model.env.cr.savepoint():
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
        attempt = vals
        while attempt:
            try:
                with expected_refusal(), model.env.cr.savepoint():
                    created |= model.create(attempt)
                break
            except psycopg2.errors.UniqueViolation as error:
                again = retry(attempt, error.diag.constraint_name) if retry else None
                attempt = again if again != attempt else None
    return created


def check_percentage(records, fname):
    """The one rule of the addon's commission rates: a percentage from 0 to 100
    (the commission's own rate, the company's and the referrer's default)."""
    for record in records:
        value = record[fname]
        if not 0 <= value <= 100:
            raise ValidationError(
                records.env._(
                    "%(field)s of %(record)s is a percentage between 0 and 100, "
                    "not %(value)s.",
                    field=records._fields[fname]._description_string(records.env),
                    record=record.display_name,
                    value=value,
                )
            )


def in_readers_lang(records, reader):
    """Each record, in order, in the language of the user who reads what is
    written for it (``reader(record)``), so that a summary made by a cron or
    another user reads in its reader's language. One environment, hence one
    prefetch of translated fields, per language."""
    default = records.env.lang or "en_US"
    by_lang = {}
    localized = []
    for index, record in enumerate(records):
        lang = reader(record).lang or default
        if lang not in by_lang:
            by_lang[lang] = records.with_context(lang=lang)
        localized.append(by_lang[lang][index])
    return localized


def composer_action(records, template, name=None, **context):
    """Odoo's composer on ``records`` with ``template`` rendered in each
    recipient's language (the template's ``lang``), as Odoo's own *Send* buttons
    open it; ``context`` adds the flags the records' post hooks read."""
    action = {
        "type": "ir.actions.act_window",
        "res_model": "mail.compose.message",
        "view_mode": "form",
        "views": [(False, "form")],
        "target": "new",
        "context": {
            "default_model": records._name,
            "default_res_ids": records.ids,
            "default_template_id": template.id,
            "default_composition_mode": "comment",
            "default_email_layout_xmlid": "mail.mail_notification_light",
            **context,
        },
    }
    if name:
        action["name"] = name
    return action
