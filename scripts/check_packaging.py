"""Check that ``pip install .`` put customer_care where Odoo finds it.

Usage: PYTHONPATH=DIR python check_packaging.py DIR, after
``pip install --target DIR .``; Odoo's addons path is left at its default.
"""

import os
import sys

import odoo
from odoo.modules.module import get_manifest, get_module_path


def main(target):
    odoo.tools.config.parse_config([])
    path = get_module_path("customer_care")
    if not path or not os.path.realpath(path).startswith(os.path.realpath(target)):
        sys.exit(f"Odoo does not find the pip-installed customer_care (found {path!r})")
    manifest = get_manifest("customer_care")
    migrations = os.path.join(
        os.path.dirname(__file__), "..", "customer_care", "migrations"
    )
    scripts = [
        os.path.relpath(os.path.join(folder, name), os.path.dirname(migrations))
        for folder, _dirs, names in os.walk(migrations)
        for name in names
        if name.endswith(".py")
    ]
    for data_file in manifest["data"] + manifest["demo"] + scripts:
        if not os.path.isfile(os.path.join(path, data_file)):
            sys.exit(f"the installed addon lacks {data_file}")
    version = manifest["version"]
    sys.stdout.write(f"pip install . puts customer_care {version} at {path}\n")


if __name__ == "__main__":
    main(sys.argv[1])
