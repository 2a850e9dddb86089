import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("customer_care_referral_payout", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Customer Care app",
            trigger: ".o_app[data-menu-xmlid='customer_care.customer_care_menu_root']",
            run: "click",
        },
        {
            content: "Open the Referrals menu",
            trigger: ".o_menu_sections button:contains('Referrals')",
            run: "click",
        },
        {
            content: "Open the referral commissions",
            trigger: ".dropdown-item[data-menu-xmlid='customer_care.care_referral_commission_menu']",
            run: "click",
        },
        {
            content: "Open the commission earned by the tour referrer",
            trigger: ".o_data_row:contains('Tour Referrer Hai') .o_data_cell[name=partner_id]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=amount]:contains('60.00')",
        },
        {
            content: "Approve it",
            trigger: "button[name=action_approve]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Approved')",
        },
        {
            content: "Pay the referrer",
            trigger: "button[name=action_pay]",
            run: "click",
        },
        {
            content: "The dialog shows the referrer and the total before anything is made",
            trigger: ".modal .o_care_payout_summary td:contains('Tour Referrer Hai')",
        },
        {
            trigger: ".modal .o_care_payout_summary td:contains('60.00')",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The draft vendor bill for the referrer opens, for accounting to post",
            trigger: ".o_form_view .o_field_widget[name=partner_id] input:value(Tour Referrer Hai)",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Draft')",
        },
    ],
});
