from odoo import http
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.base.controllers.rpc import dumps

from .common import RatedComplaintCase, ReferralCommon


@tagged("post_install", "-at_install")
class TestCleanHttpAnswers(RatedComplaintCase):
    """A bad link or form is the client's mistake: a clean 4xx, no server error
    and no warning in the log."""

    def assertClientError(self, response, code):
        self.assertEqual(response.status_code, code, response.text[:500])

    def submit(self, rate):
        self.authenticate(None, None)
        return self.url_open(
            f"/rate/{self.token}/submit_feedback",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "rate": rate,
                "feedback": "Wrong size.",
            },
        )

    def test_rating_page_with_a_rate_not_offered(self):
        with self.assertNoLogs("odoo", "WARNING"):
            self.assertClientError(self.url_open(f"/rate/{self.token}/7"), 404)
            self.assertClientError(self.url_open(f"/rate/{self.token}/0"), 404)
            self.assertClientError(self.url_open(f"/rate/{self.token}/-1"), 404)
        # The rates offered still open the page.
        self.assertEqual(self.url_open(f"/rate/{self.token}/3").status_code, 200)

    def test_rating_posted_with_a_rate_not_offered(self):
        with self.assertNoLogs("odoo", "WARNING"):
            self.assertClientError(self.submit("abc"), 400)
            self.assertClientError(self.submit("7"), 400)
            self.assertClientError(self.submit(""), 400)
        self.assertFalse(self.complaint.rating_ids.filtered("consumed"))
        self.assertEqual(self.submit("5").status_code, 200)
        self.assertEqual(self.complaint.rating_last_value, 5)

    def test_rating_with_an_unknown_token(self):
        with self.assertNoLogs("odoo", "WARNING"):
            self.assertClientError(self.url_open("/rate/no-such-token/5"), 404)

    def test_complaint_page_with_a_wrong_id_or_token(self):
        url = f"/my/complaints/{self.complaint.id}"
        missing = self.env["care.complaint"].search([], order="id desc", limit=1)
        with self.assertNoLogs("odoo", "WARNING"):
            self.assertClientError(self.url_open(f"{url}?access_token=wrong"), 404)
            self.assertClientError(self.url_open(url), 404)
            self.assertClientError(
                self.url_open(f"/my/complaints/{missing.id + 1000}"), 404
            )
        # The right token still opens it.
        self.complaint._portal_ensure_token()
        response = self.url_open(f"{url}?access_token={self.complaint.access_token}")
        self.assertEqual(response.status_code, 200)

    def post_message(self, token):
        """An anonymous visitor posts on the complaint's chatter with ``token``."""
        self.authenticate(None, None)
        return self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "care.complaint",
                "thread_id": self.complaint.id,
                "post_data": {"body": "Anonymous words", "message_type": "comment"},
                "token": token,
            },
        )

    def upload(self, token):
        self.authenticate(None, None)
        return self.url_open(
            "/mail/attachment/upload",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "thread_id": self.complaint.id,
                "thread_model": "care.complaint",
                "token": token,
            },
            files={"ufile": ("note.txt", b"Anonymous file", "text/plain")},
        )

    def test_chatter_with_a_wrong_token(self):
        """Every complaint has a token from its creation; a wrong one is a
        clean 404 on Odoo's chatter routes, and nothing is posted."""
        self.assertTrue(self.complaint.access_token)
        messages = self.complaint.message_ids
        with self.assertNoLogs("odoo", "WARNING"):
            for token in ("wrong", ""):
                with self.assertRaises(JsonRpcException) as refused:
                    self.post_message(token)
                self.assertEqual(refused.exception.code, 404)
                self.assertEqual(str(refused.exception), "werkzeug.exceptions.NotFound")
                self.assertClientError(self.upload(token), 404)
        self.assertEqual(self.complaint.message_ids, messages)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "care.complaint"), ("name", "=", "note.txt")]
            )
        )
        # The complaint's own token opens both.
        self.post_message(self.complaint.access_token)
        self.assertIn("Anonymous words", self.complaint.message_ids[0].body)
        self.assertEqual(self.upload(self.complaint.access_token).status_code, 200)


@tagged("post_install", "-at_install")
class TestCleanRpcAnswers(ReferralCommon):
    """The account.move buttons the addon extends answer XML-RPC: Odoo's None
    is not passed on."""

    def test_reset_to_draft_and_cancel_answer_a_value(self):
        invoice = self.make_invoice(self.referred, 1000.0)
        result = invoice.button_draft()
        self.assertIs(result, True)
        self.assertEqual(invoice.state, "draft")
        dumps((result,))
        result = invoice.button_cancel()
        self.assertIs(result, True)
        self.assertEqual(invoice.state, "cancel")
        dumps((result,))
