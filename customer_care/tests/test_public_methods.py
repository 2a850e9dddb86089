import ast
import inspect
import xmlrpc.client
from pathlib import Path

from odoo.tests import TransactionCase, tagged

from .common import CustomerCareCommon

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
# Called by the ORM, never over the external API.
ORM_HOOKS = {"init"}


def methods_without_value(source, filename):
    """Public methods of the classes in ``source`` that can end without
    returning a value: XML-RPC cannot carry None."""
    missing = []
    tree = ast.parse(source)
    for cls in (node for node in tree.body if isinstance(node, ast.ClassDef)):
        for func in cls.body:
            if not isinstance(func, ast.FunctionDef):
                continue
            if func.name.startswith("_") or func.name in ORM_HOOKS:
                continue
            returns = [n for n in ast.walk(func) if isinstance(n, ast.Return)]
            if (
                not isinstance(func.body[-1], ast.Return | ast.Raise)
                or not returns
                or any(r.value is None for r in returns)
            ):
                missing.append(f"{filename}: {cls.name}.{func.name}")
    return missing


@tagged("post_install", "-at_install")
class TestPublicMethodsSource(TransactionCase):
    def test_every_public_method_returns_a_value(self):
        missing = []
        for path in sorted(MODELS_DIR.glob("*.py")):
            missing += methods_without_value(path.read_text(), path.name)
        self.assertEqual(missing, [])

    def test_the_check_finds_methods_that_can_return_nothing(self):
        source = inspect.cleandoc(
            """
            class Model:
                def action_done(self):
                    self.write({})

                def action_maybe(self):
                    if self:
                        return True

                def action_bare(self):
                    return

                def action_ok(self):
                    return True

                def _private(self):
                    pass
            """
        )
        self.assertEqual(
            methods_without_value(source, "m.py"),
            [
                "m.py: Model.action_done",
                "m.py: Model.action_maybe",
                "m.py: Model.action_bare",
            ],
        )


@tagged("post_install", "-at_install")
class TestPublicMethodsOverXmlRpc(CustomerCareCommon):
    def marshal(self, value):
        """What the XML-RPC server does with a method's result."""
        return xmlrpc.client.dumps((value,), methodresponse=True, allow_none=False)

    def test_loyalty_buttons_answer_something_xml_rpc_carries(self):
        action_type = self.env["care.loyalty.action.type"].create(
            {"name": "Call", "channel": "phone", "kind": "follow_up"}
        )
        action = (
            self.env["care.loyalty.action"]
            .with_user(self.user_care)
            .create({"partner_id": self.prospect.id, "type_id": action_type.id})
        )
        for method in ("action_cancel", "action_reset_planned", "action_done"):
            with self.subTest(method=method):
                self.marshal(getattr(action, method)())
        self.assertEqual(action.state, "done")
