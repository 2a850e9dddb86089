import odoo.tests

from odoo.addons.web.tests import test_js as web_test_js
from odoo.addons.web.tests.test_js import unit_test_error_checker


@odoo.tests.tagged("post_install", "-at_install")
class TestCustomerCareHoot(odoo.tests.HttpCase):
    """The HOOT unit tests of customer_care: every file of static/tests/ but the
    tours, in hoot's suite "@customer_care" (e.g.
    "@customer_care/phrase_check/phrase_matcher")."""

    @odoo.tests.no_retry
    def test_unit_desktop(self):
        suite_id = web_test_js.HOOTCommon._generate_hash(None, "@customer_care")
        self.browser_js(
            f"/web/tests?headless&loglevel=2&preset=desktop&timeout=15000&id={suite_id}",
            "",
            "",
            login="admin",
            timeout=1800,
            success_signal="[HOOT] Test suite succeeded",
            error_checker=unit_test_error_checker,
        )
