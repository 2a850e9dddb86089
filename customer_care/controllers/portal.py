from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.care_complaint import PORTAL_FILE_MAX_COUNT


class CareComplaintPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "complaint_count" in counters:
            Complaint = request.env["care.complaint"]
            values["complaint_count"] = (
                Complaint.search_count([]) if Complaint.has_access("read") else 0
            )
        return values

    # ------------------------------------------------------------
    # My Complaints
    # ------------------------------------------------------------

    def _complaint_searchbar_sortings(self):
        return {
            "date": {"label": _("Newest"), "order": "date_received desc, id desc"},
            "reference": {"label": _("Reference"), "order": "reference desc, id desc"},
            "state": {"label": _("Status"), "order": "state, date_received desc"},
        }

    @http.route(
        ["/my/complaints", "/my/complaints/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_complaints(self, page=1, sortby=None, **kw):
        Complaint = request.env["care.complaint"]
        if not Complaint.has_access("read"):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        searchbar_sortings = self._complaint_searchbar_sortings()
        if sortby not in searchbar_sortings:
            sortby = "date"
        order = searchbar_sortings[sortby]["order"]

        complaint_count = Complaint.search_count([])
        pager = portal_pager(
            url="/my/complaints",
            url_args={"sortby": sortby},
            total=complaint_count,
            page=page,
            step=self._items_per_page,
        )
        complaints = Complaint.search(
            [], order=order, limit=self._items_per_page, offset=pager["offset"]
        )
        request.session["my_complaints_history"] = complaints.ids[:100]
        values.update(
            {
                "complaints": complaints,
                "page_name": "complaint",
                "default_url": "/my/complaints",
                "pager": pager,
                "searchbar_sortings": searchbar_sortings,
                "sortby": sortby,
            }
        )
        return request.render("customer_care.portal_my_complaints", values)

    @http.route(
        "/my/complaints/<int:complaint_id>", type="http", auth="public", website=True
    )
    def portal_my_complaint(self, complaint_id, access_token=None, **kw):
        try:
            complaint_sudo = self._document_check_access(
                "care.complaint", complaint_id, access_token=access_token
            )
        except (AccessError, MissingError):
            raise request.not_found() from None
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "complaint": complaint_sudo,
                "page_name": "complaint",
                "progress": complaint_sudo._care_portal_progress(),
                "promise": complaint_sudo._care_portal_promise(),
                # The customer's time zone, else their company's.
                "tz": complaint_sudo.partner_id.tz
                or complaint_sudo.company_id.partner_id.tz
                or "UTC",
            }
        )
        values = self._get_page_view_values(
            complaint_sudo, access_token, values, "my_complaints_history", False, **kw
        )
        return request.render("customer_care.portal_my_complaint", values)

    # ------------------------------------------------------------
    # New complaint
    # ------------------------------------------------------------

    def _complaint_portal_company(self):
        partner = request.env.user.partner_id
        return partner.company_id or request.env.company

    def _complaint_portal_categories(self):
        company = self._complaint_portal_company()
        # sudo: customers may not read categories; only their company's are offered.
        return (
            request.env["care.complaint.category"]
            .sudo()
            .search([("company_id", "in", [False, company.id])])
        )

    def _complaint_new_values(self, form=None, error=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "complaint_new",
                "categories": self._complaint_portal_categories(),
                "form": form or {},
                "error": error or {},
            }
        )
        return values

    @http.route(
        "/my/complaints/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_new_complaint(self, **post):
        if not request.env["care.complaint"].has_access("read"):
            return request.redirect("/my")
        if request.httprequest.method != "POST":
            return request.render(
                "customer_care.portal_new_complaint", self._complaint_new_values()
            )
        form = {
            "name": (post.get("name") or "").strip(),
            "description": (post.get("description") or "").strip(),
            "category_id": post.get("category_id") or "",
        }
        error = {}
        if not form["name"]:
            error["name"] = _("Give your complaint a subject.")
        if not form["description"]:
            error["description"] = _("Describe what happened.")
        category = request.env["care.complaint.category"]
        if form["category_id"]:
            categories = self._complaint_portal_categories()
            category = categories.filtered(lambda c: str(c.id) == form["category_id"])
            if not category:
                error["category_id"] = _("Choose a category from the list.")
        files, error["attachments"] = self._complaint_new_files()
        error = {key: message for key, message in error.items() if message}
        if error:
            return request.render(
                "customer_care.portal_new_complaint",
                self._complaint_new_values(form=form, error=error),
            )
        partner = request.env.user.partner_id
        # sudo: customers may not create complaints; the form was checked, and the
        # complaint is the user's own, in their company.
        complaint = (
            request.env["care.complaint"]
            .sudo()
            .create(
                {
                    "name": form["name"],
                    "description": plaintext2html(form["description"]),
                    "customer_words": form["description"],
                    "category_id": category.id,
                    "partner_id": partner.id,
                    "channel": "portal",
                    "company_id": self._complaint_portal_company().id,
                    "user_id": False,
                }
            )
        )
        complaint._care_assign_on_arrival()
        complaint.message_subscribe(partner_ids=partner.ids)
        if files:
            self._complaint_post_files(complaint, partner, files)
        return request.redirect(complaint.access_url)

    def _complaint_new_files(self):
        """The files sent with a new complaint, checked: ([(name, data)], error)."""
        uploads = [
            upload
            for upload in request.httprequest.files.getlist("attachments")
            if upload.filename
        ]
        if len(uploads) > PORTAL_FILE_MAX_COUNT:
            return [], _("Attach at most %(count)s files.", count=PORTAL_FILE_MAX_COUNT)
        files = []
        Complaint = request.env["care.complaint"]
        for upload in uploads:
            data = upload.read()
            try:
                Complaint._care_check_portal_file(upload.filename, data)
            except UserError as error:
                return [], error.args[0]
            files.append((upload.filename, data))
        return files, None

    def _complaint_post_files(self, complaint, partner, files):
        """The customer's files, in the complaint's history as their message;
        readable by those who read the complaint and by the customer's token."""
        Attachment = request.env["ir.attachment"]
        # sudo: customers may not write the complaint the files belong to; they
        # were checked, and the complaint is the one the customer just filed.
        # Made pending, as the composer's uploads are: posting links them.
        attachments = Attachment.sudo().create(
            [
                {
                    "name": name,
                    "raw": data,
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                    "access_token": Attachment._generate_access_token(),
                }
                for name, data in files
            ]
        )
        complaint.message_post(
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachment_ids=attachments.ids,
        )
