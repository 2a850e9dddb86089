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
            content: "Open the Customer Care tab",
            trigger: ".o_notebook .nav-link:contains('Customer Care')",
            run: "click",
        },
        {
            content: "Plan a loyalty action",
            trigger: ".o_field_widget[name=care_loyalty_action_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "A small gift",
            trigger: ".o_field_widget[name=care_loyalty_action_ids] .o_data_row .o_field_widget[name=type_id] input",
            run: "edit Small gift",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Small gift')",
            run: "click",
        },
        {
            content: "Save the customer",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            content: "Mark the gift done",
            trigger: ".o_field_widget[name=care_loyalty_action_ids] .o_data_row button[name=action_done]",
            run: "click",
        },
        {
            content: "The gift is done",
            trigger: ".o_field_widget[name=care_loyalty_action_ids] .o_data_row:contains('Done')",
        },
    ],
});
