import { registry } from "@web/core/registry";

// A manager reads the Customer Satisfaction report of their team and the
// Retention report (as last computed, its name saying when), in their language.
registry.category("web_tour.tours").add("customer_care_satisfaction_reports", {
    url: "/odoo/action-customer_care.care_satisfaction_report_action",
    steps: () => [
        {
            content: "The Customer Satisfaction pivot is shown",
            trigger: ".o_pivot .o_pivot_header_cell_closed",
        },
        {
            content: "Switch to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The answer recommends us at 9",
            trigger: ".o_data_row:contains('Tour Retention Customer') td[name=nps_value]:contains('9')",
        },
        {
            content: "and scores 4 of 5",
            trigger: ".o_data_row:contains('Tour Retention Customer') td[name=rater_score]:contains('4')",
        },
        {
            content: "Open the Management menu",
            trigger: ".o_menu_sections button[data-menu-xmlid='customer_care.customer_care_menu_management']",
            run: "click",
        },
        {
            content: "Open Retention",
            trigger: ".dropdown-item[data-menu-xmlid='customer_care.care_retention_report_menu']",
            run: "click",
        },
        {
            content: "The pivot shows the segments",
            trigger: ".o_pivot .o_pivot_header_cell_closed",
        },
        {
            content: "Its title says when the figures were computed",
            trigger: ".o_breadcrumb .active:contains('2')",
        },
        {
            content: "Switch to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The complaint resolved quickly is there, its window elapsed",
            trigger: ".o_data_row:contains('Tour Retention Customer') td[name=segment]",
        },
    ],
});
