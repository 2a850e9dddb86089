import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("customer_care_partner_qualification", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Customer Care app",
            trigger: ".o_app[data-menu-xmlid='customer_care.customer_care_menu_root']",
            run: "click",
        },
        {
            content: "Staff land on My Day",
            trigger: ".o_care_my_day",
        },
        {
            content: "Open the customers",
            trigger: ".o_menu_sections [data-menu-xmlid='customer_care.customer_care_menu_customers']",
            run: "click",
        },
        {
            trigger: ".dropdown-item[data-menu-xmlid='customer_care.res_partner_menu_customers']",
            run: "click",
        },
        {
            content: "Look for the prospect",
            trigger: ".o_searchview_input",
            run: "edit Tour Prospect",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Open the prospect",
            trigger: ".o_kanban_record:contains('Tour Prospect Ltd')",
            run: "click",
        },
        {
            content: "Open the Customer Care tab",
            trigger: ".o_notebook .nav-link:contains('Customer Care')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=man_status]:contains('Not Started')",
        },
        {
            content: "Money: yes",
            trigger: ".o_field_widget[name=man_money] input[data-value=yes]",
            run: "click",
        },
        {
            content: "Note the budget",
            trigger: ".o_field_widget[name=man_money_note] input",
            run: "edit budget 20k approved",
        },
        {
            content: "Authority: yes",
            trigger: ".o_field_widget[name=man_authority] input[data-value=yes]",
            run: "click",
        },
        {
            content: "Need: yes",
            trigger: ".o_field_widget[name=man_need] input[data-value=yes]",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The partner is qualified",
            trigger: ".o_form_saved .o_field_widget[name=man_status]:contains('Qualified')",
        },
    ],
});
