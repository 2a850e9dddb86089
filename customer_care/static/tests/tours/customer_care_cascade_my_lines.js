import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("customer_care_cascade_my_lines", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Customer Care app",
            trigger: ".o_app[data-menu-xmlid='customer_care.customer_care_menu_root']",
            run: "click",
        },
        {
            content: "Open the Management menu",
            trigger: ".o_menu_sections button:contains('Management')",
            run: "click",
        },
        {
            content: "Open my checklist lines",
            trigger: ".dropdown-item[data-menu-xmlid='customer_care.care_cascade_review_line_menu_my']",
            run: "click",
        },
        {
            content: "Edit the status of my line",
            trigger: ".o_data_row:contains('Tour standards signed') .o_data_cell[name=status]",
            run: "click",
        },
        {
            trigger: ".o_data_row .o_field_widget[name=status] select",
            run: 'select "done"',
        },
        {
            content: "Write the evidence",
            trigger: ".o_data_row .o_field_widget[name=evidence_note] textarea, .o_data_row .o_field_widget[name=evidence_note] input",
            run: "edit Everyone signed on Monday",
        },
        {
            content: "Save the line",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            trigger: ".o_data_row:contains('Everyone signed on Monday')",
        },
        {
            content: "Open the Management menu",
            trigger: ".o_menu_sections button:contains('Management')",
            run: "click",
        },
        {
            content: "Open the service standards",
            trigger: ".dropdown-item[data-menu-xmlid='customer_care.care_service_standard_menu']",
            run: "click",
        },
        {
            content: "Acknowledge the telephone standard",
            trigger: ".o_data_row:contains('Answer the telephone within two rings') button[name=action_acknowledge]",
            run: "click",
        },
        {
            content: "It is acknowledged",
            trigger: ".o_data_row:contains('Answer the telephone within two rings'):not(:has(button[name=action_acknowledge]))",
        },
    ],
});
