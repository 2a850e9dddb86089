import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("customer_care_cascade_review", {
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
            content: "Open the CASCADE reviews",
            trigger: ".dropdown-item[data-menu-xmlid='customer_care.care_cascade_review_menu']",
            run: "click",
        },
        {
            content: "Create a review",
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        {
            content: "For the tour team",
            trigger: ".o_field_widget[name=team_id] input",
            run: "edit Tour Care Team",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Tour Care Team')",
            run: "click",
        },
        {
            content: "Period start",
            trigger: ".o_field_widget[name=date_start] input",
            run: "edit 10/01/2026",
        },
        {
            content: "Period end",
            trigger: ".o_field_widget[name=date_end] input",
            run: "edit 10/31/2026",
        },
        {
            trigger: ".o_field_widget[name=date_end] input",
            run: "press Enter",
        },
        {
            content: "Save the review",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            content: "Start it: the checklist is copied",
            trigger: "button[name=action_start]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains('Tour signed commitment')",
        },
        {
            content: "Open the line's status",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains('Tour signed commitment') .o_data_cell[name=status]",
            run: "click",
        },
        {
            content: "The line is done",
            trigger: ".o_field_widget[name=line_ids] .o_data_row .o_field_widget[name=status] select",
            run: 'select "done"',
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The element's progress shows",
            trigger: ".o_care_cascade_progress .o_care_cascade_element[data-element='Commitment'] .o_care_cascade_value:contains('100%')",
        },
        {
            content: "Close the review",
            trigger: "button[name=action_close]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The review is done",
            trigger: ".o_statusbar_status button[data-value='done'][aria-checked='true']",
        },
        {
            content: "Back to the reviews",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb li.breadcrumb-item a",
            run: "click",
        },
        {
            content: "The kanban card shows a bar per element",
            trigger: ".o_kanban_record:contains('Tour Care Team') .o_care_cascade_progress .progress-bar",
        },
    ],
});
