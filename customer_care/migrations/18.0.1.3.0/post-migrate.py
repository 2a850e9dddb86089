"""18.0.1.3.0: the to-do of a loyalty call, visit or gift comes on its planned day.

Until now the responsible got the to-do when the action was planned, so every
planned action of those channels has its to-do already: ``todo_created`` says so,
and the new cron does not make a second one. A cancelled action had its to-do
removed; planned again, it gets one on its day.

The action's name is no longer stored (it is read in the reader's language); its
column stays, unused, as Odoo leaves the columns of fields that stop being stored.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE care_loyalty_action
           SET todo_created = TRUE
         WHERE state = 'planned' AND channel IN ('phone', 'visit', 'gift')
        """
    )
