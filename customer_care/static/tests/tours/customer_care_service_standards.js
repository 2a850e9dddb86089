import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A manager reads the service standards report, then starts the team's review:
// the line bound to "standards met" is filled from the figure.
registry.category("web_tour.tours").add("customer_care_service_standards", {
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
            trigger: ".o_menu_sections button[data-menu-xmlid='customer_care.customer_care_menu_management']",
            run: "click",
        },
        {
            content: "Open the service standards report",
            trigger: ".dropdown-item[data-menu-xmlid='customer_care.care_service_deadline_report_menu']",
            run: "click",
        },
        {
            content: "The standard's group: its team, with the team's true figures",
            trigger: ".o_group_name:contains('Tour reply standard')",
            run: "click",
        },
        {
            content: "The team's group: two of three met (66.7 %), the median of the hours",
            trigger:
                ".o_group_header:contains('Tour Standards Team'):contains('66'):contains('02:00')",
        },
        {
            content: "The standard's own group counts each deadline once",
            trigger: ".o_group_header:contains('Tour reply standard (3)')",
        },
        {
            content: "Open the Management menu again",
            trigger: ".o_menu_sections button[data-menu-xmlid='customer_care.customer_care_menu_management']",
            run: "click",
        },
        {
            content: "Open the CASCADE reviews",
            trigger: ".dropdown-item[data-menu-xmlid='customer_care.care_cascade_review_menu']",
            run: "click",
        },
        {
            content: "Open the team's draft review",
            trigger: ".o_kanban_record:contains('Tour Standards Team')",
            run: "click",
        },
        {
            content: "Start it",
            trigger: "button[name=action_start]",
            run: "click",
        },
        {
            content: "The measured line is done, from the figure",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains('Tour standards are met') td[name=indicator_value]:contains('66')",
        },
        {
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains('Tour standards are met') td[name=evidence_note]:contains('66')",
        },
        {
            content: "Its status is not a choice",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains('Tour standards are met') td[name=status].o_readonly_modifier",
        },
    ],
});
