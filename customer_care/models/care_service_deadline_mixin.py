from collections import defaultdict

from odoo import api, fields, models

from .care_service_deadline import OPEN_STATES

# The measures a reply to the customer reaches.
REPLY_MEASURES = ("first_reply", "next_reply", "update")


class CareServiceDeadlineMixin(models.AbstractModel):
    """Documents whose service is measured against the measured standards: the
    applicable standards start clocks, replies to the customer and the
    resolution reach them. The inheriting model names its clocks' field back to
    it (``_care_deadline_inverse``) and what the standards call it
    (``_care_deadline_applies_to``), and defines ``care_deadline_ids``."""

    _name = "care.service.deadline.mixin"
    _description = "Customer Care: Service Deadlines"

    _care_deadline_inverse = None
    _care_deadline_applies_to = None

    care_deadline_breached = fields.Boolean(
        string="Standard Breached",
        compute="_compute_care_deadline_summary",
        store=True,
        help="A measured service standard was breached on this document.",
    )
    care_next_deadline = fields.Datetime(
        string="Next Deadline",
        compute="_compute_care_deadline_summary",
        store=True,
        help="The earliest deadline still running.",
    )

    # Read with the document, so that a message on a document with no clock open
    # reads no clock.
    care_deadline_open = fields.Boolean(
        string="Clock Open",
        compute="_compute_care_deadline_summary",
        store=True,
        groups="base.group_user",
        help="A measured service standard's clock is running, paused or breached "
        "on this document: a reply may still reach it.",
    )

    @api.depends("care_deadline_ids.state", "care_deadline_ids.deadline")
    def _compute_care_deadline_summary(self):
        for document in self:
            # sudo: the summary counts every clock, whoever writes the document (a
            # stored compute runs in the writer's env).
            deadlines = document.sudo().care_deadline_ids
            running = deadlines.filtered(lambda d: d.state == "running")
            document.care_deadline_breached = "breached" in deadlines.mapped("state")
            document.care_next_deadline = min(running.mapped("deadline"), default=False)
            document.care_deadline_open = any(
                state in OPEN_STATES for state in deadlines.mapped("state")
            )

    # ------------------------------------------------------------
    # What applies
    # ------------------------------------------------------------

    def _care_calendar(self):
        """The working hours deadlines are counted on: the team's, else the
        company's."""
        self.ensure_one()
        # Read as superuser: a customer writing from the portal moves the clocks
        # too, without rights on working hours.
        document = self.sudo()
        return (
            document.team_id.care_resource_calendar_id
            or document._care_deadline_company().resource_calendar_id
        )

    def _care_deadline_company(self):
        """The company the clocks belong to: the document's, else (a lead of no
        company) the current one."""
        self.ensure_one()
        return self.company_id or self.env.company

    def _care_deadline_profile(self):
        """What the standards' filters read: customer kind, channel (as the
        standards name channels), priority. Defined by each document."""
        raise NotImplementedError

    def _care_deadline_is_open(self):
        """Whether the document is still worked on. Defined by each document."""
        raise NotImplementedError

    def _care_deadline_start(self):
        """When the document's first clocks start. Defined by each document."""
        raise NotImplementedError

    def _care_deadline_is_paused(self):
        """Whether the document waits on the customer: its clocks stand still."""
        self.ensure_one()
        return False

    @api.model
    def _care_start_clocks(self, requests):
        """Start the clocks of ``requests``; those of documents waiting on the
        customer start paused."""
        clocks = self.env["care.service.deadline"]._care_start(requests)
        waiting = clocks.filtered(
            lambda d: (d.complaint_id or d.lead_id)._care_deadline_is_paused()
        )
        for deadline in waiting:
            deadline._care_pause(deadline.date_start)
        return clocks

    @api.model
    def _care_measured_standards(self, measures=None):
        """The active measured standards of this kind of document, as cached
        rows (id, company, customer kind, channel, priority, measure)."""
        rows = self.env["care.service.standard"]._care_measured_rows(
            self._care_deadline_applies_to
        )
        return [row for row in rows if not measures or row[5] in measures]

    def _care_applicable(self, rows):
        """{document: the standards of ``rows`` that apply to it}."""
        # sudo: the standards apply also for a portal customer, who cannot read them.
        Standard = self.env["care.service.standard"].sudo()
        result = {}
        for document in self:
            kind, channel, priority = document._care_deadline_profile()
            company = document._care_deadline_company().id
            result[document] = Standard.browse(
                row[0]
                for row in rows
                if row[1] in (False, company)
                and row[2] in ("both", kind)
                and row[3] in ("general", channel)
                and row[4] in (False, priority)
            )
        return result

    def _care_sync_deadlines(self, start=None, new=False):
        """Start the clocks of the standards that apply and have none on the
        document yet (at ``start``, else when the document began); stop the
        running ones of standards that no longer apply. One search of
        standards, one of clocks (none for ``new`` documents, which have no
        clock yet), one insert for the batch."""
        rows = self._care_measured_standards()
        if new and not rows:
            return
        documents = self.filtered(lambda d: d._care_deadline_is_open())
        # sudo: the document's clocks, which a portal customer cannot read; the
        # document's create or write was allowed.
        if not documents or (
            not rows and not new and not documents.sudo().care_deadline_ids
        ):
            return
        applicable = documents._care_applicable(rows)
        existing = defaultdict(lambda: self.env["care.service.deadline"])
        # sudo: as above.
        for deadline in () if new else documents.sudo().care_deadline_ids:
            existing[deadline[self._care_deadline_inverse]] |= deadline
        requests = []
        to_stop = self.env["care.service.deadline"]
        for document in documents:
            clocks = existing[document]
            standards = applicable[document]
            to_stop |= clocks.filtered(lambda d, s=standards: d.standard_id not in s)
            requests += [
                {
                    "standard": standard,
                    "document": document,
                    "start": start or document._care_deadline_start(),
                }
                for standard in standards - clocks.standard_id
            ]
        to_stop._care_stop()
        self._care_start_clocks(requests)

    # ------------------------------------------------------------
    # Events
    # ------------------------------------------------------------

    def _care_open_deadlines(self, measures):
        # sudo: the open clocks, also for a customer without rights on them; the event
        # that reaches them was the caller's.
        return self.sudo().care_deadline_ids.filtered(
            lambda d: d.state in OPEN_STATES and d.measure in measures
        )

    def _care_deadline_on_message(self, message):
        """A reply to the customer reaches the reply clocks (and starts the next
        update); a message from the customer resumes the clocks and opens an
        answer clock for the standards that measure every reply."""
        Check = self.env["care.message.check"]
        if not message.date:
            return
        # What the message is first: a note reaches nothing, and a reply reaches
        # only the documents with a clock open (read with them).
        if Check._is_customer_facing(message) and Check._writer(message):
            documents = self.filtered(
                lambda d: d.sudo().care_deadline_open and d._care_deadline_is_open()
            )
            if documents:
                documents._care_deadline_on_reply(message)
        elif self._care_is_customer_message(message):
            documents = self.filtered(lambda d: d._care_deadline_is_open())
            if documents:
                documents._care_deadline_on_customer_message(message)

    @api.model
    def _care_is_customer_message(self, message):
        """A message written by the customer (an e-mail, a portal message), not by
        an employee, and not a note or a notification."""
        if message.message_type not in ("email", "comment"):
            return False
        user = self.env.user
        if message.author_id == user.partner_id and not user.share:
            # An employee's own message or note, told without reading more.
            return False
        if message.is_internal or message.subtype_id.internal:
            return False
        return not any(not user.share for user in message.author_id.user_ids)

    def _care_deadline_on_reply(self, message):
        reached = self._care_open_deadlines(REPLY_MEASURES)._care_reach(
            message.date, reply=message
        )
        updates = reached.filtered(lambda d: d.measure == "update")
        self._care_start_clocks(
            [
                {
                    "standard": deadline.standard_id,
                    "document": deadline.complaint_id or deadline.lead_id,
                    "start": message.date,
                }
                for deadline in updates
                if deadline.standard_id.active
            ]
        )

    def _care_deadline_on_customer_message(self, message):
        # sudo: the customer's answer resumes clocks they cannot read; the message was
        # posted with their rights.
        self.sudo().care_deadline_ids._care_resume(message.date)
        applicable = self._care_applicable(
            self._care_measured_standards(["next_reply"])
        )
        requests = []
        for document in self:
            waiting = document._care_open_deadlines(["next_reply"]).standard_id
            requests += [
                {
                    "standard": standard,
                    "document": document,
                    "start": message.date,
                    "message_id": message.id,
                }
                for standard in applicable[document] - waiting
            ]
        self._care_start_clocks(requests)
