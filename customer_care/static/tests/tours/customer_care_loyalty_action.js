import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("customer_care_loyalty_action", {
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
            content: "Look for the customer",
            trigger: ".o_searchview_input",
            run: "edit Tour Loyal Customer",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Open the customer",
            trigger: ".o_kanban_record:contains('Tour Loyal Customer')",
            run: "click",
        },
        {
            content: "Open the customer's loyalty actions",
            trigger: "button[name=action_view_care_loyalty_actions]",
            run: "click",
        },
        {
            content: "Plan a loyalty action",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "A small gift",
            trigger: ".o_field_widget[name=type_id] input",
            run: "edit Small gift",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Small gift')",
            run: "click",
        },
        {
            content: "Named after the type and the customer",
            trigger: ".o_field_widget[name=name]:contains('Small gift - Tour Loyal Customer')",
        },
        {
            content: "Save the action",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            content: "Mark the gift done",
            trigger: ".o_form_statusbar button[name=action_done]",
            run: "click",
        },
        {
            content: "The gift is done",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
        {
            content: "Back to the customer's actions",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('Loyalty Actions')",
            run: "click",
        },
        {
            content: "Open the planned greeting",
            trigger: ".o_data_row:contains('Greeting') .o_data_cell[name=type_id]",
            run: "click",
        },
        {
            content: "Send it by e-mail",
            trigger: ".o_form_statusbar button[name=action_compose_email]",
            run: "click",
        },
        {
            content: "The composer shows the template, rendered for the customer",
            trigger: ".modal .o_field_widget[name=body]:contains('Tour Loyal Customer')",
        },
        {
            content: "Add a line of one's own",
            trigger: ".modal .o_field_widget[name=body] .odoo-editor-editable p:first",
            run: "editor A word from your salesperson.",
        },
        {
            content: "Send",
            trigger: ".modal .o_mail_send",
            run: "click",
        },
        {
            content: "The greeting is done",
            trigger: "body:not(:has(.modal)) .o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
    ],
});
