"""Installs the customer_care addon into Odoo's ``odoo.addons`` namespace.

``pip install .`` puts it at ``odoo/addons/customer_care`` in site-packages, where
Odoo finds it without an --addons-path entry. Odoo itself is not a dependency
here: it does not come from PyPI (see README.md).
"""

import ast
import os

from setuptools import setup

ADDON = "customer_care"
HERE = os.path.dirname(os.path.abspath(__file__))

with open(os.path.join(HERE, ADDON, "__manifest__.py"), encoding="utf-8") as manifest:
    MANIFEST = ast.literal_eval(manifest.read())

packages, package_data = [], {}
for dirpath, _dirnames, filenames in os.walk(os.path.join(HERE, ADDON)):
    if "__pycache__" in dirpath:
        continue
    relative = os.path.relpath(dirpath, HERE)
    if "__init__.py" in filenames:
        packages.append("odoo.addons." + relative.replace(os.sep, "."))
    # Data files (XML, CSV, PO, JS, images) of a folder belong to the nearest package.
    package_dir = relative
    while not os.path.exists(os.path.join(HERE, package_dir, "__init__.py")):
        package_dir = os.path.dirname(package_dir)
    package = "odoo.addons." + package_dir.replace(os.sep, ".")
    for filename in filenames:
        # Modules of a package are packaged as such; the scripts of migrations/
        # (a folder without __init__.py) are data that Odoo runs on upgrade.
        if filename.endswith(".pyc") or (
            filename.endswith(".py") and package_dir == relative
        ):
            continue
        package_data.setdefault(package, []).append(
            os.path.relpath(os.path.join(relative, filename), package_dir)
        )

setup(
    name="odoo-addon-" + ADDON.replace("_", "-"),
    version=MANIFEST["version"],
    description=MANIFEST["summary"],
    license=MANIFEST["license"],
    packages=packages,
    package_dir={"odoo.addons." + ADDON: ADDON},
    package_data=package_data,
    python_requires=">=3.10",
    zip_safe=False,
)
