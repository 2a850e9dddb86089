import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// Language-neutral selectors: the tour runs in English and in Vietnamese.
const card = ".o_care_overview .o_kanban_record:contains('Tour Care Team')";

registry.category("web_tour.tours").add("customer_care_overview", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Customer Care app",
            trigger: ".o_app[data-menu-xmlid='customer_care.customer_care_menu_root']",
            run: "click",
        },
        {
            content: "A manager lands on the team overview",
            trigger: `${card} .o_care_overdue:contains('1')`,
        },
        {
            content: "Every counter and widget of the card is drawn",
            trigger: `${card} .o_care_week:contains('1')`,
        },
        {
            content: "The team's current review, named after the team",
            trigger: `${card} .o_care_review:contains('Tour Care Team')`,
        },
        {
            trigger: `${card} .o_care_cascade_element`,
        },
        {
            trigger: `${card} .o_field_many2many_avatar_user .o_m2m_avatar`,
        },
        {
            trigger: `${card} .o_dashboard_graph canvas`,
        },
        {
            content: "Open the overdue loyalty actions",
            trigger: `${card} .o_care_overdue`,
            run: "click",
        },
        {
            content: "The overdue action of the team is listed",
            trigger: ".o_list_view .o_data_row:contains('Tour Late Customer')",
        },
        {
            content: "Back to the overview",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            trigger: `${card} .o_care_overdue`,
        },
        {
            content: "Open My Day",
            trigger: ".o_menu_sections [data-menu-xmlid='customer_care.customer_care_menu_my_day']",
            run: "click",
        },
        {
            content: "The manager's own work: one card for the standards to read",
            trigger: ".o_care_my_day .o_kanban_record .o_care_read_standards",
        },
    ],
});
