"""Check the addon's translation files against a template freshly exported by Odoo.

Usage: python check_translations.py EXPORTED.pot

Fails when customer_care/i18n/customer_care.pot lacks a message the code or the
views have, or holds one they no longer have, and when a .po file leaves a
message untranslated or fuzzy.
"""

import pathlib
import sys

import polib

# Messages whose translation is the message itself: OCA's .po formatter empties a
# msgstr equal to its msgid, and Odoo then shows the msgid, which is right for these.
SAME_IN_EVERY_LANGUAGE = {
    "ID",
    "'%s' % object.name",
    "'CASCADE - %s' % object.name",
    "%(team)s, %(period)s",
    "%(value)s %(unit)s",
    "<span>%</span>",
    "%(name)s: %(amount)s %(currency)s",
    "Email cc",
    "%(item)s (%(review)s)",
    "%(what)s (%(team)s)",
    "<span>CASCADE</span>",
    "CASCADE",
    "%(standard)s: %(document)s",
}

I18N = pathlib.Path(__file__).resolve().parent.parent / "customer_care" / "i18n"


def main(exported_path):
    exported = {entry.msgid for entry in polib.pofile(exported_path)}
    committed = {entry.msgid for entry in polib.pofile(str(I18N / "customer_care.pot"))}
    problems = [
        f"missing from customer_care.pot: {msgid!r}" for msgid in exported - committed
    ]
    problems += [
        f"stale in customer_care.pot: {msgid!r}" for msgid in committed - exported
    ]
    for po_path in sorted(I18N.glob("*.po")):
        po = polib.pofile(str(po_path))
        translated = SAME_IN_EVERY_LANGUAGE | {
            entry.msgid for entry in po if entry.msgstr and "fuzzy" not in entry.flags
        }
        problems += [
            f"{po_path.name}: not translated: {msgid!r}"
            for msgid in sorted(exported - translated)
        ]
    for problem in problems:
        sys.stdout.write(problem + "\n")
    if problems:
        sys.stdout.write(
            "Update the template with: odoo -d DB --i18n-export=customer_care/i18n/"
            "customer_care.pot --modules=customer_care, then translate the .po files.\n"
        )
        sys.exit(1)
    sys.stdout.write(f"translations complete: {len(exported)} messages\n")


if __name__ == "__main__":
    main(sys.argv[1])
