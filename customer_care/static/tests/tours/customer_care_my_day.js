import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// Language-neutral selectors: the tour runs in English and in Vietnamese.
const record = (text) => `.o_care_my_day .o_kanban_record:contains('${text}')`;
const standards = ".o_care_my_day .o_kanban_record:has(.o_care_acknowledge)";

registry.category("web_tour.tours").add("customer_care_my_day", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Customer Care app",
            trigger: ".o_app[data-menu-xmlid='customer_care.customer_care_menu_root']",
            run: "click",
        },
        {
            content: "Staff land on My Day: the oldest action first, flagged overdue",
            trigger: `.o_care_my_day .o_kanban_group:first .o_kanban_record:first:contains('Tour Late Customer') .o_care_overdue_badge`,
        },
        {
            content: "Mark the call done from its card",
            trigger: `${record("Tour Late Customer")} button[name=action_done]`,
            run: "click",
        },
        {
            content: "The call has left My Day",
            trigger: `.o_care_my_day:not(:has(.o_kanban_record:contains('Tour Late Customer')))`,
        },
        {
            content: "One card for all the standards to read: open them",
            trigger: `${standards} .o_care_read_standards`,
            run: "click",
        },
        {
            content: "Both standards are listed",
            trigger: ".o_list_view .o_data_row:contains('Tour answer within two rings') ~ .o_data_row:contains('Tour smile on the phone'), .o_list_view .o_data_row:contains('Tour smile on the phone') ~ .o_data_row:contains('Tour answer within two rings')",
        },
        {
            content: "Back to My Day",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "Acknowledge them all from the card",
            trigger: `${standards} button[name=action_acknowledge]`,
            run: "click",
        },
        {
            content: "Confirm having read them",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The card has left My Day",
            trigger: `.o_care_my_day:not(:has(.o_care_acknowledge))`,
        },
        {
            content: "Open the calendar",
            trigger: ".o_switch_view.o_calendar",
            run: "click",
        },
        {
            content: "Open today's e-mail",
            trigger: ".fc-event:contains('Tour Mail Customer')",
            run: "click",
        },
        {
            content: "Send it from the calendar",
            trigger: ".o_cw_popover .o_care_send",
            run: "click",
        },
        {
            content: "It has left the calendar",
            trigger: ".o_calendar_view:not(:has(.fc-event:contains('Tour Mail Customer')))",
        },
        {
            content: "Open the loyalty work queue",
            trigger: ".o_menu_sections [data-menu-xmlid='customer_care.customer_care_menu_loyalty']",
            run: "click",
        },
        {
            trigger: ".dropdown-item[data-menu-xmlid='customer_care.care_loyalty_action_menu']",
            run: "click",
        },
        {
            content: "The work queue opens as a kanban by type",
            trigger: ".o_kanban_view .o_kanban_group",
        },
        {
            content: "Quick-create a gift in the Small gift column",
            trigger: ".o_kanban_group:contains('Tour Gift Type') .o_kanban_quick_add",
            run: "click",
        },
        {
            trigger: ".o_kanban_quick_create .o_field_widget[name=partner_id] input",
            run: "edit Tour Quick Customer",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Tour Quick Customer')",
            run: "click",
        },
        {
            trigger: ".o_kanban_quick_create .o_kanban_add",
            run: "click",
        },
        {
            content: "The new card shows, without an error",
            trigger: ".o_kanban_group:contains('Tour Gift Type') .o_kanban_record:contains('Tour Quick Customer')",
        },
    ],
});
