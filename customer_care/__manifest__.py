{
    "name": "Customer Care",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Customer care (CSKH): internal and external customers, "
    "MAN qualification of prospects, buying roles",
    "author": "customer_care authors",
    "website": "https://github.com/customer-care/customer_care",
    "license": "LGPL-3",
    "depends": ["contacts", "mail", "crm", "sale_management"],
    "data": [
        "security/customer_care_groups.xml",
        "security/ir.model.access.csv",
        "security/customer_care_security.xml",
        "report/care_loyalty_action_reports.xml",
        "data/mail_template_data.xml",
        "data/care_loyalty_action_type_data.xml",
        "data/ir_cron_data.xml",
        "views/care_loyalty_action_type_views.xml",
        "views/care_loyalty_action_views.xml",
        "views/res_config_settings_views.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/customer_care_menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/care_loyalty_action_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "customer_care/static/tests/tours/**/*",
        ],
    },
    "application": True,
    "installable": True,
}
